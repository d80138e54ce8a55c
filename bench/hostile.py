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
            zo.writestr(info.filename, replace.get(info.filename, zi.read(info.filename)))
        for name, data in add.items():
            zo.writestr(name, data)
    return out


def _ctor(cls: str, sup: str) -> str:
    return (f".class public {cls}\n.super {sup}\n.method public constructor <init>()V\n    .locals 0\n"
            f"    invoke-direct {{p0}}, {sup}-><init>()V\n    return-void\n.end method\n")


def self_extending() -> dict[str, str]:
    """The launcher activity names itself as its superclass."""
    return {"M.smali": _ctor(LAUNCHER, LAUNCHER)}


def supertype_cycle() -> dict[str, str]:
    """The launcher extends A, A extends B, B extends A; an interface I extends itself."""
    return {
        "M.smali": _ctor(LAUNCHER, "La/A;"),
        "A.smali": _ctor("La/A;", "La/B;").replace(".super La/B;", ".super La/B;\n.implements La/I;"),
        "B.smali": _ctor("La/B;", "La/A;"),
        "I.smali": ".class public interface abstract La/I;\n.super Ljava/lang/Object;\n.implements La/I;\n",
    }


def deep_chain(n: int) -> dict[str, str]:
    """The launcher at the bottom of a chain of ``n`` app classes above ``Activity``."""
    out = {}
    for i in range(n):
        out[f"C{i}.smali"] = _ctor(f"La/C{i};", f"La/C{i - 1};" if i else "Landroid/app/Activity;")
    out["M.smali"] = _ctor(LAUNCHER, f"La/C{n - 1};")
    return out


PROGRAMS = {
    "self_extending": self_extending,
    "supertype_cycle": supertype_cycle,
    "deep_chain_6000": lambda: deep_chain(6000),
}
"""Hostile programs by name (each a dict of smali sources, its launcher the manifest's activity)."""


def program_apk(name: str, out: Path) -> Path:
    """The APK of hostile program ``name``: the base sample with that program as its code."""
    return apk_with(out, replace={"classes.dex": smali_dex(PROGRAMS[name]())})


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
            z.writestr("classes.dex", dex[:0x70] + b"\0" * (len(dex) - 0x70))
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


ARCHIVES = {
    "forged_sizes": forged_sizes,
    "duplicate_entries": duplicate_entries,
    "unsupported_version": unsupported_version,
    "corrupt_dex": corrupt_dex,
}
"""Hostile archives by name: each a function writing the APK to the path it is given."""


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
