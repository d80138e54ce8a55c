.class public Lcom/piflow/families/icc_implicit/Main;
.super Landroid/app/Activity;

# Intents carrying the IMEI. Implicit ones (an action only) can reach any app whose filter matches:
# an activity start (leak in Main.activity), a service start (Main.service) and a broadcast that the
# app's own Receiver gets too (Main.broadcast; and Receiver.onReceive logs it). Not implicit:
# an explicit intent to the app's Target (no leak at the send; Target.onCreate logs it), an intent
# setPackage'd to another app (Main.packaged stays an ipc send), a broadcast that names a receiver
# permission (Main.permitted, ipc) and a LocalBroadcastManager send (Main.local, ipc). An implicit
# intent with a constant extra (Main.constant) carries no PI.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method private imei()Ljava/lang/String;
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->activity()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->service()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->broadcast()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->explicit()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->packaged()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->permitted()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->local()V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->constant()V
    return-void
.end method

.method private activity()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.VIEW_ID"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit/Main;->startActivity(Landroid/content/Intent;)V
    return-void
.end method

.method private service()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    invoke-direct {v0}, Landroid/content/Intent;-><init>()V
    const-string v1, "com.piflow.families.SYNC"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->setAction(Ljava/lang/String;)Landroid/content/Intent;
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit/Main;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;
    return-void
.end method

.method private broadcast()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.PING"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit/Main;->sendBroadcast(Landroid/content/Intent;)V
    return-void
.end method

.method private explicit()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-class v1, Lcom/piflow/families/icc_implicit/Target;
    invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit/Main;->startActivity(Landroid/content/Intent;)V
    return-void
.end method

.method private packaged()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.OUT"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const-string v1, "com.example.partner"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->setPackage(Ljava/lang/String;)Landroid/content/Intent;
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit/Main;->sendBroadcast(Landroid/content/Intent;)V
    return-void
.end method

.method private permitted()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.OUT"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    const-string v1, "com.piflow.families.permission.PARTNER"
    invoke-virtual {p0, v0, v1}, Lcom/piflow/families/icc_implicit/Main;->sendBroadcast(Landroid/content/Intent;Ljava/lang/String;)V
    return-void
.end method

.method private local()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.OUT"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_implicit/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-static {p0}, Landroidx/localbroadcastmanager/content/LocalBroadcastManager;->getInstance(Landroid/content/Context;)Landroidx/localbroadcastmanager/content/LocalBroadcastManager;
    move-result-object v1
    invoke-virtual {v1, v0}, Landroidx/localbroadcastmanager/content/LocalBroadcastManager;->sendBroadcast(Landroid/content/Intent;)Z
    return-void
.end method

.method private constant()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.VIEW_ID"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const-string v1, "hello"
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit/Main;->startActivity(Landroid/content/Intent;)V
    return-void
.end method
