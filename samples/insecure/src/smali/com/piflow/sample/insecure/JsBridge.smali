.class public Lcom/piflow/sample/insecure/JsBridge;
.super Ljava/lang/Object;
.source "JsBridge.java"

# public class JsBridge {                     // exposed to page scripts as window.piflow
#     @JavascriptInterface
#     public String getToken() { return "t0k3n"; }
#
#     public void log(String message) { Log.d("JsBridge", message); }   // not annotated: hidden from scripts
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method


# virtual methods
.method public getToken()Ljava/lang/String;
    .locals 1
    .annotation runtime Landroid/webkit/JavascriptInterface;
    .end annotation

    const-string v0, "t0k3n"

    return-object v0
.end method

.method public log(Ljava/lang/String;)V
    .locals 1

    const-string v0, "JsBridge"

    invoke-static {v0, p1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I

    return-void
.end method
