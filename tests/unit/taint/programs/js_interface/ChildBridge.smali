.class public Lcom/piflow/families/js_interface/ChildBridge;
.super Lcom/piflow/families/js_interface/BaseBridge;

.method public constructor <init>(Landroid/content/Context;)V
    .locals 0
    invoke-direct {p0, p1}, Lcom/piflow/families/js_interface/BaseBridge;-><init>(Landroid/content/Context;)V
    return-void
.end method
