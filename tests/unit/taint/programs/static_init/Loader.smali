.class public Lcom/piflow/families/static_init/Loader;
.super Ljava/lang/Object;

# Its static initialiser, run when the class is first used, stores the serial number in Main.id.

.method static constructor <clinit>()V
    .locals 1
    sget-object v0, Landroid/os/Build;->SERIAL:Ljava/lang/String;
    sput-object v0, Lcom/piflow/families/static_init/Main;->id:Ljava/lang/String;
    return-void
.end method

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
