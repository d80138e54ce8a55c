.class public Lcom/piflow/families/field_buffers/Main;
.super Landroid/app/Activity;

.field trail:Ljava/lang/StringBuilder;
.field quiet:Ljava/lang/StringBuilder;
.field bagA:Lcom/piflow/families/field_buffers/Bag;
.field bagB:Lcom/piflow/families/field_buffers/Bag;

# Buffers and lists held in fields: what onCreate appends or adds (directly or through a helper)
# is their content in every later callback (onResume, onPause through an iterator, onStop).

.method public constructor <init>()V
    .locals 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    iput-object v0, p0, Lcom/piflow/families/field_buffers/Main;->trail:Ljava/lang/StringBuilder;
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    iput-object v0, p0, Lcom/piflow/families/field_buffers/Main;->quiet:Ljava/lang/StringBuilder;
    return-void
.end method

.method record(Ljava/lang/String;)V
    .locals 1
    iget-object v0, p0, Lcom/piflow/families/field_buffers/Main;->trail:Ljava/lang/StringBuilder;
    invoke-virtual {v0, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lcom/piflow/families/field_buffers/Journal;->add(Ljava/lang/String;)V
    invoke-virtual {p0, v0}, Lcom/piflow/families/field_buffers/Main;->record(Ljava/lang/String;)V
    sget-object v1, Lcom/piflow/families/field_buffers/Journal;->slots:[Ljava/lang/String;
    const/4 v2, 0
    aput-object v0, v1, v2
    new-instance v1, Lcom/piflow/families/field_buffers/Bag;
    invoke-direct {v1}, Lcom/piflow/families/field_buffers/Bag;-><init>()V
    iput-object v1, p0, Lcom/piflow/families/field_buffers/Main;->bagA:Lcom/piflow/families/field_buffers/Bag;
    invoke-virtual {v1, v0}, Lcom/piflow/families/field_buffers/Bag;->put(Ljava/lang/String;)V
    sget-object v1, Lcom/piflow/families/field_buffers/Journal;->items:Ljava/util/List;
    invoke-interface {v1, v0}, Ljava/util/List;->add(Ljava/lang/Object;)Z
    const-string v0, "x"
    invoke-static {v0}, Lcom/piflow/families/field_buffers/Journal;->note(Ljava/lang/String;)V
    sget-object v1, Lcom/piflow/families/field_buffers/Journal;->clean:Ljava/util/List;
    invoke-interface {v1, v0}, Ljava/util/List;->add(Ljava/lang/Object;)Z
    iget-object v1, p0, Lcom/piflow/families/field_buffers/Main;->quiet:Ljava/lang/StringBuilder;
    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    new-instance v1, Lcom/piflow/families/field_buffers/Bag;
    invoke-direct {v1}, Lcom/piflow/families/field_buffers/Bag;-><init>()V
    iput-object v1, p0, Lcom/piflow/families/field_buffers/Main;->bagB:Lcom/piflow/families/field_buffers/Bag;
    invoke-virtual {v1, v0}, Lcom/piflow/families/field_buffers/Bag;->put(Ljava/lang/String;)V
    return-void
.end method

.method protected onResume()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->lines:Ljava/lang/StringBuffer;
    invoke-virtual {v0}, Ljava/lang/StringBuffer;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onPause()V
    .locals 3
    invoke-super {p0}, Landroid/app/Activity;->onPause()V
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->items:Ljava/util/List;
    const/4 v2, 0
    invoke-interface {v0}, Ljava/util/List;->iterator()Ljava/util/Iterator;
    move-result-object v0
    invoke-interface {v0}, Ljava/util/Iterator;->next()Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onStop()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onStop()V
    iget-object v0, p0, Lcom/piflow/families/field_buffers/Main;->trail:Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

# The negative twins: a static builder, a static list and an instance builder only ever given a constant.

.method protected onRestart()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onRestart()V
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->notes:Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->w(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onDestroy()V
    .locals 3
    invoke-super {p0}, Landroid/app/Activity;->onDestroy()V
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->clean:Ljava/util/List;
    const/4 v2, 0
    invoke-interface {v0, v2}, Ljava/util/List;->get(I)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->w(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public onLowMemory()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onLowMemory()V
    iget-object v0, p0, Lcom/piflow/families/field_buffers/Main;->quiet:Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->w(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

# The list of the second of two bags, only ever given a constant, is clean.

.method public onTrimMemory(I)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onTrimMemory(I)V
    iget-object v0, p0, Lcom/piflow/families/field_buffers/Main;->bagB:Lcom/piflow/families/field_buffers/Bag;
    invoke-virtual {v0}, Lcom/piflow/families/field_buffers/Bag;->first()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->w(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onStart()V
    .locals 3
    invoke-super {p0}, Landroid/app/Activity;->onStart()V
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->slots:[Ljava/lang/String;
    const/4 v2, 0
    aget-object v0, v0, v2
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
