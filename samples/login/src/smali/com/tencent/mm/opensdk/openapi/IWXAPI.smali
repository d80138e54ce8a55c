.class public interface abstract Lcom/tencent/mm/opensdk/openapi/IWXAPI;
.super Ljava/lang/Object;
.source "IWXAPI.java"

# SDK-like stub of the WeChat OpenSDK API handle (it is not Tencent's code).
#
# public interface IWXAPI {
# }
