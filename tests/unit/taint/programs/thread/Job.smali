.class public Lcom/piflow/families/thread/Job;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;

.field private final id:Ljava/lang/String;

.method public constructor <init>(Ljava/lang/String;)V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/piflow/families/thread/Job;->id:Ljava/lang/String;
    return-void
.end method

.method public run()V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/thread/Job;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
