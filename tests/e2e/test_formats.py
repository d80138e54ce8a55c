"""The input formats: the tracker sample as a split set, an XAPK, an app bundle and a decoded folder gives the
same findings as tracker.apk through the CLI; malformed bundles are one line and exit 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from analyzer.errors import EXIT_INPUT
from tests.conftest import SAMPLES, sample_apk

FORMATS = SAMPLES / "formats"
TRACKER = sample_apk("tracker")
EXPECTED_SPLITS = {
    "tracker.apks": ("apks", ["base-master.apk", "base-arm64_v8a.apk"]),
    "tracker.xapk": ("xapk", ["base.apk", "config.arm64_v8a.apk"]),
    "tracker.aab": ("aab", ["base"]),
    "tracker-decoded": ("decoded", []),
}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analyzer.cli", *args], capture_output=True, text=True,
                          timeout=300, check=False)


_scans: dict[str, dict[str, Any]] = {}


def _scan(path: Path) -> dict[str, Any]:
    if str(path) not in _scans:
        proc = _cli("scan", "-q", "--taint", "--format", "json", str(path))
        assert proc.returncode == 0, proc.stderr
        _scans[str(path)] = json.loads(proc.stdout)
    return _scans[str(path)]


def _findings(doc: dict[str, Any]) -> dict[str, Any]:
    app = dict(doc["app"])
    return {
        "summary": doc["summary"],
        "app": app,
        "access": sorted((a["pi"], a["api"], str(a["location"]), a.get("owner")) for a in doc["access"]),
        "leaks": sorted(json.dumps(x, sort_keys=True) for x in doc["leaks"]),
        "sdks": doc["sdks"],
        "endpoints": doc["endpoints"],
        "security": doc["security"],
    }


@pytest.mark.parametrize("name", sorted(EXPECTED_SPLITS))
def test_each_format_finds_what_the_apk_does(name: str) -> None:
    apk = _scan(TRACKER)
    other = _scan(FORMATS / name)
    assert apk["access"] and apk["summary"]["pi_types"], "the reference scan found nothing to compare"
    assert _findings(other) == _findings(apk)
    fmt, splits = EXPECTED_SPLITS[name]
    assert other["input_format"] == fmt
    assert other["splits"] == splits
    assert apk["input_format"] == "apk" and apk["splits"] == []
    assert not other["stats"]["partial"]


@pytest.mark.parametrize("name", ["tracker.apks", "tracker.xapk", "tracker.aab"])
def test_the_config_split_native_library_is_read(name: str) -> None:
    doc = _scan(FORMATS / name)
    assert doc["native_libs"] == ["lib/arm64-v8a/libtrackerextra.so"]
    assert _scan(TRACKER)["native_libs"] == []


def test_format_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    renamed = tmp_path / "tracker.apk"
    shutil.copy(FORMATS / "tracker.aab", renamed)
    doc = _scan(renamed)
    assert doc["input_format"] == "aab"
    assert doc["summary"]["pi_types"] == _scan(TRACKER)["summary"]["pi_types"]


def test_check_names_the_format_and_splits() -> None:
    proc = _cli("check", "-q", "--no-taint", "--format", "json", str(FORMATS / "tracker.xapk"))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["inputs"]["format"] == "xapk"
    assert doc["inputs"]["splits"] == ["base.apk", "config.arm64_v8a.apk"]
    md = _cli("check", "-q", "--no-taint", "--format", "markdown", str(FORMATS / "tracker-decoded"))
    assert md.returncode == 0, md.stderr
    assert "read as one app from an apktool-decoded folder" in md.stdout


def _smali_folder(tmp_path: Path) -> Path:
    """``apktool d`` without ``-s`` of the tracker: the decoded folder with the sample's smali, no DEX."""
    folder = tmp_path / "smali-only"
    shutil.copytree(FORMATS / "tracker-decoded", folder)
    (folder / "classes.dex").unlink()
    for tree in (SAMPLES / "tracker" / "src").glob("smali*"):
        shutil.copytree(tree, folder / tree.name)
    return folder


