.class public Lcom/umeng/analytics/AnalyticsConfig;
.super Ljava/lang/Object;
.source "AnalyticsConfig.java"

# SDK-like stub: holds the configuration UMConfigure.init was given.
#
# public class AnalyticsConfig {
#     public static String sAppkey;
#     public static String sChannel;
#     public static int sDeviceType;
# }


# static fields
.field public static sAppkey:Ljava/lang/String;

.field public static sChannel:Ljava/lang/String;

.field public static sDeviceType:I


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method
