.class public Lcom/piflow/families/dispatch/Main;
.super Landroid/app/Activity;

# A virtual call goes where the receiver's type can dispatch: on an object allocated as Base, show()
# is Base's and does nothing (no leak in Loud.show, though Loud is live and overrides it); on an Echo,
# it is Echo's (leak in Echo.show). other() gives Loud a constant.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/dispatch/Main;->quiet()V
    invoke-virtual {p0}, Lcom/piflow/families/dispatch/Main;->echo()V
    invoke-virtual {p0}, Lcom/piflow/families/dispatch/Main;->other()V
    return-void
.end method

.method public quiet()V
    .locals 2
    new-instance v0, Lcom/piflow/families/dispatch/Base;
    invoke-direct {v0}, Lcom/piflow/families/dispatch/Base;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Lcom/piflow/families/dispatch/Base;->show(Ljava/lang/String;)V
    return-void
.end method

.method public echo()V
    .locals 2
    new-instance v0, Lcom/piflow/families/dispatch/Echo;
    invoke-direct {v0}, Lcom/piflow/families/dispatch/Echo;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Lcom/piflow/families/dispatch/Base;->show(Ljava/lang/String;)V
    return-void
.end method

.method public other()V
    .locals 2
    new-instance v0, Lcom/piflow/families/dispatch/Loud;
    invoke-direct {v0}, Lcom/piflow/families/dispatch/Loud;-><init>()V
    const-string v1, "x"
    invoke-virtual {v0, v1}, Lcom/piflow/families/dispatch/Base;->show(Ljava/lang/String;)V
    return-void
.end method
