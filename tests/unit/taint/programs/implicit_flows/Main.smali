.class public Lcom/piflow/families/implicit_flows/Main;
.super Landroid/app/Activity;

# Implicit flows: a value that a branch on PI decides carries the PI implicitly, apart from data.
# mapped() rebuilds the IMEI character by character through a switch that appends constants (the
# data, implicitly); flagged() sets a field only when the IMEI equals a constant and logs a constant
# when the field is set (one bit, still implicit); viaReturn() logs what a method returns from
# branches on its parameter; raised() logs in a handler that runs when an array sized by the IMEI
# cannot be made, raisedIndex() in one that runs when an index is past the end of such an array;
# lookup() logs the element of a table of constants an IMEI digit picks (a constant index picks
# nothing of it: no leak in lookupPlain()). Negative twins: a null test of the IMEI says nothing of its data
# (nullTest), a branch on a value that is no PI decides nothing (plain), and a value both branches
# set to the same constant says nothing either (sameEither), nor does a handler an array of a
# constant size decides (raisedPlain). direct() logs the IMEI itself: an
# explicit leak, as before.

.field private matched:Z

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/implicit_flows/Main;->imei()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->mapped(Ljava/lang/String;)V
    invoke-virtual {p0, v0}, Lcom/piflow/families/implicit_flows/Main;->flagged(Ljava/lang/String;)V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->viaReturn(Ljava/lang/String;)V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->nullTest(Ljava/lang/String;)V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->direct(Ljava/lang/String;)V
    invoke-virtual {p0}, Lcom/piflow/families/implicit_flows/Main;->plain()V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->sameEither(Ljava/lang/String;)V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->raised(Ljava/lang/String;)V
    invoke-static {}, Lcom/piflow/families/implicit_flows/Main;->raisedPlain()V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->raisedIndex(Ljava/lang/String;)V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->lookup(Ljava/lang/String;)V
    invoke-static {v0}, Lcom/piflow/families/implicit_flows/Main;->lookupPlain(Ljava/lang/String;)V
    return-void
.end method

.method public imei()Ljava/lang/String;
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static mapped(Ljava/lang/String;)V
    .locals 5
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    const/4 v1, 0x0
    :loop
    invoke-virtual {p0}, Ljava/lang/String;->length()I
    move-result v2
    if-ge v1, v2, :done
    invoke-virtual {p0, v1}, Ljava/lang/String;->charAt(I)C
    move-result v2
    packed-switch v2, :cases
    const/16 v3, 0x3f
    goto :append
    :zero
    const/16 v3, 0x61
    goto :append
    :one
    const/16 v3, 0x62
    :append
    invoke-virtual {v0, v3}, Ljava/lang/StringBuilder;->append(C)Ljava/lang/StringBuilder;
    add-int/lit8 v1, v1, 0x1
    goto :loop
    :done
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v4
    const-string v3, "t"
    invoke-static {v3, v4}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
    :cases
    .packed-switch 0x30
        :zero
        :one
    .end packed-switch
.end method

.method public flagged(Ljava/lang/String;)V
    .locals 2
    const-string v0, "356938035643809"
    invoke-virtual {p1, v0}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
    move-result v0
    if-eqz v0, :after
    const/4 v1, 0x1
    iput-boolean v1, p0, Lcom/piflow/families/implicit_flows/Main;->matched:Z
    :after
    iget-boolean v0, p0, Lcom/piflow/families/implicit_flows/Main;->matched:Z
    if-eqz v0, :end
    const-string v0, "t"
    const-string v1, "known device"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :end
    return-void
.end method

.method public static firstIsDigit(Ljava/lang/String;)Z
    .locals 2
    const/4 v0, 0x0
    invoke-virtual {p0, v0}, Ljava/lang/String;->charAt(I)C
    move-result v0
    const/16 v1, 0x39
    if-gt v0, v1, :no
    const/4 v0, 0x1
    return v0
    :no
    const/4 v0, 0x0
    return v0
