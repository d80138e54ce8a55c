.class public Lcom/piflow/families/aliasing/Box;
.super Ljava/lang/Object;

.field public a:Ljava/lang/String;
.field public b:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
