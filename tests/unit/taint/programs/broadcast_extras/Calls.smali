.class public Lcom/piflow/families/broadcast_extras/Calls;
.super Landroid/content/BroadcastReceiver;

# A receiver the manifest registers for PHONE_STATE. The PI of that broadcast is its
# "incoming_number" extra, read where the code reads it: in onReceive itself (leak in
# Calls.onReceive), through the Bundle of its extras (Calls.extras), and by a helper of another
# class handed the intent (Calls.viaHelper, through Numbers.of), and by the service the receiver
# hands the same intent to (Relay.onStartCommand). The intent's action and its "state" extra
# carry none (no leak in Calls.quiet, Relay.quiet).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .locals 2
    const-string v0, "incoming_number"
    invoke-virtual {p2, v0}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    invoke-direct {p0, p2}, Lcom/piflow/families/broadcast_extras/Calls;->quiet(Landroid/content/Intent;)V
    invoke-direct {p0, p2}, Lcom/piflow/families/broadcast_extras/Calls;->extras(Landroid/content/Intent;)V
    invoke-direct {p0, p2}, Lcom/piflow/families/broadcast_extras/Calls;->viaHelper(Landroid/content/Intent;)V
    const-class v0, Lcom/piflow/families/broadcast_extras/Relay;
    invoke-virtual {p2, p1, v0}, Landroid/content/Intent;->setClass(Landroid/content/Context;Ljava/lang/Class;)Landroid/content/Intent;
    invoke-virtual {p1, p2}, Landroid/content/Context;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;
    return-void
.end method

.method private quiet(Landroid/content/Intent;)V
    .locals 2
    invoke-virtual {p1}, Landroid/content/Intent;->getAction()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    const-string v0, "state"
    invoke-virtual {p1, v0}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private extras(Landroid/content/Intent;)V
    .locals 2
    invoke-virtual {p1}, Landroid/content/Intent;->getExtras()Landroid/os/Bundle;
    move-result-object v0
    const-string v1, "incoming_number"
    invoke-virtual {v0, v1}, Landroid/os/Bundle;->getString(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private viaHelper(Landroid/content/Intent;)V
    .locals 2
    invoke-static {p1}, Lcom/piflow/families/broadcast_extras/Numbers;->of(Landroid/content/Intent;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
