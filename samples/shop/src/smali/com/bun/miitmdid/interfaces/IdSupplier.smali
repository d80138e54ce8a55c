.class public interface abstract Lcom/bun/miitmdid/interfaces/IdSupplier;
.super Ljava/lang/Object;
.source "IdSupplier.java"

# SDK-like stub of the MSA OAID SDK's identifier holder (it is not MSA's code).
# Nothing in this app implements it; the stub SDK hands the listener null.
#
# public interface IdSupplier {
#     boolean isSupported();
#     String getOAID();
#     String getVAID();
#     String getAAID();
# }


# virtual methods
.method public abstract getAAID()Ljava/lang/String;
.end method

.method public abstract getOAID()Ljava/lang/String;
.end method

.method public abstract getVAID()Ljava/lang/String;
.end method

.method public abstract isSupported()Z
.end method
