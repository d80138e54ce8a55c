.class public final Lcom/piflow/sample/insecure/Storage;
.super Ljava/lang/Object;
.source "Storage.java"

# public final class Storage {
#     public static void save(Context context) {
#         try {
#             writeHello(context.openFileOutput("shared.txt", Context.MODE_WORLD_READABLE));  // 1
#             writeHello(context.openFileOutput("private.txt", Context.MODE_PRIVATE));        // 0 (negative)
#             context.getSharedPreferences("settings", Context.MODE_WORLD_WRITEABLE);         // 2
#             writeHello(new FileOutputStream(
#                     new File(Environment.getExternalStorageDirectory(), "insecure.log")));
#         } catch (IOException e) { }
#     }
#
#     private static void writeHello(OutputStream out) throws IOException {
#         out.write("hello".getBytes());
#         out.close();
#     }
# }


# direct methods
.method private constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static save(Landroid/content/Context;)V
    .locals 4

    :try_start_0
    const-string v0, "shared.txt"

    const/4 v1, 0x1

    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;

    move-result-object v0

    invoke-static {v0}, Lcom/piflow/sample/insecure/Storage;->writeHello(Ljava/io/OutputStream;)V

    const-string v0, "private.txt"

    const/4 v1, 0x0

    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;

    move-result-object v0

    invoke-static {v0}, Lcom/piflow/sample/insecure/Storage;->writeHello(Ljava/io/OutputStream;)V

    const-string v0, "settings"

    const/4 v1, 0x2

    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;

    new-instance v0, Ljava/io/FileOutputStream;

    new-instance v1, Ljava/io/File;

    invoke-static {}, Landroid/os/Environment;->getExternalStorageDirectory()Ljava/io/File;

    move-result-object v2

    const-string v3, "insecure.log"

    invoke-direct {v1, v2, v3}, Ljava/io/File;-><init>(Ljava/io/File;Ljava/lang/String;)V

    invoke-direct {v0, v1}, Ljava/io/FileOutputStream;-><init>(Ljava/io/File;)V

    invoke-static {v0}, Lcom/piflow/sample/insecure/Storage;->writeHello(Ljava/io/OutputStream;)V
    :try_end_0
    .catch Ljava/io/IOException; {:try_start_0 .. :try_end_0} :catch_0

    goto :goto_0

    :catch_0
    move-exception v0

    :goto_0
    return-void
.end method

.method private static writeHello(Ljava/io/OutputStream;)V
    .locals 1
    .annotation system Ldalvik/annotation/Throws;
        value = {
            Ljava/io/IOException;
        }
    .end annotation

    const-string v0, "hello"

    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B

    move-result-object v0

    invoke-virtual {p0, v0}, Ljava/io/OutputStream;->write([B)V

    invoke-virtual {p0}, Ljava/io/OutputStream;->close()V

    return-void
.end method
