.class public Lcom/piflow/families/provider_query/Main;
.super Landroid/app/Activity;

# A provider's Uri is an address, not PI: what a query of it returns is. The cursor of a query of
# the call log leaks (Main.queried), so does one of the SMS inbox whose Uri a static field holds
# (Main.viaField) and one a helper queries for the Uri it is handed (Main.viaHelper, Main.load).
# The call log's Uri logged as text (Main.uriOnly) and the same helper querying the app's own
# provider (Main.ownProvider) carry nothing.

.field private static final INBOX:Landroid/net/Uri;

.method static constructor <clinit>()V
    .locals 1
    const-string v0, "content://sms/inbox"
    invoke-static {v0}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v0
    sput-object v0, Lcom/piflow/families/provider_query/Main;->INBOX:Landroid/net/Uri;
    return-void
.end method

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 0
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lcom/piflow/families/provider_query/Main;->queried()V
    invoke-direct {p0}, Lcom/piflow/families/provider_query/Main;->uriOnly()V
    invoke-direct {p0}, Lcom/piflow/families/provider_query/Main;->viaField()V
    invoke-direct {p0}, Lcom/piflow/families/provider_query/Main;->viaHelper()V
    invoke-direct {p0}, Lcom/piflow/families/provider_query/Main;->ownProvider()V
    return-void
.end method

.method private queried()V
    .locals 7
    invoke-virtual {p0}, Lcom/piflow/families/provider_query/Main;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v6
    const/4 v0, 0x0
    invoke-interface {v6, v0}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private uriOnly()V
    .locals 2
    sget-object v0, Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;
    invoke-virtual {v0}, Landroid/net/Uri;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private viaField()V
    .locals 7
    invoke-virtual {p0}, Lcom/piflow/families/provider_query/Main;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Lcom/piflow/families/provider_query/Main;->INBOX:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v6
    const/4 v0, 0x0
    invoke-interface {v6, v0}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private load(Landroid/net/Uri;)Landroid/database/Cursor;
    .locals 6
    invoke-virtual {p0}, Lcom/piflow/families/provider_query/Main;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    move-object v1, p1
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    return-object v0
.end method

.method private viaHelper()V
    .locals 2
    sget-object v0, Landroid/provider/ContactsContract$Contacts;->CONTENT_URI:Landroid/net/Uri;
    invoke-direct {p0, v0}, Lcom/piflow/families/provider_query/Main;->load(Landroid/net/Uri;)Landroid/database/Cursor;
    move-result-object v0
    const/4 v1, 0x0
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method private ownProvider()V
    .locals 2
    const-string v0, "content://com.piflow.families.provider_query/notes"
    invoke-static {v0}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v0
    invoke-direct {p0, v0}, Lcom/piflow/families/provider_query/Main;->load(Landroid/net/Uri;)Landroid/database/Cursor;
    move-result-object v0
    const/4 v1, 0x0
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
