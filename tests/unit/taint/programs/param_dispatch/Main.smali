.class public Lcom/piflow/families/param_dispatch/Main;
.super Landroid/app/Activity;

# A method that calls an overridden method on its parameter (read()) returns what the
# implementation of the object its caller passes returns: the IMEI for an Id (leak in withId()),
# a constant for a Greeting (no leak in withGreeting()), through a second method that passes its
# own parameter on (viaRelay(): leak for an Id, none for a Greeting in relayGreeting()), and any
# implementation's for an object of a class not known (leak in unknown()).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/param_dispatch/Main;->withId()V
    invoke-virtual {p0}, Lcom/piflow/families/param_dispatch/Main;->withGreeting()V
    invoke-virtual {p0}, Lcom/piflow/families/param_dispatch/Main;->viaRelay()V
    invoke-virtual {p0}, Lcom/piflow/families/param_dispatch/Main;->relayGreeting()V
    invoke-virtual {p0}, Lcom/piflow/families/param_dispatch/Main;->unknown()V
    return-void
.end method

.method public static read(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    .locals 1
    invoke-virtual {p0, p1}, Lcom/piflow/families/param_dispatch/Text;->get(Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static relay(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    .locals 1
    invoke-static {p0, p1}, Lcom/piflow/families/param_dispatch/Main;->read(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public withId()V
    .locals 2
    new-instance v0, Lcom/piflow/families/param_dispatch/Id;
    invoke-direct {v0}, Lcom/piflow/families/param_dispatch/Id;-><init>()V
    invoke-static {v0, p0}, Lcom/piflow/families/param_dispatch/Main;->read(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public withGreeting()V
    .locals 2
    new-instance v0, Lcom/piflow/families/param_dispatch/Greeting;
    invoke-direct {v0}, Lcom/piflow/families/param_dispatch/Greeting;-><init>()V
    invoke-static {v0, p0}, Lcom/piflow/families/param_dispatch/Main;->read(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public viaRelay()V
    .locals 2
    new-instance v0, Lcom/piflow/families/param_dispatch/Id;
    invoke-direct {v0}, Lcom/piflow/families/param_dispatch/Id;-><init>()V
    invoke-static {v0, p0}, Lcom/piflow/families/param_dispatch/Main;->relay(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public relayGreeting()V
    .locals 2
    new-instance v0, Lcom/piflow/families/param_dispatch/Greeting;
    invoke-direct {v0}, Lcom/piflow/families/param_dispatch/Greeting;-><init>()V
    invoke-static {v0, p0}, Lcom/piflow/families/param_dispatch/Main;->relay(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public unknown()V
    .locals 2
    invoke-virtual {p0}, Landroid/app/Activity;->getLastNonConfigurationInstance()Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Lcom/piflow/families/param_dispatch/Text;
    invoke-static {v0, p0}, Lcom/piflow/families/param_dispatch/Main;->read(Lcom/piflow/families/param_dispatch/Text;Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
