.class public Lcom/piflow/families/asynctask/Task;
.super Landroid/os/AsyncTask;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/os/AsyncTask;-><init>()V
    return-void
.end method

.method protected doInBackground([Ljava/lang/Object;)Ljava/lang/Object;
    .locals 3
    const/4 v0, 0x0
    aget-object v0, p1, v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-object v0
.end method

.method protected onPostExecute(Ljava/lang/Object;)V
    .locals 2
    invoke-virtual {p1}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
