.class public Lcom/piflow/families/framework_fields/Main;
.super Landroid/app/Activity;

# A field of a framework object (android.graphics.Point) is part of its contents: a coordinate set
# from the IMEI's digits carries it (leak in point()); a Point of constants is clean (no leak in
# origin()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/framework_fields/Main;->point()V
    invoke-virtual {p0}, Lcom/piflow/families/framework_fields/Main;->origin()V
    return-void
.end method

.method public point()V
    .locals 3
    new-instance v0, Landroid/graphics/Point;
    invoke-direct {v0}, Landroid/graphics/Point;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    invoke-static {v1}, Ljava/lang/Integer;->parseInt(Ljava/lang/String;)I
    move-result v1
    iput v1, v0, Landroid/graphics/Point;->x:I
    iget v1, v0, Landroid/graphics/Point;->x:I
    invoke-static {v1}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public origin()V
    .locals 3
    new-instance v0, Landroid/graphics/Point;
    invoke-direct {v0}, Landroid/graphics/Point;-><init>()V
    const/4 v1, 0x3
    iput v1, v0, Landroid/graphics/Point;->x:I
    iget v1, v0, Landroid/graphics/Point;->x:I
    invoke-static {v1}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v1
    const-string v2, "t"
    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
