.class public Lcom/piflow/sample/insecure/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# public class MainActivity extends Activity {
#     protected void onCreate(Bundle b) {
#         super.onCreate(b);
#         Button button = new Button(this);
#         button.setText("Show device id");
#         button.setOnClickListener(new View.OnClickListener() {    // MainActivity$1: IMEI only after a tap
#             public void onClick(View v) { ... }
#         });
#         setContentView(button);
#         Net.trustAll();
#         Net.strict();
#         WebView web = new WebView(this);
#         WebSettings settings = web.getSettings();
#         settings.setJavaScriptEnabled(true);
#         settings.setAllowUniversalAccessFromFileURLs(true);
#         web.addJavascriptInterface(new JsBridge(), "piflow");
#         web.setWebViewClient(new LaxWebViewClient());
#         Storage.save(this);
#     }
# }


# annotations
.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcom/piflow/sample/insecure/MainActivity$1;
    }
.end annotation


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method protected onCreate(Landroid/os/Bundle;)V
    .locals 4

    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # v0 = button
    new-instance v0, Landroid/widget/Button;

    invoke-direct {v0, p0}, Landroid/widget/Button;-><init>(Landroid/content/Context;)V

    const-string v1, "Show device id"

    invoke-virtual {v0, v1}, Landroid/widget/Button;->setText(Ljava/lang/CharSequence;)V

    new-instance v1, Lcom/piflow/sample/insecure/MainActivity$1;

    invoke-direct {v1, p0}, Lcom/piflow/sample/insecure/MainActivity$1;-><init>(Lcom/piflow/sample/insecure/MainActivity;)V

    invoke-virtual {v0, v1}, Landroid/widget/Button;->setOnClickListener(Landroid/view/View$OnClickListener;)V

    invoke-virtual {p0, v0}, Lcom/piflow/sample/insecure/MainActivity;->setContentView(Landroid/view/View;)V

    invoke-static {}, Lcom/piflow/sample/insecure/Net;->trustAll()V

    invoke-static {}, Lcom/piflow/sample/insecure/Net;->strict()V

    # v0 = web, v1 = settings
    new-instance v0, Landroid/webkit/WebView;

    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V

    invoke-virtual {v0}, Landroid/webkit/WebView;->getSettings()Landroid/webkit/WebSettings;

    move-result-object v1

    const/4 v2, 0x1

    invoke-virtual {v1, v2}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V

    invoke-virtual {v1, v2}, Landroid/webkit/WebSettings;->setAllowUniversalAccessFromFileURLs(Z)V

    new-instance v1, Lcom/piflow/sample/insecure/JsBridge;

    invoke-direct {v1}, Lcom/piflow/sample/insecure/JsBridge;-><init>()V

    const-string v3, "piflow"

    invoke-virtual {v0, v1, v3}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V

    new-instance v1, Lcom/piflow/sample/insecure/LaxWebViewClient;

    invoke-direct {v1}, Lcom/piflow/sample/insecure/LaxWebViewClient;-><init>()V

    invoke-virtual {v0, v1}, Landroid/webkit/WebView;->setWebViewClient(Landroid/webkit/WebViewClient;)V

    invoke-static {p0}, Lcom/piflow/sample/insecure/Storage;->save(Landroid/content/Context;)V

    return-void
.end method
