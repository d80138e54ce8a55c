.class public Lcom/piflow/families/handler/Main;
.super Landroid/app/Activity;

# A message sent to the app's own Handler carries the IMEI in its obj; handleMessage logs it (leak in
# Inbox.handleMessage). Sending it stays inside the app.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/piflow/families/handler/Inbox;
    invoke-direct {v0}, Lcom/piflow/families/handler/Inbox;-><init>()V
    invoke-static {}, Landroid/os/Message;->obtain()Landroid/os/Message;
    move-result-object v1
    const-string v2, "phone"
    invoke-virtual {p0, v2}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Landroid/telephony/TelephonyManager;
    invoke-virtual {v2}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v2
    iput-object v2, v1, Landroid/os/Message;->obj:Ljava/lang/Object;
    invoke-virtual {v0, v1}, Landroid/os/Handler;->sendMessage(Landroid/os/Message;)Z
    return-void
.end method
