.class public Lcn/jpush/android/api/JPushInterface;
.super Ljava/lang/Object;
.source "JPushInterface.java"

# SDK-like stub borrowing JPush's package name (not JPush's code): init does nothing.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
