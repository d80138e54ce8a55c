.class public abstract Lcom/piflow/families/object_text/Counter;
.super Ljava/lang/Object;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method abstract count(Ljava/lang/CharSequence;)I
.end method
