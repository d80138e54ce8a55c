.class public interface abstract Lcom/piflow/families/field_classes/Source;
.super Ljava/lang/Object;

.method public abstract get()Ljava/lang/String;
.end method
