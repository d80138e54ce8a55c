.class public Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;
.super Ljava/lang/Object;
.source "WXAPIFactory.java"

# SDK-like stub of the WeChat OpenSDK factory (it is not Tencent's code).
# No PI, no network: it returns null.
#
# public class WXAPIFactory {
#     private WXAPIFactory() {}
#
#     public static IWXAPI createWXAPI(Context context, String appId, boolean checkSignature) {
#         return null;
#     }
# }


# direct methods
.method private constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static createWXAPI(Landroid/content/Context;Ljava/lang/String;Z)Lcom/tencent/mm/opensdk/openapi/IWXAPI;
    .locals 1

    const/4 v0, 0x0

    return-object v0
.end method
