.class Lcom/piflow/sample/login/LoginActivity$1;
.super Ljava/lang/Object;
.source "LoginActivity.java"

# interfaces
.implements Landroid/view/View$OnClickListener;

# The anonymous View.OnClickListener set on the login button in LoginActivity.onCreate.
#
# public void onClick(View v) {
#     String user = ((EditText) findViewById(R.id.username)).getText().toString();
#     String password = ((EditText) findViewById(R.id.password)).getText().toString();
#     try {
#         JSONObject body = new JSONObject();
#         body.put("user", user);
#         body.put("password", password);
#         byte[] bytes = body.toString().getBytes("UTF-8");
#         HttpsURLConnection conn = (HttpsURLConnection)
#                 new URL("https://account.piflow-demo.test/v1/login").openConnection();
#         conn.setRequestMethod("POST");
#         conn.setDoOutput(true);
#         conn.setRequestProperty("Content-Type", "application/json");
#         OutputStream out = conn.getOutputStream();
#         out.write(bytes);
#         out.close();
#         conn.getResponseCode();
#         conn.disconnect();
#     } catch (Exception e) {
#         // dropped
#     }
# }


# annotations
.annotation system Ldalvik/annotation/EnclosingMethod;
    value = Lcom/piflow/sample/login/LoginActivity;->onCreate(Landroid/os/Bundle;)V
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x0
    name = null
.end annotation


# instance fields
.field final synthetic this$0:Lcom/piflow/sample/login/LoginActivity;


# direct methods
.method constructor <init>(Lcom/piflow/sample/login/LoginActivity;)V
    .locals 0

    iput-object p1, p0, Lcom/piflow/sample/login/LoginActivity$1;->this$0:Lcom/piflow/sample/login/LoginActivity;

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method


# virtual methods
.method public onClick(Landroid/view/View;)V
    .locals 6

    # v0..v5 locals, p0 = v6 (this), p1 = v7 (the clicked view, unused)

    # v0 = user: plain-text field R.id.username
    iget-object v0, p0, Lcom/piflow/sample/login/LoginActivity$1;->this$0:Lcom/piflow/sample/login/LoginActivity;

    const/high16 v1, 0x7f040000

    invoke-virtual {v0, v1}, Lcom/piflow/sample/login/LoginActivity;->findViewById(I)Landroid/view/View;

    move-result-object v0

    check-cast v0, Landroid/widget/EditText;

    invoke-virtual {v0}, Landroid/widget/EditText;->getText()Landroid/text/Editable;

    move-result-object v0

    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;

    move-result-object v0

    # v1 = password: R.id.password, android:inputType="textPassword"
    iget-object v1, p0, Lcom/piflow/sample/login/LoginActivity$1;->this$0:Lcom/piflow/sample/login/LoginActivity;

    const v2, 0x7f040001

    invoke-virtual {v1, v2}, Lcom/piflow/sample/login/LoginActivity;->findViewById(I)Landroid/view/View;

    move-result-object v1

    check-cast v1, Landroid/widget/EditText;

    invoke-virtual {v1}, Landroid/widget/EditText;->getText()Landroid/text/Editable;

    move-result-object v1

    invoke-virtual {v1}, Ljava/lang/Object;->toString()Ljava/lang/String;

    move-result-object v1

    :try_start_0
    # v2 = {"user": user, "password": password}
    new-instance v2, Lorg/json/JSONObject;

    invoke-direct {v2}, Lorg/json/JSONObject;-><init>()V

    const-string v3, "user"

    invoke-virtual {v2, v3, v0}, Lorg/json/JSONObject;->put(Ljava/lang/String;Ljava/lang/Object;)Lorg/json/JSONObject;

    const-string v3, "password"

    invoke-virtual {v2, v3, v1}, Lorg/json/JSONObject;->put(Ljava/lang/String;Ljava/lang/Object;)Lorg/json/JSONObject;

    # v2 = body.toString().getBytes("UTF-8")
    invoke-virtual {v2}, Lorg/json/JSONObject;->toString()Ljava/lang/String;

    move-result-object v2

    const-string v3, "UTF-8"

    invoke-virtual {v2, v3}, Ljava/lang/String;->getBytes(Ljava/lang/String;)[B

    move-result-object v2

    # v3 = conn
    new-instance v3, Ljava/net/URL;

    const-string v4, "https://account.piflow-demo.test/v1/login"

    invoke-direct {v3, v4}, Ljava/net/URL;-><init>(Ljava/lang/String;)V

    invoke-virtual {v3}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;

    move-result-object v3

    check-cast v3, Ljavax/net/ssl/HttpsURLConnection;

    const-string v4, "POST"

    invoke-virtual {v3, v4}, Ljavax/net/ssl/HttpsURLConnection;->setRequestMethod(Ljava/lang/String;)V

    const/4 v4, 0x1

    invoke-virtual {v3, v4}, Ljavax/net/ssl/HttpsURLConnection;->setDoOutput(Z)V

    const-string v4, "Content-Type"

    const-string v5, "application/json"

    invoke-virtual {v3, v4, v5}, Ljavax/net/ssl/HttpsURLConnection;->setRequestProperty(Ljava/lang/String;Ljava/lang/String;)V

    # v4 = out; out.write(bytes)
    invoke-virtual {v3}, Ljavax/net/ssl/HttpsURLConnection;->getOutputStream()Ljava/io/OutputStream;

    move-result-object v4

    invoke-virtual {v4, v2}, Ljava/io/OutputStream;->write([B)V

    invoke-virtual {v4}, Ljava/io/OutputStream;->close()V

    invoke-virtual {v3}, Ljavax/net/ssl/HttpsURLConnection;->getResponseCode()I

    invoke-virtual {v3}, Ljavax/net/ssl/HttpsURLConnection;->disconnect()V
    :try_end_0
    .catch Ljava/lang/Exception; {:try_start_0 .. :try_end_0} :catch_0

    goto :goto_0

    :catch_0
    move-exception v2

    :goto_0
    return-void
.end method
