.class public Lcom/piflow/families/exception_classes/Thrower;
.super Ljava/lang/Object;

.method public static fail(Ljava/lang/String;)V
    .locals 1
    new-instance v0, Ljava/io/IOException;
    invoke-direct {v0, p0}, Ljava/io/IOException;-><init>(Ljava/lang/String;)V
    throw v0
.end method

.method public static quietly(Ljava/lang/String;)V
    .locals 1
    :try_start_0
    invoke-static {p0}, Lcom/piflow/families/exception_classes/Thrower;->fail(Ljava/lang/String;)V
    :try_end_0
    .catch Ljava/io/IOException; {:try_start_0 .. :try_end_0} :catch_0
    return-void

    :catch_0
    move-exception v0
    return-void
.end method

.method public static rethrow(Ljava/lang/String;)V
    .locals 1
    :try_start_0
    invoke-static {p0}, Lcom/piflow/families/exception_classes/Thrower;->fail(Ljava/lang/String;)V
    :try_end_0
    .catchall {:try_start_0 .. :try_end_0} :catchall_0
    return-void

    :catchall_0
    move-exception v0
    throw v0
.end method
