.class public Lcom/piflow/families/view_callbacks/Frag;
.super Landroid/app/Fragment;

.field key:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Fragment;-><init>()V
    return-void
.end method

.method public onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Fragment;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Landroid/app/Fragment;->getActivity()Landroid/app/Activity;
    move-result-object v0
    check-cast v0, Lcom/piflow/families/view_callbacks/Main;
    iget-object v0, v0, Lcom/piflow/families/view_callbacks/Main;->id:Ljava/lang/String;
    iput-object v0, p0, Lcom/piflow/families/view_callbacks/Frag;->key:Ljava/lang/String;
    return-void
.end method

.method public onViewCreated(Landroid/view/View;Landroid/os/Bundle;)V
    .locals 1
    new-instance v0, Lcom/piflow/families/view_callbacks/Frag$1;
    invoke-direct {v0, p0}, Lcom/piflow/families/view_callbacks/Frag$1;-><init>(Lcom/piflow/families/view_callbacks/Frag;)V
    invoke-virtual {p1, v0}, Landroid/view/View;->setOnClickListener(Landroid/view/View$OnClickListener;)V
    return-void
.end method
