.class public Lcom/piflow/families/js_interface_legacy/Hidden;
.super Ljava/lang/Object;

.field private final context:Landroid/content/Context;

.method public constructor <init>(Landroid/content/Context;)V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/piflow/families/js_interface_legacy/Hidden;->context:Landroid/content/Context;
    return-void
.end method

.method public deviceInfo()Ljava/lang/String;
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/js_interface_legacy/Hidden;->context:Landroid/content/Context;
    const-string v1, "phone"
    invoke-virtual {v0, v1}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public number()Ljava/lang/String;
    .locals 2
    # public, but no Hidden object is given to a WebView and nothing calls it
    iget-object v0, p0, Lcom/piflow/families/js_interface_legacy/Hidden;->context:Landroid/content/Context;
    const-string v1, "phone"
    invoke-virtual {v0, v1}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
