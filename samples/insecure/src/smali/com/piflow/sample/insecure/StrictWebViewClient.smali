.class public Lcom/piflow/sample/insecure/StrictWebViewClient;
.super Landroid/webkit/WebViewClient;
.source "StrictWebViewClient.java"

# public class StrictWebViewClient extends WebViewClient {   // never instantiated; cancels (negative)
#     public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {
#         handler.cancel();
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
    .locals 0

    invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->cancel()V

    return-void
.end method
