.class public Lcom/piflow/families/broadcast_extras/Numbers;
.super Ljava/lang/Object;

# A helper that reads the number out of whatever intent it is handed: PI only where the caller's
# intent is a PHONE_STATE broadcast (Calls.viaHelper), not the launcher's (Main).

.method public static of(Landroid/content/Intent;)Ljava/lang/String;
    .locals 1
    const-string v0, "incoming_number"
    invoke-virtual {p0, v0}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
