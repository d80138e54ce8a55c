.class public Lcom/piflow/families/merged_fields/Main;
.super Landroid/app/Activity;

# Merges: a field written on one path only holds, after the paths meet, either the value written
# or what it held before, so a test of it is not decided (leak in maybe()); a field written on
# every path holds the written value, and the test it decides keeps its dead branch dead (no leak
# in always()).

.field private flag:I
.field private set:I

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/merged_fields/Main;->maybe()V
    invoke-virtual {p0}, Lcom/piflow/families/merged_fields/Main;->always()V
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

.method public maybe()V
    .locals 3
    invoke-static {}, Ljava/lang/System;->currentTimeMillis()J
    move-result-wide v0
    long-to-int v0, v0
    if-lez v0, :merged
    const/4 v1, 0x1
    iput v1, p0, Lcom/piflow/families/merged_fields/Main;->flag:I
    :merged
    iget v0, p0, Lcom/piflow/families/merged_fields/Main;->flag:I
    if-nez v0, :end
    invoke-virtual {p0}, Lcom/piflow/families/merged_fields/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :end
    return-void
.end method

.method public always()V
    .locals 3
    invoke-static {}, Ljava/lang/System;->currentTimeMillis()J
    move-result-wide v0
    long-to-int v0, v0
    const/4 v1, 0x1
    if-lez v0, :other
    iput v1, p0, Lcom/piflow/families/merged_fields/Main;->set:I
    goto :merged
    :other
    iput v1, p0, Lcom/piflow/families/merged_fields/Main;->set:I
    :merged
    iget v0, p0, Lcom/piflow/families/merged_fields/Main;->set:I
    if-nez v0, :end
    invoke-virtual {p0}, Lcom/piflow/families/merged_fields/Main;->imei()Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :end
    return-void
.end method
