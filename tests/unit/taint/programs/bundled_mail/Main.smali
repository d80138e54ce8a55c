.class public Lcom/piflow/families/bundled_mail/Main;
.super Landroid/app/Activity;

# Mail sent through a bundled JavaMail (DEX classes of the app, modelled by their API): a message
# holds the text set on it (sendText), and the body parts of the multipart set as its content
# (sendParts); Transport.send sends it, so the app's send call leaks there. A message of constant
# text (sendConstant), and the IMEI set on a message that is not the one sent (sendOther), do not.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->sendText()V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->sendParts()V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->sendConstant()V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->sendOther()V
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

.method public sendText()V
    .locals 2
    new-instance v0, Ljavax/mail/internet/MimeMessage;
    invoke-direct {v0}, Ljavax/mail/internet/MimeMessage;-><init>()V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->imei()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljavax/mail/internet/MimeMessage;->setText(Ljava/lang/String;)V
    invoke-static {v0}, Ljavax/mail/Transport;->send(Ljavax/mail/Message;)V
    return-void
.end method

.method public sendParts()V
    .locals 4
    new-instance v0, Ljavax/mail/internet/MimeBodyPart;
    invoke-direct {v0}, Ljavax/mail/internet/MimeBodyPart;-><init>()V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->imei()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljavax/mail/internet/MimeBodyPart;->setText(Ljava/lang/String;)V
    new-instance v2, Ljavax/mail/internet/MimeMultipart;
    invoke-direct {v2}, Ljavax/mail/internet/MimeMultipart;-><init>()V
    invoke-virtual {v2, v0}, Ljavax/mail/internet/MimeMultipart;->addBodyPart(Ljavax/mail/internet/MimeBodyPart;)V
    new-instance v3, Ljavax/mail/internet/MimeMessage;
    invoke-direct {v3}, Ljavax/mail/internet/MimeMessage;-><init>()V
    invoke-virtual {v3, v2}, Ljavax/mail/internet/MimeMessage;->setContent(Ljavax/mail/internet/MimeMultipart;)V
    invoke-static {v3}, Ljavax/mail/Transport;->send(Ljavax/mail/Message;)V
    return-void
.end method

.method public sendConstant()V
    .locals 2
    new-instance v0, Ljavax/mail/internet/MimeMessage;
    invoke-direct {v0}, Ljavax/mail/internet/MimeMessage;-><init>()V
    const-string v1, "hello"
    invoke-virtual {v0, v1}, Ljavax/mail/internet/MimeMessage;->setText(Ljava/lang/String;)V
    invoke-static {v0}, Ljavax/mail/Transport;->send(Ljavax/mail/Message;)V
    return-void
.end method

.method public sendOther()V
    .locals 3
    new-instance v0, Ljavax/mail/internet/MimeMessage;
    invoke-direct {v0}, Ljavax/mail/internet/MimeMessage;-><init>()V
    invoke-virtual {p0}, Lcom/piflow/families/bundled_mail/Main;->imei()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljavax/mail/internet/MimeMessage;->setText(Ljava/lang/String;)V
    new-instance v2, Ljavax/mail/internet/MimeMessage;
    invoke-direct {v2}, Ljavax/mail/internet/MimeMessage;-><init>()V
    const-string v1, "hi"
    invoke-virtual {v2, v1}, Ljavax/mail/internet/MimeMessage;->setText(Ljava/lang/String;)V
    invoke-static {v2}, Ljavax/mail/Transport;->send(Ljavax/mail/Message;)V
    return-void
.end method
