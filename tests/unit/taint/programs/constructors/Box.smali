.class public Lcom/piflow/families/constructors/Box;
.super Ljava/lang/Object;

.field public a:Ljava/lang/String;
.field public b:Ljava/lang/String;

.method public constructor <init>(Ljava/lang/String;)V
    .locals 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/piflow/families/constructors/Box;->a:Ljava/lang/String;
    const-string v0, "x"
    iput-object v0, p0, Lcom/piflow/families/constructors/Box;->b:Ljava/lang/String;
    return-void
.end method
