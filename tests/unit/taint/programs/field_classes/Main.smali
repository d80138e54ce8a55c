.class public Lcom/piflow/families/field_classes/Main;
.super Landroid/app/Activity;

# A call on an object read from a field runs only the classes ever stored into it: fixed holds only
# Fixed objects, whose get() returns a constant (no leak in viaFixed()), although Imei.get(), which
# returns the IMEI, is another implementation of Source; mixed holds a Fixed or an Imei (leak in
# viaMixed()); given, stored from a parameter, may hold any Source (leak in viaGiven()).

.field public fixed:Lcom/piflow/families/field_classes/Source;
.field public mixed:Lcom/piflow/families/field_classes/Source;
.field public given:Lcom/piflow/families/field_classes/Source;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/piflow/families/field_classes/Fixed;
    invoke-direct {v0}, Lcom/piflow/families/field_classes/Fixed;-><init>()V
    iput-object v0, p0, Lcom/piflow/families/field_classes/Main;->fixed:Lcom/piflow/families/field_classes/Source;
    iput-object v0, p0, Lcom/piflow/families/field_classes/Main;->mixed:Lcom/piflow/families/field_classes/Source;
    const/4 v1, 0x0
    iput-object v1, p0, Lcom/piflow/families/field_classes/Main;->fixed:Lcom/piflow/families/field_classes/Source;
    new-instance v1, Lcom/piflow/families/field_classes/Imei;
    invoke-direct {v1, p0}, Lcom/piflow/families/field_classes/Imei;-><init>(Landroid/app/Activity;)V
    invoke-virtual {p0, v1}, Lcom/piflow/families/field_classes/Main;->keep(Lcom/piflow/families/field_classes/Source;)V
    invoke-virtual {p0}, Lcom/piflow/families/field_classes/Main;->viaFixed()V
    invoke-virtual {p0}, Lcom/piflow/families/field_classes/Main;->viaMixed()V
    invoke-virtual {p0}, Lcom/piflow/families/field_classes/Main;->viaGiven()V
    return-void
.end method

.method public keep(Lcom/piflow/families/field_classes/Source;)V
    .locals 1
    iput-object p1, p0, Lcom/piflow/families/field_classes/Main;->given:Lcom/piflow/families/field_classes/Source;
    new-instance v0, Lcom/piflow/families/field_classes/Imei;
    invoke-direct {v0, p0}, Lcom/piflow/families/field_classes/Imei;-><init>(Landroid/app/Activity;)V
    iput-object v0, p0, Lcom/piflow/families/field_classes/Main;->mixed:Lcom/piflow/families/field_classes/Source;
    return-void
.end method

.method public viaFixed()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/field_classes/Main;->fixed:Lcom/piflow/families/field_classes/Source;
    invoke-interface {v0}, Lcom/piflow/families/field_classes/Source;->get()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public viaMixed()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/field_classes/Main;->mixed:Lcom/piflow/families/field_classes/Source;
    invoke-interface {v0}, Lcom/piflow/families/field_classes/Source;->get()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public viaGiven()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/field_classes/Main;->given:Lcom/piflow/families/field_classes/Source;
    invoke-interface {v0}, Lcom/piflow/families/field_classes/Source;->get()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
