.class public Lcom/piflow/sample/insecure/AllowAllVerifier;
.super Ljava/lang/Object;
.source "AllowAllVerifier.java"

# interfaces
.implements Ljavax/net/ssl/HostnameVerifier;

# public class AllowAllVerifier implements HostnameVerifier {     // every host name matches
#     public boolean verify(String hostname, SSLSession session) { return true; }
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

    const/4 v0, 0x1

    return v0
.end method
