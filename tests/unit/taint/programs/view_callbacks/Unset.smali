.class public Lcom/piflow/families/view_callbacks/Unset;
.super Ljava/lang/Object;
.implements Landroid/text/TextUnset;

.field private id:Ljava/lang/String;

.method public constructor <init>(Ljava/lang/String;)V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/piflow/families/view_callbacks/Unset;->id:Ljava/lang/String;
    return-void
.end method

.method public afterTextChanged(Landroid/text/Editable;)V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/view_callbacks/Unset;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public beforeTextChanged(Ljava/lang/CharSequence;III)V
    .locals 0
    return-void
.end method

.method public onTextChanged(Ljava/lang/CharSequence;III)V
    .locals 0
    return-void
.end method
