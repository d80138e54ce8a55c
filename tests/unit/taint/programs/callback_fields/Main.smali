.class public Lcom/piflow/families/callback_fields/Main;
.super Landroid/app/Activity;

# A location listener (an inner class) stores the location's latitude in the activity's field
# through this$0; a Runnable posted later on a thread reads that field and appends it to a file
# (leak in Main$2.run). The other field only ever holds a constant: the Runnable that writes it
# to the same file leaks nothing (Main$3.run).

.field lat:Ljava/lang/String;
.field mode:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 7
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "location"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/location/LocationManager;
    const-string v1, "gps"
    const-wide/16 v2, 0x0
    const/4 v4, 0x0
    new-instance v5, Lcom/piflow/families/callback_fields/Main$1;
    invoke-direct {v5, p0}, Lcom/piflow/families/callback_fields/Main$1;-><init>(Lcom/piflow/families/callback_fields/Main;)V
    invoke-virtual/range {v0 .. v5}, Landroid/location/LocationManager;->requestLocationUpdates(Ljava/lang/String;JFLandroid/location/LocationListener;)V
    const-string v0, "quiet"
    iput-object v0, p0, Lcom/piflow/families/callback_fields/Main;->mode:Ljava/lang/String;
    return-void
.end method

.method protected onStop()V
    .locals 2
    invoke-super {p0}, Landroid/app/Activity;->onStop()V
    new-instance v0, Ljava/lang/Thread;
    new-instance v1, Lcom/piflow/families/callback_fields/Main$2;
    invoke-direct {v1, p0}, Lcom/piflow/families/callback_fields/Main$2;-><init>(Lcom/piflow/families/callback_fields/Main;)V
    invoke-direct {v0, v1}, Ljava/lang/Thread;-><init>(Ljava/lang/Runnable;)V
    invoke-virtual {v0}, Ljava/lang/Thread;->start()V
    new-instance v0, Ljava/lang/Thread;
    new-instance v1, Lcom/piflow/families/callback_fields/Main$3;
    invoke-direct {v1, p0}, Lcom/piflow/families/callback_fields/Main$3;-><init>(Lcom/piflow/families/callback_fields/Main;)V
    invoke-direct {v0, v1}, Ljava/lang/Thread;-><init>(Ljava/lang/Runnable;)V
    invoke-virtual {v0}, Ljava/lang/Thread;->start()V
    return-void
.end method
