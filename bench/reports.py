"""Time reading a saved check result back and rendering every report format from it.

For each result file given (``piflow check … --format json -o R.json``):
its size, the time of ``load_result`` (parse + JSON Schema validation +
graph rebuild) and of each renderer of :mod:`analyzer.report.formats`, the
median of ``--repeat`` runs in one process, and the size of each output.

Usage:
  python bench/reports.py R.json [R2.json …] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyzer.check.readback import load_result  # noqa: E402
from analyzer.report.formats import RENDERERS  # noqa: E402


def _median_ms(fn: object, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print("| result | KiB | nodes | edges | findings | step | ms (median) | output KiB |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    for path in args.results:
        ms, doc = _median_ms(lambda p=path: load_result(p), args.repeat)
        assert isinstance(doc, dict)
        head = (f"| {path.name} | {path.stat().st_size / 1024:.0f} | {len(doc['graph']['nodes'])} | "
                f"{len(doc['graph']['edges'])} | {len(doc['findings'])} |")
        print(f"{head} load_result | {ms:.1f} | |")
        for fmt, render in RENDERERS.items():
            ms, text = _median_ms(lambda r=render, d=doc: r(d), args.repeat)
            print(f"{head} {fmt} | {ms:.1f} | {len(str(text).encode()) / 1024:.0f} |")


if __name__ == "__main__":
    main()
