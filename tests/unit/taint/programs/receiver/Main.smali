.class public Lcom/piflow/families/receiver/Main;
.super Landroid/app/Activity;

# A receiver registered in code for an action gets the broadcast the app sends with that action and the
# IMEI as an extra (leak in Listener.onReceive); the broadcast itself stays inside the app.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 4
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/piflow/families/receiver/Listener;
    invoke-direct {v0}, Lcom/piflow/families/receiver/Listener;-><init>()V
    new-instance v1, Landroid/content/IntentFilter;
    const-string v2, "com.piflow.families.PING"
    invoke-direct {v1, v2}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0, v1}, Lcom/piflow/families/receiver/Main;->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;
    new-instance v1, Landroid/content/Intent;
    invoke-direct {v1, v2}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const-string v3, "phone"
    invoke-virtual {p0, v3}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v3
    check-cast v3, Landroid/telephony/TelephonyManager;
    invoke-virtual {v3}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v3
    const-string v2, "id"
    invoke-virtual {v1, v2, v3}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v1}, Lcom/piflow/families/receiver/Main;->sendBroadcast(Landroid/content/Intent;)V
    return-void
.end method
