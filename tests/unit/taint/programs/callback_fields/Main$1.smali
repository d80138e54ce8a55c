.class Lcom/piflow/families/callback_fields/Main$1;
.super Ljava/lang/Object;
.implements Landroid/location/LocationListener;

.field final synthetic this$0:Lcom/piflow/families/callback_fields/Main;

.method constructor <init>(Lcom/piflow/families/callback_fields/Main;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/families/callback_fields/Main$1;->this$0:Lcom/piflow/families/callback_fields/Main;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onLocationChanged(Landroid/location/Location;)V
    .locals 3
    invoke-virtual {p1}, Landroid/location/Location;->getLatitude()D
    move-result-wide v0
    invoke-static {v0, v1}, Ljava/lang/String;->valueOf(D)Ljava/lang/String;
    move-result-object v0
    iget-object v2, p0, Lcom/piflow/families/callback_fields/Main$1;->this$0:Lcom/piflow/families/callback_fields/Main;
    iput-object v0, v2, Lcom/piflow/families/callback_fields/Main;->lat:Ljava/lang/String;
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
