.class public Lcom/piflow/families/native/Main;
.super Landroid/app/Activity;

# A native method no bundled library implements may do anything with what it is given: the IMEI handed
# to it leaves the analysed code (native leak in give()); a constant handed to it carries nothing
# (no leak in constant()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/native/Main;->give()V
    invoke-virtual {p0}, Lcom/piflow/families/native/Main;->constant()V
    return-void
.end method

.method public native send(Ljava/lang/String;)V
.end method

.method public give()V
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {p0, v0}, Lcom/piflow/families/native/Main;->send(Ljava/lang/String;)V
    return-void
.end method

.method public constant()V
    .locals 1
    const-string v0, "x"
    invoke-virtual {p0, v0}, Lcom/piflow/families/native/Main;->send(Ljava/lang/String;)V
    return-void
.end method
