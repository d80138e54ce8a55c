.class public Lorg/mozilla/javascript/BoundFunction;
.super Ljava/lang/Object;
.implements Lorg/mozilla/javascript/Function;

# A stand-in for Rhino's BoundFunction: calling it calls the target function on the same arguments.
# That inner call is the engine running (no sink site of its own: the app's call is where the data
# went into the engine).

.field private final target:Lorg/mozilla/javascript/Function;

.method public constructor <init>(Lorg/mozilla/javascript/Function;)V
    .locals 0
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/mozilla/javascript/BoundFunction;->target:Lorg/mozilla/javascript/Function;
    return-void
.end method

.method public call(Lorg/mozilla/javascript/Context;Lorg/mozilla/javascript/Scriptable;Lorg/mozilla/javascript/Scriptable;[Ljava/lang/Object;)Ljava/lang/Object;
    .locals 1
    iget-object v0, p0, Lorg/mozilla/javascript/BoundFunction;->target:Lorg/mozilla/javascript/Function;
    invoke-interface {v0, p1, p2, p3, p4}, Lorg/mozilla/javascript/Function;->call(Lorg/mozilla/javascript/Context;Lorg/mozilla/javascript/Scriptable;Lorg/mozilla/javascript/Scriptable;[Ljava/lang/Object;)Ljava/lang/Object;
    move-result-object v0
    return-object v0
.end method
