.class public Lcom/piflow/families/static_init/Main;
.super Landroid/app/Activity;

# onCreate stores a constant in a static field, then uses a class whose static initialiser overwrites
# that field with the serial number: what onCreate logs afterwards is the serial (leak in onCreate).

.field public static id:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "clean"
    sput-object v0, Lcom/piflow/families/static_init/Main;->id:Ljava/lang/String;
    new-instance v0, Lcom/piflow/families/static_init/Loader;
    invoke-direct {v0}, Lcom/piflow/families/static_init/Loader;-><init>()V
    sget-object v0, Lcom/piflow/families/static_init/Main;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
