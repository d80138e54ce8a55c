.class public Lcom/piflow/families/megamorphic/Plain10;
.super Ljava/lang/Object;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 1
    const-string v0, "plain10"
    return-object v0
.end method
