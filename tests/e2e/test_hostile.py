"""Hand-built hostile APKs (``bench/hostile.py``) through the real CLI: refused with one line, or analysed
in bounded time with what can be found, never a hang, a traceback or exit 3.

Each hostile program also exercises the model it attacks: the IMEI it reads must still reach its sink
through 5,000 calls, recursion, a 20,000-append method, a switch in a loop, 2,000 linked objects and
2,000 try blocks whose handlers jump back.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import hostile

PIFLOW = Path(sys.executable).parent / "piflow"

ARCHIVES = {   # name: (exit status, what stderr or the scan's warnings say)
    "forged_sizes": (2, "compressed bytes in a"),
    "forged_offset": (2, "outside the"),
    "duplicate_entries": (2, "two ZIP entries are named 'classes.dex'"),
    "unsupported_version": (2, "unsupported features (zip file version 7.0)"),
    "corrupt_dex": (0, "could not be"),
    "zip_bomb": (2, "zip bomb suspected: classes2.dex"),
    "many_entries": (0, ""),
    "hostile_names": (0, ""),
    "nested_apk": (0, ""),
    "not_a_dex": (2, "classes.dex: not a DEX file"),
    "multidex_300": (0, ""),
    "dangling_index": (0, "1 methods could not be decoded"),
}
PROGRAMS = {   # name: leaks the taint analysis must find (sink method)
    "self_extending": [],
    "supertype_cycle": [],
    "deep_chain_6000": [],
    "call_chain_5000": ["m4999"],
    "recursion": ["pong", "self"],
    "huge_method_20000": ["big"],
    "switch_loop_3000": ["loop"],
    "diamond_ladder_200": [],
    "field_chain_2000": ["go"],
    "handler_maze_2000": ["maze"],
}


def _scan(apk: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    t0 = time.monotonic()
    r = subprocess.run([str(PIFLOW), "scan", str(apk), "--taint", "--format", "json", "-o", str(out),
                        "--budget", "60"], capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in r.stderr and r.returncode in (0, 2), r.stderr
    return r, time.monotonic() - t0


def test_every_hostile_archive_is_listed() -> None:
    assert set(ARCHIVES) == set(hostile.ARCHIVES) and set(PROGRAMS) == set(hostile.PROGRAMS)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ARCHIVES))
def test_hostile_archive(tmp_path: Path, name: str) -> None:
    status, says = ARCHIVES[name]
    apk = hostile.ARCHIVES[name](tmp_path / f"{name}.apk")
    out = tmp_path / "scan.json"
    r, seconds = _scan(apk, out)
    assert r.returncode == status, r.stderr
    if status == 2:
        [line] = r.stderr.splitlines()
        assert line.startswith("piflow: error: ") and says in line and line.isprintable()
        assert not out.exists()
    else:
        warnings = json.loads(out.read_text(encoding="utf-8"))["warnings"]
        assert not says or any(says in w for w in warnings), warnings
    assert seconds < 60


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_hostile_program(tmp_path: Path, name: str) -> None:
    apk = hostile.program_apk(name, tmp_path / f"{name}.apk")
    out = tmp_path / "scan.json"
    r, seconds = _scan(apk, out)
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert not doc["stats"]["partial"], doc["stats"]
    assert sorted(lk["sink"]["method"] for lk in doc["leaks"]) == PROGRAMS[name]
    assert all(lk["sources"][0]["pi"] == ["device.imei"] for lk in doc["leaks"])
    assert seconds < 60
