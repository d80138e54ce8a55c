.class public interface abstract annotation Lcom/facebook/react/bridge/ReactMethod;
.super Ljava/lang/Object;
.source "ReactMethod.java"

# implements
.implements Ljava/lang/annotation/Annotation;

# A stub named like React Native's @ReactMethod: the bridge calls the methods it marks from scripts.


# annotations
.annotation runtime Ljava/lang/annotation/Retention;
    value = .enum Ljava/lang/annotation/RetentionPolicy;->RUNTIME:Ljava/lang/annotation/RetentionPolicy;
.end annotation
