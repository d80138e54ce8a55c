.class public Lcom/stub/StubApp;
.super Landroid/app/Application;
.source "StubApp.java"

# A packer's stub in the style of 360 Jiagu: the app's real classes are not in this DEX.
# attachBaseContext loads the native stub (libjiagu.so), has it decrypt assets/jiagu_data.bin
# into the app's private code directory, and loads the result with a DexClassLoader.


# static fields
.field private static loader:Ljava/lang/ClassLoader;


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Application;-><init>()V

    return-void
.end method

.method private static native decrypt(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;)V
.end method


# virtual methods
.method protected attachBaseContext(Landroid/content/Context;)V
    .locals 5

    invoke-super {p0, p1}, Landroid/app/Application;->attachBaseContext(Landroid/content/Context;)V

    const-string v0, "jiagu"

    invoke-static {v0}, Ljava/lang/System;->loadLibrary(Ljava/lang/String;)V

    const-string v0, "jiagu"

    const/4 v1, 0x0

    invoke-virtual {p1, v0, v1}, Landroid/content/Context;->getDir(Ljava/lang/String;I)Ljava/io/File;

    move-result-object v0

    new-instance v1, Ljava/io/File;

    const-string v2, "classes.dex"

    invoke-direct {v1, v0, v2}, Ljava/io/File;-><init>(Ljava/io/File;Ljava/lang/String;)V

    invoke-virtual {v1}, Ljava/io/File;->getAbsolutePath()Ljava/lang/String;

    move-result-object v1

    const-string v2, "jiagu_data.bin"

    invoke-static {p1, v2, v1}, Lcom/stub/StubApp;->decrypt(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;)V

    new-instance v2, Ldalvik/system/DexClassLoader;

    invoke-virtual {v0}, Ljava/io/File;->getAbsolutePath()Ljava/lang/String;

    move-result-object v3

    invoke-virtual {p1}, Landroid/content/Context;->getClassLoader()Ljava/lang/ClassLoader;

    move-result-object v4

    const/4 v0, 0x0

    invoke-direct {v2, v1, v3, v0, v4}, Ldalvik/system/DexClassLoader;-><init>(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/ClassLoader;)V

    sput-object v2, Lcom/stub/StubApp;->loader:Ljava/lang/ClassLoader;

    return-void
.end method
