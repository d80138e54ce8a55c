.class public Lcom/piflow/families/fields/Main;
.super Landroid/app/Activity;

# Fields are told apart: the IMEI in field a does not taint field b of the same object (no leak in
# other()); a field overwritten with a constant is clean (strong update, no leak in overwritten());
# the field that holds the IMEI leaks (direct()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/fields/Main;->other()V
    invoke-virtual {p0}, Lcom/piflow/families/fields/Main;->overwritten()V
    invoke-virtual {p0}, Lcom/piflow/families/fields/Main;->direct()V
    return-void
.end method

.method public other()V
    .locals 3
    new-instance v0, Lcom/piflow/families/fields/Box;
    invoke-direct {v0}, Lcom/piflow/families/fields/Box;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    iput-object v1, v0, Lcom/piflow/families/fields/Box;->a:Ljava/lang/String;
    const-string v1, "x"
    iput-object v1, v0, Lcom/piflow/families/fields/Box;->b:Ljava/lang/String;
    iget-object v1, v0, Lcom/piflow/families/fields/Box;->b:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public overwritten()V
    .locals 3
    new-instance v0, Lcom/piflow/families/fields/Box;
    invoke-direct {v0}, Lcom/piflow/families/fields/Box;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    iput-object v1, v0, Lcom/piflow/families/fields/Box;->a:Ljava/lang/String;
    const-string v1, "x"
    iput-object v1, v0, Lcom/piflow/families/fields/Box;->a:Ljava/lang/String;
    iget-object v1, v0, Lcom/piflow/families/fields/Box;->a:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public direct()V
    .locals 3
    new-instance v0, Lcom/piflow/families/fields/Box;
    invoke-direct {v0}, Lcom/piflow/families/fields/Box;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    iput-object v1, v0, Lcom/piflow/families/fields/Box;->a:Ljava/lang/String;
    iget-object v1, v0, Lcom/piflow/families/fields/Box;->a:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
