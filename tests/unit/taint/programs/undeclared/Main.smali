.class public Lcom/piflow/families/undeclared/Main;
.super Landroid/app/Activity;

# Starts an activity the manifest does not declare (the start fails, Ghost's lifecycle never runs),
# instantiates a Service subclass it does not declare (its lifecycle never runs; the method the code
# calls on it does) and starts the declared Shown (its lifecycle runs).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Landroid/content/Intent;
    const-class v1, Lcom/piflow/families/undeclared/Ghost;
    invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    invoke-virtual {p0, v0}, Landroid/app/Activity;->startActivity(Landroid/content/Intent;)V
    new-instance v0, Landroid/content/Intent;
    const-class v1, Lcom/piflow/families/undeclared/Shown;
    invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    invoke-virtual {p0, v0}, Landroid/app/Activity;->startActivity(Landroid/content/Intent;)V
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Lcom/piflow/families/undeclared/Hidden;
    invoke-direct {v1}, Lcom/piflow/families/undeclared/Hidden;-><init>()V
    invoke-virtual {v1, v0}, Lcom/piflow/families/undeclared/Hidden;->report(Ljava/lang/String;)V
    return-void
.end method
