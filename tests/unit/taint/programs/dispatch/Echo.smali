.class public Lcom/piflow/families/dispatch/Echo;
.super Lcom/piflow/families/dispatch/Base;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/piflow/families/dispatch/Base;-><init>()V
    return-void
.end method

.method public show(Ljava/lang/String;)V
    .locals 1
    const-string v0, "t"
    invoke-static {v0, p1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
