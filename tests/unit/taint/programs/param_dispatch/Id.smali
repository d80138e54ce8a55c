.class public Lcom/piflow/families/param_dispatch/Id;
.super Lcom/piflow/families/param_dispatch/Text;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/piflow/families/param_dispatch/Text;-><init>()V
    return-void
.end method

.method public get(Landroid/content/Context;)Ljava/lang/String;
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p1, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
