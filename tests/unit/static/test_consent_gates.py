"""Consent gates: code behind a persistent consent flag still at its first-launch default is not in the
pre-consent window; the same code without the check, or with the flag preset by window code, is."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.static.scan import ScanResult, scan_apk
from bench.hostile import IMEI_INTO_V0, LAUNCHER, ctor, phone_apk, smali_dex

PKG = "Lcom/piflow/sample/notes/"
PREFS = "Landroid/content/SharedPreferences;"
EDITOR = "Landroid/content/SharedPreferences$Editor;"
MMKV = "Lcom/tencent/mmkv/MMKV;"
UMENG = "Lcom/umeng/commonsdk/UMConfigure;"

# v1 := the flag, read in an Activity method (p0); v0, v2, v3 are scratch
PREF_INTO_V1 = f"""    const-string v0, "privacy"
    const/4 v1, 0x0
    invoke-virtual {{p0, v0, v1}}, Landroid/app/Activity;->getSharedPreferences(Ljava/lang/String;I){PREFS}
    move-result-object v0
    const-string v2, "agreed"
    const/4 v3, 0x0
    invoke-interface {{v0, v2, v3}}, {PREFS}->getBoolean(Ljava/lang/String;Z)Z
    move-result v1
"""
WRITE_PREF_TRUE = f"""    const-string v0, "privacy"
    const/4 v1, 0x0
    invoke-virtual {{p0, v0, v1}}, Landroid/app/Activity;->getSharedPreferences(Ljava/lang/String;I){PREFS}
    move-result-object v0
    invoke-interface {{v0}}, {PREFS}->edit(){EDITOR}
    move-result-object v0
    const-string v2, "agreed"
    const/4 v3, 0x1
    invoke-interface {{v0, v2, v3}}, {EDITOR}->putBoolean(Ljava/lang/String;Z){EDITOR}
    move-result-object v0
    invoke-interface {{v0}}, {EDITOR}->apply()V
"""
COLLECT = (IMEI_INTO_V0 + "    const-string v2, \"t\"\n"
           "    invoke-static {v2, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I\n"
           + f"    invoke-static {{p0}}, {UMENG}->init(Landroid/content/Context;)V\n")
"""What the gate guards: an IMEI read and an SDK initialisation."""


SUPER = "    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V\n"


def _method(name: str, body: str, proto: str = "(Landroid/os/Bundle;)V", regs: int = 6) -> str:
    return f".method public {name}{proto}\n    .registers {regs}\n{body}    return-void\n.end method\n"


def _guarded(read: str, gated: bool) -> str:
    """``read`` puts the flag in v1; COLLECT runs only when it is set (always when not ``gated``)."""
    check = "    if-eqz v1, :skip\n" if gated else ""
    return read + check + COLLECT + "    :skip\n"


def _listener(writes: str) -> str:
    """A consent dialog's positive button: its click handler runs ``writes`` (``p0`` is a Context)."""
    cls = f"{PKG}Consent$1;"
    body = writes.replace("p0,", "p3,").replace("{p0}", "{p3}").replace(
        "Landroid/app/Activity;->getSharedPreferences", "Landroid/content/Context;->getSharedPreferences")
    return (f".class public {cls}\n.super Ljava/lang/Object;\n"
            ".implements Landroid/content/DialogInterface$OnClickListener;\n"
            ".field public static ctx:Landroid/content/Context;\n"
            ".method public constructor <init>()V\n    .registers 1\n"
            "    invoke-direct {p0}, Ljava/lang/Object;-><init>()V\n    return-void\n.end method\n"
            ".method public onClick(Landroid/content/DialogInterface;I)V\n    .registers 7\n"
            f"    sget-object p3, {cls}->ctx:Landroid/content/Context;\n"
            + body + f"    invoke-static {{p3}}, {UMENG}->init(Landroid/content/Context;)V\n"
            "    return-void\n.end method\n")


