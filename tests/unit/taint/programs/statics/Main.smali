.class public Lcom/piflow/families/statics/Main;
.super Landroid/app/Activity;

# A static field written in one callback is read in another (leak in onStart); a static field only
# ever holding a constant is clean (no leak in onStop).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    sput-object v0, Lcom/piflow/families/statics/Holder;->id:Ljava/lang/String;
    const-string v0, "x"
    sput-object v0, Lcom/piflow/families/statics/Holder;->name:Ljava/lang/String;
    return-void
.end method

.method protected onStart()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onStart()V
    sget-object v0, Lcom/piflow/families/statics/Holder;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onStop()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onStop()V
    sget-object v0, Lcom/piflow/families/statics/Holder;->name:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
