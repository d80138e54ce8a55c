"""Bad input: a one-line error and exit status 2, never a traceback (real subprocess and CliRunner)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.errors import EXIT_INPUT
from tests.conftest import sample_apk

GOOD = sample_apk("notes")


def _manifest() -> bytes:
    with zipfile.ZipFile(GOOD) as z:
        return z.read("AndroidManifest.xml")


def _zip(path: Path, entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def _truncated(tmp: Path) -> Path:
    data = GOOD.read_bytes()
    p = tmp / "truncated.apk"
    p.write_bytes(data[: len(data) // 2])
    return p


def _no_dex(tmp: Path) -> Path:
    return _zip(tmp / "nodex.apk", {"AndroidManifest.xml": _manifest(), "res/raw/a.txt": b"hello"})


def _not_apk(tmp: Path) -> Path:
    p = tmp / "picture.apk"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    return p


def _text(tmp: Path) -> Path:
    p = tmp / "notes.txt"
    p.write_text("just some text\n")
    return p


def _garbage_dex(tmp: Path) -> Path:
    junk = b"dex\n035\x00" + os.urandom(4000)
    return _zip(tmp / "garbage.apk", {"AndroidManifest.xml": _manifest(), "classes.dex": junk})


def _dex_bad_tables(tmp: Path) -> Path:
    with zipfile.ZipFile(GOOD) as z:
        dex = bytearray(z.read("classes.dex"))
    dex[56:60] = (0x7FFFFFFF).to_bytes(4, "little")  # string_ids_size
    return _zip(tmp / "badtables.apk", {"AndroidManifest.xml": _manifest(), "classes.dex": bytes(dex)})


def _bomb(tmp: Path) -> Path:
    # 200 MB of zeros deflates to about 200 KB: a 1000:1 entry
    p = tmp / "bomb.apk"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("AndroidManifest.xml", _manifest())
        with z.open("classes.dex", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(200):
                fh.write(block)
    return p


def _missing(tmp: Path) -> Path:
    return tmp / "does-not-exist.apk"


def _empty(tmp: Path) -> Path:
    p = tmp / "empty.apk"
    p.write_bytes(b"")
    return p


def _garbage_manifest(tmp: Path) -> Path:
    with zipfile.ZipFile(GOOD) as z:
        dex = z.read("classes.dex")
    return _zip(tmp / "badmanifest.apk", {"AndroidManifest.xml": os.urandom(3000), "classes.dex": dex})


CASES = {
    "truncated zip": (_truncated, "ZIP"),
    "zip without DEX": (_no_dex, "no classes.dex"),
    "non-APK file": (_not_apk, "not an APK"),
    "text file": (_text, "not an APK"),
    "DEX with garbage": (_garbage_dex, "classes.dex"),
    "DEX with bad tables": (_dex_bad_tables, "outside"),
    "zip bomb": (_bomb, "zip bomb"),
    "missing file": (_missing, "cannot read"),
    "empty file": (_empty, "not an APK"),
    "garbage manifest": (_garbage_manifest, "manifest"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_cli_runner(tmp_path: Path, case: str) -> None:
    make, words = CASES[case]
    path = make(tmp_path)
    result = CliRunner().invoke(main, ["scan", "-q", str(path)])
    assert result.exit_code == EXIT_INPUT, result.output
    err = result.stderr if hasattr(result, "stderr") else result.output
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("piflow: error:"), err
    assert words.lower() in lines[0].lower()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", ["truncated zip", "zip bomb", "DEX with garbage"])
def test_bad_input_real_process(tmp_path: Path, case: str) -> None:
    make, _ = CASES[case]
    path = make(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "analyzer.cli", "scan", "-q", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == EXIT_INPUT
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["scan", "--no-such-option", str(GOOD)])
    assert result.exit_code == 2
    assert "No such option" in result.output
