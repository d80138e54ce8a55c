.class public Lcom/piflow/families/js_interface/Main;
.super Landroid/app/Activity;

# A Bridge object is given to a WebView with addJavascriptInterface: web content calls its
# @JavascriptInterface methods and gets their results, so the data leaves at the
# addJavascriptInterface call. Bridge.getId returns the IMEI (leak in Main.exposeBridge);
# Bridge.getName returns a constant; Bridge.secret is not annotated, so web content cannot call it
# (the app targets Android 10). Spare has an annotated method returning the IMEI, but no Spare
# object is given to a WebView. X5Bridge, annotated with Tencent X5's JavascriptInterface and given
# to an X5 WebView, returns the IMEI too (leak in Main.exposeX5); so does the annotated method a
# ChildBridge given to the WebView inherits from BaseBridge (leak in Main.exposeChild). Plain, given
# to a WebView in Main.exposeConstant, has an annotated method returning a constant and an
# unannotated one returning the IMEI: no leak.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/js_interface/Main;->exposeBridge()V
    invoke-direct {p0}, Lcom/piflow/families/js_interface/Main;->exposeX5()V
    invoke-direct {p0}, Lcom/piflow/families/js_interface/Main;->exposeChild()V
    invoke-direct {p0}, Lcom/piflow/families/js_interface/Main;->exposeConstant()V
    return-void
.end method

.method private exposeBridge()V
    .locals 3
    new-instance v0, Landroid/webkit/WebView;
    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/js_interface/Bridge;
    invoke-direct {v1, p0}, Lcom/piflow/families/js_interface/Bridge;-><init>(Landroid/content/Context;)V
    const-string v2, "app"
    invoke-virtual {v0, v1, v2}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    new-instance v1, Lcom/piflow/families/js_interface/Spare;
    invoke-direct {v1, p0}, Lcom/piflow/families/js_interface/Spare;-><init>(Landroid/content/Context;)V
    return-void
.end method

.method private exposeX5()V
    .locals 3
    new-instance v0, Lcom/tencent/smtt/sdk/WebView;
    invoke-direct {v0, p0}, Lcom/tencent/smtt/sdk/WebView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/js_interface/X5Bridge;
    invoke-direct {v1, p0}, Lcom/piflow/families/js_interface/X5Bridge;-><init>(Landroid/content/Context;)V
    const-string v2, "x5"
    invoke-virtual {v0, v1, v2}, Lcom/tencent/smtt/sdk/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    return-void
.end method

.method private exposeChild()V
    .locals 3
    new-instance v0, Landroid/webkit/WebView;
    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/js_interface/ChildBridge;
    invoke-direct {v1, p0}, Lcom/piflow/families/js_interface/ChildBridge;-><init>(Landroid/content/Context;)V
    const-string v2, "child"
    invoke-virtual {v0, v1, v2}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    return-void
.end method

.method private exposeConstant()V
    .locals 3
    new-instance v0, Landroid/webkit/WebView;
    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/js_interface/Plain;
    invoke-direct {v1, p0}, Lcom/piflow/families/js_interface/Plain;-><init>(Landroid/content/Context;)V
    const-string v2, "plain"
    invoke-virtual {v0, v1, v2}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    return-void
.end method
