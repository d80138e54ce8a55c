.class public Lcom/piflow/families/field_classes/Fixed;
.super Ljava/lang/Object;
.implements Lcom/piflow/families/field_classes/Source;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public get()Ljava/lang/String;
    .locals 1
    const-string v0, "fixed"
    return-object v0
.end method
