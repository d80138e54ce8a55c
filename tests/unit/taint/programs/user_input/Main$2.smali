.class Lcom/piflow/families/user_input/Main$2;
.super Ljava/lang/Object;
.implements Landroid/view/View$OnClickListener;

# A TextView the activity stored in a field in onCreate: its text is the app's own.

.field final synthetic this$0:Lcom/piflow/families/user_input/Main;

.method constructor <init>(Lcom/piflow/families/user_input/Main;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/families/user_input/Main$2;->this$0:Lcom/piflow/families/user_input/Main;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onClick(Landroid/view/View;)V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/user_input/Main$2;->this$0:Lcom/piflow/families/user_input/Main;
    iget-object v0, v0, Lcom/piflow/families/user_input/Main;->title:Landroid/widget/TextView;
    invoke-virtual {v0}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
