.class public Lcom/piflow/families/db_rows/Main;
.super Landroid/app/Activity;

# A row built in ContentValues is written by the call it is given to: Main.save puts the IMEI and a
# constant into a row and inserts it into the app's database (a storage leak of kind sqlite at
# insert, with the put of the IMEI as its step; the put of the constant is none). Main.saveClean
# inserts a row of constants: no leak.

.method public constructor <init>()V
    .locals 0
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .locals 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "app.db"
    const/4 v1, 0x0
    invoke-virtual {p0, v0, v1, v1}, Landroid/app/Activity;->openOrCreateDatabase(Ljava/lang/String;ILandroid/database/sqlite/SQLiteDatabase$CursorFactory;)Landroid/database/sqlite/SQLiteDatabase;
    move-result-object v0
    invoke-direct {p0, v0}, Lcom/piflow/families/db_rows/Main;->save(Landroid/database/sqlite/SQLiteDatabase;)V
    invoke-direct {p0, v0}, Lcom/piflow/families/db_rows/Main;->saveClean(Landroid/database/sqlite/SQLiteDatabase;)V
    return-void
.end method

.method private save(Landroid/database/sqlite/SQLiteDatabase;)V
    .locals 4
    new-instance v0, Landroid/content/ContentValues;
    invoke-direct {v0}, Landroid/content/ContentValues;-><init>()V
    const-string v1, "phone"
    invoke-virtual {p0, v1}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    const-string v2, "id"
    invoke-virtual {v0, v2, v1}, Landroid/content/ContentValues;->put(Ljava/lang/String;Ljava/lang/String;)V
    const-string v2, "kind"
    const-string v3, "device"
    invoke-virtual {v0, v2, v3}, Landroid/content/ContentValues;->put(Ljava/lang/String;Ljava/lang/String;)V
    const-string v2, "devices"
    const/4 v3, 0x0
    invoke-virtual {p1, v2, v3, v0}, Landroid/database/sqlite/SQLiteDatabase;->insert(Ljava/lang/String;Ljava/lang/String;Landroid/content/ContentValues;)J
    return-void
.end method

.method private saveClean(Landroid/database/sqlite/SQLiteDatabase;)V
    .locals 4
    new-instance v0, Landroid/content/ContentValues;
    invoke-direct {v0}, Landroid/content/ContentValues;-><init>()V
    const-string v2, "kind"
    const-string v3, "device"
    invoke-virtual {v0, v2, v3}, Landroid/content/ContentValues;->put(Ljava/lang/String;Ljava/lang/String;)V
    const-string v2, "devices"
    const/4 v3, 0x0
    invoke-virtual {p1, v2, v3, v0}, Landroid/database/sqlite/SQLiteDatabase;->insert(Ljava/lang/String;Ljava/lang/String;Landroid/content/ContentValues;)J
    return-void
.end method
