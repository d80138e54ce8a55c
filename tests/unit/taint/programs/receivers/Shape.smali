.class public Lcom/piflow/families/receivers/Shape;
.super Ljava/lang/Object;

.field public name:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public print()V
    .locals 0
    return-void
.end method
