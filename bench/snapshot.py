"""Snapshot what piflow prints for a fixed set of apps, and diff two snapshots: the guard for refactors.

``record`` runs, through the command line as a user would, ``piflow scan
--taint --format json`` and ``piflow check --format json`` (with the
sample's capture and declaration when it has them) for every DroidBench dev
APK, every TaintBench dev APK, every ``samples/*/*.apk`` and the two real
reference apps, and writes one JSON file per command and APK to a folder.
What legitimately differs run to run is dropped: the measured times
(``seconds``, ``taint_seconds``, ``facts_seconds``; in text, ``0.27 s``).
For the samples it also keeps the text formats as printed: scan and check
tables, Markdown, SARIF, HTML, and what ``declaration`` and ``traffic``
print. ``diff`` compares two such folders and lists every file that
changed, with the first differing paths. A refactor must leave the diff
empty.

``--piflow`` names the executable, so a snapshot of another checkout (its
own virtualenv) is taken the same way. The budget is large (600 s) so that
no result is cut short by a slow moment of a shared machine.

Usage:
  python bench/snapshot.py record OUT [--only SUBSTR] [--jobs N] [--piflow EXE] [--budget S]
  python bench/snapshot.py diff BASE NEW [--ignore KEY,KEY] [--only SUBSTR]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.run import CACHE, SHARED  # noqa: E402

VOLATILE = {"seconds", "taint_seconds", "facts_seconds"}
"""Keys whose values are measured times: left out of every snapshot (the version does not change)."""


def apk_set() -> dict[str, tuple[Path, list[str]]]:
    """Snapshot name → (APK, extra ``check`` arguments), in a fixed order."""
    out: dict[str, tuple[Path, list[str]]] = {}
    for p in sorted((SHARED / "corpora" / "droidbench-dev").glob("*/*.apk")):
        out[f"droidbench__{p.parent.name}__{p.stem}"] = (p, [])
    for p in sorted((SHARED / "corpora" / "taintbench-dev" / "apks").glob("*.apk")):
        out[f"taintbench__{p.stem}"] = (p, [])
    for p in sorted((REPO / "samples").glob("*/*.apk")):
        extra: list[str] = []
        if (p.parent / "capture").is_dir():
            extra += ["--capture", str(p.parent / "capture")]
        if (p.parent / "declaration.yaml").exists():
            extra += ["--declaration", str(p.parent / "declaration.yaml")]
        out[f"sample__{p.parent.name}__{p.stem}"] = (p, extra)
    for name in ("app-uiautomator.apk", "Yosemite.apk"):
        if (CACHE / name).exists():
            out[f"real__{Path(name).stem}"] = (CACHE / name, [])
    return out


def _strip(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _strip(x) for k, x in v.items() if k not in VOLATILE}
    if isinstance(v, list):
        return [_strip(x) for x in v]
    return v


def _run(argv: list[str]) -> tuple[str, int, float]:
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    secs = time.perf_counter() - started
    if proc.stdout.strip().startswith(("{", "[")):
        text = json.dumps(_strip(json.loads(proc.stdout)), ensure_ascii=False, indent=1, sort_keys=True)
    else:  # an error: what the user saw is the snapshot
        text = json.dumps({"exit": proc.returncode, "stderr": proc.stderr.strip().splitlines()[-1:]},
                          indent=1)
    return text, proc.returncode, secs


def _one(job: Job) -> str:
    name, exe, argv, out = job
    if name.endswith(".txt"):  # a text format: kept as printed
        started = time.perf_counter()
        proc = subprocess.run([exe, *argv], capture_output=True, text=True, check=False)
        secs = time.perf_counter() - started
        (out / name).write_text(proc.stdout + f"\n[exit {proc.returncode}]", encoding="utf-8")
        return f"{secs:7.2f} s  exit {proc.returncode}  {name}"
    text, rc, secs = _run([exe, *argv])
    (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    return f"{secs:7.2f} s  exit {rc}  {name}"


Job = tuple[str, str, list[str], Path]
"""Output file name, piflow executable, arguments, output folder."""


def _sample_formats(name: str, apk: Path, extra: list[str], exe: str, out: Path) -> list[Job]:
    """The other formats users read, for the samples: scan and check tables, Markdown, SARIF, HTML, and
    what ``declaration`` and ``traffic`` print."""
    jobs: list[Job] = [(f"{name}__scan_table.txt", exe, ["scan", "-q", "--taint", str(apk)], out)]
    for fmt in ("table", "markdown", "sarif", "html"):
        argv = ["check", "-q", "--format", fmt, str(apk), *extra]
        jobs.append((f"{name}__check_{fmt}.txt", exe, argv, out))
    decl = apk.parent / "declaration.yaml"
    capture = apk.parent / "capture"
    for fmt in ("table", "json"):
        if decl.exists():
            argv = ["declaration", "-q", "--format", fmt, str(decl)]
            jobs.append((f"{name}__declaration_{fmt}.txt", exe, argv, out))
        if capture.is_dir():
            argv = ["traffic", "-q", "--format", fmt, str(capture)]
            jobs.append((f"{name}__traffic_{fmt}.txt", exe, argv, out))
    return jobs


def record(out: Path, only: str, jobs: int, exe: str, budget: float) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work: list[tuple[int, Job]] = []
    for name, (apk, extra) in apk_set().items():
        if only not in name:
            continue
        b = ["--budget", str(budget)]
        size = apk.stat().st_size
        work.append((size, (f"{name}__scan", exe, ["scan", "-q", "--taint", "--format", "json", *b, str(apk)],
                            out)))
        work.append((size, (f"{name}__check", exe, ["check", "-q", "--format", "json", *b, str(apk), *extra],
                            out)))
        if name.startswith("sample__"):
            work.extend((size, j) for j in _sample_formats(name, apk, extra, exe, out))
    # the big apps first, so that the pool does not wait for one at the end
    work.sort(key=lambda j: -j[0])
    with ThreadPoolExecutor(jobs) as pool:
        for line in pool.map(_one, [j for _size, j in work]):
            print(line, file=sys.stderr, flush=True)


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


def _untimed(text: str) -> str:
    """A printed text with its measured times (``0.27 s``) blanked."""
    return re.sub(r"\b\d+(?:\.\d+)? s\b", "_ s", text)


def diff(base: Path, new: Path, ignore: set[str] = frozenset(), only: str = "") -> int:  # type: ignore[assignment]
    """Print the files whose snapshots differ (keys in ``ignore`` left out); return how many."""
    names = sorted(n for n in {p.name for p in base.glob("*.*")} | {p.name for p in new.glob("*.*")}
                   if only in n)
    changed = 0
    for n in names:
        a, b = base / n, new / n
        if not a.exists() or not b.exists():
            print(f"{n}: only in {'new' if b.exists() else 'base'}")
            changed += 1
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        if a.suffix == ".txt":
            if _untimed(a.read_text(encoding="utf-8")) != _untimed(b.read_text(encoding="utf-8")):
                changed += 1
                print(f"{n}: text differs")
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
    print(f"{len(names)} outputs compared, {changed} differ")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("out", type=Path)
    r.add_argument("--only", default="", help="only APKs whose snapshot name contains this")
    r.add_argument("--jobs", type=int, default=2, help="commands run at once")
    r.add_argument("--piflow", default=str(Path(sys.executable).parent / "piflow"),
                   help="the piflow executable (default: the one beside this Python)")
    r.add_argument("--budget", type=float, default=600.0)
    d = sub.add_parser("diff")
    d.add_argument("base", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--ignore", default="", help="comma-separated keys to leave out (fields added on purpose)")
    d.add_argument("--only", default="", help="only outputs whose name contains this")
    args = ap.parse_args()
    if args.cmd == "record":
        record(args.out, args.only, args.jobs, args.piflow, args.budget)
    else:
        sys.exit(1 if diff(args.base, args.new, {k for k in args.ignore.split(",") if k}, args.only) else 0)


if __name__ == "__main__":
    main()
