"""Native libraries: JNI name demangling, what a library names, which library implements a method."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from analyzer.apk.container import open_apk
from analyzer.apk.native import NativeLibrary, bind, demangle_jni, inspect_library, library_strings, pick_abi
from analyzer.kb.catalogue import load_kb


def test_demangle_escapes() -> None:
    assert demangle_jni("Java_a_b_C_1D_run") == ("La/b/C_D;", "run")
    assert demangle_jni("Java_a_B_m_000e9t") == ("La/B;", "m\u00e9t")
    assert demangle_jni("Java_a_B_f__I_3B") == ("La/B;", "f")
    assert demangle_jni("Java_nopackage") is None
    assert demangle_jni("Java_a_B_m_0zz") is None


def test_library_strings_are_whole_nul_separated_runs() -> None:
    data = b"\x7fELF\x00\x00socket\x00connect\x00ab\x00android/telephony/TelephonyManager\x00getDeviceId\x00"
    got = library_strings(data)
    assert {"socket", "connect", "android/telephony/TelephonyManager", "getDeviceId"} <= got
    assert "ab" not in got


def test_inspect_library_needs_class_and_member_of_a_source() -> None:
    kb = load_kb()
    both = inspect_library("lib/x86/liba.so", frozenset({
        "Java_com_x_Native_id", "android/telephony/TelephonyManager", "getDeviceId", "socket",
        "connect"}), kb)
    assert both.jni_methods == {("Lcom/x/Native;", "id")}
    assert "telephony.getDeviceId" in both.sources
    assert "network" in both.sinks
    only_name = inspect_library("lib/x86/libb.so", frozenset({"getDeviceId", "socket"}), kb)
    assert only_name.sources == () and only_name.sinks == ()  # no class name, no connect


def test_bind_prefers_exports_then_names() -> None:
    a = NativeLibrary("lib/x86/liba.so", frozenset({("LC;", "run")}), frozenset({"run", "other"}),
                      ("s1",), ())
    b = NativeLibrary("lib/x86/libb.so", frozenset(), frozenset({"run", "other"}), (), ("network",))
    got = bind([("LC;", "run"), ("LC;", "other"), ("LC;", "none")], [a, b])
    assert got[("LC;", "run")].libraries == ("lib/x86/liba.so",)
    assert got[("LC;", "other")].libraries == ("lib/x86/liba.so", "lib/x86/libb.so")
    assert got[("LC;", "other")].sinks == ("network",)
    assert got[("LC;", "none")].libraries == ()


def test_pick_abi_unknown_folders_last() -> None:
    assert pick_abi(["lib/weird/libz.so", "lib/armeabi/libz.so"]) == ["lib/armeabi/libz.so"]


def _with_entries(apk: Path, tmp_path: Path, entries: dict[str, bytes]) -> Path:
    out = tmp_path / "patched.apk"
    with zipfile.ZipFile(apk) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for name, data in entries.items():
            dst.writestr(name, data)
    return out


def test_damaged_hidden_code_is_noted_not_fatal(tmp_path: Path) -> None:
    from tests.conftest import SAMPLES

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("classes.dex", b"dex\n035\x00" + b"\x00" * 40)  # a DEX header with nothing behind
    apk = _with_entries(SAMPLES / "notes" / "notes.apk", tmp_path, {
        "assets/payload.jar": b"\x13\x37encrypted" * 50,
        "assets/plugin.apk": inner.getvalue(),
        "lib/arm64-v8a/libx.so": b"\x7fELF\x00Java_com_x_Y_z\x00",
    })
    contents = open_apk(apk)
    assert any("payload.jar" in n and "neither DEX nor ZIP" in n for n in contents.notes)
    assert [n for n, _d in contents.hidden_dex] == ["assets/plugin.apk!classes.dex"]
    assert contents.native_code[0][0] == "lib/arm64-v8a/libx.so"
    from analyzer.static.scan import scan_apk

    r = scan_apk(apk, taint=True)
    assert any("plugin.apk!classes.dex: not analysed" in w for w in r.warnings)
    assert r.native and r.native[0].jni_methods == {("Lcom/x/Y;", "z")}
