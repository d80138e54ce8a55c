.class final Lcn/jpush/android/api/JPushInterface$RegisterTask;
.super Ljava/lang/Object;
.source "JPushInterface.java"

# interfaces
.implements Ljava/lang/Runnable;

# static final class RegisterTask implements Runnable {
#     private final String url;
#
#     RegisterTask(String url) { this.url = url; }
#
#     public void run() {
#         try {
#             HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection();
#             conn.getResponseCode();
#             conn.disconnect();
#         } catch (IOException e) {
#             // dropped
#         }
#     }
# }


# annotations
.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lcn/jpush/android/api/JPushInterface;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x18
    name = "RegisterTask"
.end annotation


# instance fields
.field private final url:Ljava/lang/String;


# direct methods
.method constructor <init>(Ljava/lang/String;)V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    iput-object p1, p0, Lcn/jpush/android/api/JPushInterface$RegisterTask;->url:Ljava/lang/String;

    return-void
.end method


# virtual methods
.method public run()V
    .locals 2

    :try_start_0
    new-instance v0, Ljava/net/URL;

    iget-object v1, p0, Lcn/jpush/android/api/JPushInterface$RegisterTask;->url:Ljava/lang/String;

    invoke-direct {v0, v1}, Ljava/net/URL;-><init>(Ljava/lang/String;)V

    invoke-virtual {v0}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;

    move-result-object v0

    check-cast v0, Ljava/net/HttpURLConnection;

    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->getResponseCode()I

    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->disconnect()V
    :try_end_0
    .catch Ljava/io/IOException; {:try_start_0 .. :try_end_0} :catch_0

    goto :goto_0

    :catch_0
    move-exception v0

    :goto_0
    return-void
.end method
