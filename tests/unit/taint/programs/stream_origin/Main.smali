.class public Lcom/piflow/families/stream_origin/Main;
.super Landroid/app/Activity;

# The IMEI written to an OutputStream of unknown origin (a field nothing here sets: it may be a
# socket's) is a leak (in onCreate), but nothing the app reads back from a file: the file read and
# logged in onResume carries no IMEI.

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
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    iget-object v0, p0, Lcom/piflow/families/stream_origin/Main;->out:Ljava/io/OutputStream;
    invoke-virtual {p0}, Lcom/piflow/families/stream_origin/Main;->imei()[B
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/io/OutputStream;->write([B)V
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
