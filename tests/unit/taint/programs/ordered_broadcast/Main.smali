.class public Lcom/piflow/families/ordered_broadcast/Main;
.super Landroid/app/Activity;

# An ordered broadcast passes its result from one receiver to the next: First sets the IMEI as result
# data, Second reads it back (leak in Second.onReceive).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.ORDERED"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const/4 v2, 0x0
    invoke-virtual {p0, v0, v2}, Lcom/piflow/families/ordered_broadcast/Main;->sendOrderedBroadcast(Landroid/content/Intent;Ljava/lang/String;)V
    return-void
.end method
