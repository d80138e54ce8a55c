.class public interface abstract Lorg/mozilla/javascript/Function;
.super Ljava/lang/Object;

# A stand-in for Rhino's Function interface, as an app bundles it (DEX classes of the app): the
# sink catalogue names this class, so the stand-in keeps Rhino's name and signature.

.method public abstract call(Lorg/mozilla/javascript/Context;Lorg/mozilla/javascript/Scriptable;Lorg/mozilla/javascript/Scriptable;[Ljava/lang/Object;)Ljava/lang/Object;
.end method
