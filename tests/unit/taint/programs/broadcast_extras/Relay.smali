.class public Lcom/piflow/families/broadcast_extras/Relay;
.super Landroid/app/Service;

# The service the PHONE_STATE receiver hands its intent to: the number extra read here is the
# broadcast's (leak in Relay.onStartCommand); its "state" extra is not (no leak in Relay.quiet).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Service;-><init>()V
    return-void
.end method

.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .locals 1
    const/4 v0, 0x0
    return-object v0
.end method

.method public onStartCommand(Landroid/content/Intent;II)I
    .locals 2
    const-string v0, "incoming_number"
    invoke-virtual {p1, v0}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    invoke-direct {p0, p1}, Lcom/piflow/families/broadcast_extras/Relay;->quiet(Landroid/content/Intent;)V
    const/4 v0, 0x2
    return v0
.end method

.method private quiet(Landroid/content/Intent;)V
    .locals 2
    const-string v0, "state"
    invoke-virtual {p1, v0}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