def test_smali_only_folder_is_assembled_and_read_as_its_apk(tmp_path: Path) -> None:
    doc = _scan(_smali_folder(tmp_path))
    assert doc["input_format"] == "decoded" and not doc["stats"]["partial"]
    assert _findings(doc) == _findings(_scan(TRACKER))
    assert any(w.startswith("code assembled from smali (classes.dex)") for w in doc["warnings"])


def test_smali_that_does_not_assemble_is_partial_never_clean(tmp_path: Path) -> None:
    folder = _smali_folder(tmp_path)
    (folder / "smali" / "com" / "Broken.smali").write_text(".class public Lcom/Broken;\n.super\n")
    doc = _scan(folder)
    assert doc["input_format"] == "decoded"
    assert doc["stats"]["partial"] and doc["stats"]["partial_reason"] == "no code"
    assert any("smali does not assemble" in w and "code was not analysed" in w for w in doc["warnings"])
    assert doc["app"]["package"] == "com.piflow.sample.tracker"
    proc = _cli("check", "-q", "--no-taint", "--format", "json", str(folder))
    assert proc.returncode == 0, proc.stderr
    check = json.loads(proc.stdout)
    assert not check["findings"], "no code read: nothing may be found or passed"
    inventory = next(n for n in check["not_evaluated"] if n["rule"] == "o24-04-pi-inventory")
    assert "no code piflow reads" in inventory["reason"]


