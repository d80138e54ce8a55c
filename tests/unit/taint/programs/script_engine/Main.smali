.class public Lcom/piflow/families/script_engine/Main;
.super Landroid/app/Activity;

# Data handed to an embedded script engine (Rhino, bundled as DEX classes) leaves to script code
# the app runs, usually fetched from outside: the IMEI in the Object[] arguments of Function.call
# (leak in callFunction()) and spliced into script text for Context.evaluateString (leak in
# evaluate()). The engine calling its own functions (BoundFunction.call) is no sink site of its
# own. A call on constant arguments (constant()) and script text of constants (constantScript())
# do not leak.

.field public fn:Lorg/mozilla/javascript/Function;
.field public scope:Lorg/mozilla/javascript/Scriptable;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lorg/mozilla/javascript/BoundFunction;
    iget-object v1, p0, Lcom/piflow/families/script_engine/Main;->fn:Lorg/mozilla/javascript/Function;
    invoke-direct {v0, v1}, Lorg/mozilla/javascript/BoundFunction;-><init>(Lorg/mozilla/javascript/Function;)V
    iput-object v0, p0, Lcom/piflow/families/script_engine/Main;->fn:Lorg/mozilla/javascript/Function;
    invoke-virtual {p0}, Lcom/piflow/families/script_engine/Main;->callFunction()V
    invoke-virtual {p0}, Lcom/piflow/families/script_engine/Main;->evaluate()V
    invoke-virtual {p0}, Lcom/piflow/families/script_engine/Main;->constant()V
    invoke-virtual {p0}, Lcom/piflow/families/script_engine/Main;->constantScript()V
    return-void
.end method

.method public imei()Ljava/lang/String;
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public callFunction()V
    .locals 5
    invoke-virtual {p0}, Lcom/piflow/families/script_engine/Main;->imei()Ljava/lang/String;
    move-result-object v0
    const/4 v1, 0x1
    new-array v1, v1, [Ljava/lang/Object;
    const/4 v2, 0x0
    aput-object v0, v1, v2
    invoke-static {}, Lorg/mozilla/javascript/Context;->enter()Lorg/mozilla/javascript/Context;
    move-result-object v2
    iget-object v3, p0, Lcom/piflow/families/script_engine/Main;->scope:Lorg/mozilla/javascript/Scriptable;
    iget-object v4, p0, Lcom/piflow/families/script_engine/Main;->fn:Lorg/mozilla/javascript/Function;
    invoke-interface {v4, v2, v3, v3, v1}, Lorg/mozilla/javascript/Function;->call(Lorg/mozilla/javascript/Context;Lorg/mozilla/javascript/Scriptable;Lorg/mozilla/javascript/Scriptable;[Ljava/lang/Object;)Ljava/lang/Object;
    return-void
.end method

.method public evaluate()V
    .locals 7
    new-instance v0, Ljava/lang/StringBuilder;
    const-string v1, "onSms(\""
    invoke-direct {v0, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0}, Lcom/piflow/families/script_engine/Main;->imei()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v3
    invoke-static {}, Lorg/mozilla/javascript/Context;->enter()Lorg/mozilla/javascript/Context;
    move-result-object v1
    iget-object v2, p0, Lcom/piflow/families/script_engine/Main;->scope:Lorg/mozilla/javascript/Scriptable;
    const-string v4, "cmd"
    const/4 v5, 0x1
    const/4 v6, 0x0
    invoke-virtual/range {v1 .. v6}, Lorg/mozilla/javascript/Context;->evaluateString(Lorg/mozilla/javascript/Scriptable;Ljava/lang/String;Ljava/lang/String;ILjava/lang/Object;)Ljava/lang/Object;
    return-void
.end method

.method public constant()V
    .locals 5
    const-string v0, "hello"
    const/4 v1, 0x1
    new-array v1, v1, [Ljava/lang/Object;
    const/4 v2, 0x0
    aput-object v0, v1, v2
    invoke-static {}, Lorg/mozilla/javascript/Context;->enter()Lorg/mozilla/javascript/Context;
    move-result-object v2
    iget-object v3, p0, Lcom/piflow/families/script_engine/Main;->scope:Lorg/mozilla/javascript/Scriptable;
    iget-object v4, p0, Lcom/piflow/families/script_engine/Main;->fn:Lorg/mozilla/javascript/Function;
    invoke-interface {v4, v2, v3, v3, v1}, Lorg/mozilla/javascript/Function;->call(Lorg/mozilla/javascript/Context;Lorg/mozilla/javascript/Scriptable;Lorg/mozilla/javascript/Scriptable;[Ljava/lang/Object;)Ljava/lang/Object;
    return-void
.end method

.method public constantScript()V
    .locals 7
    invoke-static {}, Lorg/mozilla/javascript/Context;->enter()Lorg/mozilla/javascript/Context;
    move-result-object v1
    iget-object v2, p0, Lcom/piflow/families/script_engine/Main;->scope:Lorg/mozilla/javascript/Scriptable;
    const-string v3, "init()"
    const-string v4, "boot"
    const/4 v5, 0x1
    const/4 v6, 0x0
    invoke-virtual/range {v1 .. v6}, Lorg/mozilla/javascript/Context;->evaluateString(Lorg/mozilla/javascript/Scriptable;Ljava/lang/String;Ljava/lang/String;ILjava/lang/Object;)Ljava/lang/Object;
    return-void
.end method
