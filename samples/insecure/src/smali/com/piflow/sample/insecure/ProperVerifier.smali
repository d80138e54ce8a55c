.class public Lcom/piflow/sample/insecure/ProperVerifier;
.super Ljava/lang/Object;
.source "ProperVerifier.java"

# interfaces
.implements Ljavax/net/ssl/HostnameVerifier;

# public class ProperVerifier implements HostnameVerifier {      // delegates to the platform (negative)
#     public boolean verify(String hostname, SSLSession session) {
#         return HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method


# virtual methods
.method public verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z
    .locals 1

    invoke-static {}, Ljavax/net/ssl/HttpsURLConnection;->getDefaultHostnameVerifier()Ljavax/net/ssl/HostnameVerifier;

    move-result-object v0

    invoke-interface {v0, p1, p2}, Ljavax/net/ssl/HostnameVerifier;->verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z

    move-result v0

    return v0
.end method