def test_without_the_assembler_a_smali_folder_says_why(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.apk import smali

    monkeypatch.setattr(smali.shutil, "which", lambda _name: None)
    code, why = smali.assemble(_smali_folder(tmp_path), ["smali/com/A.smali"])
    assert code == [] and "not installed" in why


# ---------------------------------------------------------------------------
# Malformed bundles, built here from the committed ones
# ---------------------------------------------------------------------------


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def _apk_without(apk: bytes, tmp: Path, drop: str) -> bytes:
    src = tmp / "in.apk"
    src.write_bytes(apk)
    out = _zip(tmp / "out.apk", {n: d for n, d in _members(src).items() if n != drop})
    return out.read_bytes()


def _other_package_split(tmp: Path) -> bytes:
    """The config split relinked by aapt2 with another package name."""
    manifest = tmp / "AndroidManifest.xml"
    manifest.write_text('<manifest xmlns:android="http://schemas.android.com/apk/res/android" '
                        'package="com.other.app" split="config.arm64_v8a">'
                        '<application android:hasCode="false"/></manifest>')
    subprocess.run(["aapt2", "link", "-I", "/usr/share/android-framework-res/framework-res.apk",
                    "--manifest", str(manifest), "-o", str(tmp / "other.apk")], check=True)
    return (tmp / "other.apk").read_bytes()


def _case(tmp: Path, case: str) -> Path:
    apks = _members(FORMATS / "tracker.apks")
    xapk = _members(FORMATS / "tracker.xapk")
    aab = _members(FORMATS / "tracker.aab")
    split = apks["splits/base-arm64_v8a.apk"]
    base = apks["splits/base-master.apk"]
    if case == "no-base":
        return _zip(tmp / "x.apks", {"toc.pb": b"", "splits/base-arm64_v8a.apk": split})
    if case == "two-bases":
        return _zip(tmp / "x.apks", {"toc.pb": b"", "splits/base-master.apk": base,
                                     "splits/base-master_2.apk": base})
    if case == "base-without-manifest":
        return _zip(tmp / "x.xapk", {**xapk, "base.apk": _apk_without(base, tmp, "AndroidManifest.xml")})
    if case == "nested-zip-bomb":
        bomb = tmp / "bomb.apk"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("AndroidManifest.xml", _members(tmp_apk(tmp, split))["AndroidManifest.xml"])
            z.writestr("assets/zeros.bin", b"\0" * (64 * 1024 * 1024))
        return _zip(tmp / "x.apks", {"toc.pb": b"", "splits/base-master.apk": base,
                                     "splits/base-arm64_v8a.apk": bomb.read_bytes()})
    if case == "path-traversal":
        return _zip(tmp / "x.xapk", {**xapk, "../../evil.apk": split})
    if case == "other-package-split":
        return _zip(tmp / "x.apks", {"toc.pb": b"", "splits/base-master.apk": base,
                                     "splits/base-arm64_v8a.apk": _other_package_split(tmp)})
    if case == "aab-bad-protobuf":
        bad = b"\x0a\xff\xff\xff\x0f<manifest"  # a length far past the end
        return _zip(tmp / "x.aab", {**aab, "base/manifest/AndroidManifest.xml": bad})
    if case == "aab-no-base":
        return _zip(tmp / "x.aab", {n.replace("base/", "feature/", 1): d for n, d in aab.items()})
    if case == "xapk-missing-split":
        meta = json.loads(xapk["manifest.json"])
        meta["split_apks"].append({"file": "config.xxhdpi.apk", "id": "config.xxhdpi"})
        return _zip(tmp / "x.xapk", {**xapk, "manifest.json": json.dumps(meta).encode()})
    if case == "decoded-dtd":
        folder = tmp / "decoded"
        shutil.copytree(FORMATS / "tracker-decoded", folder)
        text = (folder / "AndroidManifest.xml").read_text()
        dtd = '<!DOCTYPE m [<!ENTITY a "aaaa">]>\n'
        (folder / "AndroidManifest.xml").write_text(dtd + text.split("?>", 1)[-1])
        return folder
    if case == "decoded-no-code":
        folder = tmp / "decoded"
        shutil.copytree(FORMATS / "tracker-decoded", folder)
        (folder / "classes.dex").unlink()
        return folder
    raise AssertionError(case)


def tmp_apk(tmp: Path, data: bytes) -> Path:
    p = tmp / "member.apk"
    p.write_bytes(data)
    return p


MALFORMED = {
    "no-base": "no base APK",
    "two-bases": "two base APKs",
    "base-without-manifest": "has no AndroidManifest.xml",
    "nested-zip-bomb": "zip bomb suspected",
    "path-traversal": "path traversal",
    "other-package-split": "is a split of 'com.other.app'",
    "aab-bad-protobuf": "is not a protobuf XmlNode",
    "aab-no-base": "no base module",
    "xapk-missing-split": "which the XAPK lacks",
    "decoded-dtd": "XML with a DTD is not read",
    "decoded-no-code": "neither classes*.dex nor smali/",
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
@pytest.mark.skipif(shutil.which("aapt2") is None, reason="aapt2 (Debian's aapt): `make system-deps`")
def test_malformed_bundle_is_one_line_exit_2(tmp_path: Path, case: str) -> None:
    path = _case(tmp_path, case)
    proc = _cli("scan", "-q", str(path))
    assert proc.returncode == EXIT_INPUT, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert MALFORMED[case] in lines[0]
    assert "Traceback" not in proc.stderr


def test_batch_finds_every_format_in_a_folder(tmp_path: Path) -> None:
    from analyzer.batch.inputs import expand

    for name in EXPECTED_SPLITS:
        src = FORMATS / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    items = expand([str(tmp_path)])
    assert sorted(i.apk.name for i in items) == sorted(EXPECTED_SPLITS)


FEATURE = """<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    package="com.piflow.sample.tracker" split="extras">
  <application android:hasCode="true">
    <activity android:name=".extras.ExtrasActivity" android:exported="true"/>
    <provider android:name="com.piflow.sample.tracker.extras.Files" android:authorities="t.files"/>
  </application>
</manifest>"""


def _feature(tmp: Path, proto: bool) -> bytes:
    manifest = tmp / "AndroidManifest.xml"
    manifest.write_text(FEATURE)
    out = tmp / ("feature.proto.apk" if proto else "feature.apk")
    subprocess.run(["aapt2", "link", "-I", "/usr/share/android-framework-res/framework-res.apk",
                    *(["--proto-format"] if proto else []), "--manifest", str(manifest), "-o", str(out)],
                   check=True)
    return out.read_bytes()


@pytest.mark.skipif(shutil.which("aapt2") is None, reason="aapt2 (Debian's aapt): `make system-deps`")
def test_feature_split_components_join_the_apps(tmp_path: Path) -> None:
    from analyzer.apk.bundles import open_app as open_apk

    feature = _feature(tmp_path, proto=False)
    apks = _zip(tmp_path / "f.apks",
                {**_members(FORMATS / "tracker.apks"), "splits/extras-master.apk": feature})
    proto = _members(tmp_apk(tmp_path, _feature(tmp_path, proto=True)))
    aab = _zip(tmp_path / "f.aab", {**_members(FORMATS / "tracker.aab"),
                                    "extras/manifest/AndroidManifest.xml": proto["AndroidManifest.xml"]})
    for path, splits in ((apks, ("base-master.apk", "base-arm64_v8a.apk", "extras-master.apk")),
                         (aab, ("base", "extras"))):
        contents = open_apk(path)
        assert contents.splits == splits
        by_name = {c.name: c for c in contents.info.components}
        assert by_name["com.piflow.sample.tracker.extras.ExtrasActivity"].exported
        files = by_name["com.piflow.sample.tracker.extras.Files"]
        assert not files.exported  # the app's targetSdk 28, not the split manifest's missing one
        ref = open_apk(TRACKER).info
        assert {c.name for c in ref.components} < set(by_name)


def test_table_html_and_diff_take_the_other_formats(tmp_path: Path) -> None:
    table = _cli("scan", "-q", str(FORMATS / "tracker.apks"))
    assert table.returncode == 0, table.stderr
    assert "read as one app from a split set (.apks): base-master.apk, base-arm64_v8a.apk" in table.stdout
    html = tmp_path / "report.html"
    aab, decoded = str(FORMATS / "tracker.aab"), str(FORMATS / "tracker-decoded")
    proc = _cli("check", "-q", "--no-taint", "--format", "html", "-o", str(html), aab)
    assert proc.returncode == 0, proc.stderr
    line = '<span id="input-format">read as one app from an app bundle (.aab): base</span>'
    assert line in html.read_text()
    diff = _cli("diff", "-q", "--no-taint", "--format", "json", str(TRACKER), decoded)
    assert diff.returncode == 0, diff.stderr
    doc = json.loads(diff.stdout)
    assert doc["empty"] is True, doc  # the same app: nothing added, dropped or changed


# -- what the other inputs are told by (packers, hybrid frameworks) reaches them too ---------------------


def test_a_packed_app_in_a_split_set_is_still_named_packed(tmp_path: Path) -> None:
    apks = tmp_path / "packed.apks"
    with zipfile.ZipFile(apks, "w") as z:
        z.write(sample_apk("packed"), "splits/base-master.apk")
    doc = _scan(apks)
    assert doc["input_format"] == "apks" and [p["packer_id"] for p in doc["packers"]] == ["jiagu-360"]
    assert doc["stats"]["static_complete"] is False


def test_a_decoded_hybrid_app_keeps_its_scripts(tmp_path: Path) -> None:
    """``apktool d -s`` of the rn-style sample: the project's text manifest and assets, the APK's DEX."""
    folder = tmp_path / "rn-style"
    shutil.copytree(SAMPLES / "rn-style" / "src", folder, ignore=shutil.ignore_patterns("smali*"))
    with zipfile.ZipFile(sample_apk("rn-style")) as z:
        (folder / "classes.dex").write_bytes(z.read("classes.dex"))
    doc, apk = _scan(folder), _scan(sample_apk("rn-style"))
    assert doc["input_format"] == "decoded"
    names = [f["name"] for f in doc["frameworks"]]
    assert names == [f["name"] for f in apk["frameworks"]] == ["react-native"]
    js = sorted((a["pi"], a["api"]) for a in doc["access"] if a["kind"] == "js")
    assert js and js == sorted((a["pi"], a["api"]) for a in apk["access"] if a["kind"] == "js")
