"""Measure ``piflow batch`` throughput with 1 and 2 local Dask workers in one run, and peak memory per worker.

The corpus: DroidBench dev apps (``--droidbench N``, evenly spread over the
categories; 0 for all 128), the bundled samples, and the two real apps in
``~/.cache/piflow-bench`` (24.6 MB and 1.9 MB; ``make bench-batch`` fetches
them with ``bench/run.py --fetch``; ``--no-real`` leaves them out). Each
configuration runs ``--repeat`` times (1 and 2 workers alternating, so load
from other users of the machine hits both alike) into a fresh store; we
report the median APKs/min over the vetting time (from the first task
submitted to the last result stored; cluster start-up, which includes
loading piflow in every worker, is reported apart), the scaling ratio of
the medians 2 workers / 1 worker and the ratio within each round, the peak
resident memory of each worker process against the memory budget, and the
load average before and after. The machine is shared: read the load
average next to the ratio.

Usage: python bench/batch.py [--repeat 5] [--droidbench 0] [--no-real] [--memory-budget 2048] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyzer.batch.inputs import Item  # noqa: E402
from analyzer.batch.runner import BatchOptions, run_batch  # noqa: E402
from analyzer.batch.store import STORE_NAME, Store  # noqa: E402

CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench"))
SHARED = Path(os.environ.get("PIFLOW_SHARED", REPO.parent / "shared"))
DROIDBENCH = SHARED / "corpora" / "droidbench-dev"


REAL_APPS = ("Yosemite.apk", "app-uiautomator.apk")


def corpus(droidbench: int, real: bool = True) -> list[Path]:
    """The APKs of the run: a spread of DroidBench dev apps, the samples, the real apps if fetched."""
    db = sorted(DROIDBENCH.rglob("*.apk"))
    if droidbench and droidbench < len(db):
        step = len(db) / droidbench
        db = [db[int(i * step)] for i in range(droidbench)]
    apks = [*db, *sorted((REPO / "samples").glob("*/*.apk"))]
    if real:
        apks += [CACHE / name for name in REAL_APPS if (CACHE / name).exists()]
    return apks


def one_run(apks: list[Path], workers: int, memory_mb: float) -> dict[str, Any]:
    """Vet ``apks`` with ``workers`` workers into a fresh store; throughput and memory."""
    with tempfile.TemporaryDirectory(prefix="piflow-bench-batch-") as tmp:
        out = Path(tmp) / "out"
        load_before = os.getloadavg()
        t0, client_cpu = time.perf_counter(), time.process_time()
        tally = run_batch([Item(p) for p in apks], BatchOptions(out=out, workers=workers,
                                                                memory_budget_mb=memory_mb))
        t_end, client_cpu = time.perf_counter(), time.process_time() - client_cpu
        with Store(out / STORE_NAME, create=False) as st:
            rows = list(st.rows("SELECT worker, peak_rss_mb, status, seconds, cpu_seconds FROM scans"))
    vetting = t_end - tally.started
    peaks: dict[str, float] = {}
    for r in rows:
        if r["worker"] and r["peak_rss_mb"] is not None:
            peaks[r["worker"]] = max(peaks.get(r["worker"], 0.0), r["peak_rss_mb"])
    return {
        "workers": workers,
        "apks": len(rows),
        "status": {s: sum(r["status"] == s for r in rows) for s in ("ok", "over_budget", "error")},
        "vetting_s": round(vetting, 2),
        "startup_s": round(tally.started - t0, 2),
        "apks_per_min": round(60 * len(rows) / vetting, 1),
        "task_seconds_sum": round(sum(r["seconds"] or 0 for r in rows), 1),
        "task_cpu_seconds_sum": round(sum(r["cpu_seconds"] or 0 for r in rows), 1),
        # share of the worker slots' wall time spent in tasks, and CPU per wall second in tasks
        "slot_busy": round(sum(r["seconds"] or 0 for r in rows) / (workers * vetting), 2),
        "cpu_per_task_second": round(sum(r["cpu_seconds"] or 0 for r in rows)
                                     / max(sum(r["seconds"] or 0 for r in rows), 1e-9), 2),
        "client_cpu_s": round(client_cpu, 1),
        "peak_rss_mb_per_worker": dict(sorted(peaks.items())),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-real", action="store_true", help="Leave the real apps out.")
    ap.add_argument("--droidbench", type=int, default=0, help="DroidBench dev apps to use (0: all 128).")
    ap.add_argument("--memory-budget", type=float, default=2048.0, help="MB per worker.")
    ap.add_argument("--json", type=Path, help="Also write the results here.")
    args = ap.parse_args()
    apks = corpus(args.droidbench, real=not args.no_real)
    if len(apks) < 30:
        sys.exit(f"bench/batch.py: only {len(apks)} APKs found (DroidBench dev at {DROIDBENCH}?)")
    real = [p.name for p in apks if p.parent == CACHE]
    print(f"{len(apks)} APKs (real apps: {', '.join(real) or 'none'}), {os.cpu_count()} CPUs, "
          f"memory budget {args.memory_budget:g} MB/worker, "
          f"{args.repeat} repeats", flush=True)
    runs: list[dict[str, Any]] = []
    for i in range(args.repeat):
        for workers in (1, 2):
            r = one_run(apks, workers, args.memory_budget)
            runs.append(r)
            print(f"  run {i + 1} workers={workers}: {r['apks_per_min']} APKs/min over {r['vetting_s']} s "
                  f"(start-up {r['startup_s']} s), status {r['status']}, peak RSS/worker "
                  f"{max(r['peak_rss_mb_per_worker'].values()):.0f} MB, slots busy {r['slot_busy']}, "
                  f"CPU/task-second {r['cpu_per_task_second']}, client CPU {r['client_cpu_s']} s, "
                  f"load {r['load_before'][0]} -> {r['load_after'][0]}", flush=True)
    med = {w: statistics.median(r["apks_per_min"] for r in runs if r["workers"] == w) for w in (1, 2)}
    peak = max(max(r["peak_rss_mb_per_worker"].values()) for r in runs)
    scaling = med[2] / med[1]
    rounds = [two["apks_per_min"] / one["apks_per_min"]
              for one, two in zip(runs[::2], runs[1::2], strict=True)]
    print(f"median APKs/min: 1 worker {med[1]:.1f}, 2 workers {med[2]:.1f}; scaling {scaling:.2f}x "
          f"(target >= 1.7x: {'met' if scaling >= 1.7 else 'NOT met'}); within each round "
          f"{' / '.join(f'{r:.2f}' for r in rounds)} (median {statistics.median(rounds):.2f}x)")
    print(f"peak RSS of any worker {peak:.0f} MB vs budget {args.memory_budget:g} MB "
          f"({'within' if peak <= args.memory_budget else 'OVER'})")
    if args.json:
        args.json.write_text(json.dumps({"apks": len(apks), "cpus": os.cpu_count(), "runs": runs,
                                         "median_apks_per_min": med, "scaling": round(scaling, 3),
                                         "scaling_per_round": [round(r, 3) for r in rounds],
                                         "peak_rss_mb": peak, "memory_budget_mb": args.memory_budget},
                                        indent=2) + "\n")


if __name__ == "__main__":
    main()
