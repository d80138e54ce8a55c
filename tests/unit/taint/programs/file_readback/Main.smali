.class public Lcom/piflow/families/file_readback/Main;
.super Landroid/app/Activity;

# The IMEI written to a file through a buffered wrapper of a FileOutputStream (a file sink: leak in
# onCreate) is read back from the file by the app and logged (leak in onResume).

.field public out:Ljava/io/OutputStream;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method public imei()[B
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B
    move-result-object v0
    return-object v0
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Ljava/io/FileOutputStream;
    const-string v1, "/data/data/x/cache.bin"
    invoke-direct {v0, v1}, Ljava/io/FileOutputStream;-><init>(Ljava/lang/String;)V
    new-instance v1, Ljava/io/BufferedOutputStream;
    invoke-direct {v1, v0}, Ljava/io/BufferedOutputStream;-><init>(Ljava/io/OutputStream;)V
    invoke-virtual {p0}, Lcom/piflow/families/file_readback/Main;->imei()[B
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/io/OutputStream;->write([B)V
    return-void
.end method

.method protected onResume()V
    .locals 4
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    new-instance v0, Ljava/io/FileInputStream;
    const-string v1, "/data/data/x/cache.bin"
    invoke-direct {v0, v1}, Ljava/io/FileInputStream;-><init>(Ljava/lang/String;)V
    const/16 v1, 0x40
    new-array v1, v1, [B
    invoke-virtual {v0, v1}, Ljava/io/InputStream;->read([B)I
    new-instance v2, Ljava/lang/String;
    invoke-direct {v2, v1}, Ljava/lang/String;-><init>([B)V
    const-string v3, "t"
    invoke-static {v3, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
