.class public Lcom/piflow/families/object_text/Pojo;
.super Ljava/lang/Object;

.field public name:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 1
    const-string v0, "pojo"
    return-object v0
.end method
