.class public Lcom/piflow/families/source_getters/Main;
.super Landroid/app/Activity;

# A getter that is a source of its own, called on an object another source returned, gives what
# the getter reads and nothing else: WifiInfo.getMacAddress on the connection info is the MAC
# (leak in Main.mac carries device.mac only), getBSSID the access point (Main.bssid:
# location.wifi only). The object as a whole still carries everything it holds (Main.whole:
# both).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/source_getters/Main;->mac()V
    invoke-direct {p0}, Lcom/piflow/families/source_getters/Main;->bssid()V
    invoke-direct {p0}, Lcom/piflow/families/source_getters/Main;->whole()V
    return-void
.end method

.method private info()Landroid/net/wifi/WifiInfo;
    .locals 2
    const-string v0, "wifi"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/net/wifi/WifiManager;
    invoke-virtual {v0}, Landroid/net/wifi/WifiManager;->getConnectionInfo()Landroid/net/wifi/WifiInfo;
    move-result-object v0
    return-object v0
.end method

.method private mac()V
    .locals 2
    invoke-direct {p0}, Lcom/piflow/families/source_getters/Main;->info()Landroid/net/wifi/WifiInfo;
    move-result-object v0
    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private bssid()V
    .locals 2
    invoke-direct {p0}, Lcom/piflow/families/source_getters/Main;->info()Landroid/net/wifi/WifiInfo;
    move-result-object v0
    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->getBSSID()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private whole()V
    .locals 2
    invoke-direct {p0}, Lcom/piflow/families/source_getters/Main;->info()Landroid/net/wifi/WifiInfo;
    move-result-object v0
    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
