.class public final Lcom/piflow/sample/notes/legacy/DeviceInfo;
.super Ljava/lang/Object;
.source "DeviceInfo.java"

# Dead code, kept on purpose: nothing in the app calls getImei or can
# instantiate this class (its only constructor is private and unused), and
# the manifest does not ask for READ_PHONE_STATE. An analyzer must list
# device.imei here as unreachable, not as reachable PI.
#
# public final class DeviceInfo {
#     private DeviceInfo() {}
#
#     public static String getImei(Context context) {
#         TelephonyManager tm = (TelephonyManager) context.getSystemService("phone");
#         return tm.getDeviceId();
#     }
# }


# direct methods
.method private constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static getImei(Landroid/content/Context;)Ljava/lang/String;
    .locals 1

    const-string v0, "phone"

    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v0

    check-cast v0, Landroid/telephony/TelephonyManager;

    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;

    move-result-object v0

    return-object v0
.end method
