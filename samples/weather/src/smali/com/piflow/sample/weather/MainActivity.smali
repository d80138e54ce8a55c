.class public Lcom/piflow/sample/weather/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# interfaces
.implements Landroid/location/LocationListener;

# public class MainActivity extends Activity implements LocationListener {
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         if (Build.VERSION.SDK_INT >= 23) {
#             requestPermissions(new String[] {"android.permission.ACCESS_FINE_LOCATION"}, 7);
#         }
#         CrashReport.initCrashReport(getApplicationContext(), "9000123456", false);
#         LocationManager lm = (LocationManager) getSystemService("location");
#         Location last = lm.getLastKnownLocation("gps");
#         if (last != null) {
#             Log.i("Weather", "last known: " + last.getLatitude() + "," + last.getLongitude());
#         }
#         lm.requestLocationUpdates("gps", 60000L, 10.0f, this);
#     }
#
#     public void onLocationChanged(Location location) {
#         Log.d("Weather", "update: " + location.getLatitude() + "," + location.getLongitude());
#     }
#
#     public void onStatusChanged(String provider, int status, Bundle extras) {}
#     public void onProviderEnabled(String provider) {}
#     public void onProviderDisabled(String provider) {}
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method protected onCreate(Landroid/os/Bundle;)V
    .locals 5

    # v0..v4 locals, p0 = v5 (this), p1 = v6 (savedInstanceState)
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # if (Build.VERSION.SDK_INT >= 23) requestPermissions(new String[] {ACCESS_FINE_LOCATION}, 7)
    sget v0, Landroid/os/Build$VERSION;->SDK_INT:I

    const/16 v1, 0x17

    if-lt v0, v1, :skip_prompt

    const/4 v0, 0x1

    new-array v0, v0, [Ljava/lang/String;

    const/4 v1, 0x0

    const-string v2, "android.permission.ACCESS_FINE_LOCATION"

    aput-object v2, v0, v1

    const/4 v1, 0x7

    invoke-virtual {p0, v0, v1}, Lcom/piflow/sample/weather/MainActivity;->requestPermissions([Ljava/lang/String;I)V

    :skip_prompt
    # CrashReport.initCrashReport(getApplicationContext(), "9000123456", false)
    invoke-virtual {p0}, Lcom/piflow/sample/weather/MainActivity;->getApplicationContext()Landroid/content/Context;

    move-result-object v0

    const-string v1, "9000123456"

    const/4 v2, 0x0

    invoke-static {v0, v1, v2}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;Ljava/lang/String;Z)V

    # v0 = (LocationManager) getSystemService("location")
    const-string v0, "location"

    invoke-virtual {p0, v0}, Lcom/piflow/sample/weather/MainActivity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v0

    check-cast v0, Landroid/location/LocationManager;

    # v1 = lm.getLastKnownLocation("gps")
    const-string v1, "gps"

    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->getLastKnownLocation(Ljava/lang/String;)Landroid/location/Location;

    move-result-object v1

    if-eqz v1, :cond_0

    # Log.i("Weather", "last known: " + last.getLatitude() + "," + last.getLongitude())
    new-instance v2, Ljava/lang/StringBuilder;

    invoke-direct {v2}, Ljava/lang/StringBuilder;-><init>()V

    const-string v3, "last known: "

    invoke-virtual {v2, v3}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v2

    invoke-virtual {v1}, Landroid/location/Location;->getLatitude()D

    move-result-wide v3

    invoke-virtual {v2, v3, v4}, Ljava/lang/StringBuilder;->append(D)Ljava/lang/StringBuilder;

    move-result-object v2

    const-string v3, ","

    invoke-virtual {v2, v3}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v2

    invoke-virtual {v1}, Landroid/location/Location;->getLongitude()D

    move-result-wide v3

    invoke-virtual {v2, v3, v4}, Ljava/lang/StringBuilder;->append(D)Ljava/lang/StringBuilder;

    move-result-object v2

    invoke-virtual {v2}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v2

    const-string v3, "Weather"

    invoke-static {v3, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I

    :cond_0
    # lm.requestLocationUpdates("gps", 60000L, 10.0f, this): 6 argument words, so /range
    const-string v1, "gps"

    const-wide/32 v2, 0xea60

    const/high16 v4, 0x41200000    # 10.0f

    invoke-virtual/range {v0 .. v5}, Landroid/location/LocationManager;->requestLocationUpdates(Ljava/lang/String;JFLandroid/location/LocationListener;)V

    return-void
.end method

.method public onLocationChanged(Landroid/location/Location;)V
    .locals 3

    # v0..v2 locals, p0 = v3 (this), p1 = v4 (location)
    new-instance v0, Ljava/lang/StringBuilder;

    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V

    const-string v1, "update: "

    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v0

    invoke-virtual {p1}, Landroid/location/Location;->getLatitude()D

    move-result-wide v1

    invoke-virtual {v0, v1, v2}, Ljava/lang/StringBuilder;->append(D)Ljava/lang/StringBuilder;

    move-result-object v0

    const-string v1, ","

    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v0

    invoke-virtual {p1}, Landroid/location/Location;->getLongitude()D

    move-result-wide v1

    invoke-virtual {v0, v1, v2}, Ljava/lang/StringBuilder;->append(D)Ljava/lang/StringBuilder;

    move-result-object v0

    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v0

    const-string v1, "Weather"

    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I

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
