.class public final Lcom/piflow/sample/invite/R;
.super Ljava/lang/Object;
.source "R.java"


# annotations
.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcom/piflow/sample/invite/R$id;,
        Lcom/piflow/sample/invite/R$string;,
        Lcom/piflow/sample/invite/R$layout;
    }
.end annotation


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method
