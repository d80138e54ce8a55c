.class public Lcom/piflow/families/constructors/Main;
.super Landroid/app/Activity;

# A fresh object's fields hold what its constructor stored: the field given the IMEI carries it (leak
# in given()); the field the constructor sets to a constant is clean, on this object (no leak in
# fixed()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/constructors/Main;->given()V
    invoke-virtual {p0}, Lcom/piflow/families/constructors/Main;->fixed()V
    return-void
.end method

.method public given()V
    .locals 3
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Lcom/piflow/families/constructors/Box;
    invoke-direct {v1, v0}, Lcom/piflow/families/constructors/Box;-><init>(Ljava/lang/String;)V
    iget-object v0, v1, Lcom/piflow/families/constructors/Box;->a:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public fixed()V
    .locals 3
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Lcom/piflow/families/constructors/Box;
    invoke-direct {v1, v0}, Lcom/piflow/families/constructors/Box;-><init>(Ljava/lang/String;)V
    iget-object v0, v1, Lcom/piflow/families/constructors/Box;->b:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
