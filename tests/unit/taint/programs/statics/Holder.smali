.class public Lcom/piflow/families/statics/Holder;
.super Ljava/lang/Object;

.field public static id:Ljava/lang/String;
.field public static name:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
