.class public Lcom/piflow/families/handler/Inbox;
.super Landroid/os/Handler;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/os/Handler;-><init>()V
    return-void
.end method

.method public handleMessage(Landroid/os/Message;)V
    .locals 2
    iget-object v0, p1, Landroid/os/Message;->obj:Ljava/lang/Object;
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
