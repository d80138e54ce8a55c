.class public Lcom/piflow/families/arrays/Main;
.super Landroid/app/Activity;

# An array element holds the IMEI (leak in element()); an array's length says nothing of its
# contents (no leak in length()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/arrays/Main;->element()V
    invoke-virtual {p0}, Lcom/piflow/families/arrays/Main;->length()V
    return-void
.end method

.method public element()V
    .locals 4
    const/4 v0, 0x2
    new-array v0, v0, [Ljava/lang/String;
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    const/4 v2, 0x0
    aput-object v1, v0, v2
    aget-object v3, v0, v2
    const-string v2, "t"
    invoke-static {v2, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public length()V
    .locals 4
    const/4 v0, 0x2
    new-array v0, v0, [Ljava/lang/String;
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    const/4 v2, 0x0
    aput-object v1, v0, v2
    array-length v3, v0
    invoke-static {v3}, Ljava/lang/Integer;->toString(I)Ljava/lang/String;
    move-result-object v3
    const-string v2, "t"
    invoke-static {v2, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
