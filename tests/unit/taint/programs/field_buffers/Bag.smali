.class public Lcom/piflow/families/field_buffers/Bag;
.super Ljava/lang/Object;

# A class allocated at two sites: its list field is one per object, so what one bag is given is not
# what another holds.

.field private items:Ljava/util/List;

.method public constructor <init>()V
    .locals 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    new-instance v0, Ljava/util/ArrayList;
    invoke-direct {v0}, Ljava/util/ArrayList;-><init>()V
    iput-object v0, p0, Lcom/piflow/families/field_buffers/Bag;->items:Ljava/util/List;
    return-void
.end method

.method public put(Ljava/lang/String;)V
    .locals 1
    iget-object v0, p0, Lcom/piflow/families/field_buffers/Bag;->items:Ljava/util/List;
    invoke-interface {v0, p1}, Ljava/util/List;->add(Ljava/lang/Object;)Z
    return-void
.end method

.method public first()Ljava/lang/String;
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/field_buffers/Bag;->items:Ljava/util/List;
    const/4 v1, 0
    invoke-interface {v0, v1}, Ljava/util/List;->get(I)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Ljava/lang/String;
    return-object v0
.end method
