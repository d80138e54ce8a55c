.class public Lcom/piflow/families/fragment_args/Shown;
.super Landroid/app/Fragment;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Fragment;-><init>()V
    return-void
.end method

.method public onCreateView(Landroid/view/LayoutInflater;Landroid/view/ViewGroup;Landroid/os/Bundle;)Landroid/view/View;
    .locals 2
    invoke-virtual {p0}, Lcom/piflow/families/fragment_args/Shown;->getArguments()Landroid/os/Bundle;
    move-result-object v0
    const-string v1, "id"
    invoke-virtual {v0, v1}, Landroid/os/Bundle;->getString(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    const/4 v0, 0x0
    return-object v0
.end method
