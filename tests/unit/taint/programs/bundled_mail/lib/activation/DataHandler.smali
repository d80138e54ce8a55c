.class public Ljavax/activation/DataHandler;
.super Ljava/lang/Object;

# A stand-in for the Activation Framework's DataHandler: the object it holds, written out as text.

.field private object:Ljava/lang/Object;

.method public constructor <init>(Ljava/lang/Object;)V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Ljavax/activation/DataHandler;->object:Ljava/lang/Object;
    return-void
.end method

.method public toString()Ljava/lang/String;
    .locals 1
    iget-object v0, p0, Ljavax/activation/DataHandler;->object:Ljava/lang/Object;
    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public writeTo(Ljava/io/OutputStream;)V
    .locals 1
    invoke-virtual {p0}, Ljavax/activation/DataHandler;->toString()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B
    move-result-object v0
    invoke-virtual {p1, v0}, Ljava/io/OutputStream;->write([B)V
    return-void
.end method
