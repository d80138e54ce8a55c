"""Bundles and decoded folders give the AppInfo the APK gives (real aapt2 and apktool output), and the
protobuf decoder refuses malformed messages."""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from analyzer.apk import protoxml
from analyzer.apk.bundles import open_app as open_apk
from tests.conftest import sample_apk

TOOLS = pytest.mark.skipif(shutil.which("aapt2") is None or shutil.which("apktool") is None,
                           reason="aapt2 and apktool come from `make system-deps`")


def _aab(apk: Path, tmp: Path) -> Path:
    proto = tmp / "proto.apk"
    subprocess.run(["aapt2", "convert", "--output-format", "proto", "-o", str(proto), str(apk)], check=True)
    out = tmp / f"{apk.stem}.aab"
    with zipfile.ZipFile(proto) as zi, zipfile.ZipFile(out, "w") as zo:
        for info in zi.infolist():
            name = info.filename
            if name.startswith("META-INF/"):
                continue
            if name == "AndroidManifest.xml":
                name = "manifest/AndroidManifest.xml"
            elif name.endswith(".dex"):
                name = "dex/" + name
            zo.writestr("base/" + name, zi.read(info))
    return out


def _decoded(apk: Path, tmp: Path) -> Path:
    out = tmp / f"{apk.stem}-decoded"
    subprocess.run(["apktool", "d", "-s", "-f", "-p", str(tmp / "fw"), "-o", str(out), str(apk)], check=True,
                   capture_output=True)
    return out


@TOOLS
@pytest.mark.parametrize("app", ["shop", "login", "invite", "insecure"])
def test_bundle_and_decoded_folder_give_the_apks_app_info(tmp_path: Path, app: str) -> None:
    apk = sample_apk(app)
    ref = open_apk(apk).info
    for other in (_aab(apk, tmp_path), _decoded(apk, tmp_path)):
        info = open_apk(other).info
        for f in dataclasses.fields(ref):  # every field, also those left out of ==
            assert getattr(info, f.name) == getattr(ref, f.name), f"{other.name}: {f.name}"


def test_shop_facts_survive_the_protobuf_form(tmp_path: Path) -> None:
    if shutil.which("aapt2") is None:
        pytest.skip("aapt2 comes from `make system-deps`")
    info = open_apk(_aab(sample_apk("shop"), tmp_path)).info
    assert info.network_security.present and info.network_security.trusts_user_cas
    assert info.debuggable and not info.allow_backup and info.target_sdk == 30
    assert any(c.kind == "activity-alias" for c in info.components)


def _key(num: int, wire: int) -> bytes:
    return bytes([num << 3 | wire])


def _len(num: int, body: bytes) -> bytes:
    return _key(num, 2) + _varint(len(body)) + body


def test_xml_tree_reads_names_references_and_primitives() -> None:
    ns = b"http://schemas.android.com/apk/res/android"
    exported = _len(1, ns) + _len(2, b"exported") + _len(3, b"true") + _len(6, _len(7, _key(8, 0) + b"\x01"))
    label = _len(1, ns) + _len(2, b"label") + _len(6, _len(1, _key(2, 0) + b"\x81\x80\xbc\xf8\x07"))
    activity = _len(3, b"activity") + _len(4, exported) + _len(4, label)
    package = _len(4, _len(2, b"package") + _len(3, b"com.x"))
    manifest = _len(3, b"manifest") + package + _len(5, _len(1, activity))
    root = protoxml.xml_tree(_len(1, manifest))
    assert root.tag == "manifest" and root.get("package") == "com.x"
    el = root.find("activity")
    assert el is not None
    assert el.get("{http://schemas.android.com/apk/res/android}exported") == "true"
    assert el.get("{http://schemas.android.com/apk/res/android}label") == "@7F0F0001"


@pytest.mark.parametrize("data", [
    b"\x0a\x05abc",             # a length past the end
    b"\x0a\xff\xff\xff",         # a truncated varint
    b"\x0b",                     # wire type 3 (groups)
    b"\x00\x01",                 # field number 0
    b"\x12\x03abc",              # no element (only text)
])
def test_malformed_messages_raise_proto_error(data: bytes) -> None:
    with pytest.raises(protoxml.ProtoError):
        protoxml.xml_tree(data)


def test_nesting_is_bounded() -> None:
    el = _len(3, b"a")
    body = el
    for _ in range(protoxml.MAX_DEPTH + 2):
        body = _len(3, b"a") + _len(5, _len(1, body))
    with pytest.raises(protoxml.ProtoError, match="nested deeper"):
        protoxml.xml_tree(_len(1, body))


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def test_manifest_root_matches_androguard_and_refuses_damage() -> None:
    from androguard.core.axml import AXMLPrinter

    from analyzer.apk.bundles import manifest_root
    from analyzer.errors import InputError

    def manifest_head(data: bytes) -> tuple[str, str]:  # androguard's reading, the oracle
        root = AXMLPrinter(data).get_xml_obj()
        return str(root.get("package") or ""), str(root.get("split") or "")

    from tests.conftest import SAMPLES

    split_set = zipfile.ZipFile(SAMPLES / "formats" / "tracker.apks")
    members = [zipfile.ZipFile(sample_apk(a)).read("AndroidManifest.xml")
               for a in ("shop", "tracker", "login")]
    for name in split_set.namelist():
        if name.endswith(".apk"):
            with zipfile.ZipFile(split_set.open(name)) as inner:
                members.append(inner.read("AndroidManifest.xml"))
    roots = [manifest_root(m) for m in members]
    assert [(r.get("package", ""), r.get("split", "")) for r in roots] == [manifest_head(m) for m in members]
    assert roots[-1]["split"] == "config.arm64_v8a"
    for cut in range(0, len(members[0]), 97):
        with contextlib.suppress(InputError):  # a truncated manifest: one line, never another error
            manifest_root(members[0][:cut])
    with pytest.raises(InputError):
        manifest_root(b"<manifest/>")


def test_permission_levels_follow_androguards_reading_of_an_apk() -> None:
    from analyzer.apk.container import aosp_levels

    # MANAGE_ACCOUNTS has no label in the API 29 table: androguard takes the minSdk table's level
    assert aosp_levels(["android.permission.MANAGE_ACCOUNTS"], "21", "29", {}) == {
        "android.permission.MANAGE_ACCOUNTS": "dangerous"}
    signature = {"com.x.PERM": "signature"}
    assert aosp_levels(["com.x.PERM"], "21", "29", {"com.x.PERM": "0x00000002"}) == signature
    assert aosp_levels(["com.x.PERM"], "21", "29", signature) == signature
    assert aosp_levels(["com.x.UNKNOWN"], "21", "29", {}) == {}
