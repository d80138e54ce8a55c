.class public Lcom/piflow/families/callback_source/Tracker;
.super Ljava/lang/Object;
.implements Landroid/location/LocationListener;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onLocationChanged(Landroid/location/Location;)V
    .locals 3
    invoke-virtual {p1}, Landroid/location/Location;->getLatitude()D
    move-result-wide v0
    invoke-static {v0, v1}, Ljava/lang/String;->valueOf(D)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public onProviderDisabled(Ljava/lang/String;)V
    .locals 0
    return-void
.end method

.method public onProviderEnabled(Ljava/lang/String;)V
    .locals 0
    return-void
.end method

.method public onStatusChanged(Ljava/lang/String;ILandroid/os/Bundle;)V
    .locals 0
    return-void
.end method
