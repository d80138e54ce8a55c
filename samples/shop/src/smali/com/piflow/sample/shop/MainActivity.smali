.class public Lcom/piflow/sample/shop/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# public class MainActivity extends Activity {
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         Log.i("Shop", "serial=" + Build.SERIAL + " model=" + Build.MODEL);
#         MdidSdkHelper.InitSdk(this, true, new OaidListener());
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2

    # v0..v1 locals, p0 = v2 (this), p1 = v3 (savedInstanceState)
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # Log.i("Shop", "serial=" + Build.SERIAL + " model=" + Build.MODEL)
    new-instance v0, Ljava/lang/StringBuilder;

    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V

    const-string v1, "serial="

    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v0

    sget-object v1, Landroid/os/Build;->SERIAL:Ljava/lang/String;

    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v0

    const-string v1, " model="

    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v0

    sget-object v1, Landroid/os/Build;->MODEL:Ljava/lang/String;

    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v0

    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v0

    const-string v1, "Shop"

    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I

    # MdidSdkHelper.InitSdk(this, true, new OaidListener()); the int result is dropped
    const/4 v0, 0x1

    new-instance v1, Lcom/piflow/sample/shop/OaidListener;

    invoke-direct {v1}, Lcom/piflow/sample/shop/OaidListener;-><init>()V

    invoke-static {p0, v0, v1}, Lcom/bun/miitmdid/core/MdidSdkHelper;->InitSdk(Landroid/content/Context;ZLcom/bun/miitmdid/interfaces/IIdentifierListener;)I

    return-void
.end method
