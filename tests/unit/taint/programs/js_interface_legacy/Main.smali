.class public Lcom/piflow/families/js_interface_legacy/Main;
.super Landroid/app/Activity;

# An app that targets Android 4.1 (API 16): web content may call every public method of an object
# given to addJavascriptInterface, annotated or not. Api.deviceInfo returns the IMEI: it leaves at
# the addJavascriptInterface call in Main.expose. Api.clock is static, and Api.pad is private: web
# content cannot call them, though both return the IMEI too. Hidden.deviceInfo returns the IMEI,
# but no Hidden object is given to a WebView (Main.keep only makes one and reads it). Api.serial and
# Phone.number are called by no app code: web content calls them (Phone's object comes from a getter).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/js_interface_legacy/Main;->expose()V
    invoke-direct {p0}, Lcom/piflow/families/js_interface_legacy/Main;->keep()V
    invoke-direct {p0}, Lcom/piflow/families/js_interface_legacy/Main;->exposePhone()V
    return-void
.end method

.method private expose()V
    .locals 3
    new-instance v0, Landroid/webkit/WebView;
    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/js_interface_legacy/Api;
    invoke-direct {v1, p0}, Lcom/piflow/families/js_interface_legacy/Api;-><init>(Landroid/content/Context;)V
    invoke-virtual {v1}, Lcom/piflow/families/js_interface_legacy/Api;->deviceInfo()Ljava/lang/String;
    invoke-static {p0}, Lcom/piflow/families/js_interface_legacy/Api;->clock(Landroid/content/Context;)Ljava/lang/String;
    const-string v2, "api"
    invoke-virtual {v0, v1, v2}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    return-void
.end method

.method private keep()V
    .locals 1
    new-instance v0, Lcom/piflow/families/js_interface_legacy/Hidden;
    invoke-direct {v0, p0}, Lcom/piflow/families/js_interface_legacy/Hidden;-><init>(Landroid/content/Context;)V
    invoke-virtual {v0}, Lcom/piflow/families/js_interface_legacy/Hidden;->deviceInfo()Ljava/lang/String;
    return-void
.end method

.method private phone()Lcom/piflow/families/js_interface_legacy/Phone;
    .locals 1
    new-instance v0, Lcom/piflow/families/js_interface_legacy/Phone;
    invoke-direct {v0, p0}, Lcom/piflow/families/js_interface_legacy/Phone;-><init>(Landroid/content/Context;)V
    return-object v0
.end method

.method private exposePhone()V
    .locals 3
    new-instance v0, Landroid/webkit/WebView;
    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V
    invoke-direct {p0}, Lcom/piflow/families/js_interface_legacy/Main;->phone()Lcom/piflow/families/js_interface_legacy/Phone;
    move-result-object v1
    const-string v2, "phone"
    invoke-virtual {v0, v1, v2}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    return-void
.end method
