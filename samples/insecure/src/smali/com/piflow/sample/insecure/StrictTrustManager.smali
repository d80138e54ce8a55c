.class public Lcom/piflow/sample/insecure/StrictTrustManager;
.super Ljava/lang/Object;
.source "StrictTrustManager.java"

# interfaces
.implements Ljavax/net/ssl/X509TrustManager;

# public class StrictTrustManager implements X509TrustManager {  // refuses every certificate (negative)
#     public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
#         throw new CertificateException("client certificates are not accepted");
#     }
#     public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
#         throw new CertificateException("untrusted server");
#     }
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
    .locals 2
    .annotation system Ldalvik/annotation/Throws;
        value = {
            Ljava/security/cert/CertificateException;
        }
    .end annotation

    new-instance v0, Ljava/security/cert/CertificateException;

    const-string v1, "client certificates are not accepted"

    invoke-direct {v0, v1}, Ljava/security/cert/CertificateException;-><init>(Ljava/lang/String;)V

    throw v0
.end method

.method public checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .locals 2
    .annotation system Ldalvik/annotation/Throws;
        value = {
            Ljava/security/cert/CertificateException;
        }
    .end annotation

    new-instance v0, Ljava/security/cert/CertificateException;

    const-string v1, "untrusted server"

    invoke-direct {v0, v1}, Ljava/security/cert/CertificateException;-><init>(Ljava/lang/String;)V

    throw v0
.end method

.method public getAcceptedIssuers()[Ljava/security/cert/X509Certificate;
    .locals 1

    const/4 v0, 0x0

    new-array v0, v0, [Ljava/security/cert/X509Certificate;

    return-object v0
.end method