.end method

.method public static viaReturn(Ljava/lang/String;)V
    .locals 2
    invoke-static {p0}, Lcom/piflow/families/implicit_flows/Main;->firstIsDigit(Ljava/lang/String;)Z
    move-result v0
    invoke-static {v0}, Ljava/lang/String;->valueOf(Z)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static nullTest(Ljava/lang/String;)V
    .locals 2
    if-eqz p0, :end
    const-string v0, "t"
    const-string v1, "have an id"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :end
    return-void
.end method

.method public static direct(Ljava/lang/String;)V
    .locals 1
    const-string v0, "t"
    invoke-static {v0, p0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public plain()V
    .locals 3
    invoke-static {}, Ljava/lang/System;->currentTimeMillis()J
    move-result-wide v0
    long-to-int v0, v0
    if-lez v0, :end
    const-string v1, "t"
    const-string v2, "later"
    invoke-static {v1, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    :end
    return-void
.end method

.method public static sameEither(Ljava/lang/String;)V
    .locals 2
    const/4 v0, 0x0
    invoke-virtual {p0, v0}, Ljava/lang/String;->charAt(I)C
    move-result v0
    const/16 v1, 0x35
    if-le v0, v1, :low
    const-string v1, "same"
    goto :send
    :low
    const-string v1, "same"
    :send
    const-string v0, "t"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static raised(Ljava/lang/String;)V
    .locals 2
    const/4 v0, 0x0
    invoke-virtual {p0, v0}, Ljava/lang/String;->charAt(I)C
    move-result v0
    add-int/lit8 v0, v0, -0x35
    :try_start
    new-array v1, v0, [I
    :try_end
    .catch Ljava/lang/NegativeArraySizeException; {:try_start .. :try_end} :handler
    return-void
    :handler
    const-string v0, "t"
    const-string v1, "low digit"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static raisedPlain()V
    .locals 2
    invoke-static {}, Ljava/lang/System;->currentTimeMillis()J
    move-result-wide v0
    long-to-int v0, v0
    :try_start
    new-array v1, v0, [I
    :try_end
    .catch Ljava/lang/NegativeArraySizeException; {:try_start .. :try_end} :handler
    return-void
    :handler
    const-string v0, "t"
    const-string v1, "no room"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static raisedIndex(Ljava/lang/String;)V
    .locals 3
    const/4 v0, 0x0
    invoke-virtual {p0, v0}, Ljava/lang/String;->charAt(I)C
    move-result v0
    new-array v1, v0, [I
    const/16 v2, 0x33
    :try_start
    aput v2, v1, v2
    :try_end
    .catch Ljava/lang/ArrayIndexOutOfBoundsException; {:try_start .. :try_end} :handler
    return-void
    :handler
    const-string v0, "t"
    const-string v1, "below four"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static table()[Ljava/lang/String;
    .locals 4
    const/4 v0, 0x2
    new-array v0, v0, [Ljava/lang/String;
    const/4 v1, 0x0
    const-string v2, "zero"
    aput-object v2, v0, v1
    const/4 v1, 0x1
    const-string v2, "one"
    aput-object v2, v0, v1
    return-object v0
.end method

.method public static lookup(Ljava/lang/String;)V
    .locals 3
    invoke-static {}, Lcom/piflow/families/implicit_flows/Main;->table()[Ljava/lang/String;
    move-result-object v0
    const/4 v1, 0x0
    invoke-virtual {p0, v1}, Ljava/lang/String;->charAt(I)C
    move-result v1
    and-int/lit8 v1, v1, 0x1
    aget-object v2, v0, v1
    const-string v1, "t"
    invoke-static {v1, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public static lookupPlain(Ljava/lang/String;)V
    .locals 3
    invoke-static {}, Lcom/piflow/families/implicit_flows/Main;->table()[Ljava/lang/String;
    move-result-object v0
    const/4 v1, 0x1
    aget-object v2, v0, v1
    const-string v1, "t"
    invoke-static {v1, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
