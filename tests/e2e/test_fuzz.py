"""A fixed-seed slice of the fuzz suite (``bench/fuzz.py --quick``): mutated and hand-built hostile inputs
through the real CLI, judged as the full run judges them.

Every class runs: mutated ZIPs, DEX files, binary manifests and captures (three each), and the cheapest
hand-built hostile programs, archives, manifests and captures. A run fails on a hang, an exit status other
than 0, 1 or 2, a traceback, stderr that is not piflow's own one-line messages, an output that is not strict
JSON or not 0600 (or left behind by a failed run), a device-profile value in clear, or over 1 GB of memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import fuzz


@pytest.mark.slow
def test_fuzz_slice(tmp_path: Path) -> None:
    rep = fuzz.fuzz(fuzz.CLASSES, per_class=3, seed=17, work=tmp_path, jobs=2, timeout=120, max_rss=1024,
                    quick=True, progress=False)
    assert rep["failures"] == [], fuzz.markdown(rep)
    assert {r["class"] for r in rep["classes"]} == set(fuzz.CLASSES)
    assert rep["inputs"] >= 20
    # the slice reaches both ends: inputs that are analysed and inputs refused as input errors
    assert rep["verdicts"].get("ok", 0) >= 10 and rep["verdicts"].get("input-error", 0) >= 5, rep["verdicts"]
    assert rep["max_rss_mb"] < 1024
