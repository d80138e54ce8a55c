.class public abstract Ljavax/mail/Transport;
.super Ljava/lang/Object;

# A stand-in for JavaMail's Transport: send(message) opens a socket to the mail server and has the
# message write itself to it (its text two objects deep: message, data handler).

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static send(Ljavax/mail/Message;)V
    .locals 3
    new-instance v0, Ljava/net/Socket;
    const-string v1, "mail.example.com"
    const/16 v2, 0x19
    invoke-direct {v0, v1, v2}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V
    invoke-virtual {v0}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v1
    invoke-virtual {p0, v1}, Ljavax/mail/Message;->writeTo(Ljava/io/OutputStream;)V
    return-void
.end method
