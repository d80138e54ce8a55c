.class public Lcom/piflow/families/receivers/A;
.super Lcom/piflow/families/receivers/Shape;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/piflow/families/receivers/Shape;-><init>()V
    return-void
.end method

.method public print()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/receivers/Shape;->name:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
