.class public interface abstract Lcom/piflow/families/megamorphic/Named;
.super Ljava/lang/Object;

.method public abstract name()Ljava/lang/String;
.end method
