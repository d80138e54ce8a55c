.class public Lcom/piflow/families/user_input/Main;
.super Landroid/app/Activity;

# What the user types is PI whatever the field declares: the text of an editable view leaks,
# the text of a TextView or Button (the app's own) does not.
# Layout (families.yaml text_views): 0x7f010004 is an EditText, 0x7f010005 the app's Field (an
# EditText subclass), 0x7f010006 an android.widget.Button; 0x7f010001 and 0x7f010002 are bound
# only by the code's own types (check-cast and field types), 0x7f010002 a TextView.
#   onClick of Main$1 (an EditText stored in a field in onCreate, read through this$0): leak;
#   onClick of Main$2 (a TextView stored the same way): no leak;
#   byCast (check-cast to EditText after findViewById): leak;
#   bySubclass (check-cast to the app's EditText subclass): leak;
#   byNew (new EditText, getEditableText): leak;
#   byLayout (the view read as a TextView, the layout says EditText): leak;
#   byLayoutSubclass (the layout names the app's subclass): leak;
#   byButton (the layout says Button, read as a TextView): no leak;
#   byTextView (check-cast to TextView, no layout entry): no leak;
#   watch: Typed.afterTextChanged (a TextWatcher on a new EditText) leaks, Shown.afterTextChanged
#   (one on a TextView, whose text only the app sets) does not;
#   search (a SearchView's query) and Query.onQueryTextSubmit (the query its listener is handed)
#   leak a search query; searchHint (the hint the app set on it) does not.

.field name:Landroid/widget/EditText;
.field title:Landroid/widget/TextView;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const v0, 0x7f010001
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/EditText;
    iput-object v0, p0, Lcom/piflow/families/user_input/Main;->name:Landroid/widget/EditText;
    const v0, 0x7f010002
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/TextView;
    iput-object v0, p0, Lcom/piflow/families/user_input/Main;->title:Landroid/widget/TextView;
    const v0, 0x7f010003
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    new-instance v1, Lcom/piflow/families/user_input/Main$1;
    invoke-direct {v1, p0}, Lcom/piflow/families/user_input/Main$1;-><init>(Lcom/piflow/families/user_input/Main;)V
    invoke-virtual {v0, v1}, Landroid/view/View;->setOnClickListener(Landroid/view/View$OnClickListener;)V
    new-instance v1, Lcom/piflow/families/user_input/Main$2;
    invoke-direct {v1, p0}, Lcom/piflow/families/user_input/Main$2;-><init>(Lcom/piflow/families/user_input/Main;)V
    invoke-virtual {v0, v1}, Landroid/view/View;->setOnClickListener(Landroid/view/View$OnClickListener;)V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->byCast()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->bySubclass()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->byNew()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->byLayout()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->byLayoutSubclass()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->byButton()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->byTextView()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->watch()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->search()V
    invoke-direct {p0}, Lcom/piflow/families/user_input/Main;->searchHint()V
    return-void
.end method

.method static synthetic access$000(Lcom/piflow/families/user_input/Main;)Landroid/widget/EditText;
    .locals 1
    iget-object v0, p0, Lcom/piflow/families/user_input/Main;->name:Landroid/widget/EditText;
    return-object v0
.end method


.method private byCast()V
    .locals 2
    const v0, 0x7f010001
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/EditText;
    invoke-virtual {v0}, Landroid/widget/EditText;->getText()Landroid/text/Editable;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private bySubclass()V
    .locals 2
    const v0, 0x7f010001
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Lcom/piflow/families/user_input/Field;
    invoke-virtual {v0}, Lcom/piflow/families/user_input/Field;->getText()Landroid/text/Editable;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private byNew()V
    .locals 2
    new-instance v0, Landroid/widget/EditText;
    invoke-direct {v0, p0}, Landroid/widget/EditText;-><init>(Landroid/content/Context;)V
    invoke-virtual {v0}, Landroid/widget/EditText;->getEditableText()Landroid/text/Editable;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private byLayout()V
    .locals 2
    const v0, 0x7f010004
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/TextView;
    invoke-virtual {v0}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private byLayoutSubclass()V
    .locals 2
    const v0, 0x7f010005
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/TextView;
    invoke-virtual {v0}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private byButton()V
    .locals 2
    const v0, 0x7f010006
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/TextView;
    invoke-virtual {v0}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private byTextView()V
    .locals 2
    const v0, 0x7f010002
    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/TextView;
    invoke-virtual {v0}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private watch()V
    .locals 2
    new-instance v0, Landroid/widget/EditText;
    invoke-direct {v0, p0}, Landroid/widget/EditText;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/user_input/Typed;
    invoke-direct {v1}, Lcom/piflow/families/user_input/Typed;-><init>()V
    invoke-virtual {v0, v1}, Landroid/widget/EditText;->addTextChangedListener(Landroid/text/TextWatcher;)V
    new-instance v0, Landroid/widget/TextView;
    invoke-direct {v0, p0}, Landroid/widget/TextView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/user_input/Shown;
    invoke-direct {v1}, Lcom/piflow/families/user_input/Shown;-><init>()V
    invoke-virtual {v0, v1}, Landroid/widget/TextView;->addTextChangedListener(Landroid/text/TextWatcher;)V
    return-void
.end method

.method private search()V
    .locals 2
    new-instance v0, Landroid/widget/SearchView;
    invoke-direct {v0, p0}, Landroid/widget/SearchView;-><init>(Landroid/content/Context;)V
    new-instance v1, Lcom/piflow/families/user_input/Query;
    invoke-direct {v1}, Lcom/piflow/families/user_input/Query;-><init>()V
    invoke-virtual {v0, v1}, Landroid/widget/SearchView;->setOnQueryTextListener(Landroid/widget/SearchView$OnQueryTextListener;)V
    invoke-virtual {v0}, Landroid/widget/SearchView;->getQuery()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private searchHint()V
    .locals 2
    new-instance v0, Landroid/widget/SearchView;
    invoke-direct {v0, p0}, Landroid/widget/SearchView;-><init>(Landroid/content/Context;)V
    invoke-virtual {v0}, Landroid/widget/SearchView;->getQueryHint()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
