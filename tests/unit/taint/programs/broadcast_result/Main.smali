.class public Lcom/piflow/families/broadcast_result/Main;
.super Landroid/app/Activity;

# The result a receiver sets on an ordered broadcast goes back to its sender: from an exported receiver
# that may be another app (or adb's am broadcast), so the IMEI it sets is a leak (Open.onReceive);
# a receiver the manifest does not export answers the app's own senders only (no leak in Closed), and
# so does an exported one whose action the app broadcasts itself (no leak in Own: Main sends OWN).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Landroid/content/Intent;
    const-string v1, "com.piflow.families.OWN"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const/4 v1, 0x0
    invoke-virtual {p0, v0, v1}, Landroid/app/Activity;->sendOrderedBroadcast(Landroid/content/Intent;Ljava/lang/String;)V
    return-void
.end method