def _stubs() -> dict[str, str]:
    return {"U.smali": ctor(UMENG, "Ljava/lang/Object;")
            + ".method public static init(Landroid/content/Context;)V\n    .registers 1\n"
              "    return-void\n.end method\n"}


def _launcher(on_create: str, extra: str = "") -> str:
    """The launcher: it makes the consent dialog's listener (so that its click can open a gate), then
    runs ``on_create``."""
    dialog = (f"    new-instance v0, {PKG}Consent$1;\n    invoke-direct {{v0}}, {PKG}Consent$1;-><init>()V\n"
              "    invoke-static {v0}, Landroid/app/AlertDialog;->show(Landroid/content/DialogInterface$"
              "OnClickListener;)V\n")
    return (ctor(LAUNCHER, "Landroid/app/Activity;")
            + ".field public static sAgreed:Z\n"
            + _method("onCreate", SUPER + dialog + on_create) + extra)


def _scan(tmp: Path, name: str, sources: dict[str, str]) -> ScanResult:
    return scan_apk(phone_apk(tmp / f"{name}.apk", smali_dex({**_stubs(), **sources})))


def _hits(r: ScanResult) -> tuple[set[str], set[str]]:
    """(kinds flagged, kinds gated) among the IMEI read and the Umeng init."""
    def what(h: object) -> str:
        return "imei" if h.kind == "pi_access" else h.sdk
    flagged = {what(h) for h in r.pre_consent if not h.gate and h.kind in ("pi_access", "sdk_call")}
    gated = {what(h) for h in r.pre_consent if h.gate and h.kind in ("pi_access", "sdk_call")}
    return flagged, gated


# -- each gate style, gated and ungated ---------------------------------------------------------


def _prefs(gated: bool) -> dict[str, str]:
    return {"M.smali": _launcher(_guarded(PREF_INTO_V1, gated)), "C.smali": _listener(WRITE_PREF_TRUE)}


def _wrapper(gated: bool) -> dict[str, str]:
    pm = f"{PKG}PrivacyManager;"
    read = PREF_INTO_V1.replace("Landroid/app/Activity;->getSharedPreferences",
                                "Landroid/content/Context;->getSharedPreferences")
    call = f"    invoke-static {{p0}}, {pm}->isAgreed(Landroid/content/Context;)Z\n    move-result v1\n"
    return {"M.smali": _launcher(_guarded(call, gated)),
            "P.smali": ctor(pm, "Ljava/lang/Object;")
            + ".method public static isAgreed(Landroid/content/Context;)Z\n    .registers 4\n"
            + read.replace("p0", "p0") + "    return v1\n.end method\n",
            "C.smali": _listener(WRITE_PREF_TRUE)}


def _static_field(gated: bool) -> dict[str, str]:
    start = _method("maybeStart", f"    sget-boolean v1, {LAUNCHER}->sAgreed:Z\n" + _guarded("", gated),
                    "()V")
    return {"M.smali": _launcher(PREF_INTO_V1 + f"    sput-boolean v1, {LAUNCHER}->sAgreed:Z\n"
                                 f"    invoke-virtual {{p0}}, {LAUNCHER}->maybeStart()V\n", start),
            "C.smali": _listener(WRITE_PREF_TRUE)}


def _mmkv(gated: bool) -> dict[str, str]:
    read = (f"    invoke-static {{}}, {MMKV}->defaultMMKV(){MMKV}\n    move-result-object v0\n"
            "    const-string v2, \"agreed\"\n    const/4 v3, 0x0\n"
            f"    invoke-virtual {{v0, v2, v3}}, {MMKV}->decodeBool(Ljava/lang/String;Z)Z\n"
            "    move-result v1\n")
    write = (f"    invoke-static {{}}, {MMKV}->defaultMMKV(){MMKV}\n    move-result-object v0\n"
             "    const-string v2, \"agreed\"\n    const/4 v1, 0x1\n"
             f"    invoke-virtual {{v0, v2, v1}}, {MMKV}->encode(Ljava/lang/String;Z)Z\n")
    return {"M.smali": _launcher(_guarded(read, gated)), "C.smali": _listener(write)}


