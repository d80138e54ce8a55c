.class public Lcom/piflow/families/user_input/Query;
.super Ljava/lang/Object;
.implements Landroid/widget/SearchView$OnQueryTextListener;

# A search box's listener: the query it is handed is what the user typed.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onQueryTextSubmit(Ljava/lang/String;)Z
    .locals 1
    const-string v0, "q"
    invoke-static {v0, p1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    const/4 v0, 0x1
    return v0
.end method

.method public onQueryTextChange(Ljava/lang/String;)Z
    .locals 1
    const/4 v0, 0x0
    return v0
.end method
