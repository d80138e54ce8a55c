.class public Lcom/piflow/families/layout_fragment/Named;
.super Landroid/app/Fragment;

.field private id:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Fragment;-><init>()V
    return-void
.end method

.method public onAttach(Landroid/content/Context;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Fragment;->onAttach(Landroid/content/Context;)V
    const-string v0, "phone"
    invoke-virtual {p1, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    iput-object v0, p0, Lcom/piflow/families/layout_fragment/Named;->id:Ljava/lang/String;
    return-void
.end method

.method public onResume()V
    .locals 2
    invoke-super {p0}, Landroid/app/Fragment;->onResume()V
    iget-object v0, p0, Lcom/piflow/families/layout_fragment/Named;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