def _kotlin_object(gated: bool) -> dict[str, str]:
    obj = f"{PKG}Consent;"
    read = (f"    sget-object v0, {obj}->INSTANCE:{obj}\n"
            f"    invoke-virtual {{v0}}, {obj}->getAgreed()Z\n    move-result v1\n")
    write = (f"    sget-object v0, {obj}->INSTANCE:{obj}\n    const/4 v1, 0x1\n"
             f"    iput-boolean v1, v0, {obj}->agreed:Z\n")
    return {"M.smali": _launcher(_guarded(read, gated)), "C.smali": _listener(write),
            "O.smali": f".class public final {obj}\n.super Ljava/lang/Object;\n"
            f".field public static final INSTANCE:{obj}\n.field private agreed:Z\n"
            ".method private constructor <init>()V\n    .registers 1\n"
            "    invoke-direct {p0}, Ljava/lang/Object;-><init>()V\n    return-void\n.end method\n"
            ".method static constructor <clinit>()V\n    .registers 1\n"
            f"    new-instance v0, {obj}\n    invoke-direct {{v0}}, {obj}-><init>()V\n"
            f"    sput-object v0, {obj}->INSTANCE:{obj}\n    return-void\n.end method\n"
            ".method public final getAgreed()Z\n    .registers 2\n"
            f"    iget-boolean v0, p0, {obj}->agreed:Z\n    return v0\n.end method\n"}


def _extra(gated: bool) -> dict[str, str]:
    home = f"{PKG}Home;"
    splash = (PREF_INTO_V1 + f"    new-instance v0, Landroid/content/Intent;\n    const-class v2, {home}\n"
              "    invoke-direct {v0, p0, v2}, Landroid/content/Intent;-><init>(Landroid/content/Context;"
              "Ljava/lang/Class;)V\n    const-string v2, \"agreed\"\n"
              "    invoke-virtual {v0, v2, v1}, Landroid/content/Intent;->putExtra(Ljava/lang/String;Z)"
              "Landroid/content/Intent;\n"
              "    invoke-virtual {p0, v0}, Landroid/app/Activity;->startActivity("
              "Landroid/content/Intent;)V\n")
    read = ("    invoke-virtual {p0}, Landroid/app/Activity;->getIntent()Landroid/content/Intent;\n"
            "    move-result-object v0\n    const-string v2, \"agreed\"\n    const/4 v3, 0x0\n"
            "    invoke-virtual {v0, v2, v3}, Landroid/content/Intent;->getBooleanExtra("
            "Ljava/lang/String;Z)Z\n"
            "    move-result v1\n")
    return {"M.smali": _launcher(splash), "C.smali": _listener(WRITE_PREF_TRUE),
            "H.smali": ctor(home, "Landroid/app/Activity;")
            + _method("onCreate", SUPER + _guarded(read, gated))}


def _string_pref(gated: bool) -> dict[str, str]:
    # "yes".equals(prefs.getString("consent", null)): a string flag, compared
    get_string = f"{PREFS}->getString(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"
    put_string = f"{EDITOR}->putString(Ljava/lang/String;Ljava/lang/String;)"
    read = (PREF_INTO_V1.replace('"agreed"', '"consent"')
            .replace(f"{PREFS}->getBoolean(Ljava/lang/String;Z)Z", get_string)
            .replace("    move-result v1\n", "    move-result-object v1\n"))
    read += ('    const-string v0, "yes"\n'
             "    invoke-virtual {v0, v1}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z\n"
             "    move-result v1\n")
    write = (WRITE_PREF_TRUE.replace('"agreed"', '"consent"')
             .replace("    const/4 v3, 0x1\n", '    const-string v3, "yes"\n')
             .replace(f"{EDITOR}->putBoolean(Ljava/lang/String;Z)", put_string))
    return {"M.smali": _launcher(_guarded(read, gated)), "C.smali": _listener(write)}


