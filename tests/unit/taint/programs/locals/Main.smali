.class public Lcom/piflow/families/locals/Main;
.super Landroid/app/Activity;

# onCreate: the IMEI goes to the log directly (leak); clean() logs a register that held the IMEI
# and was overwritten with a constant (no leak: registers are updated strongly).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/locals/Main;->imei()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    invoke-virtual {p0}, Lcom/piflow/families/locals/Main;->clean()V
    return-void
.end method

.method public imei()Ljava/lang/String;
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public clean()V
    .locals 2
    invoke-virtual {p0}, Lcom/piflow/families/locals/Main;->imei()Ljava/lang/String;
    move-result-object v0
    const-string v0, "nothing"
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
