.class public Lcom/piflow/families/wide_args/Main;
.super Landroid/app/Activity;

# A long argument takes two registers: the string after it is the callee's next parameter. emit()
# logs its string parameter, which is the IMEI (leak in emit); first() logs the string before the
# long, a constant (no leak in first).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/wide_args/Main;->call()V
    return-void
.end method

.method public static emit(JLjava/lang/String;)V
    .locals 1
    const-string v0, "t"
    invoke-static {v0, p2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static first(Ljava/lang/String;JLjava/lang/String;)V
    .locals 1
    const-string v0, "t"
    invoke-static {v0, p0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public call()V
    .locals 4
    const-string v3, "phone"
    invoke-virtual {p0, v3}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v3
    check-cast v3, Landroid/telephony/TelephonyManager;
    invoke-virtual {v3}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v3
    const-wide/16 v1, 0x7
    invoke-static {v1, v2, v3}, Lcom/piflow/families/wide_args/Main;->emit(JLjava/lang/String;)V
    const-string v0, "x"
    invoke-static {v0, v1, v2, v3}, Lcom/piflow/families/wide_args/Main;->first(Ljava/lang/String;JLjava/lang/String;)V
    return-void
.end method
