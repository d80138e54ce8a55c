.class public Lcom/piflow/families/class_loaders/Main;
.super Landroid/app/Activity;

# A class loader and the reflective handles taken from it (Class, Method) carry no data: a plugin
# loaded from a directory whose name holds the IMEI returns what its own code computes, not the
# IMEI (no leak in Main.loaded). The directory name itself still carries it (leak in Main.path),
# and what the plugin is given may come back (leak in Main.passed).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->loaded()V
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->path()V
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->passed()V
    return-void
.end method

.method private imei()Ljava/lang/String;
    .locals 2
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

# a plugin directory named after the IMEI
.method private dir()Ljava/lang/String;
    .locals 2
    new-instance v0, Ljava/lang/StringBuilder;
    const-string v1, "/data/local/tmp/plugin-"
    invoke-direct {v0, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->imei()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

# Method "version" of the plugin class loaded from that directory
.method private plugin()Ljava/lang/reflect/Method;
    .locals 6
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->dir()Ljava/lang/String;
    move-result-object v1
    new-instance v0, Ldalvik/system/DexClassLoader;
    invoke-virtual {p0}, Landroid/app/Activity;->getClassLoader()Ljava/lang/ClassLoader;
    move-result-object v4
    const/4 v3, 0x0
    move-object v2, v1
    invoke-direct {v0, v1, v2, v3, v4}, Ldalvik/system/DexClassLoader;-><init>(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/ClassLoader;)V
    const-string v1, "com.example.plugin.Entry"
    invoke-virtual {v0, v1}, Ljava/lang/ClassLoader;->loadClass(Ljava/lang/String;)Ljava/lang/Class;
    move-result-object v0
    const-string v1, "version"
    const/4 v2, 0x1
    new-array v2, v2, [Ljava/lang/Class;
    const/4 v3, 0x0
    const-class v5, Ljava/lang/String;
    aput-object v5, v2, v3
    invoke-virtual {v0, v1, v2}, Ljava/lang/Class;->getMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v0
    return-object v0
.end method

.method private loaded()V
    .locals 5
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->plugin()Ljava/lang/reflect/Method;
    move-result-object v0
    const/4 v1, 0x0
    const/4 v2, 0x1
    new-array v2, v2, [Ljava/lang/Object;
    const/4 v3, 0x0
    const-string v4, "release"
    aput-object v4, v2, v3
    invoke-virtual {v0, v1, v2}, Ljava/lang/reflect/Method;->invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private path()V
    .locals 2
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->dir()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private passed()V
    .locals 5
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->plugin()Ljava/lang/reflect/Method;
    move-result-object v0
    const/4 v1, 0x0
    const/4 v2, 0x1
    new-array v2, v2, [Ljava/lang/Object;
    const/4 v3, 0x0
    invoke-direct {p0}, Lcom/piflow/families/class_loaders/Main;->imei()Ljava/lang/String;
    move-result-object v4
    aput-object v4, v2, v3
    invoke-virtual {v0, v1, v2}, Ljava/lang/reflect/Method;->invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
