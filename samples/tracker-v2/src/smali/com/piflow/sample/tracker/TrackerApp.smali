.class public Lcom/piflow/sample/tracker/TrackerApp;
.super Landroid/app/Application;
.source "TrackerApp.java"

# Version 2 of the tracker: the same Umeng call, plus a JPush-like push SDK.
#
# public class TrackerApp extends Application {
#     public void onCreate() {
#         super.onCreate();
#         UMConfigure.init(this, "5f9d0c1e8a1b2c3d4e5f6a7b", "piflow-samples",
#                 UMConfigure.DEVICE_TYPE_PHONE, null);
#         JPushInterface.init(this);
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Application;-><init>()V

    return-void
.end method


# virtual methods
.method public onCreate()V
    .locals 4

    invoke-super {p0}, Landroid/app/Application;->onCreate()V

    const-string v0, "5f9d0c1e8a1b2c3d4e5f6a7b"

    const-string v1, "piflow-samples"

    # UMConfigure.DEVICE_TYPE_PHONE (a compile-time constant, inlined)
    const/4 v2, 0x1

    const/4 v3, 0x0

    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V

    invoke-static {p0}, Lcn/jpush/android/api/JPushInterface;->init(Landroid/content/Context;)V

    return-void
.end method
