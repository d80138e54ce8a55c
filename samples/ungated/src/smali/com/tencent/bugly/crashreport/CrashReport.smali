.class public Lcom/tencent/bugly/crashreport/CrashReport;
.super Ljava/lang/Object;
.source "CrashReport.java"

# SDK-like stub borrowing Tencent Bugly's package name (not Bugly's code): init does nothing.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static initCrashReport(Landroid/content/Context;)V
    .locals 0
    return-void
.end method
