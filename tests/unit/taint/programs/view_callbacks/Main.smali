.class public Lcom/piflow/families/view_callbacks/Main;
.super Landroid/app/Activity;
.implements Landroid/view/View$OnClickListener;

# onCreate keeps the IMEI in a field and sets this activity as a button's click listener; the framework
# calls onClick (leak), onOptionsItemSelected (leak) and a text watcher it is given (leak). A fragment it
# adds copies the field through getActivity() in onCreate and logs it from a click listener it sets in
# onViewCreated (leak). An Unset watcher made with the IMEI is never given to a view (no leak).

.field private id:Ljava/lang/String;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    iput-object v0, p0, Lcom/piflow/families/view_callbacks/Main;->id:Ljava/lang/String;
    const v1, 0x7f080001
    invoke-virtual {p0, v1}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v1
    invoke-virtual {v1, p0}, Landroid/view/View;->setOnClickListener(Landroid/view/View$OnClickListener;)V
    const v1, 0x7f080002
    invoke-virtual {p0, v1}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v1
    check-cast v1, Landroid/widget/EditText;
    new-instance v2, Lcom/piflow/families/view_callbacks/Watcher;
    invoke-direct {v2, v0}, Lcom/piflow/families/view_callbacks/Watcher;-><init>(Ljava/lang/String;)V
    invoke-virtual {v1, v2}, Landroid/widget/EditText;->addTextChangedListener(Landroid/text/TextWatcher;)V
    new-instance v2, Lcom/piflow/families/view_callbacks/Unset;
    invoke-direct {v2, v0}, Lcom/piflow/families/view_callbacks/Unset;-><init>(Ljava/lang/String;)V
    new-instance v2, Lcom/piflow/families/view_callbacks/Frag;
    invoke-direct {v2}, Lcom/piflow/families/view_callbacks/Frag;-><init>()V
    invoke-virtual {p0}, Landroid/app/Activity;->getFragmentManager()Landroid/app/FragmentManager;
    move-result-object v1
    invoke-virtual {v1}, Landroid/app/FragmentManager;->beginTransaction()Landroid/app/FragmentTransaction;
    move-result-object v1
    const v0, 0x1020002
    invoke-virtual {v1, v0, v2}, Landroid/app/FragmentTransaction;->replace(ILandroid/app/Fragment;)Landroid/app/FragmentTransaction;
    return-void
.end method

.method public onClick(Landroid/view/View;)V
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/view_callbacks/Main;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public onOptionsItemSelected(Landroid/view/MenuItem;)Z
    .locals 2
    iget-object v0, p0, Lcom/piflow/families/view_callbacks/Main;->id:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    const/4 v0, 0x1
    return v0
.end method
