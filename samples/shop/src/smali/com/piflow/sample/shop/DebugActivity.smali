.class public Lcom/piflow/sample/shop/DebugActivity;
.super Landroid/app/Activity;
.source "DebugActivity.java"

# Declared in the manifest with android:enabled="false" and referenced by
# nothing in the code (no Intent, no class literal, no new-instance), so the
# framework never creates it: the IMEI read below is unreachable.
#
# public class DebugActivity extends Activity {
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         String imei = ((TelephonyManager) getSystemService("phone")).getDeviceId();
#         Log.d("ShopDebug", "imei=" + imei);
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3

    # v0..v2 locals, p0 = v3 (this), p1 = v4 (savedInstanceState)
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # v0 = imei
    const-string v0, "phone"

    invoke-virtual {p0, v0}, Lcom/piflow/sample/shop/DebugActivity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v0

    check-cast v0, Landroid/telephony/TelephonyManager;

    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;

    move-result-object v0

    # Log.d("ShopDebug", "imei=" + imei)
    new-instance v1, Ljava/lang/StringBuilder;

    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V

    const-string v2, "imei="

    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v1

    const-string v2, "ShopDebug"

    invoke-static {v2, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I

    return-void
.end method
