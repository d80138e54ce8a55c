.class public Lcom/piflow/families/receivers/B;
.super Lcom/piflow/families/receivers/Shape;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/piflow/families/receivers/Shape;-><init>()V
    return-void
.end method

.method public print()V
    .locals 2
    const-string v0, "b"
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
