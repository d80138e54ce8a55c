.class public Lcom/piflow/families/param_dispatch/Greeting;
.super Lcom/piflow/families/param_dispatch/Text;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Lcom/piflow/families/param_dispatch/Text;-><init>()V
    return-void
.end method

.method public get(Landroid/content/Context;)Ljava/lang/String;
    .locals 1
    const-string v0, "hello"
    return-object v0
.end method
