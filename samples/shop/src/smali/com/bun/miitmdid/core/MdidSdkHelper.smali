.class public Lcom/bun/miitmdid/core/MdidSdkHelper;
.super Ljava/lang/Object;
.source "MdidSdkHelper.java"

# SDK-like stub of the MSA OAID SDK's entry point (it is not MSA's code).
# It reads no identifier: it reports "supported" with no supplier and returns 0.
#
# public class MdidSdkHelper {
#     public static int InitSdk(Context context, boolean isLogOn, IIdentifierListener listener) {
#         listener.OnSupport(true, null);
#         return 0;
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static InitSdk(Landroid/content/Context;ZLcom/bun/miitmdid/interfaces/IIdentifierListener;)I
    .locals 2

    # p0 context (unused), p1 isLogOn (unused), p2 listener
    const/4 v0, 0x1

    const/4 v1, 0x0

    invoke-interface {p2, v0, v1}, Lcom/bun/miitmdid/interfaces/IIdentifierListener;->OnSupport(ZLcom/bun/miitmdid/interfaces/IdSupplier;)V

    const/4 v0, 0x0

    return v0
.end method
