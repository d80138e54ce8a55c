.class public Lcom/piflow/sample/shop/BootReceiver;
.super Landroid/content/BroadcastReceiver;
.source "BootReceiver.java"

# Registered in the manifest for BOOT_COMPLETED without android:exported,
# so (targetSdk 30, has an intent filter) it is exported.
#
# public class BootReceiver extends BroadcastReceiver {
#     public void onReceive(Context context, Intent intent) {
#         List<PackageInfo> packages = context.getPackageManager().getInstalledPackages(0);
#         Log.i("ShopBoot", "installed packages: " + packages.size());
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V

    return-void
.end method


# virtual methods
.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .locals 3

    # v0..v2 locals, p0 = v3 (this), p1 = v4 (context), p2 = v5 (intent)
    # v0 = packages
    invoke-virtual {p1}, Landroid/content/Context;->getPackageManager()Landroid/content/pm/PackageManager;

    move-result-object v0

    const/4 v1, 0x0

    invoke-virtual {v0, v1}, Landroid/content/pm/PackageManager;->getInstalledPackages(I)Ljava/util/List;

    move-result-object v0

    # Log.i("ShopBoot", "installed packages: " + packages.size())
    new-instance v1, Ljava/lang/StringBuilder;

    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V

    const-string v2, "installed packages: "

    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-interface {v0}, Ljava/util/List;->size()I

    move-result v0

    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(I)Ljava/lang/StringBuilder;

    move-result-object v0

    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v0

    const-string v1, "ShopBoot"

    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I

    return-void
.end method
