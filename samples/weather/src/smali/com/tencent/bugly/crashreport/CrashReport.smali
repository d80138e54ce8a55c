.class public Lcom/tencent/bugly/crashreport/CrashReport;
.super Ljava/lang/Object;
.source "CrashReport.java"

# SDK-like stub of Tencent Bugly's crash reporter (it is not Bugly's code).
# It only remembers the app id: no PI, no network.
#
# public class CrashReport {
#     private static String sAppId;
#
#     public static void initCrashReport(Context context, String appId, boolean isDebug) {
#         sAppId = appId;
#     }
# }


# static fields
.field private static sAppId:Ljava/lang/String;


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static initCrashReport(Landroid/content/Context;Ljava/lang/String;Z)V
    .locals 0

    sput-object p1, Lcom/tencent/bugly/crashreport/CrashReport;->sAppId:Ljava/lang/String;

    return-void
.end method
