.class public Lcom/piflow/families/dispatch/Base;
.super Ljava/lang/Object;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public show(Ljava/lang/String;)V
    .locals 0
    return-void
.end method
