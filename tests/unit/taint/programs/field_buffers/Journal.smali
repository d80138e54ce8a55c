.class public Lcom/piflow/families/field_buffers/Journal;
.super Ljava/lang/Object;

# Static mutable objects: what is appended or added to them is their content for every later reader.

.field public static lines:Ljava/lang/StringBuffer;
.field public static notes:Ljava/lang/StringBuilder;
.field public static items:Ljava/util/List;
.field public static clean:Ljava/util/List;
.field public static slots:[Ljava/lang/String;

.method static constructor <clinit>()V
    .locals 1
    new-instance v0, Ljava/lang/StringBuffer;
    invoke-direct {v0}, Ljava/lang/StringBuffer;-><init>()V
    sput-object v0, Lcom/piflow/families/field_buffers/Journal;->lines:Ljava/lang/StringBuffer;
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    sput-object v0, Lcom/piflow/families/field_buffers/Journal;->notes:Ljava/lang/StringBuilder;
    new-instance v0, Ljava/util/ArrayList;
    invoke-direct {v0}, Ljava/util/ArrayList;-><init>()V
    sput-object v0, Lcom/piflow/families/field_buffers/Journal;->items:Ljava/util/List;
    new-instance v0, Ljava/util/ArrayList;
    invoke-direct {v0}, Ljava/util/ArrayList;-><init>()V
    sput-object v0, Lcom/piflow/families/field_buffers/Journal;->clean:Ljava/util/List;
    const/4 v0, 4
    new-array v0, v0, [Ljava/lang/String;
    sput-object v0, Lcom/piflow/families/field_buffers/Journal;->slots:[Ljava/lang/String;
    return-void
.end method

.method public static add(Ljava/lang/String;)V
    .locals 1
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->lines:Ljava/lang/StringBuffer;
    invoke-virtual {v0, p0}, Ljava/lang/StringBuffer;->append(Ljava/lang/String;)Ljava/lang/StringBuffer;
    return-void
.end method

.method public static note(Ljava/lang/String;)V
    .locals 1
    sget-object v0, Lcom/piflow/families/field_buffers/Journal;->notes:Ljava/lang/StringBuilder;
    invoke-virtual {v0, p0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    return-void
.end method
