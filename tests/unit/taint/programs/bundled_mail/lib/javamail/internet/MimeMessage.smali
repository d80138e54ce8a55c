.class public Ljavax/mail/internet/MimeMessage;
.super Ljavax/mail/Message;

# A stand-in for JavaMail's MimeMessage: setText and setContent keep the content in a data
# handler; writeTo has the handler write it out.

.field private dh:Ljavax/activation/DataHandler;

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljavax/mail/Message;-><init>()V
    return-void
.end method

.method public setText(Ljava/lang/String;)V
    .locals 1
    new-instance v0, Ljavax/activation/DataHandler;
    invoke-direct {v0, p1}, Ljavax/activation/DataHandler;-><init>(Ljava/lang/Object;)V
    iput-object v0, p0, Ljavax/mail/internet/MimeMessage;->dh:Ljavax/activation/DataHandler;
    return-void
.end method

.method public setContent(Ljavax/mail/internet/MimeMultipart;)V
    .locals 1
    new-instance v0, Ljavax/activation/DataHandler;
    invoke-direct {v0, p1}, Ljavax/activation/DataHandler;-><init>(Ljava/lang/Object;)V
    iput-object v0, p0, Ljavax/mail/internet/MimeMessage;->dh:Ljavax/activation/DataHandler;
    return-void
.end method

.method public writeTo(Ljava/io/OutputStream;)V
    .locals 1
    iget-object v0, p0, Ljavax/mail/internet/MimeMessage;->dh:Ljavax/activation/DataHandler;
    invoke-virtual {v0, p1}, Ljavax/activation/DataHandler;->writeTo(Ljava/io/OutputStream;)V
    return-void
.end method
