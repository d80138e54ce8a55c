.class public Lcom/umeng/commonsdk/UMConfigure;
.super Ljava/lang/Object;
.source "UMConfigure.java"

# SDK-like stub of Umeng's analytics entry point (it is not Umeng's code).
#
# public class UMConfigure {
#     public static final int DEVICE_TYPE_PHONE = 1;
#     public static final int DEVICE_TYPE_BOX = 2;
#
#     public static void init(Context context, String appkey, String channel,
#                             int deviceType, String pushSecret) {
#         AnalyticsConfig.sAppkey = appkey;
#         AnalyticsConfig.sChannel = channel;
#         AnalyticsConfig.sDeviceType = deviceType;
#         TelephonyManager tm = (TelephonyManager) context.getSystemService("phone");
#         String imei = tm.getDeviceId();
#         String aid = Settings.Secure.getString(context.getContentResolver(), "android_id");
#         WifiManager wm = (WifiManager) context.getSystemService("wifi");
#         WifiInfo info = wm.getConnectionInfo();
#         String mac = info.getMacAddress();
#         String url = "http://alog.umeng.com/app_logs?imei=" + imei + "&aid=" + aid + "&mac=" + mac;
#         new Thread(new ReportTask(url)).start();
#     }
#
#     static final class ReportTask implements Runnable { ... }   // UMConfigure$ReportTask
# }


# annotations
.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcom/umeng/commonsdk/UMConfigure$ReportTask;
    }
.end annotation


# static fields
.field public static final DEVICE_TYPE_BOX:I = 0x2

.field public static final DEVICE_TYPE_PHONE:I = 0x1


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    .locals 6

    # p0 context, p1 appkey, p2 channel, p3 deviceType, p4 pushSecret (unused)
    sput-object p1, Lcom/umeng/analytics/AnalyticsConfig;->sAppkey:Ljava/lang/String;

    sput-object p2, Lcom/umeng/analytics/AnalyticsConfig;->sChannel:Ljava/lang/String;

    sput p3, Lcom/umeng/analytics/AnalyticsConfig;->sDeviceType:I

    # v0 = IMEI
    const-string v0, "phone"

    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v0

    check-cast v0, Landroid/telephony/TelephonyManager;

    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;

    move-result-object v0

    # v1 = Android ID
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;

    move-result-object v1

    const-string v2, "android_id"

    invoke-static {v1, v2}, Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;

    move-result-object v1

    # v2 = Wi-Fi MAC
    const-string v2, "wifi"

    invoke-virtual {p0, v2}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v2

    check-cast v2, Landroid/net/wifi/WifiManager;

    invoke-virtual {v2}, Landroid/net/wifi/WifiManager;->getConnectionInfo()Landroid/net/wifi/WifiInfo;

    move-result-object v2

    invoke-virtual {v2}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;

    move-result-object v2

    # v3 = "http://alog.umeng.com/app_logs?imei=" + imei + "&aid=" + aid + "&mac=" + mac
    new-instance v3, Ljava/lang/StringBuilder;

    invoke-direct {v3}, Ljava/lang/StringBuilder;-><init>()V

    const-string v4, "http://alog.umeng.com/app_logs?imei="

    invoke-virtual {v3, v4}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v3

    invoke-virtual {v3, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v3

    const-string v4, "&aid="

    invoke-virtual {v3, v4}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v3

    invoke-virtual {v3, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v3

    const-string v4, "&mac="

    invoke-virtual {v3, v4}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v3

    invoke-virtual {v3, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v3

    invoke-virtual {v3}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v3

    # new Thread(new ReportTask(url)).start();
    new-instance v4, Ljava/lang/Thread;

    new-instance v5, Lcom/umeng/commonsdk/UMConfigure$ReportTask;

    invoke-direct {v5, v3}, Lcom/umeng/commonsdk/UMConfigure$ReportTask;-><init>(Ljava/lang/String;)V

    invoke-direct {v4, v5}, Ljava/lang/Thread;-><init>(Ljava/lang/Runnable;)V

    invoke-virtual {v4}, Ljava/lang/Thread;->start()V

    return-void
.end method
