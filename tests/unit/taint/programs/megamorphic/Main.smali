.class public Lcom/piflow/families/megamorphic/Main;
.super Landroid/app/Activity;

# Object.toString on an object of unknown class, with more toString overrides in the app than a call
# can sensibly be taken to run at once (17 here), runs the library's toString only: the one override
# that formats the IMEI (Imei) is not taken to run there (no leak in unknown()). The same call on an
# object declared of the Named interface runs the two implementations it may (leak in named()).

.field public any:Ljava/lang/Object;
.field public named:Lcom/piflow/families/megamorphic/Named;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/piflow/families/megamorphic/Imei;
    invoke-direct {v0, p0}, Lcom/piflow/families/megamorphic/Imei;-><init>(Landroid/app/Activity;)V
    invoke-virtual {p0, v0}, Lcom/piflow/families/megamorphic/Main;->keep(Ljava/lang/Object;Lcom/piflow/families/megamorphic/Named;)V
    new-instance v0, Lcom/piflow/families/megamorphic/Plain0;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain0;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain0;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain1;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain1;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain1;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain2;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain2;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain2;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain3;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain3;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain3;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain4;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain4;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain4;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain5;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain5;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain5;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain6;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain6;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain6;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain7;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain7;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain7;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain8;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain8;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain8;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain9;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain9;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain9;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain10;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain10;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain10;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain11;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain11;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain11;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain12;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain12;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain12;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain13;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain13;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain13;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain14;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain14;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain14;->toString()Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/megamorphic/Plain15;
    invoke-direct {v0}, Lcom/piflow/families/megamorphic/Plain15;-><init>()V
    invoke-virtual {v0}, Lcom/piflow/families/megamorphic/Plain15;->toString()Ljava/lang/String;
    invoke-virtual {p0}, Lcom/piflow/families/megamorphic/Main;->unknown()V
    invoke-virtual {p0}, Lcom/piflow/families/megamorphic/Main;->named()V
    return-void
.end method

.method public keep(Ljava/lang/Object;Lcom/piflow/families/megamorphic/Named;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/families/megamorphic/Main;->any:Ljava/lang/Object;
    iput-object p2, p0, Lcom/piflow/families/megamorphic/Main;->named:Lcom/piflow/families/megamorphic/Named;
    return-void
.end method

.method public unknown()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/megamorphic/Main;->any:Ljava/lang/Object;
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public named()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/megamorphic/Main;->named:Lcom/piflow/families/megamorphic/Named;
    invoke-interface {v0}, Lcom/piflow/families/megamorphic/Named;->name()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
