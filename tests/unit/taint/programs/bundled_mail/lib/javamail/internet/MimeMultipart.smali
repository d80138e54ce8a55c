.class public Ljavax/mail/internet/MimeMultipart;
.super Ljava/lang/Object;

# A stand-in for JavaMail's MimeMultipart: the body parts added to it.

.field private first:Ljavax/mail/internet/MimeBodyPart;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public addBodyPart(Ljavax/mail/internet/MimeBodyPart;)V
    .locals 0
    iput-object p1, p0, Ljavax/mail/internet/MimeMultipart;->first:Ljavax/mail/internet/MimeBodyPart;
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 2
    iget-object v0, p0, Ljavax/mail/internet/MimeMultipart;->first:Ljavax/mail/internet/MimeBodyPart;
    invoke-virtual {v0}, Ljavax/mail/internet/MimeBodyPart;->toString()Ljava/lang/String;
    move-result-object v1
    return-object v1
.end method
