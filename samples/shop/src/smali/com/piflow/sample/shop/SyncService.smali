.class public Lcom/piflow/sample/shop/SyncService;
.super Landroid/app/Service;
.source "SyncService.java"

# A private (android:exported="false") service that does nothing.
#
# public class SyncService extends Service {
#     public IBinder onBind(Intent intent) {
#         return null;
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Service;-><init>()V

    return-void
.end method


# virtual methods
.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .locals 1

    const/4 v0, 0x0

    return-object v0
.end method
