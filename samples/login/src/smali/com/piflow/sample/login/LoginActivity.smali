.class public Lcom/piflow/sample/login/LoginActivity;
.super Landroid/app/Activity;
.source "LoginActivity.java"

# public class LoginActivity extends Activity {
#     private IWXAPI wxApi;
#
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         setContentView(R.layout.activity_login);
#         wxApi = WXAPIFactory.createWXAPI(this, "wx00112233445566ff", false);
#         View login = findViewById(R.id.login);
#         login.setOnClickListener(new View.OnClickListener() {   // LoginActivity$1
#             public void onClick(View v) { ... }
#         });
#     }
# }


# instance fields
.field private wxApi:Lcom/tencent/mm/opensdk/openapi/IWXAPI;


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

    # R.layout.activity_login
    const/high16 v0, 0x7f020000

    invoke-virtual {p0, v0}, Lcom/piflow/sample/login/LoginActivity;->setContentView(I)V

    # wxApi = WXAPIFactory.createWXAPI(this, "wx00112233445566ff", false)
    const-string v0, "wx00112233445566ff"

    const/4 v1, 0x0

    invoke-static {p0, v0, v1}, Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;->createWXAPI(Landroid/content/Context;Ljava/lang/String;Z)Lcom/tencent/mm/opensdk/openapi/IWXAPI;

    move-result-object v0

    iput-object v0, p0, Lcom/piflow/sample/login/LoginActivity;->wxApi:Lcom/tencent/mm/opensdk/openapi/IWXAPI;

    # findViewById(R.id.login).setOnClickListener(new LoginActivity$1(this))
    const v0, 0x7f040002

    invoke-virtual {p0, v0}, Lcom/piflow/sample/login/LoginActivity;->findViewById(I)Landroid/view/View;

    move-result-object v0

    new-instance v1, Lcom/piflow/sample/login/LoginActivity$1;

    invoke-direct {v1, p0}, Lcom/piflow/sample/login/LoginActivity$1;-><init>(Lcom/piflow/sample/login/LoginActivity;)V

    invoke-virtual {v0, v1}, Landroid/view/View;->setOnClickListener(Landroid/view/View$OnClickListener;)V

    return-void
.end method
