.class public Lcom/piflow/families/megamorphic/Imei;
.super Ljava/lang/Object;
.implements Lcom/piflow/families/megamorphic/Named;

.field private final activity:Landroid/app/Activity;

.method public constructor <init>(Landroid/app/Activity;)V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/piflow/families/megamorphic/Imei;->activity:Landroid/app/Activity;
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/megamorphic/Imei;->activity:Landroid/app/Activity;
    const-string v1, "phone"
    invoke-virtual {v0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public name()Ljava/lang/String;
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/megamorphic/Imei;->activity:Landroid/app/Activity;
    const-string v1, "phone"
    invoke-virtual {v0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
