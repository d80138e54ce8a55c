.class public Lcom/tencent/mmkv/MMKV;
.super Ljava/lang/Object;
.source "MMKV.java"

# Key-value store stub borrowing MMKV's package name (not MMKV's code): an in-memory map.

.field static sDefault:Lcom/tencent/mmkv/MMKV;

.field final map:Ljava/util/HashMap;

.method public constructor <init>()V
    .locals 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    new-instance v0, Ljava/util/HashMap;
    invoke-direct {v0}, Ljava/util/HashMap;-><init>()V
    iput-object v0, p0, Lcom/tencent/mmkv/MMKV;->map:Ljava/util/HashMap;
    return-void
.end method

.method public static initialize(Landroid/content/Context;)Ljava/lang/String;
    .locals 1
    new-instance v0, Lcom/tencent/mmkv/MMKV;
    invoke-direct {v0}, Lcom/tencent/mmkv/MMKV;-><init>()V
    sput-object v0, Lcom/tencent/mmkv/MMKV;->sDefault:Lcom/tencent/mmkv/MMKV;
    const-string v0, "mmkv"
    return-object v0
.end method

.method public static defaultMMKV()Lcom/tencent/mmkv/MMKV;
    .locals 1
    sget-object v0, Lcom/tencent/mmkv/MMKV;->sDefault:Lcom/tencent/mmkv/MMKV;
    return-object v0
.end method

.method public decodeBool(Ljava/lang/String;Z)Z
    .locals 1
    iget-object v0, p0, Lcom/tencent/mmkv/MMKV;->map:Ljava/util/HashMap;
    invoke-virtual {v0, p1}, Ljava/util/HashMap;->get(Ljava/lang/Object;)Ljava/lang/Object;
    move-result-object v0
    if-eqz v0, :dflt
    check-cast v0, Ljava/lang/Boolean;
    invoke-virtual {v0}, Ljava/lang/Boolean;->booleanValue()Z
    move-result p2
    :dflt
    return p2
.end method

.method public encode(Ljava/lang/String;Z)Z
    .locals 1
    iget-object v0, p0, Lcom/tencent/mmkv/MMKV;->map:Ljava/util/HashMap;
    invoke-static {p2}, Ljava/lang/Boolean;->valueOf(Z)Ljava/lang/Boolean;
    move-result-object p2
    invoke-virtual {v0, p1, p2}, Ljava/util/HashMap;->put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;
    const/4 v0, 0x1
    return v0
.end method