def _marker_file(gated: bool) -> dict[str, str]:
    # new File(getFilesDir(), "agreed.flag").exists(); the dialog creates the file
    def file_into_v0(ctx: str, cls: str) -> str:
        return ("    new-instance v0, Ljava/io/File;\n"
                f"    invoke-virtual {{{ctx}}}, {cls}->getFilesDir()Ljava/io/File;\n"
                "    move-result-object v2\n"
                '    const-string v3, "agreed.flag"\n'
                "    invoke-direct {v0, v2, v3}, Ljava/io/File;-><init>(Ljava/io/File;Ljava/lang/String;)V\n")
    read = file_into_v0("p0", "Landroid/app/Activity;") + (
        "    invoke-virtual {v0}, Ljava/io/File;->exists()Z\n    move-result v1\n")
    write = file_into_v0("p0", "Landroid/content/Context;") + (
        "    invoke-virtual {v0}, Ljava/io/File;->createNewFile()Z\n")
    return {"M.smali": _launcher(_guarded(read, gated)), "C.smali": _listener(write)}


def _database(gated: bool) -> dict[str, str]:
    # a consent table: the launcher's query finds no row until the dialog inserts one
    db = "Landroid/database/sqlite/SQLiteDatabase;"

    def db_into_v0(ctx: str, cls: str) -> str:
        return ('    const-string v0, "app.db"\n    const/4 v2, 0x0\n    const/4 v3, 0x0\n'
                f"    invoke-virtual {{{ctx}, v0, v2, v3}}, {cls}->openOrCreateDatabase(Ljava/lang/String;I"
                f"Landroid/database/sqlite/SQLiteDatabase$CursorFactory;){db}\n    move-result-object v0\n")
    read = db_into_v0("p0", "Landroid/app/Activity;") + (
        '    const-string v2, "CREATE TABLE IF NOT EXISTS consent (agreed INTEGER)"\n'
        f"    invoke-virtual {{v0, v2}}, {db}->execSQL(Ljava/lang/String;)V\n"
        '    const-string v2, "SELECT agreed FROM consent"\n    const/4 v3, 0x0\n'
        f"    invoke-virtual {{v0, v2, v3}}, {db}->rawQuery(Ljava/lang/String;[Ljava/lang/String;)"
        "Landroid/database/Cursor;\n    move-result-object v0\n"
        "    invoke-interface {v0}, Landroid/database/Cursor;->moveToFirst()Z\n    move-result v1\n")
    write = db_into_v0("p0", "Landroid/content/Context;") + (
        '    const-string v2, "INSERT INTO consent VALUES (1)"\n'
        f"    invoke-virtual {{v0, v2}}, {db}->execSQL(Ljava/lang/String;)V\n")
    return {"M.smali": _launcher(_guarded(read, gated)), "C.smali": _listener(write)}


