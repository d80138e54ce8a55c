.class public Lcom/piflow/families/megamorphic/Plain0;
.super Ljava/lang/Object;
.implements Lcom/piflow/families/megamorphic/Named;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 1
    const-string v0, "plain0"
    return-object v0
.end method

.method public name()Ljava/lang/String;
    .locals 1
    const-string v0, "plain"
    return-object v0
.end method
