.class public Lcom/piflow/sample/shop/OaidListener;
.super Ljava/lang/Object;
.source "OaidListener.java"

# interfaces
.implements Lcom/bun/miitmdid/interfaces/IIdentifierListener;

# The app's listener for the MSA OAID SDK; MainActivity.onCreate hands a new
# instance to MdidSdkHelper.InitSdk, which calls it back.
#
# public class OaidListener implements IIdentifierListener {
#     public void OnSupport(boolean isSupport, IdSupplier supplier) {
#         if (supplier != null) {
#             String oaid = supplier.getOAID();
#             Log.i("Shop", "oaid=" + oaid);
#         }
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method


# virtual methods
.method public OnSupport(ZLcom/bun/miitmdid/interfaces/IdSupplier;)V
    .locals 3

    # v0..v2 locals, p0 = v3 (this), p1 = v4 (isSupport), p2 = v5 (supplier)
    if-eqz p2, :cond_0

    # v0 = oaid
    invoke-interface {p2}, Lcom/bun/miitmdid/interfaces/IdSupplier;->getOAID()Ljava/lang/String;

    move-result-object v0

    # Log.i("Shop", "oaid=" + oaid)
    new-instance v1, Ljava/lang/StringBuilder;

    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V

    const-string v2, "oaid="

    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v1

    const-string v2, "Shop"

    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I

    :cond_0
    return-void
.end method