def _datastore(gated: bool) -> dict[str, str]:
    # Kotlin and Jetpack DataStore, as kotlinc compiles them: the launcher reads the flag with
    # runBlocking { dataStore.data.first()[AGREED] ?: false }; the dialog starts a coroutine that
    # runs dataStore.edit { it[AGREED] = true }. The key sits in a static field (any key, to us).
    prefs, mutable = "Landroidx/datastore/preferences/core/Preferences;", \
        "Landroidx/datastore/preferences/core/MutablePreferences;"
    key_t = "Landroidx/datastore/preferences/core/Preferences$Key;"
    store = "Landroidx/datastore/core/DataStore;"
    keys, read_block = f"{PKG}Keys;", f"{PKG}Main$onCreate$1;"
    start, edit_block = f"{PKG}Consent$1$1;", f"{PKG}Consent$1$1$1;"

    def lam(cls: str, body: str, fields: str = "") -> str:
        return (ctor(cls, "Ljava/lang/Object;") + fields
                + ".method public final invokeSuspend(Ljava/lang/Object;)Ljava/lang/Object;\n"
                "    .registers 6\n" + body + ".end method\n")

    cont, obj = "Lkotlin/coroutines/Continuation;", "Ljava/lang/Object;"
    fn2 = "Lkotlin/jvm/functions/Function2;"
    suspended = f"Lkotlin/coroutines/intrinsics/IntrinsicsKt;->getCOROUTINE_SUSPENDED(){obj}"
    first = f"Lkotlinx/coroutines/flow/FlowKt;->first(Lkotlinx/coroutines/flow/Flow;{cont}){obj}"
    edit = f"Landroidx/datastore/preferences/core/PreferencesKt;->edit({store}{fn2}{cont}){obj}"
    reader = lam(read_block, f"""    invoke-static {{}}, {suspended}
    move-result-object v0
    iget v1, p0, {read_block}->label:I
    if-nez v1, :resumed
    const/4 v1, 0x1
    iput v1, p0, {read_block}->label:I
    sget-object v1, {keys}->store:{store}
    invoke-interface {{v1}}, {store}->getData()Lkotlinx/coroutines/flow/Flow;
    move-result-object v1
    invoke-static {{v1, p0}}, {first}
    move-result-object v1
    if-ne v1, v0, :got
    return-object v0
    :resumed
    move-object v1, p1
    :got
    check-cast v1, {prefs}
    sget-object v2, {keys}->AGREED:{key_t}
    invoke-virtual {{v1, v2}}, {prefs}->get({key_t})Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Ljava/lang/Boolean;
    if-eqz v1, :no
    invoke-virtual {{v1}}, Ljava/lang/Boolean;->booleanValue()Z
    move-result v1
    goto :box
    :no
    const/4 v1, 0x0
    :box
    invoke-static {{v1}}, Lkotlin/coroutines/jvm/internal/Boxing;->boxBoolean(Z)Ljava/lang/Boolean;
    move-result-object v1
    return-object v1
""", ".field label:I\n")
    editor = lam(edit_block, f"""    iget-object v0, p0, {edit_block}->L$0:Ljava/lang/Object;
    check-cast v0, {mutable}
    sget-object v1, {keys}->AGREED:{key_t}
    const/4 v2, 0x1
    invoke-static {{v2}}, Lkotlin/coroutines/jvm/internal/Boxing;->boxBoolean(Z)Ljava/lang/Boolean;
    move-result-object v2
    invoke-virtual {{v0, v1, v2}}, {mutable}->set({key_t}Ljava/lang/Object;)V
    sget-object v0, Lkotlin/Unit;->INSTANCE:Lkotlin/Unit;
    return-object v0
""", ".field L$0:Ljava/lang/Object;\n")
    starter = lam(start, f"""    new-instance v0, {edit_block}
    invoke-direct {{v0}}, {edit_block}-><init>()V
    sget-object v1, {keys}->store:{store}
    invoke-static {{v1, v0, p0}}, {edit}
    move-result-object v0
    return-object v0
""")
    key_class = (f".class public final {keys}\n.super Ljava/lang/Object;\n"
                 f".field public static final AGREED:{key_t}\n.field public static store:{store}\n"
                 ".method static constructor <clinit>()V\n    .registers 1\n"
                 '    const-string v0, "agreed"\n'
                 "    invoke-static {v0}, Landroidx/datastore/preferences/core/PreferencesKeys;"
                 f"->booleanKey(Ljava/lang/String;){key_t}\n    move-result-object v0\n"
                 f"    sput-object v0, {keys}->AGREED:{key_t}\n    return-void\n.end method\n")
    read = (f"    new-instance v0, {read_block}\n    invoke-direct {{v0}}, {read_block}-><init>()V\n"
            "    const/4 v1, 0x0\n    const/4 v2, 0x0\n    const/4 v3, 0x1\n"
            "    invoke-static {v2, v0, v3, v1}, Lkotlinx/coroutines/BuildersKt;->runBlocking$default("
            "Lkotlin/coroutines/CoroutineContext;Lkotlin/jvm/functions/Function2;ILjava/lang/Object;)"
            "Ljava/lang/Object;\n    move-result-object v0\n    check-cast v0, Ljava/lang/Boolean;\n"
            "    invoke-virtual {v0}, Ljava/lang/Boolean;->booleanValue()Z\n    move-result v1\n")
    launch = (f"    new-instance v0, {start}\n    invoke-direct {{v0}}, {start}-><init>()V\n"
              "    const/4 v1, 0x0\n"
              "    invoke-static {v1, v0}, Lkotlinx/coroutines/BuildersKt;->launch(Lkotlinx/coroutines/"
              "CoroutineScope;Lkotlin/jvm/functions/Function2;)Lkotlinx/coroutines/Job;\n")
    return {"M.smali": _launcher(_guarded(read, gated)), "C.smali": _listener(launch), "K.smali": key_class,
            "R.smali": reader, "E.smali": editor, "S.smali": starter}


