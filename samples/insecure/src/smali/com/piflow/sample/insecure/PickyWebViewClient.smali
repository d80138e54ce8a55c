.class public Lcom/piflow/sample/insecure/PickyWebViewClient;
.super Landroid/webkit/WebViewClient;
.source "PickyWebViewClient.java"

# public class PickyWebViewClient extends WebViewClient {    // never instantiated; proceeds on expired certificates only
#     public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {
#         if (error.getPrimaryError() == SslError.SSL_EXPIRED) {   // SSL_EXPIRED = 1, inlined
#             handler.proceed();
#         } else {
#             handler.cancel();
#         }
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/webkit/WebViewClient;-><init>()V

    return-void
.end method


# virtual methods
.method public onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V
    .locals 2

    invoke-virtual {p3}, Landroid/net/http/SslError;->getPrimaryError()I

    move-result v0

    const/4 v1, 0x1

    if-ne v0, v1, :cond_0

    invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->proceed()V

    goto :goto_0

    :cond_0
    invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->cancel()V

    :goto_0
    return-void
.end method
