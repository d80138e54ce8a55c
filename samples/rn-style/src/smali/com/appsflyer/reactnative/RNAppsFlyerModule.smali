.class public Lcom/appsflyer/reactnative/RNAppsFlyerModule;
.super Lcom/facebook/react/bridge/ReactContextBaseJavaModule;
.source "RNAppsFlyerModule.java"

# Named like react-native-appsflyer's native module (its Java package, and the name getName() returns,
# as the package's android/src ships them). Scripts bind it as NativeModules.RNAppsFlyer.


# direct methods
.method public constructor <init>()V
    .registers 1

    invoke-direct {p0}, Lcom/facebook/react/bridge/ReactContextBaseJavaModule;-><init>()V

    return-void
.end method


# virtual methods
.method public getName()Ljava/lang/String;
    .registers 2

    const-string v0, "RNAppsFlyer"

    return-object v0
.end method

.method public initSdk(Ljava/lang/String;)V
    .registers 2
    .annotation runtime Lcom/facebook/react/bridge/ReactMethod;
    .end annotation

    return-void
.end method
