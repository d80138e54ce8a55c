.class public Lcom/piflow/sample/gated/GatedApp;
.super Landroid/app/Application;
.source "GatedApp.java"

# public class GatedApp extends Application {
#     public static boolean sAgreed;                    // set from the stored flag, read by MainActivity
#     public void onCreate() {
#         super.onCreate();
#         boolean agreed = getSharedPreferences("privacy", 0).getBoolean("agreed", false);
#         sAgreed = agreed;
#         if (agreed) UMConfigure.init(this, "5f9d0c1e8a1b2c3d4e5f6a7c", "piflow-samples", 1, null); // pref
#         if (PrivacyManager.isAgreed(this)) JPushInterface.init(this);                            // wrapper
#         MMKV.initialize(this);
#         if (MMKV.defaultMMKV().decodeBool("agreed", false)) CrashReport.initCrashReport(this);   // MMKV
#     }
#     static void initSdks(Context c) {                   // once the user agrees
#         UMConfigure.init(c, "5f9d0c1e8a1b2c3d4e5f6a7c", "piflow-samples", 1, null);
#         JPushInterface.init(c);
#         CrashReport.initCrashReport(c);
#     }
# }
# (ungated: the same code without the three `if`s)

.field public static sAgreed:Z

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .locals 5
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    const-string v0, "privacy"
    const/4 v1, 0x0
    invoke-virtual {p0, v0, v1}, Lcom/piflow/sample/gated/GatedApp;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v0
    const-string v1, "agreed"
    const/4 v2, 0x0
    invoke-interface {v0, v1, v2}, Landroid/content/SharedPreferences;->getBoolean(Ljava/lang/String;Z)Z
    move-result v0
    sput-boolean v0, Lcom/piflow/sample/gated/GatedApp;->sAgreed:Z
    if-eqz v0, :no_umeng  # gate
    const-string v0, "5f9d0c1e8a1b2c3d4e5f6a7c"
    const-string v1, "piflow-samples"
    const/4 v2, 0x1
    const/4 v3, 0x0
    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    :no_umeng
    invoke-static {p0}, Lcom/piflow/sample/gated/PrivacyManager;->isAgreed(Landroid/content/Context;)Z
    move-result v0
    if-eqz v0, :no_jpush  # gate
    invoke-static {p0}, Lcn/jpush/android/api/JPushInterface;->init(Landroid/content/Context;)V
    :no_jpush
    invoke-static {p0}, Lcom/tencent/mmkv/MMKV;->initialize(Landroid/content/Context;)Ljava/lang/String;
    invoke-static {}, Lcom/tencent/mmkv/MMKV;->defaultMMKV()Lcom/tencent/mmkv/MMKV;
    move-result-object v0
    const-string v1, "agreed"
    const/4 v2, 0x0
    invoke-virtual {v0, v1, v2}, Lcom/tencent/mmkv/MMKV;->decodeBool(Ljava/lang/String;Z)Z
    move-result v0
    if-eqz v0, :no_bugly  # gate
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;)V
    :no_bugly
    return-void
.end method

.method static initSdks(Landroid/content/Context;)V
    .locals 4
    const-string v0, "5f9d0c1e8a1b2c3d4e5f6a7c"
    const-string v1, "piflow-samples"
    const/4 v2, 0x1
    const/4 v3, 0x0
    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    invoke-static {p0}, Lcn/jpush/android/api/JPushInterface;->init(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;)V
    return-void
.end method
