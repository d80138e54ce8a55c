"""Time and peak memory of scanning an app as a split set and as an app bundle vs the same app as one APK.

The reference app (``app-uiautomator.apk``, fetched like ``bench/run.py`` does) is cut the way bundletool
cuts density splits: ``splits/base-master.apk`` keeps the manifest, DEX, resource table and the other
resources; one config split per screen density (``config.mdpi`` … ``config.xxxhdpi``, manifests linked by
aapt2 with ``split=``) takes that density's drawables. The bundle is ``aapt2 convert --output-format
proto`` of the APK laid out as a ``base`` module; the decoded folder is ``apktool d`` without ``-s``
(smali, which the scan assembles into DEX with Debian's smali). Each input is scanned (``piflow scan
--format json``, no taint) ``--repeat`` times in a fresh process, the four interleaved; we report the
median wall time and the median peak RSS (``wait4``). Needs aapt2 (Debian's aapt) and apktool.

Usage: python bench/splits.py [--repeat N] [--app uiautomator|Yosemite]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.run import _run, apps  # noqa: E402

FRAMEWORK = Path("/usr/share/android-framework-res/framework-res.apk")
DENSITY = re.compile(r"^res/[a-z]+-(ldpi|mdpi|hdpi|xhdpi|xxhdpi|xxxhdpi|tvdpi)(-v\d+)?/")


def _package(apk: Path) -> str:
    out = subprocess.run(["aapt2", "dump", "packagename", str(apk)], capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def split_set(apk: Path, work: Path) -> tuple[Path, int]:
    """``apk`` as a bundletool-style split set by density; (path, number of splits)."""
    package = _package(apk)
    groups: dict[str, list[zipfile.ZipInfo]] = {}
    with zipfile.ZipFile(apk) as z:
        for info in z.infolist():
            m = DENSITY.match(info.filename)
            groups.setdefault(f"config.{m.group(1)}" if m else "", []).append(info)
        members: list[tuple[str, bytes]] = []
        for name, infos in sorted(groups.items()):
            out = work / f"{name or 'base'}.apk"
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                if name:
                    manifest = work / "AndroidManifest.xml"
                    manifest.write_text('<manifest xmlns:android="http://schemas.android.com/apk/res/'
                                        f'android" package="{package}" split="{name}"><application '
                                        'android:hasCode="false"/></manifest>')
                    linked = work / "split.apk"
                    subprocess.run(["aapt2", "link", "-I", str(FRAMEWORK), "--manifest", str(manifest),
                                    "-o", str(linked)], check=True)
                    with zipfile.ZipFile(linked) as lz:
                        w.writestr("AndroidManifest.xml", lz.read("AndroidManifest.xml"))
                for info in infos:
                    if not info.filename.startswith("META-INF/"):
                        w.writestr(info, z.read(info))
            members.append((f"splits/base-{name.removeprefix('config.')}.apk" if name
                            else "splits/base-master.apk", out.read_bytes()))
    dst = work / f"{apk.stem}.apks"
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as w:
        w.writestr("toc.pb", b"")
        for name, data in members:
            w.writestr(name, data)
    return dst, len(members)


def bundle(apk: Path, work: Path) -> Path:
    """``apk`` as an app bundle with one ``base`` module (aapt2's protobuf manifest and resources)."""
    proto = work / "proto.apk"
    subprocess.run(["aapt2", "convert", "--output-format", "proto", "-o", str(proto), str(apk)], check=True)
    dst = work / f"{apk.stem}.aab"
    with zipfile.ZipFile(proto) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            name = info.filename
            if name.startswith("META-INF/"):
                continue
            if name == "AndroidManifest.xml":
                name = "manifest/AndroidManifest.xml"
            elif re.fullmatch(r"classes\d*\.dex", name):
                name = "dex/" + name
            elif not name.startswith(("res/", "lib/", "assets/")) and name != "resources.pb":
                name = "root/" + name
            zo.writestr("base/" + name, zi.read(info))
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--app", default="uiautomator")
    args = ap.parse_args()
    apk = apps([args.app])[args.app]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        apks, n = split_set(apk, work)
        aab = bundle(apk, work)
        decoded = work / "decoded"  # apktool d without -s: smali, which the scan assembles back into DEX
        subprocess.run(["apktool", "d", "-q", "-f", "-o", str(decoded), str(apk)], check=True,
                       capture_output=True)
        inputs = {"apk": apk, f"apks ({n} APKs)": apks, "aab": aab, "decoded folder (smali)": decoded}
        sizes = {label: (path.stat().st_size if path.is_file() else
                         sum(f.stat().st_size for f in path.rglob("*") if f.is_file()))
                 for label, path in inputs.items()}
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in inputs}
        for _ in range(args.repeat):
            for label, path in inputs.items():
                cmd = [sys.executable, "-m", "analyzer.cli", "scan", "-q", "--format", "json", str(path)]
                runs[label].append(_run(cmd))
    print(f"{args.app}: median of {args.repeat}, interleaved, same run")
    print("| input | size | wall s | peak RSS MiB |")
    print("|---|---|---|---|")
    for label, rs in runs.items():
        wall = statistics.median(r[0] for r in rs)
        peak = statistics.median(r[1] for r in rs)
        print(f"| {label} | {sizes[label] / 1024 / 1024:.2f} MB | {wall:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
