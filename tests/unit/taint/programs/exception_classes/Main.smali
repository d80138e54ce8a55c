.class public Lcom/piflow/families/exception_classes/Main;
.super Landroid/app/Activity;

# An exception carrying the IMEI reaches the handlers its class admits: a callee's IOException is
# caught by a handler of IOException or Exception (leaks in rightCatch(), superCatch()) but not by one
# of IllegalStateException (no leak in wrongCatch()); an exception a callee catches itself does not
# escape it, not even into a catch-all (no leak in stopped()); one a callee's finally block rethrows
# keeps its class (no leak in rethrown(), which catches IllegalStateException).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->wrongCatch()V
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->rightCatch()V
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->superCatch()V
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->stopped()V
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->rethrown()V
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

.method public wrongCatch()V
    .locals 3
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->imei()Ljava/lang/String;
    move-result-object v0
    :try_start_0
    invoke-static {v0}, Lcom/piflow/families/exception_classes/Thrower;->fail(Ljava/lang/String;)V
    :try_end_0
    .catch Ljava/lang/IllegalStateException; {:try_start_0 .. :try_end_0} :catch_0
    return-void

    :catch_0
    move-exception v1
    invoke-virtual {v1}, Ljava/lang/Throwable;->getMessage()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public rightCatch()V
    .locals 3
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->imei()Ljava/lang/String;
    move-result-object v0
    :try_start_0
    invoke-static {v0}, Lcom/piflow/families/exception_classes/Thrower;->fail(Ljava/lang/String;)V
    :try_end_0
    .catch Ljava/io/IOException; {:try_start_0 .. :try_end_0} :catch_0
    return-void

    :catch_0
    move-exception v1
    invoke-virtual {v1}, Ljava/lang/Throwable;->getMessage()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public superCatch()V
    .locals 3
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->imei()Ljava/lang/String;
    move-result-object v0
    :try_start_0
    invoke-static {v0}, Lcom/piflow/families/exception_classes/Thrower;->fail(Ljava/lang/String;)V
    :try_end_0
    .catch Ljava/lang/Exception; {:try_start_0 .. :try_end_0} :catch_0
    return-void

    :catch_0
    move-exception v1
    invoke-virtual {v1}, Ljava/lang/Throwable;->getMessage()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public stopped()V
    .locals 3
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->imei()Ljava/lang/String;
    move-result-object v0
    :try_start_0
    invoke-static {v0}, Lcom/piflow/families/exception_classes/Thrower;->quietly(Ljava/lang/String;)V
    :try_end_0
    .catch Ljava/lang/Throwable; {:try_start_0 .. :try_end_0} :catch_0
    return-void

    :catch_0
    move-exception v1
    invoke-virtual {v1}, Ljava/lang/Throwable;->getMessage()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
.method public rethrown()V
    .locals 3
    invoke-virtual {p0}, Lcom/piflow/families/exception_classes/Main;->imei()Ljava/lang/String;
    move-result-object v0
    :try_start_0
    invoke-static {v0}, Lcom/piflow/families/exception_classes/Thrower;->rethrow(Ljava/lang/String;)V
    :try_end_0
    .catch Ljava/lang/IllegalStateException; {:try_start_0 .. :try_end_0} :catch_0
    return-void

    :catch_0
    move-exception v1
    invoke-virtual {v1}, Ljava/lang/Throwable;->getMessage()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
