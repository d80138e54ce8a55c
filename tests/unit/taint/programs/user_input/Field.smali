.class public Lcom/piflow/families/user_input/Field;
.super Landroid/widget/EditText;

# The app's own editable field: an EditText by the class hierarchy.

.method public constructor <init>(Landroid/content/Context;)V
    .locals 0
    invoke-direct {p0, p1}, Landroid/widget/EditText;-><init>(Landroid/content/Context;)V
    return-void
.end method