STYLES = {"database": _database, "datastore": _datastore, "marker_file": _marker_file,
          "string_pref": _string_pref, "prefs": _prefs, "wrapper": _wrapper,
          "static_field": _static_field, "mmkv": _mmkv, "kotlin_object": _kotlin_object,
          "intent_extra": _extra}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_gate_style_keeps_its_code_out_and_its_ungated_twin_in(tmp_path: Path, style: str) -> None:
    guarded = {"imei", "umeng-analytics"}
    gated = _scan(tmp_path, f"{style}-gated", STYLES[style](True))
    assert _hits(gated) == (set(), guarded)
    texts = {h.gate for h in gated.pre_consent if h.gate}
    assert all("Consent$1.onClick" in t for t in texts), texts
    assert gated.consent_gates and all(g.openers and not g.preset for g in gated.consent_gates)
    ungated = _scan(tmp_path, f"{style}-ungated", STYLES[style](False))
    assert _hits(ungated) == (guarded, set())


# -- what must not gate ----------------------------------------------------------------------------


def test_a_flag_the_window_itself_sets_true_is_default_consent_not_a_gate(tmp_path: Path) -> None:
    r = _scan(tmp_path, "preset", {"M.smali": _launcher(WRITE_PREF_TRUE + _guarded(PREF_INTO_V1, True)),
                                   "C.smali": _listener(WRITE_PREF_TRUE)})
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())
    preset = [g for g in r.consent_gates if g.preset]
    assert [g.flags for g in preset] == [("pref `agreed`",)]
    assert preset[0].preset[0].method == "onCreate" and preset[0].gated == 2


def test_a_row_the_window_inserts_is_default_consent_and_a_table_it_only_creates_is_no_row(
        tmp_path: Path) -> None:
    srcs = _database(True)
    after_ctx = srcs["C.smali"].split("    sget-object p3,")[1].split("\n", 1)[1]
    insert = after_ctx.split("    invoke-static {p3}")[0]
    window_insert = insert.replace("p3", "p0").replace("Landroid/content/Context;->openOrCreateDatabase",
                                                       "Landroid/app/Activity;->openOrCreateDatabase")
    read = srcs["M.smali"]
    r = _scan(tmp_path, "db-preset", {**srcs, "M.smali": read.replace(
        '    const-string v2, "SELECT agreed', window_insert + '    const-string v2, "SELECT agreed', 1)})
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())
    assert [g.flags for g in r.consent_gates if g.preset] == [("database table `consent`",)]
    r = _scan(tmp_path, "db-gated", srcs)  # the CREATE TABLE before the query writes no row
    assert _hits(r) == (set(), {"imei", "umeng-analytics"})


def test_a_branch_on_a_value_that_is_not_persistent_is_not_pruned(tmp_path: Path) -> None:
    # a constant of the code and a parameter: neither is a consent flag
    for name, read in (("const", "    const/4 v1, 0x0\n"), ("param", "    move-object v1, p1\n")):
        r = _scan(tmp_path, name, {"M.smali": _launcher(_guarded(read, True)), "C.smali": _listener("")})
        assert _hits(r) == ({"imei", "umeng-analytics"}, set()), name
        assert not r.consent_gates


