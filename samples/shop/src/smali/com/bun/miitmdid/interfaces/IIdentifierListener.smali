.class public interface abstract Lcom/bun/miitmdid/interfaces/IIdentifierListener;
.super Ljava/lang/Object;
.source "IIdentifierListener.java"

# SDK-like stub of the MSA OAID SDK's callback interface (it is not MSA's code).
#
# public interface IIdentifierListener {
#     void OnSupport(boolean isSupport, IdSupplier supplier);
# }


# virtual methods
.method public abstract OnSupport(ZLcom/bun/miitmdid/interfaces/IdSupplier;)V
.end method
