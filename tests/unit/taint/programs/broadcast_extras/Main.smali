.class public Lcom/piflow/families/broadcast_extras/Main;
.super Landroid/app/Activity;

# The launcher's own intent is no system broadcast: its "incoming_number" extra is whatever the
# app was started with, nothing the platform read (no leak in Main.onCreate, nor through the helper in Main.viaHelper).
# Main.register registers two receivers in code: one for SMS_RECEIVED, whose "pdus" extra it reads
# without testing the action (leak in Texts.onReceive), one for SCREEN_ON, whose "pdus" extra is
# nothing the platform put there (no leak in Screen.onReceive).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/broadcast_extras/Main;->getIntent()Landroid/content/Intent;
    move-result-object v0
    const-string v1, "incoming_number"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    invoke-direct {p0}, Lcom/piflow/families/broadcast_extras/Main;->viaHelper()V
    invoke-direct {p0}, Lcom/piflow/families/broadcast_extras/Main;->register()V
    return-void
.end method

.method private register()V
    .locals 3
    new-instance v0, Lcom/piflow/families/broadcast_extras/Texts;
    invoke-direct {v0}, Lcom/piflow/families/broadcast_extras/Texts;-><init>()V
    new-instance v1, Landroid/content/IntentFilter;
    const-string v2, "android.provider.Telephony.SMS_RECEIVED"
    invoke-direct {v1, v2}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0, v1}, Lcom/piflow/families/broadcast_extras/Main;->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;
    new-instance v0, Lcom/piflow/families/broadcast_extras/Screen;
    invoke-direct {v0}, Lcom/piflow/families/broadcast_extras/Screen;-><init>()V
    new-instance v1, Landroid/content/IntentFilter;
    const-string v2, "android.intent.action.SCREEN_ON"
    invoke-direct {v1, v2}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0, v1}, Lcom/piflow/families/broadcast_extras/Main;->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;
    return-void
.end method

.method private viaHelper()V
    .locals 2
    invoke-virtual {p0}, Lcom/piflow/families/broadcast_extras/Main;->getIntent()Landroid/content/Intent;
    move-result-object v0
    invoke-static {v0}, Lcom/piflow/families/broadcast_extras/Numbers;->of(Landroid/content/Intent;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
