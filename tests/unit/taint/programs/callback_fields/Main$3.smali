.class Lcom/piflow/families/callback_fields/Main$3;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;

.field final synthetic this$0:Lcom/piflow/families/callback_fields/Main;

.method constructor <init>(Lcom/piflow/families/callback_fields/Main;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/families/callback_fields/Main$3;->this$0:Lcom/piflow/families/callback_fields/Main;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public run()V
    .locals 4
    iget-object v0, p0, Lcom/piflow/families/callback_fields/Main$3;->this$0:Lcom/piflow/families/callback_fields/Main;
    iget-object v0, v0, Lcom/piflow/families/callback_fields/Main;->mode:Ljava/lang/String;
    new-instance v1, Ljava/io/FileWriter;
    const-string v2, "/sdcard/track.log"
    const/4 v3, 0x1
    invoke-direct {v1, v2, v3}, Ljava/io/FileWriter;-><init>(Ljava/lang/String;Z)V
    invoke-virtual {v1, v0}, Ljava/io/Writer;->append(Ljava/lang/CharSequence;)Ljava/io/Writer;
    invoke-virtual {v1}, Ljava/io/Writer;->close()V
    return-void
.end method
