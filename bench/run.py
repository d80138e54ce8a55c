"""Measure piflow scan time and peak memory against baselines run on the same machine in the same run.

For each app: ``piflow scan`` (the full static pipeline, in a fresh process),
androguard's plain ``AnalyzeAPK`` and ``dexdump -d`` as baselines. With
``--against DIR`` (another checkout of piflow, e.g. ``git worktree add DIR
main``) its ``piflow scan --taint`` runs too, interleaved with ours, so a
change is measured against the code before it in the same run. Each
command runs ``--repeat`` times in its own process; we report the median wall
time and the median peak RSS (from ``wait4``), and the ratios to the
baselines. The machines are shared and noisy: read ratios, not absolutes.

The real apps are fetched once with ``pip download`` (a package registry) into
``~/.cache/piflow-bench`` and never committed.

Usage: python bench/run.py [--repeat N] [--apps NAME,...] [--against DIR] [--json OUT] [--fetch]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench"))
SHARED = Path(os.environ.get("PIFLOW_SHARED", REPO.parent / "shared"))


def _fetch(spec: str, member: str, out: Path) -> Path:
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, spec],
                       check=True)
        (archive,) = list(Path(tmp).iterdir())
        if archive.suffix == ".whl":
            with zipfile.ZipFile(archive) as z:
                out.write_bytes(z.read(member))
        else:
            with tarfile.open(archive) as t:
                m = next(x for x in t.getmembers() if x.name.endswith(member))
                fh = t.extractfile(m)
                assert fh is not None
                out.write_bytes(fh.read())
    return out


# name → (pip requirement, member inside the wheel/sdist, file in the cache)
REAL_APPS = {
    "uiautomator": ("uiautomator2==3.7.1", "uiautomator2/assets/app-uiautomator.apk", "app-uiautomator.apk"),
    "Yosemite": ("airtest==1.4.3", "airtest/core/android/static/apks/Yosemite.apk", "Yosemite.apk"),
}


def apps(which: list[str] | None = None) -> dict[str, Path]:
    """The benchmark apps, small to large (only those in ``which`` when given; real apps fetched on use)."""
    out = {"droidbench-Button1": SHARED / "corpora" / "droidbench-dev" / "Callbacks" / "Button1.apk"}
    for name, (spec, member, file) in REAL_APPS.items():
        if not which or name in which:
            out[name] = _fetch(spec, member, CACHE / file)
    return {k: v for k, v in out.items() if not which or k in which}


_ANDROGUARD = """
import sys
from loguru import logger
logger.remove()
from androguard.misc import AnalyzeAPK
a, d, dx = AnalyzeAPK(sys.argv[1])
print(len(list(dx.get_methods())))
"""


def _run(cmd: list[str], out: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one process; its stdout goes to ``out`` when given.

    The peak is the largest of the process and its worker processes (``wait4``
    reports the maximum, not the sum; the scan's forked workers share most
    pages with it until they write them).
    """
    start = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode(errors="replace")[-500:] if proc.stderr else ""
        raise RuntimeError(f"{cmd[:3]} failed: {err}")
    return wall, usage.ru_maxrss / 1024


def measure(repeat: int, which: list[str], against: Path | None = None) -> list[dict[str, object]]:
    """Run every tool on every app; one row per (app, tool)."""
    py = sys.executable
    piflow = [py, "-m", "analyzer.cli", "scan", "-q", "--format", "json"]
    tools = {
        "piflow scan": lambda apk: [*piflow, str(apk)],
        "piflow scan --taint": lambda apk: [*piflow, "--taint", "--budget", "600", str(apk)],
        "androguard AnalyzeAPK": lambda apk: [py, "-c", _ANDROGUARD, str(apk)],
        "dexdump -d": lambda apk: ["dexdump", "-d", str(apk)],
    }
    envs: dict[str, dict[str, str]] = {}
    if against is not None:  # the other checkout's code first on the path, our virtualenv's packages
        tools["piflow scan --taint (against)"] = tools["piflow scan --taint"]
        envs["piflow scan --taint (against)"] = {**os.environ, "PYTHONPATH": str(against.resolve())}
    if shutil.which("dexdump") is None:
        del tools["dexdump -d"]
    rows: list[dict[str, object]] = []
    for name, apk in apps(which).items():
        size = apk.stat().st_size
        # the runs of all tools interleave, so that a slow minute of a shared machine hits them alike
        outs = {tool: Path(tempfile.mkdtemp()) / "scan.json" for tool in tools}
        all_runs: dict[str, list[tuple[float, float]]] = {tool: [] for tool in tools}
        for _ in range(repeat):
            for tool, cmd in tools.items():
                all_runs[tool].append(_run(cmd(apk), outs[tool] if tool.startswith("piflow") else None,
                                           envs.get(tool)))
        for tool in tools:
            runs, out = all_runs[tool], outs[tool]
            stats = json.loads(out.read_text())["stats"] if out.exists() else {}
            shutil.rmtree(out.parent, ignore_errors=True)
            rows.append({
                "app": name, "apk_mb": round(size / 1e6, 2), "tool": tool,
                "median_s": round(statistics.median(r[0] for r in runs), 2),
                "median_rss_mb": round(statistics.median(r[1] for r in runs), 1),
                "runs_s": [round(r[0], 2) for r in runs], "runs_rss_mb": [round(r[1], 1) for r in runs],
                "methods": stats.get("methods"), "reachable_methods": stats.get("reachable_methods"),
                "taint_s": stats.get("taint_seconds"), "partial": stats.get("partial"),
            })
            print(f"  {name:20s} {tool:22s} {rows[-1]['median_s']:>7} s "
                  f"{rows[-1]['median_rss_mb']:>8} MiB", file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict[str, object]]) -> str:
    """Markdown table with ratios to the baselines of the same app."""
    out = ["| app | MB | tool | median s | median peak RSS MiB | time vs piflow | RSS vs piflow |",
           "|---|---:|---|---:|---:|---:|---:|"]
    base = {(r["app"]): r for r in rows if r["tool"] == "piflow scan"}
    for r in rows:
        p = base[r["app"]]
        tr = float(r["median_s"]) / max(float(p["median_s"]), 1e-9)  # type: ignore[arg-type]
        mr = float(r["median_rss_mb"]) / max(float(p["median_rss_mb"]), 1e-9)  # type: ignore[arg-type]
        out.append(f"| {r['app']} | {r['apk_mb']} | {r['tool']} | {r['median_s']} | "
                   f"{r['median_rss_mb']} | {tr:.2f}x | {mr:.2f}x |")
    return "\n".join(out)


