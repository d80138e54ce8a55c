.class public abstract Ljavax/mail/Message;
.super Ljava/lang/Object;

# A stand-in for JavaMail's Message, as apps bundle JavaMail (DEX classes of the app): the sink
# catalogue and the library model name these classes, so the stand-in keeps JavaMail's names.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public abstract writeTo(Ljava/io/OutputStream;)V
.end method
