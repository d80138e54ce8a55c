.class public Lcom/piflow/families/copies/Main;
.super Landroid/app/Activity;

# Library calls that copy from one argument into another: String.getChars fills the array it is
# given (leak in chars()), System.arraycopy copies between arrays (leak in arraycopy()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/copies/Main;->chars()V
    invoke-virtual {p0}, Lcom/piflow/families/copies/Main;->arraycopy()V
    return-void
.end method

.method public chars()V
    .locals 6
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/String;->length()I
    move-result v1
    new-array v2, v1, [C
    const/4 v3, 0x0
    invoke-virtual {v0, v3, v1, v2, v3}, Ljava/lang/String;->getChars(II[CI)V
    new-instance v4, Ljava/lang/String;
    invoke-direct {v4, v2}, Ljava/lang/String;-><init>([C)V
    const-string v5, "t"
    invoke-static {v5, v4}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public arraycopy()V
    .locals 6
    const/4 v0, 0x1
    new-array v1, v0, [Ljava/lang/String;
    new-array v2, v0, [Ljava/lang/String;
    const-string v3, "phone"
    invoke-virtual {p0, v3}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v3
    check-cast v3, Landroid/telephony/TelephonyManager;
    invoke-virtual {v3}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v3
    const/4 v4, 0x0
    aput-object v3, v1, v4
    invoke-static {v1, v4, v2, v4, v0}, Ljava/lang/System;->arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V
    aget-object v3, v2, v4
    const-string v5, "t"
    invoke-static {v5, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
