.class Lcom/piflow/families/user_input/Main$1;
.super Ljava/lang/Object;
.implements Landroid/view/View$OnClickListener;

# An EditText the activity stored in a field in onCreate, read in the listener through this$0.

.field final synthetic this$0:Lcom/piflow/families/user_input/Main;

.method constructor <init>(Lcom/piflow/families/user_input/Main;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/families/user_input/Main$1;->this$0:Lcom/piflow/families/user_input/Main;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onClick(Landroid/view/View;)V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/user_input/Main$1;->this$0:Lcom/piflow/families/user_input/Main;
    invoke-static {v0}, Lcom/piflow/families/user_input/Main;->access$000(Lcom/piflow/families/user_input/Main;)Landroid/widget/EditText;
    move-result-object v0
    invoke-virtual {v0}, Landroid/widget/EditText;->getText()Landroid/text/Editable;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
