.class public Lcom/piflow/sample/gated/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# public class MainActivity extends Activity {
#     protected void onCreate(Bundle b) {
#         super.onCreate(b);
#         if (getIntent().getBooleanExtra("agreed", false)) {            // intent extra from the splash
#             String imei = ((TelephonyManager) getSystemService("phone")).getDeviceId();
#             Log.i("Gated", "imei=" + imei);
#         }
#     }
#     protected void onResume() {
#         super.onResume();
#         if (GatedApp.sAgreed) {                                          // static field set from the pref
#             String id = Settings.Secure.getString(getContentResolver(), "android_id");
#             Log.i("Gated", "android_id=" + id);
#         }
#     }
# }
# (ungated: the same code without the two `if`s)

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/sample/gated/MainActivity;->getIntent()Landroid/content/Intent;
    move-result-object v0
    const-string v1, "agreed"
    const/4 v2, 0x0
    invoke-virtual {v0, v1, v2}, Landroid/content/Intent;->getBooleanExtra(Ljava/lang/String;Z)Z
    move-result v0
    if-eqz v0, :done  # gate
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Lcom/piflow/sample/gated/MainActivity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    const-string v1, "Gated"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :done
    return-void
.end method

.method protected onResume()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    sget-boolean v0, Lcom/piflow/sample/gated/GatedApp;->sAgreed:Z
    if-eqz v0, :done  # gate
    invoke-virtual {p0}, Lcom/piflow/sample/gated/MainActivity;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const-string v1, "android_id"
    invoke-static {v0, v1}, Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "Gated"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :done
    return-void
.end method