def against_table(rows: list[dict[str, object]]) -> str:
    """``scan --taint`` of this checkout over the other one: medians and the ratio of each paired run."""
    out = ["| app | this s | other s | time ratio | this RSS MiB | other RSS MiB | RSS ratio | run ratios |",
           "|---|---:|---:|---:|---:|---:|---:|---|"]
    mine = {r["app"]: r for r in rows if r["tool"] == "piflow scan --taint"}
    for r in rows:
        if r["tool"] != "piflow scan --taint (against)":
            continue
        m = mine[r["app"]]
        pairs = [f"{a / b:.3f}" for a, b in zip(m["runs_s"], r["runs_s"], strict=True)]  # type: ignore[call-overload]
        out.append(f"| {r['app']} | {m['median_s']} | {r['median_s']} | "
                   f"{float(m['median_s']) / float(r['median_s']):.3f}x | {m['median_rss_mb']} | "  # type: ignore[arg-type]
                   f"{r['median_rss_mb']} | {float(m['median_rss_mb']) / float(r['median_rss_mb']):.3f}x | "  # type: ignore[arg-type]
                   f"{' '.join(pairs)} |")
    return "\n".join(out)


def growth(rows: list[dict[str, object]], tool: str = "piflow scan --taint") -> str:
    """How time and memory of ``tool`` grow with app size: per-app figures and log-log slopes.

    The slope between two apps is log(t2/t1) / log(n2/n1) over their method
    counts: 1 is linear growth, 2 quadratic.
    """
    mine = sorted((r for r in rows if r["tool"] == tool and r.get("methods")),
                  key=lambda r: int(r["methods"]))  # type: ignore[call-overload]
    out = [f"| app | methods | reachable | {tool} s | taint s | peak RSS MiB | ms per 1000 methods | "
           "time slope | RSS slope |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    prev: dict[str, object] | None = None
    for r in mine:
        n, t, m = int(r["methods"]), float(r["median_s"]), float(r["median_rss_mb"])  # type: ignore[call-overload, arg-type]
        ts = ms = "–"
        if prev is not None and n > int(prev["methods"]):  # type: ignore[call-overload]
            ratio = math.log(n / int(prev["methods"]))  # type: ignore[call-overload]
            ts = f"{math.log(t / float(prev['median_s'])) / ratio:.2f}"  # type: ignore[arg-type]
            ms = f"{math.log(m / float(prev['median_rss_mb'])) / ratio:.2f}"  # type: ignore[arg-type]
        out.append(f"| {r['app']} | {n} | {r['reachable_methods']} | {t} | {r['taint_s']} | {m} | "
                   f"{1e6 * t / n:.0f} | {ts} | {ms} |")
        prev = r
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--apps", default="", help="comma-separated subset of app names")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    ap.add_argument("--against", type=Path, help="another checkout whose scan --taint runs too (same run)")
    ap.add_argument("--fetch", action="store_true", help="only fetch the --apps, print paths")
    args = ap.parse_args()
    if args.fetch:
        for name, path in apps([a for a in args.apps.split(",") if a] or None).items():
            print(f"{name}\t{path}")
        return
    rows = measure(max(1, args.repeat), [a for a in args.apps.split(",") if a], args.against)
    print(table(rows))
    if args.against:
        print(f"\nAgainst {args.against} (same run, interleaved):\n")
        print(against_table(rows))
    print("\nGrowth with app size (full scan with taint):\n")
    print(growth(rows))
    print(f"\n{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; repeat={args.repeat}; "
          f"{time.strftime('%Y-%m-%d %H:%M:%S')}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
