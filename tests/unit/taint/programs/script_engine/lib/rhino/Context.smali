.class public Lorg/mozilla/javascript/Context;
.super Ljava/lang/Object;

# A stand-in for Rhino's Context: enter() gives the context a script runs in; evaluateString runs
# script text in a scope.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static enter()Lorg/mozilla/javascript/Context;
    .locals 1
    new-instance v0, Lorg/mozilla/javascript/Context;
    invoke-direct {v0}, Lorg/mozilla/javascript/Context;-><init>()V
    return-object v0
.end method

.method public evaluateString(Lorg/mozilla/javascript/Scriptable;Ljava/lang/String;Ljava/lang/String;ILjava/lang/Object;)Ljava/lang/Object;
    .locals 0
    return-object p2
.end method
