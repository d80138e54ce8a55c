.class public Lcom/piflow/families/object_text/Main;
.super Landroid/app/Activity;

# Text objects converted to strings: Object.toString on the CharSequence a method returned runs the
# library's toString although Pojo overrides toString (leak in viaObject()), CharSequence.toString
# (viaCharSequence()) and String.valueOf (viaValueOf()) likewise; an app object's toString is its
# own: Pojo's returns a constant although its field holds the IMEI (no leak in pojo()); and a method an
# app class declares runs only app code, whatever its receiver carries: Counter.count on an object read
# from a field returns the constant its one implementation does (no leak in declared()).

.field public static counter:Lcom/piflow/families/object_text/Counter;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->imei()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->viaObject()V
    invoke-virtual {p0, v0}, Lcom/piflow/families/object_text/Main;->viaCharSequence(Ljava/lang/CharSequence;)V
    invoke-virtual {p0, v0}, Lcom/piflow/families/object_text/Main;->viaValueOf(Ljava/lang/Object;)V
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->pojo()V
    new-instance v0, Lcom/piflow/families/object_text/Fixed;
    invoke-direct {v0}, Lcom/piflow/families/object_text/Fixed;-><init>()V
    sput-object v0, Lcom/piflow/families/object_text/Main;->counter:Lcom/piflow/families/object_text/Counter;
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->declared()V
    return-void
.end method

.method public imei()Ljava/lang/CharSequence;
    .locals 2
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Landroid/text/SpannableStringBuilder;
    invoke-direct {v1, v0}, Landroid/text/SpannableStringBuilder;-><init>(Ljava/lang/CharSequence;)V
    return-object v1
.end method

.method public viaObject()V
    .locals 2
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->imei()Ljava/lang/CharSequence;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v1
    const-string v0, "t"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public viaCharSequence(Ljava/lang/CharSequence;)V
    .locals 1
    invoke-interface {p1}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object p1
    const-string v0, "t"
    invoke-static {v0, p1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public viaValueOf(Ljava/lang/Object;)V
    .locals 1
    invoke-static {p1}, Ljava/lang/String;->valueOf(Ljava/lang/Object;)Ljava/lang/String;
    move-result-object p1
    const-string v0, "t"
    invoke-static {v0, p1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public pojo()V
    .locals 2
    new-instance v1, Lcom/piflow/families/object_text/Pojo;
    invoke-direct {v1}, Lcom/piflow/families/object_text/Pojo;-><init>()V
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->imei()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    iput-object v0, v1, Lcom/piflow/families/object_text/Pojo;->name:Ljava/lang/String;
    invoke-virtual {v1}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v1
    const-string v0, "t"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public declared()V
    .locals 2
    sget-object v0, Lcom/piflow/families/object_text/Main;->counter:Lcom/piflow/families/object_text/Counter;
    invoke-virtual {p0}, Lcom/piflow/families/object_text/Main;->imei()Ljava/lang/CharSequence;
    move-result-object v1
    invoke-virtual {v0, v1}, Lcom/piflow/families/object_text/Counter;->count(Ljava/lang/CharSequence;)I
    move-result v0
    invoke-static {v0}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
