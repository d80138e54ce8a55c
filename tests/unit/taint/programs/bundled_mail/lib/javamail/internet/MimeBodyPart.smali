.class public Ljavax/mail/internet/MimeBodyPart;
.super Ljava/lang/Object;

# A stand-in for JavaMail's MimeBodyPart: its text, in a data handler.

.field private dh:Ljavax/activation/DataHandler;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public setText(Ljava/lang/String;)V
    .locals 1
    new-instance v0, Ljavax/activation/DataHandler;
    invoke-direct {v0, p1}, Ljavax/activation/DataHandler;-><init>(Ljava/lang/Object;)V
    iput-object v0, p0, Ljavax/mail/internet/MimeBodyPart;->dh:Ljavax/activation/DataHandler;
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 2
    iget-object v0, p0, Ljavax/mail/internet/MimeBodyPart;->dh:Ljavax/activation/DataHandler;
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v1
    return-object v1
.end method