def test_a_flag_written_by_window_code_that_runs_later_does_not_gate(tmp_path: Path) -> None:
    # a thread the window starts sets the flag (no user action): it may be set when the check runs
    worker = f"{PKG}Worker;"
    writes = WRITE_PREF_TRUE.replace("Landroid/app/Activity;->getSharedPreferences",
                                     "Landroid/content/Context;->getSharedPreferences").replace("p0", "v4")
    thread = (ctor(worker, "Ljava/lang/Thread;")
              + ".method public run()V\n    .registers 6\n"
              f"    sget-object v4, {PKG}Consent$1;->ctx:Landroid/content/Context;\n"
              + writes + "    return-void\n.end method\n")
    start = (f"    new-instance v0, {worker}\n    invoke-direct {{v0}}, {worker}-><init>()V\n"
             "    invoke-virtual {v0}, Ljava/lang/Thread;->start()V\n")
    r = _scan(tmp_path, "later", {"M.smali": _launcher(start + _guarded(PREF_INTO_V1, True)),
                                  "C.smali": _listener(WRITE_PREF_TRUE), "W.smali": thread})
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())
    # the same thread class, never started by the window: its write is not on the first launch
    r = _scan(tmp_path, "never", {"M.smali": _launcher(_guarded(PREF_INTO_V1, True)),
                                  "C.smali": _listener(WRITE_PREF_TRUE), "W.smali": thread})
    assert _hits(r) == (set(), {"imei", "umeng-analytics"})


def test_a_field_no_interaction_writes_is_no_gate(tmp_path: Path) -> None:
    # nothing in the app's code writes the field: a deserialiser or reflection may have set it
    read = f"    sget-boolean v1, {LAUNCHER}->sAgreed:Z\n"
    r = _scan(tmp_path, "unwritten", {"M.smali": _launcher(_guarded(read, True)), "C.smali": _listener("")})
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())
    # the same field set by the consent dialog: a gate
    write = f"    const/4 v1, 0x1\n    sput-boolean v1, {LAUNCHER}->sAgreed:Z\n"
    r = _scan(tmp_path, "tapped", {"M.smali": _launcher(_guarded(read, True)), "C.smali": _listener(write)})
    assert _hits(r) == (set(), {"imei", "umeng-analytics"})


def test_a_pref_written_under_a_computed_key_may_be_any_key(tmp_path: Path) -> None:
    computed = WRITE_PREF_TRUE.replace('    const-string v2, "agreed"\n',
                                       f"    invoke-static {{}}, {LAUNCHER}->key()Ljava/lang/String;\n"
                                       "    move-result-object v2\n")
    key = ".method public static key()Ljava/lang/String;\n    .registers 1\n    const/4 v0, 0x0\n" \
          "    return-object v0\n.end method\n"
    r = _scan(tmp_path, "computed", {"M.smali": _launcher(computed + _guarded(PREF_INTO_V1, True), key),
                                     "C.smali": _listener(WRITE_PREF_TRUE)})
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())


def test_a_listener_the_window_never_makes_opens_no_gate(tmp_path: Path) -> None:
    # the same click handler, but no window code creates its listener: no consent screen asks
    sources = _prefs(True)
    made = f"    new-instance v0, {PKG}Consent$1;\n    invoke-direct {{v0}}, {PKG}Consent$1;-><init>()V\n"
    sources["M.smali"] = sources["M.smali"].replace(made, "    const/4 v0, 0x0\n")
    r = _scan(tmp_path, "nodialog", sources)
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())


def test_an_extra_no_interaction_writes_is_no_gate(tmp_path: Path) -> None:
    # the launcher reads an extra of its own start intent: whoever starts it (adb, another app) sets it
    read = ("    invoke-virtual {p0}, Landroid/app/Activity;->getIntent()Landroid/content/Intent;\n"
            "    move-result-object v0\n    const-string v2, \"mode\"\n    const/4 v3, 0x0\n"
            "    invoke-virtual {v0, v2, v3}, Landroid/content/Intent;->getBooleanExtra("
            "Ljava/lang/String;Z)Z\n    move-result v1\n")
    r = _scan(tmp_path, "extra", {"M.smali": _launcher(_guarded(read, True)), "C.smali": _listener("")})
    assert _hits(r) == ({"imei", "umeng-analytics"}, set())
    assert not r.consent_gates


