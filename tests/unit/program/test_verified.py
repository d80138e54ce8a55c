"""Code the platform's verifier would reject is left out, method by method, never the whole scan."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from analyzer.apk.dex import DexFile
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from bench.hostile import dangling_index

PIFLOW = Path(sys.executable).parent / "piflow"


def test_a_method_naming_a_missing_method_is_unverified_and_yields_no_code(tmp_path: Path) -> None:
    apk = dangling_index(tmp_path / "dangling.apk")
    p = Program([DexFile(zipfile.ZipFile(apk).read("classes.dex"))], load_framework())
    k = p.classes["La/K;"].methods
    bad = next(m for m in k.values() if m.name == "bad")
    log = next(m for m in k.values() if m.name == "log")
    assert not p.verified(bad) and list(p.instructions(bad)) == []
    assert p.verified(log) and [op for _pc, op, *_ in p.instructions(log)][-1] == 0x0E  # return-void
    assert len(p.decode_errors) == 1 and "method index 65535 out of range" in p.decode_errors[0]


def test_the_scan_goes_on_around_it(tmp_path: Path) -> None:
    apk = dangling_index(tmp_path / "dangling.apk")
    out = tmp_path / "scan.json"
    r = subprocess.run([str(PIFLOW), "scan", str(apk), "--taint", "--format", "json", "-o", str(out)],
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "1 methods could not be decoded" in doc["warnings"]
    [leak] = doc["leaks"]                                  # the IMEI logged beside the broken method
    assert leak["sources"][0]["pi"] == ["device.imei"] and leak["sink"]["method"] == "log"
