"""Snapshot the JSON scans (with taint) of a fixed APK set and diff two snapshots: the guard for speed work.

``record`` writes ``piflow scan --taint --format json`` of every DroidBench
dev APK, every ``samples/*/*.apk`` and the real benchmark apps to one JSON
file per APK in a folder; fields that are timings (``seconds``,
``taint_seconds``, ``facts_seconds``) are dropped, since they differ run to
run. ``diff`` compares two such folders and lists every APK whose scan
changed, with the first differing paths. An optimisation must leave the
diff empty.

Usage:
  python bench/snapshot.py record OUT [--only SUBSTR] [--budget S]
  python bench/snapshot.py diff BASE NEW [--ignore KEY,KEY]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.run import CACHE, SHARED  # noqa: E402

TIMINGS = {"seconds", "taint_seconds", "facts_seconds"}


def apk_set() -> dict[str, Path]:
    """Snapshot name → APK, in a fixed order."""
    out: dict[str, Path] = {}
    for p in sorted((SHARED / "corpora" / "droidbench-dev").glob("*/*.apk")):
        out[f"droidbench__{p.parent.name}__{p.stem}"] = p
    for p in sorted((REPO / "samples").glob("*/*.apk")):
        out[f"sample__{p.parent.name}__{p.stem}"] = p
    for name in ("app-uiautomator.apk", "Yosemite.apk"):
        if (CACHE / name).exists():
            out[f"real__{Path(name).stem}"] = CACHE / name
    return out


def _strip(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _strip(x) for k, x in v.items() if k not in TIMINGS}
    if isinstance(v, list):
        return [_strip(x) for x in v]
    return v


def _scan_one(args: tuple[str, str, float]) -> tuple[str, str, float]:
    from analyzer.kb import load_kb
    from analyzer.scan import scan_apk
    from analyzer.serialize import scan_to_dict

    name, path, budget = args
    started = time.perf_counter()
    result = scan_apk(path, load_kb(), taint=True, budget_s=budget)
    text = json.dumps(_strip(scan_to_dict(result)), ensure_ascii=False, indent=1, sort_keys=True)
    return name, text, time.perf_counter() - started


def record(out: Path, only: str, budget: float) -> None:
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(n, str(p), budget) for n, p in apk_set().items() if only in n]
    # one fresh process per APK: no state carries over from one scan to the next
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1, maxtasksperchild=1) as pool:
        for name, text, secs in pool.imap(_scan_one, jobs):
            (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
            print(f"{secs:7.2f} s  {name}", file=sys.stderr, flush=True)


def _drop(v: Any, keys: set[str]) -> Any:
    if isinstance(v, dict):
        return {k: _drop(x, keys) for k, x in v.items() if k not in keys}
    if isinstance(v, list):
        return [_drop(x, keys) for x in v]
    return v


def _first_diffs(a: Any, b: Any, path: str, out: list[str], limit: int = 5) -> None:
    if len(out) >= limit:
        return
    if type(a) is not type(b):
        out.append(f"{path}: {type(a).__name__} -> {type(b).__name__}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: {'added' if k in b else 'removed'}")
            else:
                _first_diffs(a[k], b[k], f"{path}.{k}", out, limit)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items -> {len(b)}")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            _first_diffs(x, y, f"{path}[{i}]", out, limit)
    elif a != b:
        out.append(f"{path}: {str(a)[:80]!r} -> {str(b)[:80]!r}")


def diff(base: Path, new: Path, ignore: set[str] = frozenset()) -> int:  # type: ignore[assignment]
    """Print the APKs whose scans differ (keys in ``ignore`` left out); return how many."""
    names = sorted({p.name for p in base.glob("*.json")} | {p.name for p in new.glob("*.json")})
    changed = 0
    for n in names:
        a, b = base / n, new / n
        if not a.exists() or not b.exists():
            print(f"{n}: only in {'new' if b.exists() else 'base'}")
            changed += 1
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        old, cur = _drop(json.loads(a.read_text()), ignore), _drop(json.loads(b.read_text()), ignore)
        if old == cur:
            continue
        changed += 1
        found: list[str] = []
        _first_diffs(old, cur, "", found)
        print(f"{n}:")
        for line in found:
            print(f"    {line}")
    print(f"{len(names)} scans compared, {changed} differ")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("out", type=Path)
    r.add_argument("--only", default="", help="only APKs whose snapshot name contains this")
    r.add_argument("--budget", type=float, default=600.0)
    d = sub.add_parser("diff")
    d.add_argument("base", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--ignore", default="", help="comma-separated keys to leave out (fields added on purpose)")
    args = ap.parse_args()
    if args.cmd == "record":
        record(args.out, args.only, args.budget)
    else:
        sys.exit(1 if diff(args.base, args.new, {k for k in args.ignore.split(",") if k}) else 0)


if __name__ == "__main__":
    main()
