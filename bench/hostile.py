"""Hostile inputs, built on purpose: APKs whose code, archive or manifest is made to hurt a scanner.

Each builder returns bytes or writes a file, deterministically (a seeded
``random.Random`` where anything is random). They are used by the fuzz run
(``bench/fuzz.py``) and, a few of each class, by the tests
(``tests/e2e/test_hostile.py``). Programs are written in smali and
assembled with Debian's ``smali`` (package libsmali-java); an APK is a
bundled sample with its ``classes.dex`` replaced or another file added, so
its binary manifest stays valid and names a class the hostile code defines.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE_APK = REPO / "samples" / "notes" / "notes.apk"
"""The sample whose manifest hostile programs reuse: one launcher activity."""
LAUNCHER = "Lcom/piflow/sample/notes/MainActivity;"
"""The class that manifest names: hostile programs define it so that their code is reachable."""
IMEI_INTO_V0 = """    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/app/Activity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
"""
"""Smali of an activity method (``p0``) reading the IMEI into ``v0`` (the caller's TelephonyManager)."""
IMEI_METHOD = (".method public static read(Landroid/content/Context;)Ljava/lang/String;\n    .registers 2\n"
               + IMEI_INTO_V0.replace("Landroid/app/Activity;->getSystemService",
                                      "Landroid/content/Context;->getSystemService")
               + "    return-object v0\n.end method\n")
"""Smali of ``static String read(Context)`` returning the IMEI."""


def smali_dex(sources: dict[str, str]) -> bytes:
    """Assemble smali sources (file name → text) into one DEX file."""
    smali = shutil.which("smali")
    if smali is None:
        raise RuntimeError("smali not found (Debian package libsmali-java)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name, text in sources.items():
            (src / name).write_text(text, encoding="utf-8")
        out = Path(tmp) / "classes.dex"
        proc = subprocess.run([smali, "assemble", "--api", "26", "-o", str(out), str(src)],
                              capture_output=True, text=True, timeout=600, check=False)
        if not out.exists() or proc.stderr.strip():
            raise RuntimeError(f"smali failed: {proc.stderr[:2000]}")
        return out.read_bytes()


def apk_with(out: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
             base: Path = BASE_APK) -> Path:
    """``base`` with entries replaced or added (a ZIP; piflow does not check signatures)."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(_entry(info.filename), replace.get(info.filename, zi.read(info.filename)))
        for name, data in add.items():
            zo.writestr(_entry(name), data)
    return out


def _entry(name: str) -> zipfile.ZipInfo:
    """A deflated entry with a fixed date, so that the same inputs make the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def ctor(cls: str, sup: str) -> str:
    return (f".class public {cls}\n.super {sup}\n.method public constructor <init>()V\n    .locals 0\n"
            f"    invoke-direct {{p0}}, {sup}-><init>()V\n    return-void\n.end method\n")


def self_extending() -> dict[str, str]:
    """The launcher activity names itself as its superclass."""
    return {"M.smali": ctor(LAUNCHER, LAUNCHER)}


def supertype_cycle() -> dict[str, str]:
    """The launcher extends A, A extends B, B extends A; an interface I extends itself."""
    return {
        "M.smali": ctor(LAUNCHER, "La/A;"),
        "A.smali": ctor("La/A;", "La/B;").replace(".super La/B;", ".super La/B;\n.implements La/I;"),
        "B.smali": ctor("La/B;", "La/A;"),
        "I.smali": ".class public interface abstract La/I;\n.super Ljava/lang/Object;\n.implements La/I;\n",
    }


def deep_chain(n: int) -> dict[str, str]:
    """The launcher at the bottom of a chain of ``n`` app classes above ``Activity``."""
    out = {}
    for i in range(n):
        out[f"C{i}.smali"] = ctor(f"La/C{i};", f"La/C{i - 1};" if i else "Landroid/app/Activity;")
    out["M.smali"] = ctor(LAUNCHER, f"La/C{n - 1};")
    return out


_IMEI_TO = """.method protected onCreate(Landroid/os/Bundle;)V
    .registers 4
    invoke-super {{p0, p1}}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "phone"
    invoke-virtual {{p0, v0}}, {launcher}->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {{v0}}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    {call}
    return-void
.end method
"""


def _launcher(call: str) -> str:
    """The launcher activity: reads the IMEI in ``onCreate`` and hands it (in ``v0``) to ``call``."""
    return ctor(LAUNCHER, "Landroid/app/Activity;") + _IMEI_TO.format(launcher=LAUNCHER, call=call)


_LOG = ("const-string {t}, \"t\"\n"
        "    invoke-static {{{t}, {v}}}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I")


def call_chain(n: int) -> dict[str, str]:
    """The IMEI passed down ``n`` static methods, each calling the next, and logged by the last."""
    body = [ctor("La/K;", "Ljava/lang/Object;")]
    for i in range(n):
        nxt = (f"invoke-static {{p0}}, La/K;->m{i + 1}(Ljava/lang/String;)V" if i < n - 1
               else _LOG.format(t="v0", v="p0"))
        body.append(f".method public static m{i}(Ljava/lang/String;)V\n    .registers 2\n    {nxt}\n"
                    "    return-void\n.end method\n")
    return {"M.smali": _launcher("invoke-static {v0}, La/K;->m0(Ljava/lang/String;)V"),
            "K.smali": "".join(body)}


def recursion() -> dict[str, str]:
    """The IMEI handed to a method calling itself and to two methods calling each other; each logs it."""
    k = ctor("La/K;", "Ljava/lang/Object;") + f"""
.method public static self(Ljava/lang/String;)V
    .registers 2
    invoke-static {{p0}}, La/K;->self(Ljava/lang/String;)V
    {_LOG.format(t="v0", v="p0")}
    return-void
.end method
.method public static ping(Ljava/lang/String;)Ljava/lang/String;
    .registers 2
    invoke-static {{p0}}, La/K;->pong(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
.method public static pong(Ljava/lang/String;)Ljava/lang/String;
    .registers 3
    invoke-static {{p0}}, La/K;->ping(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    {_LOG.format(t="v1", v="v0")}
    return-object p0
.end method
"""
    call = ("invoke-static {v0}, La/K;->self(Ljava/lang/String;)V\n"
            "    invoke-static {v0}, La/K;->ping(Ljava/lang/String;)Ljava/lang/String;")
    return {"M.smali": _launcher(call), "K.smali": k}


def huge_method(n: int) -> dict[str, str]:
    """One method of ``n`` StringBuilder appends of the IMEI (a long body for the intraprocedural pass)."""
    lines = ["new-instance v1, Ljava/lang/StringBuilder;",
             "invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V"]
    for i in range(n):
        lines.append("invoke-virtual {v1, p0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)"
                     "Ljava/lang/StringBuilder;")
        lines.append(f"const-string v0, \"s{i}\"")
    lines += ["invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;",
              "move-result-object v1", _LOG.format(t="v0", v="v1"), "return-void"]
    k = (ctor("La/K;", "Ljava/lang/Object;")
         + ".method public static big(Ljava/lang/String;)V\n    .registers 3\n"
         + "".join(f"    {x}\n" for x in lines) + ".end method\n")
    return {"M.smali": _launcher("invoke-static {v0}, La/K;->big(Ljava/lang/String;)V"), "K.smali": k}


def switch_loop(n: int) -> dict[str, str]:
    """A loop around a ``packed-switch`` of ``n`` cases, each moving the IMEI to another register."""
    cases = []
    for i in range(n):
        cases.append(f"    :c{i}\n    move-object v{2 + i % 8}, p0\n    move-object p0, v{2 + (i + 3) % 8}\n"
                     "    goto :top\n")
    k = (ctor("La/K;", "Ljava/lang/Object;") + ".method public static loop(Ljava/lang/String;I)V\n"
         "    .registers 13\n" + "".join(f"    const/4 v{r}, 0x0\n" for r in range(2, 10))
         + "    :top\n    add-int/lit8 p1, p1, 0x1\n    const/16 v0, 0x64\n    if-ge p1, v0, :out\n"
         "    packed-switch p1, :table\n    :out\n"
         + "    " + _LOG.format(t="v0", v="v5") + "\n    return-void\n"
         + "".join(cases) + "    :table\n    .packed-switch 0x0\n"
         + "".join(f"        :c{i}\n" for i in range(n)) + "    .end packed-switch\n.end method\n")
    call = "const/4 v1, 0x0\n    invoke-static {v0, v1}, La/K;->loop(Ljava/lang/String;I)V"
    return {"M.smali": _launcher(call), "K.smali": k}


def diamond_ladder(n: int) -> dict[str, str]:
    """Interfaces I0..In, each extending the two before it: a walk that does not remember what it has seen
    meets the top one Fibonacci(n) times."""
    out = {"I0.smali": ".class public interface abstract La/I0;\n.super Ljava/lang/Object;\n"}
    for i in range(1, n):
        sup = "".join(f".implements La/I{j};\n" for j in (i - 1, i - 2) if j >= 0)
        out[f"I{i}.smali"] = f".class public interface abstract La/I{i};\n.super Ljava/lang/Object;\n{sup}"
    out["M.smali"] = _launcher("nop").replace(".super Landroid/app/Activity;",
                                              f".super Landroid/app/Activity;\n.implements La/I{n - 1};")
    return out


def field_chain(n: int) -> dict[str, str]:
    """``n`` objects linked by fields; the IMEI stored in the last, read back through the chain, logged."""
    out = {}
    for i in range(n):
        out[f"F{i}.smali"] = (ctor(f"La/F{i};", "Ljava/lang/Object;")
                              + f".field public next:La/F{i + 1};\n.field public v:Ljava/lang/String;\n")
    out[f"F{n}.smali"] = ctor(f"La/F{n};", "Ljava/lang/Object;") + ".field public v:Ljava/lang/String;\n"
    build = ["new-instance v1, La/F0;", "invoke-direct {v1}, La/F0;-><init>()V", "move-object v2, v1"]
    for i in range(n):
        build += [f"new-instance v3, La/F{i + 1};", f"invoke-direct {{v3}}, La/F{i + 1};-><init>()V",
                  f"iput-object v3, v2, La/F{i};->next:La/F{i + 1};", "move-object v2, v3"]
    build += [f"iput-object p0, v2, La/F{n};->v:Ljava/lang/String;", "move-object v2, v1"]
    for i in range(n):
        build += [f"iget-object v2, v2, La/F{i};->next:La/F{i + 1};"]
    build += [f"iget-object v2, v2, La/F{n};->v:Ljava/lang/String;", _LOG.format(t="v0", v="v2"),
              "return-void"]
    out["K.smali"] = (ctor("La/K;", "Ljava/lang/Object;") + ".method public static go(Ljava/lang/String;)V\n"
                      "    .registers 5\n" + "".join(f"    {x}\n" for x in build) + ".end method\n")
    out["M.smali"] = _launcher("invoke-static {v0}, La/K;->go(Ljava/lang/String;)V")
    return out


def long_block(n: int) -> dict[str, str]:
    """One basic block of ``n`` allocations of an app class, each constructed and linked to the one
    before; the IMEI stored in the last, read back and logged (each call publishes a growing heap)."""
    f = (ctor("La/F;", "Ljava/lang/Object;")
         + ".field public next:La/F;\n.field public v:Ljava/lang/String;\n")
    build = ["new-instance v1, La/F;", "invoke-direct {v1}, La/F;-><init>()V", "move-object v2, v1"]
    for _ in range(n):
        build += ["new-instance v3, La/F;", "invoke-direct {v3}, La/F;-><init>()V",
                  "iput-object v3, v2, La/F;->next:La/F;", "move-object v2, v3"]
    build += ["iput-object p0, v2, La/F;->v:Ljava/lang/String;",
              "iget-object v2, v2, La/F;->v:Ljava/lang/String;", _LOG.format(t="v0", v="v2"), "return-void"]
    k = (ctor("La/K;", "Ljava/lang/Object;") + ".method public static long(Ljava/lang/String;)V\n"
         "    .registers 5\n" + "".join(f"    {x}\n" for x in build) + ".end method\n")
    return {"M.smali": _launcher("invoke-static {v0}, La/K;->long(Ljava/lang/String;)V"), "K.smali": k,
            "F.smali": f}


def handler_maze(n: int) -> dict[str, str]:
    """``n`` try blocks whose handlers jump back into earlier ones, the IMEI moved in each."""
    body = []
    for i in range(n):
        body.append(f"    :t{i}\n    move-object v1, p0\n"
                    "    invoke-static {v1}, Ljava/lang/Integer;->parseInt(Ljava/lang/String;)I\n"
                    f"    :e{i}\n    .catch Ljava/lang/Exception; {{:t{i} .. :e{i}}} :h{i}\n")
    handlers = "".join(f"    :h{i}\n    move-exception v0\n    goto :t{(i * 7) % n}\n" for i in range(n))
    k = (ctor("La/K;", "Ljava/lang/Object;") + ".method public static maze(Ljava/lang/String;)V\n"
         "    .registers 3\n" + "".join(body) + "    " + _LOG.format(t="v0", v="v1") + "\n    return-void\n"
         + handlers + ".end method\n")
    return {"M.smali": _launcher("invoke-static {v0}, La/K;->maze(Ljava/lang/String;)V"), "K.smali": k}


PROGRAMS = {
    "self_extending": self_extending,
    "supertype_cycle": supertype_cycle,
    "deep_chain_6000": lambda: deep_chain(6000),
    "call_chain_5000": lambda: call_chain(5000),
    "recursion": recursion,
    "huge_method_20000": lambda: huge_method(20000),
    "switch_loop_3000": lambda: switch_loop(3000),
    "diamond_ladder_200": lambda: diamond_ladder(200),
    "field_chain_2000": lambda: field_chain(2000),
    "handler_maze_2000": lambda: handler_maze(2000),
    "long_block_3000": lambda: long_block(3000),
}
"""Hostile programs by name (each a dict of smali sources, its launcher the manifest's activity)."""


def program_apk(name: str, out: Path) -> Path:
    """The APK of hostile program ``name``: its code under the notes sample's manifest, which also
    requests READ_PHONE_STATE here (so that the IMEI each program reads is collected)."""
    return phone_apk(out, smali_dex(PROGRAMS[name]()))


def phone_apk(out: Path, dex: bytes) -> Path:
    """``dex`` under the notes sample's manifest requesting READ_PHONE_STATE as well."""
    return permission_apk(out, dex, "android.permission.READ_PHONE_STATE")


def permission_apk(out: Path, dex: bytes, *permissions: str) -> Path:
    """``dex`` under the notes sample's manifest requesting ``permissions`` as well."""
    with tempfile.TemporaryDirectory() as tmp:
        perms = "".join(f'<uses-permission android:name="{p}"/>' for p in permissions)
        base = compiled_manifest(_manifest(perms=perms), Path(tmp))
        return apk_with(out, add={"classes.dex": dex}, base=base)


# -- archives ------------------------------------------------------------------------------------


def _patch_entry(raw: bytes, name: str, *, version: int | None = None,
                 compress_size: int | None = None) -> bytes:
    """Rewrite fields of entry ``name`` in a ZIP's local header and central directory."""
    data = bytearray(raw)
    enc = name.encode()
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) >= 0:  # local headers
        n = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + n] == enc:
            if version is not None:
                struct.pack_into("<H", data, pos + 4, version)
            if compress_size is not None:
                struct.pack_into("<I", data, pos + 18, compress_size)
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # central directory
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n] == enc:
            if version is not None:
                struct.pack_into("<H", data, pos + 6, version)
            if compress_size is not None:
                struct.pack_into("<I", data, pos + 20, compress_size)
        pos += 4
    return bytes(data)


