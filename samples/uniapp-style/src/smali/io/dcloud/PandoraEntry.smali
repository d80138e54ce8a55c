.class public Lio/dcloud/PandoraEntry;
.super Landroid/app/Activity;
.source "PandoraEntry.java"

# A stub named like DCloud's uni-app entry activity: the real one starts the runtime that loads
# assets/apps/<appid>/www/ (manifest.json, app-service.js) and exposes the HTML5+ `plus` API.


# direct methods
.method public constructor <init>()V
    .registers 1

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method
