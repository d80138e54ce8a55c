.class public Lcom/umeng/commonsdk/UMConfigure;
.super Ljava/lang/Object;
.source "UMConfigure.java"

# SDK-like stub borrowing Umeng's package name (not Umeng's code):
#
# public class UMConfigure {
#     public static final int DEVICE_TYPE_PHONE = 1;
#     static String sAppkey, sDeviceId;
#
#     public static void init(Context context, String appkey, String channel,
#                             int deviceType, String pushSecret) {
#         sAppkey = appkey;
#         new Thread(new Runnable() {                     // UMConfigure$1
#             public void run() {
#                 sDeviceId = Settings.Secure.getString(context.getContentResolver(), "android_id");
#             }
#         }).start();
#     }
# }


# annotations
.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcom/umeng/commonsdk/UMConfigure$1;
    }
.end annotation


# static fields
.field public static final DEVICE_TYPE_PHONE:I = 0x1

.field static sAppkey:Ljava/lang/String;

.field static sDeviceId:Ljava/lang/String;


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    .locals 2

    sput-object p1, Lcom/umeng/commonsdk/UMConfigure;->sAppkey:Ljava/lang/String;

    new-instance v0, Ljava/lang/Thread;

    new-instance v1, Lcom/umeng/commonsdk/UMConfigure$1;

    invoke-direct {v1, p0}, Lcom/umeng/commonsdk/UMConfigure$1;-><init>(Landroid/content/Context;)V

    invoke-direct {v0, v1}, Ljava/lang/Thread;-><init>(Ljava/lang/Runnable;)V

    invoke-virtual {v0}, Ljava/lang/Thread;->start()V

    return-void
.end method
