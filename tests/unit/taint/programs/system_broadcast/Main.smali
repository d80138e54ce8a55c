.class public Lcom/piflow/families/system_broadcast/Main;
.super Landroid/app/Activity;

# A receiver registered in code (not in the manifest) that tests its intent's action against a system
# broadcast carrying PI (PACKAGE_ADDED: which app was installed) gets that broadcast: the package it
# logs is a leak (Watcher.onReceive). A receiver that tests only an action carrying no PI logs
# nothing of it (Quiet.onReceive).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/piflow/families/system_broadcast/Watcher;
    invoke-direct {v0}, Lcom/piflow/families/system_broadcast/Watcher;-><init>()V
    new-instance v1, Landroid/content/IntentFilter;
    const-string v2, "android.intent.action.PACKAGE_ADDED"
    invoke-direct {v1, v2}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0, v1}, Lcom/piflow/families/system_broadcast/Main;->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;
    new-instance v0, Lcom/piflow/families/system_broadcast/Quiet;
    invoke-direct {v0}, Lcom/piflow/families/system_broadcast/Quiet;-><init>()V
    new-instance v1, Landroid/content/IntentFilter;
    const-string v2, "android.intent.action.SCREEN_ON"
    invoke-direct {v1, v2}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0, v1}, Lcom/piflow/families/system_broadcast/Main;->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;
    return-void
.end method
