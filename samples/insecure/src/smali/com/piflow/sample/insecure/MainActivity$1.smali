.class Lcom/piflow/sample/insecure/MainActivity$1;
.super Ljava/lang/Object;
.source "MainActivity.java"

# interfaces
.implements Landroid/view/View$OnClickListener;

# The anonymous View.OnClickListener set on the button in MainActivity.onCreate:
# the IMEI is read only after the user taps, so never before consent.
#
# public void onClick(View v) {
#     String imei = ((TelephonyManager) getSystemService("phone")).getDeviceId();
#     Log.i("Insecure", "imei=" + imei);
# }


# annotations
.annotation system Ldalvik/annotation/EnclosingMethod;
    value = Lcom/piflow/sample/insecure/MainActivity;->onCreate(Landroid/os/Bundle;)V
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x0
    name = null
.end annotation


# instance fields
.field final synthetic this$0:Lcom/piflow/sample/insecure/MainActivity;


# direct methods
.method constructor <init>(Lcom/piflow/sample/insecure/MainActivity;)V
    .locals 0

    iput-object p1, p0, Lcom/piflow/sample/insecure/MainActivity$1;->this$0:Lcom/piflow/sample/insecure/MainActivity;

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method


# virtual methods
.method public onClick(Landroid/view/View;)V
    .locals 3

    iget-object v0, p0, Lcom/piflow/sample/insecure/MainActivity$1;->this$0:Lcom/piflow/sample/insecure/MainActivity;

    const-string v1, "phone"

    invoke-virtual {v0, v1}, Lcom/piflow/sample/insecure/MainActivity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v0

    check-cast v0, Landroid/telephony/TelephonyManager;

    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;

    move-result-object v0

    new-instance v1, Ljava/lang/StringBuilder;

    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V

    const-string v2, "imei="

    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v1

    const-string v2, "Insecure"

    invoke-static {v2, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I

    return-void
.end method
