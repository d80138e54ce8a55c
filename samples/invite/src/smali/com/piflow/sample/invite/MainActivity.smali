.class public Lcom/piflow/sample/invite/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# public class MainActivity extends Activity {
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         setContentView(R.layout.activity_main);
#     }
#
#     // Only entry point: android:onClick="inviteAll" on the Button in activity_main.xml.
#     public void inviteAll(View view) {
#         Cursor c = getContentResolver().query(ContactsContract.CommonDataKinds.Phone.CONTENT_URI,
#                 new String[] {ContactsContract.CommonDataKinds.Phone.NUMBER}, null, null, null);
#         if (c == null) {
#             return;
#         }
#         while (c.moveToNext()) {
#             String number = c.getString(0);
#             SmsManager.getDefault().sendTextMessage(number, null, "Join me on Invite!", null, null);
#         }
#         c.close();
#     }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method public inviteAll(Landroid/view/View;)V
    .locals 7

    # v0..v6 locals, p0 = v7 (this), p1 = v8 (the clicked view, unused)
    invoke-virtual {p0}, Lcom/piflow/sample/invite/MainActivity;->getContentResolver()Landroid/content/ContentResolver;

    move-result-object v0

    sget-object v1, Landroid/provider/ContactsContract$CommonDataKinds$Phone;->CONTENT_URI:Landroid/net/Uri;

    # projection = new String[] {"data1"}   (Phone.NUMBER, inlined)
    const/4 v2, 0x1

    new-array v2, v2, [Ljava/lang/String;

    const/4 v3, 0x0

    const-string v4, "data1"

    aput-object v4, v2, v3

    const/4 v3, 0x0

    const/4 v4, 0x0

    const/4 v5, 0x0

    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;

    move-result-object v6

    if-nez v6, :cond_0

    return-void

    :cond_0
    :goto_0
    invoke-interface {v6}, Landroid/database/Cursor;->moveToNext()Z

    move-result v0

    if-eqz v0, :cond_1

    # v1 = number
    const/4 v0, 0x0

    invoke-interface {v6, v0}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;

    move-result-object v1

    # SmsManager.getDefault().sendTextMessage(number, null, "Join me on Invite!", null, null)
    invoke-static {}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;

    move-result-object v0

    const/4 v2, 0x0

    const-string v3, "Join me on Invite!"

    const/4 v4, 0x0

    const/4 v5, 0x0

    invoke-virtual/range {v0 .. v5}, Landroid/telephony/SmsManager;->sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V

    goto :goto_0

    :cond_1
    invoke-interface {v6}, Landroid/database/Cursor;->close()V

    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 1

    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # R.layout.activity_main
    const/high16 v0, 0x7f020000

    invoke-virtual {p0, v0}, Lcom/piflow/sample/invite/MainActivity;->setContentView(I)V

    return-void
.end method
