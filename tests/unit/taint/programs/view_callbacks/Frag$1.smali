.class Lcom/piflow/families/view_callbacks/Frag$1;
.super Ljava/lang/Object;
.implements Landroid/view/View$OnClickListener;

.field final synthetic this$0:Lcom/piflow/families/view_callbacks/Frag;

.method constructor <init>(Lcom/piflow/families/view_callbacks/Frag;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/families/view_callbacks/Frag$1;->this$0:Lcom/piflow/families/view_callbacks/Frag;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onClick(Landroid/view/View;)V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/view_callbacks/Frag$1;->this$0:Lcom/piflow/families/view_callbacks/Frag;
    iget-object v0, v0, Lcom/piflow/families/view_callbacks/Frag;->key:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
