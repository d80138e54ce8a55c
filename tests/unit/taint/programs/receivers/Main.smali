.class public Lcom/piflow/families/receivers/Main;
.super Landroid/app/Activity;

# One call, two possible receivers: each implementation sees only the receivers that dispatch to it.
# A.print reads the name of the A (a constant), not the IMEI the B holds (no leak in A.print);
# C.print reads the IMEI its own receiver holds (leak in C.print).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/receivers/Main;->mixed()V
    invoke-virtual {p0}, Lcom/piflow/families/receivers/Main;->direct()V
    return-void
.end method

.method public mixed()V
    .locals 5
    new-instance v0, Lcom/piflow/families/receivers/A;
    invoke-direct {v0}, Lcom/piflow/families/receivers/A;-><init>()V
    const-string v1, "clean"
    iput-object v1, v0, Lcom/piflow/families/receivers/Shape;->name:Ljava/lang/String;
    new-instance v2, Lcom/piflow/families/receivers/B;
    invoke-direct {v2}, Lcom/piflow/families/receivers/B;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    iput-object v1, v2, Lcom/piflow/families/receivers/Shape;->name:Ljava/lang/String;
    invoke-static {}, Landroid/os/SystemClock;->uptimeMillis()J
    move-result-wide v3
    long-to-int v3, v3
    move-object v4, v0
    if-eqz v3, :pick
    move-object v4, v2
    :pick
    invoke-virtual {v4}, Lcom/piflow/families/receivers/Shape;->print()V
    return-void
.end method

.method public direct()V
    .locals 2
    new-instance v0, Lcom/piflow/families/receivers/C;
    invoke-direct {v0}, Lcom/piflow/families/receivers/C;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    iput-object v1, v0, Lcom/piflow/families/receivers/Shape;->name:Ljava/lang/String;
    invoke-virtual {v0}, Lcom/piflow/families/receivers/Shape;->print()V
    return-void
.end method
