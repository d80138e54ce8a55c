.class public Lcom/piflow/sample/ungated/SplashActivity;
.super Landroid/app/Activity;
.source "SplashActivity.java"

# public class SplashActivity extends Activity {          // launcher
#     protected void onCreate(Bundle b) {
#         super.onCreate(b);
#         boolean agreed = PrivacyManager.isAgreed(this);
#         if (!agreed) {
#             new AlertDialog.Builder(this).setMessage("隐私政策 / Privacy policy")
#                 .setPositiveButton("同意", new SplashActivity$1(this)).show();
#         }
#         Intent i = new Intent(this, MainActivity.class);
#         i.putExtra("agreed", agreed);                     // the flag handed to the main activity
#         startActivity(i);
#     }
# }

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 4
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lcom/piflow/sample/ungated/PrivacyManager;->isAgreed(Landroid/content/Context;)Z
    move-result v0
    if-nez v0, :start
    new-instance v1, Landroid/app/AlertDialog$Builder;
    invoke-direct {v1, p0}, Landroid/app/AlertDialog$Builder;-><init>(Landroid/content/Context;)V
    const-string v2, "\u9690\u79c1\u653f\u7b56 / Privacy policy"
    invoke-virtual {v1, v2}, Landroid/app/AlertDialog$Builder;->setMessage(Ljava/lang/CharSequence;)Landroid/app/AlertDialog$Builder;
    const-string v2, "\u540c\u610f"
    new-instance v3, Lcom/piflow/sample/ungated/SplashActivity$1;
    invoke-direct {v3, p0}, Lcom/piflow/sample/ungated/SplashActivity$1;-><init>(Lcom/piflow/sample/ungated/SplashActivity;)V
    invoke-virtual {v1, v2, v3}, Landroid/app/AlertDialog$Builder;->setPositiveButton(Ljava/lang/CharSequence;Landroid/content/DialogInterface$OnClickListener;)Landroid/app/AlertDialog$Builder;
    invoke-virtual {v1}, Landroid/app/AlertDialog$Builder;->show()Landroid/app/AlertDialog;
    :start
    new-instance v1, Landroid/content/Intent;
    const-class v2, Lcom/piflow/sample/ungated/MainActivity;
    invoke-direct {v1, p0, v2}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    const-string v2, "agreed"
    invoke-virtual {v1, v2, v0}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Z)Landroid/content/Intent;
    invoke-virtual {p0, v1}, Lcom/piflow/sample/ungated/SplashActivity;->startActivity(Landroid/content/Intent;)V
    return-void
.end method