def forged_sizes(out: Path, size: int = 200 << 20) -> Path:
    """A DEX entry of ``size`` zero bytes whose directory claims a compressed size that hides the ratio."""
    apk_with(out, add={"classes2.dex": b"\0" * size})
    out.write_bytes(_patch_entry(out.read_bytes(), "classes2.dex", compress_size=size // 2))
    return out


def duplicate_entries(out: Path) -> Path:
    """Two entries named classes.dex (zipfile warns, a device takes one of them)."""
    import warnings

    with zipfile.ZipFile(BASE_APK) as zi:
        dex = zi.read("classes.dex")
    apk_with(out)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(out, "a") as z:
            z.writestr(_entry("classes.dex"), dex[:0x70] + b"\0" * (len(dex) - 0x70))
    return out


def forged_offset(out: Path) -> Path:
    """The directory places the manifest's local header 2 GiB past the end of the file."""
    data = bytearray(BASE_APK.read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n] == b"AndroidManifest.xml":
            struct.pack_into("<I", data, pos + 42, 0x80000000)
        pos += 4
    out.write_bytes(bytes(data))
    return out


def unsupported_version(out: Path) -> Path:
    """The manifest entry needs "version 7.0" to extract (zipfile refuses it)."""
    out.write_bytes(_patch_entry(BASE_APK.read_bytes(), "AndroidManifest.xml", version=70))
    return out


def corrupt_dex(out: Path, base: Path = REPO / "samples" / "tracker" / "tracker.apk") -> Path:
    """The tracker's DEX with four bytes of its method-id pool set to FF (an index past every pool)."""
    with zipfile.ZipFile(base) as zi:
        dex = bytearray(zi.read("classes.dex"))
    dex[0x238:0x23C] = b"\xff\xff\xff\xff"
    return apk_with(out, replace={"classes.dex": bytes(dex)}, base=base)


def zip_bomb(out: Path, size: int = 1 << 30) -> Path:
    """A second DEX of ``size`` zero bytes, honestly declared: about 1 MB on disk per GiB inflated."""
    apk_with(out)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z, \
            z.open(_entry("classes2.dex"), "w", force_zip64=True) as w:
        chunk = b"\0" * (1 << 24)
        for _ in range(size // len(chunk)):
            w.write(chunk)
    return out


def many_entries(out: Path, n: int = 60_000) -> Path:
    """``n`` tiny asset entries beside the app (a central directory of several MB)."""
    apk_with(out)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        for i in range(n):
            z.writestr(_entry(f"assets/a/{i}"), b"")
    return out


def hostile_names(out: Path) -> Path:
    """Entries named with path traversal, a newline, a fake traceback, terminal escapes and bytes that
    are not UTF-8."""
    names = ["../../../tmp/piflow-evil", "assets/a\nTraceback (most recent call last):",
             "assets/\x1b[2J\x1b[31mred", "lib/arm64-v8a/../../../../evil.so", "assets/" + "x" * 60_000,
             "classes2.dex\r"]
    apk_with(out, add={n: b"x" for n in names})
    raw = out.read_bytes()
    return out if not raw else _rename(out, "assets/a0", b"assets/\xff\xfe")


def _rename(out: Path, name: str, new: bytes) -> Path:
    """Add entry ``name`` and rewrite its name (same length) to raw bytes ``new`` in both headers."""
    assert len(name.encode()) == len(new)
    with zipfile.ZipFile(out, "a") as z:
        z.writestr(_entry(name), b"y")
    out.write_bytes(out.read_bytes().replace(name.encode(), new))
    return out


def nested_apk(out: Path) -> Path:
    """The APK with copies of itself nested 3 deep as assets (a scanner that unpacks would recurse)."""
    apk_with(out)
    for _ in range(3):
        inner = out.read_bytes()
        apk_with(out, add={"assets/inner.apk": inner})
    return out


def not_a_dex(out: Path) -> Path:
    """classes.dex holding text, a second DEX of zero bytes and a third holding only a DEX magic."""
    return apk_with(out, replace={"classes.dex": b"Traceback (most recent call last):\n" * 100},
                    add={"classes2.dex": b"", "classes3.dex": b"dex\n035\0"})


def multidex(out: Path, n: int = 300) -> Path:
    """``n`` copies of the app's DEX as classes2.dex … (every class defined ``n`` times)."""
    with zipfile.ZipFile(BASE_APK) as zi:
        dex = zi.read("classes.dex")
    return apk_with(out, add={f"classes{i}.dex": dex for i in range(2, n + 2)})


def fix_dex(data: bytearray) -> bytes:
    """``data`` with its SHA-1 signature and Adler-32 checksum made right again (after a patch)."""
    import hashlib
    import zlib

    data[12:32] = hashlib.sha1(bytes(data[32:])).digest()
    struct.pack_into("<I", data, 8, zlib.adler32(bytes(data[12:])))
    return bytes(data)


def dangling_index(out: Path) -> Path:
    """The launcher logs the IMEI and calls ``K.bad()``, whose one call names a method index past the pool
    (a well-formed file the platform's verifier would reject the class of)."""
    k = ctor("La/K;", "Ljava/lang/Object;") + """
.method public static bad()V
    .registers 1
    invoke-static {}, La/K;->calledOnlyByBad()V
    return-void
.end method
.method public static calledOnlyByBad()V
    .registers 0
    return-void
.end method
"""
    call = "invoke-static {v0}, La/K;->log(Ljava/lang/String;)V\n    invoke-static {}, La/K;->bad()V"
    k += (".method public static log(Ljava/lang/String;)V\n    .registers 2\n    "
          + _LOG.format(t="v0", v="p0") + "\n    return-void\n.end method\n")
    raw = smali_dex({"M.smali": _launcher(call), "K.smali": k})
    count = struct.unpack_from("<I", raw, 0x58)[0]
    from analyzer.apk.dex import DexFile

    d = DexFile(raw)
    idx = next(i for i in range(count) if d.method_name_sig(i)[0] == "calledOnlyByBad")
    insn = b"\x71\x00" + struct.pack("<H", idx) + b"\x00\x00"
    assert raw.count(insn) == 1
    data = bytearray(raw.replace(insn, b"\x71\x00\xff\xff\x00\x00"))
    return phone_apk(out, fix_dex(data))


ARCHIVES = {
    "forged_sizes": forged_sizes,
    "forged_offset": forged_offset,
    "duplicate_entries": duplicate_entries,
    "unsupported_version": unsupported_version,
    "corrupt_dex": corrupt_dex,
    "zip_bomb": zip_bomb,
    "many_entries": many_entries,
    "hostile_names": hostile_names,
    "nested_apk": nested_apk,
    "not_a_dex": not_a_dex,
    "multidex_300": multidex,
    "dangling_index": dangling_index,
}
"""Hostile archives by name: each a function writing the APK to the path it is given."""


# -- manifests -----------------------------------------------------------------------------------

FRAMEWORK = Path("/usr/share/android-framework-res/framework-res.apk")
"""The framework aapt links manifests against (Debian's android-framework-res, as samples/build.sh)."""


def _manifest(attrs: str = "", label: str = "notes", perms: str = "", inner: str = "", extra: str = "") \
        -> str:
    ns = "http://schemas.android.com/apk/res/android"
    return f"""<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="{ns}" package="com.piflow.sample.notes" {attrs}>
{perms}
    <application android:label="{label}">
        <activity android:name="com.piflow.sample.notes.MainActivity" android:exported="true">
            <intent-filter>
                <action android:name="android.intent.action.MAIN"/>
                <category android:name="android.intent.category.LAUNCHER"/>
            </intent-filter>
        </activity>
{inner}
    </application>
{extra}
</manifest>
"""


_FORMULA = "=1+cmd|' /C calc'!A0"
_ESCAPES = "\\u001b[2J\\u001b[31mred\\nTraceback (most recent call last):\\n  File &quot;x&quot;\\r"

MANIFESTS = {
    "formula_cells": lambda: _manifest(f'android:versionName="{_FORMULA}" android:versionCode="1"',
                                       label="\\@SUM(1+9)*cmd|' /C calc'!A0",
                                       inner='<meta-data android:name="=HYPERLINK(1)" '
                                             'android:value="+1-2"/>'),
    "control_chars": lambda: _manifest(f'android:versionName="{_ESCAPES}"', label=_ESCAPES,
                                       inner=f'<meta-data android:name="{_ESCAPES}" '
                                             f'android:value="{_ESCAPES}"/>'),
    "markup": lambda: _manifest('android:versionName="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
                                label="&lt;img src=x onerror=alert(1)&gt;",
                                inner='<service android:name="a.S" '
                                      'android:label="&lt;svg onload=alert(1)&gt;" '
                                      'android:exported="true"/>'),
    "bidi_and_long": lambda: _manifest('android:versionName="' + "\u202e" + "9" * 100_000 + '"',
                                       label="\u202egnp.exe" + "\u200b" * 1000,
                                       perms='<uses-permission android:name="' + "p" * 50_000 + '"/>'),
    "many_components": lambda: _manifest(
        perms="".join(f'<uses-permission android:name="android.permission.P{i}"/>' for i in range(2000)),
        inner="".join(f'<activity android:name="a.A{i}" android:exported="true"><intent-filter>'
                      f'<action android:name="android.intent.action.VIEW"/><data android:scheme="https" '
                      f'android:host="h{i}.example.com"/></intent-filter></activity>' for i in range(4000))),
    "deep_nesting": lambda: _manifest(inner="<meta-data android:name=\"d\" android:value=\"1\">" * 3000
                                      + "</meta-data>" * 3000),
}
"""Hand-written manifests by name, compiled by ``aapt`` (attribute text uses aapt's ``\\u`` escapes)."""


def compiled_manifest(manifest: str, tmp: Path, strings: dict[str, str] | None = None) -> Path:
    """An APK in ``tmp`` holding ``manifest`` compiled by aapt (and no code), with ``strings`` (name →
    text, XML-escaped by the caller) as string resources in ``resources.arsc`` when given."""
    aapt = shutil.which("aapt")
    if aapt is None or not FRAMEWORK.exists():
        raise RuntimeError("aapt and android-framework-res are needed to build hostile manifests")
    man = tmp / "AndroidManifest.xml"
    man.write_text(manifest, encoding="utf-8")
    built = tmp / "m.apk"
    res: list[str] = []
    if strings is not None:
        values = tmp / "res" / "values"
        values.mkdir(parents=True, exist_ok=True)
        items = "".join(f'\n    <string name="{k}">{v}</string>' for k, v in strings.items())
        (values / "strings.xml").write_text(f"<resources>{items}\n</resources>\n", encoding="utf-8")
        res = ["-S", str(tmp / "res")]
    cmd = [aapt, "package", "-f", "-M", str(man), *res, "-I", str(FRAMEWORK), "-F", str(built)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode:
        raise RuntimeError(f"aapt failed: {proc.stderr[:500]}")
    return built


def compiled_layouts(layouts: dict[str, str], tmp: Path, manifest: str | None = None) \
        -> tuple[Path, dict[str, int]]:
    """An APK in ``tmp`` holding the notes manifest (or ``manifest``) and ``layouts`` (layout name → XML)
    compiled by aapt, and the view ids aapt gave (``R.id`` name → value) for the code to name."""
    aapt = shutil.which("aapt")
    if aapt is None or not FRAMEWORK.exists():
        raise RuntimeError("aapt and android-framework-res are needed to build layouts")
    man = tmp / "AndroidManifest.xml"
    man.write_text(manifest or _manifest(), encoding="utf-8")
    res = tmp / "res" / "layout"
    res.mkdir(parents=True, exist_ok=True)
    for name, xml in layouts.items():
        (res / f"{name}.xml").write_text(xml, encoding="utf-8")
    built, gen = tmp / "r.apk", tmp / "gen"
    gen.mkdir(exist_ok=True)
    cmd = [aapt, "package", "-f", "-M", str(man), "-S", str(tmp / "res"), "-I", str(FRAMEWORK),
           "-F", str(built), "-J", str(gen)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode:
        raise RuntimeError(f"aapt failed: {proc.stderr[:500]}")
    [r_java] = gen.rglob("R.java")
    ids_class = re.search(r"class id \{(.*?)\}", r_java.read_text(encoding="utf-8"), re.S)
    ids = {m[1]: int(m[2], 16) for m in re.finditer(r"int (\w+)=0x([0-9a-fA-F]+);", ids_class[1])} \
        if ids_class else {}
    return built, ids


def form_layout(fields: dict[str, str]) -> str:
    """A layout of one ``EditText`` per entry: view id name → its other attributes as written
    (``'android:inputType="textPassword"'``)."""
    ns = "http://schemas.android.com/apk/res/android"
    size = 'android:layout_width="match_parent" android:layout_height="wrap_content"'
    views = "".join(f'\n    <EditText android:id="@+id/{name}" {size} {attrs}/>'
                    for name, attrs in fields.items())
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<LinearLayout xmlns:android="{ns}" '
            f'android:layout_width="match_parent" android:layout_height="match_parent">{views}'
            '\n</LinearLayout>\n')


def manifest_apk(name: str, out: Path) -> Path:
    """The APK of hand-written manifest ``name`` with the notes sample's code (its launcher is the same)."""
    with tempfile.TemporaryDirectory() as tmp:
        built = compiled_manifest(MANIFESTS[name](), Path(tmp))
        with zipfile.ZipFile(BASE_APK) as zi:
            dex = zi.read("classes.dex")
        return apk_with(out, add={"classes.dex": dex}, base=built)


# -- captures -------------------------------------------------------------------------------------


def bad_utf8_capture(out: Path) -> Path:
    """A .mitm file whose header names and URL paths are not UTF-8 (an IMEI in the query)."""
    from mitmproxy import io as mio
    from mitmproxy.test import tflow

    f = tflow.tflow(resp=True)
    f.request.headers.fields = ((b"\xff\xfeX-Id", b"868001234567890"), (b"Host", b"a.example.com"))
    f.request.path = "/p?imei=868001234567890"
    g = tflow.tflow(resp=True)
    g.request.data.path = b"/\xff\xfe?imei=868001234567890"
    with out.open("wb") as fh:
        w = mio.FlowWriter(fh)
        w.add(f)
        w.add(g)
    return out


def huge_length_capture(out: Path) -> Path:
    """A .mitm file whose first element declares a length of almost a terabyte."""
    out.write_bytes(b"999999999999:" + b"x" * 64)
    return out


def deep_capture(out: Path, depth: int = 5000) -> Path:
    """A .mitm file that is one list nested ``depth`` deep."""
    parts = [b"0:]"]
    for _ in range(depth):
        inner = parts[-1]
        parts.append(str(len(inner)).encode() + b":" + inner + b"]")
    out.write_bytes(parts[-1])
    return out


def big_har(out: Path, entries: int = 40_000) -> Path:
    """A HAR of ``entries`` requests with bodies (about 3 KB each), written entry by entry."""
    body = "x" * 2048
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [')
        for i in range(entries):
            fh.write(("," if i else "") + (
                '{"startedDateTime": "2026-01-01T00:00:00.000Z", "time": 1, "request": {"method": "POST", '
                f'"url": "https://h{i % 50}.example.com/p?n={i}", "httpVersion": "HTTP/1.1", "headers": [], '
                '"queryString": [], "cookies": [], "headersSize": -1, "bodySize": 2048, "postData": '
                f'{{"mimeType": "text/plain", "text": "{body}"}}}}, "response": {{"status": 200, '
                '"statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": '
                '{"size": 0, "mimeType": "text/plain", "text": ""}, "redirectURL": "", "headersSize": -1, '
                '"bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}'))
        fh.write("]}}")
    return out


CAPTURES = {
    "bad_utf8": bad_utf8_capture,
    "huge_length": huge_length_capture,
    "deep_nesting": deep_capture,
    "big_har": big_har,
}
"""Hostile captures by name: each a function writing the file to the path it is given."""
