.class public Lcom/piflow/families/callback_source/Main;
.super Landroid/app/Activity;

# The framework hands the location to a listener's callback: its parameter is a source (leak in
# Tracker.onLocationChanged).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 6
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "location"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/location/LocationManager;
    new-instance v5, Lcom/piflow/families/callback_source/Tracker;
    invoke-direct {v5}, Lcom/piflow/families/callback_source/Tracker;-><init>()V
    const-string v1, "gps"
    const-wide/16 v2, 0x0
    const/4 v4, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/location/LocationManager;->requestLocationUpdates(Ljava/lang/String;JFLandroid/location/LocationListener;)V
    return-void
.end method
