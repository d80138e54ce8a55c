.class public Lcom/piflow/families/fragment_args/Main;
.super Landroid/app/Activity;

# onCreate reads the IMEI, puts it in a Bundle and hands the Bundle to a new Shown fragment with
# setArguments before adding it; the fragment reads it back with getArguments in onCreateView (leak).
# A Plain fragment is given a Bundle of a constant only (no leak); Unused is never made (no leak).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 5
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Landroid/os/Bundle;
    invoke-direct {v1}, Landroid/os/Bundle;-><init>()V
    const-string v2, "id"
    invoke-virtual {v1, v2, v0}, Landroid/os/Bundle;->putString(Ljava/lang/String;Ljava/lang/String;)V
    new-instance v3, Lcom/piflow/families/fragment_args/Shown;
    invoke-direct {v3}, Lcom/piflow/families/fragment_args/Shown;-><init>()V
    invoke-virtual {v3, v1}, Lcom/piflow/families/fragment_args/Shown;->setArguments(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Landroid/app/Activity;->getFragmentManager()Landroid/app/FragmentManager;
    move-result-object v4
    invoke-virtual {v4}, Landroid/app/FragmentManager;->beginTransaction()Landroid/app/FragmentTransaction;
    move-result-object v4
    const v2, 0x1020002
    invoke-virtual {v4, v2, v3}, Landroid/app/FragmentTransaction;->add(ILandroid/app/Fragment;)Landroid/app/FragmentTransaction;
    move-result-object v4
    new-instance v1, Landroid/os/Bundle;
    invoke-direct {v1}, Landroid/os/Bundle;-><init>()V
    const-string v2, "id"
    const-string v0, "none"
    invoke-virtual {v1, v2, v0}, Landroid/os/Bundle;->putString(Ljava/lang/String;Ljava/lang/String;)V
    new-instance v3, Lcom/piflow/families/fragment_args/Plain;
    invoke-direct {v3}, Lcom/piflow/families/fragment_args/Plain;-><init>()V
    invoke-virtual {v3, v1}, Landroid/app/Fragment;->setArguments(Landroid/os/Bundle;)V
    const v2, 0x1020002
    invoke-virtual {v4, v2, v3}, Landroid/app/FragmentTransaction;->add(ILandroid/app/Fragment;)Landroid/app/FragmentTransaction;
    move-result-object v4
    invoke-virtual {v4}, Landroid/app/FragmentTransaction;->commit()I
    return-void
.end method
