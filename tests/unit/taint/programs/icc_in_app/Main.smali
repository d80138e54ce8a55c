.class public Lcom/piflow/families/icc_in_app/Main;
.super Landroid/app/Activity;

# Intents the app sends to its own components are sends that stay in the app: a leak of kind icc at
# the send (Main.toOwn, an explicit intent carrying the IMEI to the app's service), besides the
# data followed to the component (Target.onStartCommand logs it). The same intent addressed to
# another app's component leaves the app (ipc at Main.toOther); one that carries a constant to the
# app's service is no leak (Main.toOwnClean).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_in_app/Main;->toOwn()V
    invoke-direct {p0}, Lcom/piflow/families/icc_in_app/Main;->toOther()V
    invoke-direct {p0}, Lcom/piflow/families/icc_in_app/Main;->toOwnClean()V
    return-void
.end method

.method private imei()Ljava/lang/String;
    .locals 2
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method private toOwn()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-class v1, Lcom/piflow/families/icc_in_app/Target;
    invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    invoke-direct {p0}, Lcom/piflow/families/icc_in_app/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_in_app/Main;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;
    return-void
.end method

.method private toOther()V
    .locals 4
    new-instance v0, Landroid/content/Intent;
    invoke-direct {v0}, Landroid/content/Intent;-><init>()V
    const-string v1, "com.example.other"
    const-string v2, "com.example.other.Inbox"
    invoke-virtual {v0, v1, v2}, Landroid/content/Intent;->setClassName(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-direct {p0}, Lcom/piflow/families/icc_in_app/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_in_app/Main;->startActivity(Landroid/content/Intent;)V
    return-void
.end method

.method private toOwnClean()V
    .locals 3
    new-instance v0, Landroid/content/Intent;
    const-class v1, Lcom/piflow/families/icc_in_app/Target;
    invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    const-string v1, "mode"
    const-string v2, "sync"
    invoke-virtual {v0, v1, v2}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_in_app/Main;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;
    return-void
.end method
