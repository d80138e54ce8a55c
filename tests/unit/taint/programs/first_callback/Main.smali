.class public Lcom/piflow/families/first_callback/Main;
.super Landroid/app/Activity;

# The framework calls onCreate first on an instance it has just made: there a field of this holds
# what the constructor stored, not what a later callback writes (no leak in onCreate). onResume
# stores the IMEI in it; onPause, after it, logs it (leak in onPause).

.field private id:Ljava/lang/String;

.method public constructor <init>()V
    .locals 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    const-string v0, "clean"
    iput-object v0, p0, Lcom/piflow/families/first_callback/Main;->id:Ljava/lang/String;
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    iget-object v0, p0, Lcom/piflow/families/first_callback/Main;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onResume()V
    .locals 1
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    iput-object v0, p0, Lcom/piflow/families/first_callback/Main;->id:Ljava/lang/String;
    return-void
.end method

.method protected onPause()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onPause()V
    iget-object v0, p0, Lcom/piflow/families/first_callback/Main;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
