.class public Lcn/jpush/android/api/JPushInterface;
.super Ljava/lang/Object;
.source "JPushInterface.java"

# SDK-like stub of JPush's entry point (it is not JIGUANG's code).
#
# public class JPushInterface {
#     public static void init(Context context) {
#         TelephonyManager tm = (TelephonyManager) context.getSystemService("phone");
#         String imsi = tm.getSubscriberId();
#         String url = "https://tsis.jpush.cn/v1/register?imsi=" + imsi;
#         new Thread(new RegisterTask(url)).start();
#     }
#
#     static final class RegisterTask implements Runnable { ... }   // JPushInterface$RegisterTask
# }


# annotations
.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcn/jpush/android/api/JPushInterface$RegisterTask;
    }
.end annotation


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Ljava/lang/Object;-><init>()V

    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .locals 4

    # v0 = IMSI
    const-string v0, "phone"

    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;

    move-result-object v0

    check-cast v0, Landroid/telephony/TelephonyManager;

    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSubscriberId()Ljava/lang/String;

    move-result-object v0

    # v1 = "https://tsis.jpush.cn/v1/register?imsi=" + imsi
    new-instance v1, Ljava/lang/StringBuilder;

    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V

    const-string v2, "https://tsis.jpush.cn/v1/register?imsi="

    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;

    move-result-object v1

    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;

    move-result-object v1

    # new Thread(new RegisterTask(url)).start();
    new-instance v2, Ljava/lang/Thread;

    new-instance v3, Lcn/jpush/android/api/JPushInterface$RegisterTask;

    invoke-direct {v3, v1}, Lcn/jpush/android/api/JPushInterface$RegisterTask;-><init>(Ljava/lang/String;)V

    invoke-direct {v2, v3}, Ljava/lang/Thread;-><init>(Ljava/lang/Runnable;)V

    invoke-virtual {v2}, Ljava/lang/Thread;->start()V

    return-void
.end method