# -- what the gates become: the scan document, its tables, the graph, the rules -----------------------


def test_gates_survive_the_scan_document_and_show_in_the_tables_and_the_graph(tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from analyzer.graph.build import from_scan
    from analyzer.kb.catalogue import load_kb
    from analyzer.static.report import render_scan
    from analyzer.static.serialize import scan_from_dict, scan_to_dict

    r = _scan(tmp_path, "doc", _prefs(True))
    back = scan_from_dict(scan_to_dict(r))
    assert back.pre_consent == r.pre_consent and back.consent_gates == r.consent_gates
    assert scan_to_dict(r)["summary"]["gated_sdks"] == ["umeng-analytics"]
    assert scan_to_dict(r)["summary"]["pre_consent_sdks"] == []
    out = StringIO()
    kb = load_kb()
    render_scan(r, kb, Console(file=out, width=200))
    assert "Behind a consent gate" in out.getvalue() and "Consent$1.onClick" in out.getvalue()
    g = from_scan(r, kb)
    gated = [d for _u, _v, d in g.edges(data=True) if d.get("kind") == "behind_consent_gate"]
    assert {d["what"] for d in gated} == {"sdk_call", "pi_access"}
    assert all("pref `agreed`" in d["gates"][0] for d in gated)
    assert not [d for _u, _v, d in g.edges(data=True) if str(d.get("kind")).endswith("before_consent")]


def test_default_consent_is_a_finding_and_the_gated_app_has_none(tmp_path: Path) -> None:
    from analyzer.check.run import CheckRequest, run_check

    def rules(name: str, sources: dict[str, str]) -> set[str]:
        apk = phone_apk(tmp_path / f"{name}.apk", smali_dex({**_stubs(), **sources}))
        return {f.rule_id for f in run_check(CheckRequest(target=apk)).findings}

    preset = rules("preset", {"M.smali": _launcher(WRITE_PREF_TRUE + _guarded(PREF_INTO_V1, True)),
                              "C.smali": _listener(WRITE_PREF_TRUE)})
    assert {"o24-09-1-consent-preset-in-code", "o24-09-1-sdk-init-before-consent"} <= preset
    gated = rules("gated", _prefs(True))
    assert not gated & {"o24-09-1-consent-preset-in-code", "o24-09-1-sdk-init-before-consent",
                        "o24-09-1-pi-read-before-consent"}


LOG_V0 = ("    const-string v2, \"t\"\n"
          "    invoke-static {v2, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I\n")


def test_what_the_user_types_is_never_read_before_an_interaction(tmp_path: Path) -> None:
    """A field's text read in the launcher's onCreate is what the user typed (a restored or filled
    field at most): typing is an interaction, so it is no PI read before consent; the IMEI read in
    the same method is."""
    edit = "Landroid/widget/EditText;"
    read = ("    const v0, 0x7f010001\n"
            "    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;\n"
            f"    move-result-object v0\n    check-cast v0, {edit}\n"
            f"    invoke-virtual {{v0}}, {edit}->getText()Landroid/text/Editable;\n"
            "    move-result-object v0\n"
            "    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;\n"
            "    move-result-object v0\n" + LOG_V0)
    r = _scan(tmp_path, "typed", {"M.smali": ctor(LAUNCHER, "Landroid/app/Activity;")
                                  + _method("onCreate", SUPER + read + IMEI_INTO_V0 + LOG_V0)})
    kinds = {a.kind for a in r.access if a.reachable}
    assert "user_input" in kinds  # the text is read, and is PI
    hits = {h.source_id for h in r.pre_consent if h.kind == "pi_access"}
    assert hits and all(not s.startswith("input.") for s in hits)
