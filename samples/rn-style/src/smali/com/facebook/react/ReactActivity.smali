.class public abstract Lcom/facebook/react/ReactActivity;
.super Landroid/app/Activity;
.source "ReactActivity.java"

# A stub named like React Native's host activity: the real one starts the JavaScript runtime that
# loads assets/index.android.bundle and calls getMainComponentName()'s component.


# direct methods
.method public constructor <init>()V
    .registers 1

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method protected abstract getMainComponentName()Ljava/lang/String;
.end method
