.class public Lcom/piflow/sample/rnstyle/MainActivity;
.super Lcom/facebook/react/ReactActivity;
.source "MainActivity.java"

# public class MainActivity extends ReactActivity {
#     protected String getMainComponentName() { return "RnStyle"; }
# }
# All of the app's logic is JavaScript: assets/index.android.bundle.


# direct methods
.method public constructor <init>()V
    .registers 1

    invoke-direct {p0}, Lcom/facebook/react/ReactActivity;-><init>()V

    return-void
.end method


# virtual methods
.method protected getMainComponentName()Ljava/lang/String;
    .registers 2

    const-string v0, "RnStyle"

    return-object v0
.end method
