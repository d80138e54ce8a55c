.class public interface abstract Lorg/mozilla/javascript/Scriptable;
.super Ljava/lang/Object;

# A stand-in for Rhino's Scriptable (a script scope or object).
