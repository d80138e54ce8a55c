.class public Lcom/piflow/sample/tracker/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# public class MainActivity extends Activity {
#     protected void onCreate(Bundle savedInstanceState) {
#         super.onCreate(savedInstanceState);
#         setContentView(R.layout.activity_main);   // a single TextView
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
    .locals 1

    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    # R.layout.activity_main
    const/high16 v0, 0x7f020000

    invoke-virtual {p0, v0}, Lcom/piflow/sample/tracker/MainActivity;->setContentView(I)V

    return-void
.end method
