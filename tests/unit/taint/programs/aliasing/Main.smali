.class public Lcom/piflow/families/aliasing/Main;
.super Landroid/app/Activity;

# Two registers point to one object: the IMEI stored through one is read through the other (leak in
# alias()). Two distinct objects of the same class do not share fields (no leak in distinct()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/aliasing/Main;->alias()V
    invoke-virtual {p0}, Lcom/piflow/families/aliasing/Main;->distinct()V
    return-void
.end method

.method public alias()V
    .locals 4
    new-instance v0, Lcom/piflow/families/aliasing/Box;
    invoke-direct {v0}, Lcom/piflow/families/aliasing/Box;-><init>()V
    move-object v1, v0
    const-string v2, "phone"
    invoke-virtual {p0, v2}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Landroid/telephony/TelephonyManager;
    invoke-virtual {v2}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v2
    iput-object v2, v1, Lcom/piflow/families/aliasing/Box;->a:Ljava/lang/String;
    iget-object v3, v0, Lcom/piflow/families/aliasing/Box;->a:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public distinct()V
    .locals 4
    new-instance v0, Lcom/piflow/families/aliasing/Box;
    invoke-direct {v0}, Lcom/piflow/families/aliasing/Box;-><init>()V
    new-instance v1, Lcom/piflow/families/aliasing/Box;
    invoke-direct {v1}, Lcom/piflow/families/aliasing/Box;-><init>()V
    const-string v3, "x"
    iput-object v3, v0, Lcom/piflow/families/aliasing/Box;->a:Ljava/lang/String;
    const-string v2, "phone"
    invoke-virtual {p0, v2}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Landroid/telephony/TelephonyManager;
    invoke-virtual {v2}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v2
    iput-object v2, v1, Lcom/piflow/families/aliasing/Box;->a:Ljava/lang/String;
    iget-object v3, v0, Lcom/piflow/families/aliasing/Box;->a:Ljava/lang/String;
    const-string v2, "t"
    invoke-static {v2, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
