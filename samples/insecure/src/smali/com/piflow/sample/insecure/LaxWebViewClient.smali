.class public Lcom/piflow/sample/insecure/LaxWebViewClient;
.super Landroid/webkit/WebViewClient;
.source "LaxWebViewClient.java"

# public class LaxWebViewClient extends WebViewClient {      // ignores every certificate error
#     public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) {
#         handler.proceed();
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

    invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->proceed()V

    return-void
.end method
