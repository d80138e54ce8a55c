.class public Lcom/piflow/families/layout_fragment/Main;
.super Landroid/app/Activity;

# The activity only inflates its layout, which names the Named fragment (<fragment android:name>): the
# framework makes Named and calls its lifecycle, where it reads the IMEI through its activity and logs
# it (leak). Unnamed has the same code but no layout names it and no code makes it (no leak).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const v0, 0x7f030000
    invoke-virtual {p0, v0}, Landroid/app/Activity;->setContentView(I)V
    return-void
.end method
