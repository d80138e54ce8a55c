.class Lcom/piflow/sample/gated/SplashActivity$1;
.super Ljava/lang/Object;
.source "SplashActivity.java"

# the consent dialog's positive button: store the consent, then start the SDKs
# class SplashActivity$1 implements DialogInterface.OnClickListener {
#     public void onClick(DialogInterface d, int which) {
#         PrivacyManager.setAgreed(this$0);
#         GatedApp.initSdks(this$0);
#     }
# }

.implements Landroid/content/DialogInterface$OnClickListener;

.field final synthetic this$0:Lcom/piflow/sample/gated/SplashActivity;

.method constructor <init>(Lcom/piflow/sample/gated/SplashActivity;)V
    .locals 0
    iput-object p1, p0, Lcom/piflow/sample/gated/SplashActivity$1;->this$0:Lcom/piflow/sample/gated/SplashActivity;
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onClick(Landroid/content/DialogInterface;I)V
    .locals 1
    iget-object v0, p0, Lcom/piflow/sample/gated/SplashActivity$1;->this$0:Lcom/piflow/sample/gated/SplashActivity;
    invoke-static {v0}, Lcom/piflow/sample/gated/PrivacyManager;->setAgreed(Landroid/content/Context;)V
    invoke-static {v0}, Lcom/piflow/sample/gated/GatedApp;->initSdks(Landroid/content/Context;)V
    return-void
.end method
