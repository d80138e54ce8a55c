.class public Lcom/piflow/families/multi_arrays/Main;
.super Landroid/app/Activity;

# An array of arrays: the IMEI stored in an inner array is read back through the outer one (leak in
# nested()); an inner array of another outer array holds a constant (no leak in other()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/multi_arrays/Main;->nested()V
    invoke-virtual {p0}, Lcom/piflow/families/multi_arrays/Main;->other()V
    return-void
.end method

.method public nested()V
    .locals 6
    const/4 v0, 0x2
    new-array v1, v0, [[Ljava/lang/String;
    new-array v2, v0, [Ljava/lang/String;
    const/4 v3, 0x0
    aput-object v2, v1, v3
    const-string v4, "phone"
    invoke-virtual {p0, v4}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v4
    check-cast v4, Landroid/telephony/TelephonyManager;
    invoke-virtual {v4}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v4
    aget-object v5, v1, v3
    const/4 v0, 0x1
    aput-object v4, v5, v0
    aget-object v5, v1, v3
    aget-object v4, v5, v0
    const-string v5, "t"
    invoke-static {v5, v4}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public other()V
    .locals 6
    const/4 v0, 0x2
    new-array v1, v0, [[Ljava/lang/String;
    new-array v2, v0, [Ljava/lang/String;
    const/4 v3, 0x0
    aput-object v2, v1, v3
    const-string v4, "phone"
    invoke-virtual {p0, v4}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v4
    check-cast v4, Landroid/telephony/TelephonyManager;
    invoke-virtual {v4}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v4
    const-string v4, "x"
    aget-object v5, v1, v3
    const/4 v0, 0x1
    aput-object v4, v5, v0
    aget-object v5, v1, v3
    aget-object v4, v5, v0
    const-string v5, "t"
    invoke-static {v5, v4}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
