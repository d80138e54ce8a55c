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

from analyzer.apk.container import open_apk
from analyzer.apk.dex import DexFile
from analyzer.kb.catalogue import load_kb
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import reachable
from analyzer.static.sources import find_pi_access
from analyzer.taint import analyse as analyse_taint
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
    "long_block_3000": ["long"],
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


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_hostile_program_keeps_to_a_tight_budget(tmp_path: Path, name: str) -> None:
    """--budget and --max-memory reach every phase a hostile program attacks: the scan ends soon after the
    budget, cut (and saying where) or complete, never over it by more than opening the APK costs."""
    apk = hostile.program_apk(name, tmp_path / f"{name}.apk")
    out = tmp_path / "scan.json"
    t0 = time.monotonic()
    r = subprocess.run([str(PIFLOW), "scan", str(apk), "--taint", "--format", "json", "-o", str(out),
                        "--budget", "1", "--max-memory", "400"],
                       capture_output=True, text=True, timeout=120, check=False)
    seconds = time.monotonic() - t0
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    stats = json.loads(out.read_text(encoding="utf-8"))["stats"]
    assert not stats["partial"] or (stats["partial_reason"] in ("time", "memory") and stats["partial_phase"])
    assert seconds < 6, (seconds, stats)  # start-up, opening the APK and the manifest are not cut


@pytest.mark.slow
def test_one_long_block_keeps_to_the_taint_budget(tmp_path: Path) -> None:
    """A method of one basic block with thousands of app calls (each publishing a heap that grows with
    every allocation) is cut inside the block when the budget runs out, not when the block ends."""
    apk = hostile.program_apk("long_block_3000", tmp_path / "long.apk")
    c = open_apk(apk)
    program = Program([DexFile(d, n) for n, d in c.dex], load_framework())
    reach = reachable(program, c.info)
    kb = load_kb()
    access = find_pi_access(program, kb, c.info, reach)
    t0 = time.monotonic()
    cut = analyse_taint(program, kb, reach, access, app=c.info, budget_s=0.2)
    seconds = time.monotonic() - t0
    assert cut.partial and cut.stopped_by == "time" and cut.methods_covered < cut.methods_total
    assert seconds < 1.0, seconds
