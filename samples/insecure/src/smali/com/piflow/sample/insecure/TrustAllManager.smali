.class public Lcom/piflow/sample/insecure/TrustAllManager;
.super Ljava/lang/Object;
.source "TrustAllManager.java"

# interfaces
.implements Ljavax/net/ssl/X509TrustManager;

# public class TrustAllManager implements X509TrustManager {     // accepts every certificate
#     public void checkClientTrusted(X509Certificate[] chain, String authType) { }
#     public void checkServerTrusted(X509Certificate[] chain, String authType) { }
#     public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method


# virtual methods
.method public checkClientTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .locals 0
    .annotation system Ldalvik/annotation/Throws;
        value = {
            Ljava/security/cert/CertificateException;
        }
    .end annotation

    return-void
.end method

.method public checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .locals 0
    .annotation system Ldalvik/annotation/Throws;
        value = {
            Ljava/security/cert/CertificateException;
        }
    .end annotation

    return-void
.end method

.method public getAcceptedIssuers()[Ljava/security/cert/X509Certificate;
    .locals 1

    const/4 v0, 0x0

    new-array v0, v0, [Ljava/security/cert/X509Certificate;

    return-object v0
.end method
