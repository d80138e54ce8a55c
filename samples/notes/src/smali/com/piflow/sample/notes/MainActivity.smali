.class public Lcom/piflow/sample/notes/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# public class MainActivity extends Activity {
#     private EditText note;
#
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         setContentView(R.layout.activity_main);
#         note = (EditText) findViewById(R.id.note);
#         note.setText(getSharedPreferences("notes", 0).getString("note", ""));
#         if (Build.VERSION.SDK_INT >= 26) {   // feature check, not PI
#             note.setImportantForAutofill(View.IMPORTANT_FOR_AUTOFILL_NO);
#         }
#     }
#
#     protected void onPause() {
#         super.onPause();
#         String text = note.getText().toString();
#         getSharedPreferences("notes", 0).edit().putString("note", text).apply();
#     }
# }


# instance fields
.field private note:Landroid/widget/EditText;


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/app/Activity;-><init>()V

    return-void
.end method


# virtual methods
.method protected onCreate(Landroid/os/Bundle;)V
    .locals 4

    # v0..v3 locals, p0 = v4 (this), p1 = v5 (savedInstanceState)
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # R.layout.activity_main
    const/high16 v0, 0x7f020000

    invoke-virtual {p0, v0}, Lcom/piflow/sample/notes/MainActivity;->setContentView(I)V

    # note = (EditText) findViewById(R.id.note)
    const/high16 v0, 0x7f040000

    invoke-virtual {p0, v0}, Lcom/piflow/sample/notes/MainActivity;->findViewById(I)Landroid/view/View;

    move-result-object v0

    check-cast v0, Landroid/widget/EditText;

    iput-object v0, p0, Lcom/piflow/sample/notes/MainActivity;->note:Landroid/widget/EditText;

    # note.setText(getSharedPreferences("notes", 0).getString("note", ""))
    iget-object v0, p0, Lcom/piflow/sample/notes/MainActivity;->note:Landroid/widget/EditText;

    const-string v1, "notes"

    const/4 v2, 0x0

    invoke-virtual {p0, v1, v2}, Lcom/piflow/sample/notes/MainActivity;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;

    move-result-object v1

    const-string v2, "note"

    const-string v3, ""

    invoke-interface {v1, v2, v3}, Landroid/content/SharedPreferences;->getString(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;

    move-result-object v1

    invoke-virtual {v0, v1}, Landroid/widget/EditText;->setText(Ljava/lang/CharSequence;)V

    # if (Build.VERSION.SDK_INT >= 26 /* O */)
    sget v0, Landroid/os/Build$VERSION;->SDK_INT:I

    const/16 v1, 0x1a

    if-lt v0, v1, :cond_0

    # note.setImportantForAutofill(View.IMPORTANT_FOR_AUTOFILL_NO)
    iget-object v0, p0, Lcom/piflow/sample/notes/MainActivity;->note:Landroid/widget/EditText;

    const/4 v1, 0x2

    invoke-virtual {v0, v1}, Landroid/widget/EditText;->setImportantForAutofill(I)V

    :cond_0
    return-void
.end method

.method protected onPause()V
    .locals 3

    # v0..v2 locals, p0 = v3 (this)
    invoke-super {p0}, Landroid/app/Activity;->onPause()V

    # v0 = text
    iget-object v0, p0, Lcom/piflow/sample/notes/MainActivity;->note:Landroid/widget/EditText;

    invoke-virtual {v0}, Landroid/widget/EditText;->getText()Landroid/text/Editable;

    move-result-object v0

    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;

    move-result-object v0

    # getSharedPreferences("notes", 0).edit().putString("note", text).apply()
    const-string v1, "notes"

    const/4 v2, 0x0

    invoke-virtual {p0, v1, v2}, Lcom/piflow/sample/notes/MainActivity;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;

    move-result-object v1

    invoke-interface {v1}, Landroid/content/SharedPreferences;->edit()Landroid/content/SharedPreferences$Editor;

    move-result-object v1

    const-string v2, "note"

    invoke-interface {v1, v2, v0}, Landroid/content/SharedPreferences$Editor;->putString(Ljava/lang/String;Ljava/lang/String;)Landroid/content/SharedPreferences$Editor;

    move-result-object v0

    invoke-interface {v0}, Landroid/content/SharedPreferences$Editor;->apply()V

    return-void
.end method
