.class public Lcom/piflow/families/asynctask/Main;
.super Landroid/app/Activity;

# AsyncTask.execute hands its arguments to doInBackground (leak in Task.doInBackground), and
# doInBackground's result to onPostExecute (leak in Task.onPostExecute).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 4
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Lcom/piflow/families/asynctask/Task;
    invoke-direct {v0}, Lcom/piflow/families/asynctask/Task;-><init>()V
    const/4 v1, 0x1
    new-array v1, v1, [Ljava/lang/String;
    const-string v2, "phone"
    invoke-virtual {p0, v2}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Landroid/telephony/TelephonyManager;
    invoke-virtual {v2}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v2
    const/4 v3, 0x0
    aput-object v2, v1, v3
    invoke-virtual {v0, v1}, Landroid/os/AsyncTask;->execute([Ljava/lang/Object;)Landroid/os/AsyncTask;
    return-void
.end method
