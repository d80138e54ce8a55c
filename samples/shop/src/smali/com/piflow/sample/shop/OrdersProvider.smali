.class public Lcom/piflow/sample/shop/OrdersProvider;
.super Landroid/content/ContentProvider;
.source "OrdersProvider.java"

# Exported with no permission (authority com.piflow.sample.shop.orders), but
# it serves nothing: every operation is a no-op.
#
# public class OrdersProvider extends ContentProvider {
#     public boolean onCreate() { return true; }
#     public Cursor query(Uri uri, String[] projection, String selection,
#                         String[] selectionArgs, String sortOrder) { return null; }
#     public String getType(Uri uri) { return null; }
#     public Uri insert(Uri uri, ContentValues values) { return null; }
#     public int delete(Uri uri, String selection, String[] selectionArgs) { return 0; }
#     public int update(Uri uri, ContentValues values, String selection,
#                       String[] selectionArgs) { return 0; }
# }


# direct methods
.method public constructor <init>()V
    .locals 0

    invoke-direct {p0}, Landroid/content/ContentProvider;-><init>()V

    return-void
.end method


# virtual methods
.method public delete(Landroid/net/Uri;Ljava/lang/String;[Ljava/lang/String;)I
    .locals 1

    const/4 v0, 0x0

    return v0
.end method

.method public getType(Landroid/net/Uri;)Ljava/lang/String;
    .locals 1

    const/4 v0, 0x0

    return-object v0
.end method

.method public insert(Landroid/net/Uri;Landroid/content/ContentValues;)Landroid/net/Uri;
    .locals 1

    const/4 v0, 0x0

    return-object v0
.end method

.method public onCreate()Z
    .locals 1

    const/4 v0, 0x1

    return v0
.end method

.method public query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    .locals 1

    const/4 v0, 0x0

    return-object v0
.end method

.method public update(Landroid/net/Uri;Landroid/content/ContentValues;Ljava/lang/String;[Ljava/lang/String;)I
    .locals 1

    const/4 v0, 0x0

    return v0
.end method
