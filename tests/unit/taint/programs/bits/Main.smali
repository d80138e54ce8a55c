.class public Lcom/piflow/families/bits/Main;
.super Landroid/app/Activity;

# One bit of a value: the sign bit left by shifting an int by 31 (a long by 63) and the -1/0/1 of a
# comparison (cmp-long) carry no more of it than a branch would (no leak in signBit(), longSign(),
# compared()), as in a UTF-8 length counted branch-free from each character; a shift by 4 keeps the
# rest of the bits (leak in nibble()), and so does a character's arithmetic (leak in shifted()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/bits/Main;->imeiChar()I
    move-result v0
    invoke-static {v0}, Lcom/piflow/families/bits/Main;->signBit(I)V
    invoke-static {v0}, Lcom/piflow/families/bits/Main;->longSign(I)V
    invoke-static {v0}, Lcom/piflow/families/bits/Main;->compared(I)V
    invoke-static {v0}, Lcom/piflow/families/bits/Main;->nibble(I)V
    invoke-static {v0}, Lcom/piflow/families/bits/Main;->shifted(I)V
    return-void
.end method

.method public imeiChar()I
    .locals 2
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    const/4 v1, 0x0
    invoke-virtual {v0, v1}, Ljava/lang/String;->charAt(I)C
    move-result v0
    return v0
.end method

.method public static signBit(I)V
    .locals 2
    const/4 v0, 0x5
    rsub-int/lit8 v1, p0, 0x7f
    ushr-int/lit8 v1, v1, 0x1f
    add-int/2addr v0, v1
    const-string v1, "t"
    invoke-static {v0}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v0
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static longSign(I)V
    .locals 3
    int-to-long v0, p0
    const/16 v2, 0x3f
    ushr-long/2addr v0, v2
    long-to-int v0, v0
    invoke-static {v0}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static compared(I)V
    .locals 3
    int-to-long v0, p0
    const-wide/16 v2, 0x30
    cmp-long v0, v0, v2
    invoke-static {v0}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static nibble(I)V
    .locals 1
    ushr-int/lit8 p0, p0, 0x4
    invoke-static {p0}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object p0
    const-string v0, "t"
    invoke-static {v0, p0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static shifted(I)V
    .locals 1
    add-int/lit8 p0, p0, 0x3
    invoke-static {p0}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object p0
    const-string v0, "t"
    invoke-static {v0, p0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
