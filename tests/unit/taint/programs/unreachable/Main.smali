.class public Lcom/piflow/families/unreachable/Main;
.super Landroid/app/Activity;

# A method that returns a constant decides a branch: the sink behind the branch it never takes does
# not run (no leak in dead()); behind the branch it takes, it does (leak in live()). A switch on a
# Random.nextInt(2) value never reaches case 5 (no leak in switchCase()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/unreachable/Main;->dead()V
    invoke-virtual {p0}, Lcom/piflow/families/unreachable/Main;->live()V
    invoke-virtual {p0}, Lcom/piflow/families/unreachable/Main;->switchCase()V
    return-void
.end method

.method public flag()I
    .locals 1
    const/4 v0, 0x0
    return v0
.end method

.method public dead()V
    .locals 3
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {p0}, Lcom/piflow/families/unreachable/Main;->flag()I
    move-result v1
    if-eqz v1, :skip
    const-string v2, "t"
    invoke-static {v2, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :skip
    return-void
.end method

.method public live()V
    .locals 3
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {p0}, Lcom/piflow/families/unreachable/Main;->flag()I
    move-result v1
    if-nez v1, :skip
    const-string v2, "t"
    invoke-static {v2, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :skip
    return-void
.end method

.method public switchCase()V
    .locals 4
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Ljava/util/Random;
    invoke-direct {v1}, Ljava/util/Random;-><init>()V
    const/4 v2, 0x2
    invoke-virtual {v1, v2}, Ljava/util/Random;->nextInt(I)I
    move-result v1
    sparse-switch v1, :switch_data
    return-void

    :case_5
    const-string v3, "t"
    invoke-static {v3, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void

    :switch_data
    .sparse-switch
        0x5 -> :case_5
    .end sparse-switch
.end method
