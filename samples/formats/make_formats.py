"""Build samples/formats/ from samples/tracker/tracker.apk: the same app as a split set, an XAPK, an app
bundle and an apktool-decoded folder (run by samples/build.sh; needs aapt2 and apktool).

- ``tracker.apks``: bundletool's layout: ``splits/base-master.apk`` (tracker.apk), a config split
  ``splits/base-arm64_v8a.apk`` (its manifest linked by aapt2 with ``split="config.arm64_v8a"``) holding
  a native library, and an empty ``toc.pb``.
- ``tracker.xapk``: ``base.apk``, ``config.arm64_v8a.apk`` and ``manifest.json`` naming them.
- ``tracker.aab``: ``aapt2 convert --output-format proto`` turns tracker.apk's binary manifest, XML
  resources and resource table into aapt2's protobuf form, laid out as a bundle module:
  ``base/manifest/AndroidManifest.xml``, ``base/dex/``, ``base/res/``, ``base/resources.pb``, plus
  ``base/lib/`` with the split's library and an empty ``BundleConfig.pb``.
- ``tracker-decoded/``: ``apktool d -s`` of tracker.apk (text manifest, decoded res/, classes.dex kept).
Every ZIP entry is dated 1981-01-01 so the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACKER = HERE.parent / "tracker" / "tracker.apk"
FRAMEWORK = Path("/usr/share/android-framework-res/framework-res.apk")
PACKAGE = "com.piflow.sample.tracker"
# A stand-in native library: ELF magic and a few strings (piflow reads strings, never runs it).
LIBRARY = b"\x7fELF\x02\x01\x01" + b"\0" * 57 + b"libtrackerextra\0https://extra.tracker.example/v1\0"

SPLIT_MANIFEST = f"""<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="{PACKAGE}"
    split="config.arm64_v8a" android:isFeatureSplit="false">
  <application android:hasCode="false"/>
</manifest>
"""


def _write(dst: Path, entries: list[tuple[str, bytes]], stored: bool = False) -> None:
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1981, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)


def _entries(apk: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(apk) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "AndroidManifest.xml").write_text(SPLIT_MANIFEST)
        subprocess.run(["aapt2", "link", "-I", str(FRAMEWORK), "--manifest",
                        str(work / "AndroidManifest.xml"), "-o", str(work / "split0.apk")], check=True)
        split = [*_entries(work / "split0.apk"), ("lib/arm64-v8a/libtrackerextra.so", LIBRARY)]
        _write(work / "split.apk", split)
        base = TRACKER.read_bytes()
        split_bytes = (work / "split.apk").read_bytes()
        _write(HERE / "tracker.apks", [("toc.pb", b""), ("splits/base-master.apk", base),
                                       ("splits/base-arm64_v8a.apk", split_bytes)], stored=True)
        meta = {"xapk_version": 2, "package_name": PACKAGE, "name": "tracker", "version_code": "1",
                "split_apks": [{"file": "base.apk", "id": "base"},
                               {"file": "config.arm64_v8a.apk", "id": "config.arm64_v8a"}]}
        listing = json.dumps(meta, indent=2).encode()
        _write(HERE / "tracker.xapk", [("manifest.json", listing), ("base.apk", base),
                                       ("config.arm64_v8a.apk", split_bytes)], stored=True)
        subprocess.run(["aapt2", "convert", "--output-format", "proto", "-o", str(work / "proto.apk"),
                        str(TRACKER)], check=True)
        module: list[tuple[str, bytes]] = [("BundleConfig.pb", b"")]
        for name, data in _entries(work / "proto.apk"):
            if name.startswith("META-INF/"):
                continue
            if name == "AndroidManifest.xml":
                name = "manifest/AndroidManifest.xml"
            elif name.endswith(".dex"):
                name = "dex/" + name
            elif not name.startswith(("res/", "lib/", "assets/")) and name != "resources.pb":
                name = "root/" + name
            module.append((f"base/{name}" if name != "BundleConfig.pb" else name, data))
        module.append(("base/lib/arm64-v8a/libtrackerextra.so", LIBRARY))
        _write(HERE / "tracker.aab", module)
        decoded = HERE / "tracker-decoded"
        shutil.rmtree(decoded, ignore_errors=True)
        subprocess.run(["apktool", "d", "-s", "-f", "-p", str(work / "fw"), "-o", str(decoded), str(TRACKER)],
                       check=True, stdout=subprocess.DEVNULL)
        for junk in ("original",):  # apktool's copy of the signature files
            shutil.rmtree(decoded / junk, ignore_errors=True)
    for out in ("tracker.apks", "tracker.xapk", "tracker.aab", "tracker-decoded"):
        print(f"  -> {HERE / out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
