"""The committed sample APKs are what their committed smali sources build to."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

NEEDED = ("apktool", "zipalign", "apksigner")


@pytest.mark.skipif(any(shutil.which(t) is None for t in NEEDED),
                    reason="apktool, zipalign and apksigner come from `make system-deps`")
def test_build_script_reproduces_committed_apks(tmp_path: Path) -> None:
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy, ignore=shutil.ignore_patterns("*.apk"))
    proc = subprocess.run(["bash", str(copy / "build.sh")], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    apps = sorted(p.parent.name for p in SAMPLES.glob("*/expected.yaml"))
    assert apps
    for app in apps:
        built, committed = copy / app / f"{app}.apk", SAMPLES / app / f"{app}.apk"
        with zipfile.ZipFile(built) as b, zipfile.ZipFile(committed) as c:
            for entry in ("classes.dex", "AndroidManifest.xml", "resources.arsc"):
                assert b.read(entry) == c.read(entry), f"{app}: {entry} differs from its source"
