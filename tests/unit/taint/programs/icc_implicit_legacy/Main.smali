.class public Lcom/piflow/families/icc_implicit_legacy/Main;
.super Landroid/app/Activity;

# The app targets API 19 (the family's manifest): starting a service with an implicit intent works
# there, so the IMEI in its extra may reach any app's service filtering for the action (leak in
# Main.onCreate). The same start in an app targeting API 21+ throws (icc_implicit's Main.service).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.SYNC"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    invoke-virtual {p0, v0}, Lcom/piflow/families/icc_implicit_legacy/Main;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;
    return-void
.end method
