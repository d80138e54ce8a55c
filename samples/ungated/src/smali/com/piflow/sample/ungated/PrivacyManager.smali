.class public Lcom/piflow/sample/ungated/PrivacyManager;
.super Ljava/lang/Object;
.source "PrivacyManager.java"

# public class PrivacyManager {
#     public static boolean isAgreed(Context c) {
#         return c.getSharedPreferences("privacy", 0).getBoolean("agreed", false);
#     }
#     public static void setAgreed(Context c) {
#         c.getSharedPreferences("privacy", 0).edit().putBoolean("agreed", true).apply();
#         MMKV.defaultMMKV().encode("agreed", true);
#         GatedApp.sAgreed = true;
#     }
# }

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static isAgreed(Landroid/content/Context;)Z
    .locals 2
    const-string v0, "privacy"
    const/4 v1, 0x0
    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v0
    const-string v1, "agreed"
    const/4 p0, 0x0
    invoke-interface {v0, v1, p0}, Landroid/content/SharedPreferences;->getBoolean(Ljava/lang/String;Z)Z
    move-result v0
    return v0
.end method

.method public static setAgreed(Landroid/content/Context;)V
    .locals 3
    const-string v0, "privacy"
    const/4 v1, 0x0
    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v0
    invoke-interface {v0}, Landroid/content/SharedPreferences;->edit()Landroid/content/SharedPreferences$Editor;
    move-result-object v0
    const-string v1, "agreed"
    const/4 v2, 0x1
    invoke-interface {v0, v1, v2}, Landroid/content/SharedPreferences$Editor;->putBoolean(Ljava/lang/String;Z)Landroid/content/SharedPreferences$Editor;
    move-result-object v0
    invoke-interface {v0}, Landroid/content/SharedPreferences$Editor;->apply()V
    invoke-static {}, Lcom/tencent/mmkv/MMKV;->defaultMMKV()Lcom/tencent/mmkv/MMKV;
    move-result-object v0
    invoke-virtual {v0, v1, v2}, Lcom/tencent/mmkv/MMKV;->encode(Ljava/lang/String;Z)Z
    sput-boolean v2, Lcom/piflow/sample/ungated/GatedApp;->sAgreed:Z
    return-void
.end method
