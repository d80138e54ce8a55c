.class public final Lcom/piflow/sample/insecure/Net;
.super Ljava/lang/Object;
.source "Net.java"

# public final class Net {
#     public static void trustAll() {                  // the weak set-up
#         try {
#             SSLContext ctx = SSLContext.getInstance("TLS");
#             ctx.init(null, new TrustManager[] { new TrustAllManager() }, null);
#             HttpsURLConnection.setDefaultSSLSocketFactory(ctx.getSocketFactory());
#             verifyWith(new AllowAllVerifier());
#         } catch (GeneralSecurityException e) { }
#     }
#
#     public static void strict() {                    // the same calls done right (negative)
#         try {
#             SSLContext ctx = SSLContext.getInstance("TLS");
#             ctx.init(null, new TrustManager[] { new StrictTrustManager() }, null);
#             HttpsURLConnection.setDefaultSSLSocketFactory(ctx.getSocketFactory());
#             verifyWith(new ProperVerifier());
#         } catch (GeneralSecurityException e) { }
#     }
#
#     private static void verifyWith(HostnameVerifier verifier) {   // installs its parameter
#         HttpsURLConnection.setDefaultHostnameVerifier(verifier);
#     }
# }


# direct methods
.method private constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static strict()V
    .locals 4

    :try_start_0
    const-string v0, "TLS"

    invoke-static {v0}, Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;)Ljavax/net/ssl/SSLContext;

    move-result-object v0

    const/4 v1, 0x1

    new-array v1, v1, [Ljavax/net/ssl/TrustManager;

    const/4 v2, 0x0

    new-instance v3, Lcom/piflow/sample/insecure/StrictTrustManager;

    invoke-direct {v3}, Lcom/piflow/sample/insecure/StrictTrustManager;-><init>()V

    aput-object v3, v1, v2

    const/4 v2, 0x0

    invoke-virtual {v0, v2, v1, v2}, Ljavax/net/ssl/SSLContext;->init([Ljavax/net/ssl/KeyManager;[Ljavax/net/ssl/TrustManager;Ljava/security/SecureRandom;)V

    invoke-virtual {v0}, Ljavax/net/ssl/SSLContext;->getSocketFactory()Ljavax/net/ssl/SSLSocketFactory;

    move-result-object v0

    invoke-static {v0}, Ljavax/net/ssl/HttpsURLConnection;->setDefaultSSLSocketFactory(Ljavax/net/ssl/SSLSocketFactory;)V

    new-instance v0, Lcom/piflow/sample/insecure/ProperVerifier;

    invoke-direct {v0}, Lcom/piflow/sample/insecure/ProperVerifier;-><init>()V

    invoke-static {v0}, Lcom/piflow/sample/insecure/Net;->verifyWith(Ljavax/net/ssl/HostnameVerifier;)V
    :try_end_0
    .catch Ljava/security/GeneralSecurityException; {:try_start_0 .. :try_end_0} :catch_0

    goto :goto_0

    :catch_0
    move-exception v0

    :goto_0
    return-void
.end method

.method public static trustAll()V
    .locals 4

    :try_start_0
    const-string v0, "TLS"

    invoke-static {v0}, Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;)Ljavax/net/ssl/SSLContext;

    move-result-object v0

    const/4 v1, 0x1

    new-array v1, v1, [Ljavax/net/ssl/TrustManager;

    const/4 v2, 0x0

    new-instance v3, Lcom/piflow/sample/insecure/TrustAllManager;

    invoke-direct {v3}, Lcom/piflow/sample/insecure/TrustAllManager;-><init>()V

    aput-object v3, v1, v2

    const/4 v2, 0x0

    invoke-virtual {v0, v2, v1, v2}, Ljavax/net/ssl/SSLContext;->init([Ljavax/net/ssl/KeyManager;[Ljavax/net/ssl/TrustManager;Ljava/security/SecureRandom;)V

    invoke-virtual {v0}, Ljavax/net/ssl/SSLContext;->getSocketFactory()Ljavax/net/ssl/SSLSocketFactory;

    move-result-object v0

    invoke-static {v0}, Ljavax/net/ssl/HttpsURLConnection;->setDefaultSSLSocketFactory(Ljavax/net/ssl/SSLSocketFactory;)V

    new-instance v0, Lcom/piflow/sample/insecure/AllowAllVerifier;

    invoke-direct {v0}, Lcom/piflow/sample/insecure/AllowAllVerifier;-><init>()V

    invoke-static {v0}, Lcom/piflow/sample/insecure/Net;->verifyWith(Ljavax/net/ssl/HostnameVerifier;)V
    :try_end_0
    .catch Ljava/security/GeneralSecurityException; {:try_start_0 .. :try_end_0} :catch_0

    goto :goto_0

    :catch_0
    move-exception v0

    :goto_0
    return-void
.end method

.method private static verifyWith(Ljavax/net/ssl/HostnameVerifier;)V
    .locals 0

    invoke-static {p0}, Ljavax/net/ssl/HttpsURLConnection;->setDefaultHostnameVerifier(Ljavax/net/ssl/HostnameVerifier;)V

    return-void
.end method
