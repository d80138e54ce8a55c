"""Score piflow's taint analysis on the DroidBench dev split (scoring rules from its README).

A leak is one sink call site that receives sensitive data. Per app:
TP = min(found, expected), FP = max(0, found - expected), FN = max(0,
expected - found); summed over apps and per category, then precision,
recall and F1. FlowDroid's figures on the same split: P 0.912, R 0.570,
F1 0.702. Implicit leaks (``Leak.implicit``: branches on PI decide the sink)
count as leaks, as the suite's ImplicitFlows cases expect them.

Usage: python bench/droidbench.py [--corpus DIR] [--json OUT] [--verbose]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("PIFLOW_SHARED", REPO.parent / "shared")) / "corpora" / "droidbench-dev"


def score(corpus: Path, verbose: bool = False) -> dict[str, object]:
    """Scan every app of the corpus and score it."""
    from analyzer.errors import PiflowError
    from analyzer.kb.catalogue import load_kb
    from analyzer.static.scan import scan_apk

    kb = load_kb()
    rows = list(csv.DictReader((corpus / "ground_truth.csv").open(encoding="utf-8")))
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    apps = []
    started = time.perf_counter()
    for r in rows:
        expected = int(r["expected_leaks"])
        try:
            res = scan_apk(corpus / r["apk"], kb, taint=True)
            # DroidBench counts sink statements: a flow's steps (its other sink calls) count too.
            # An intent that a component of the app receives (an implicit one, or one sent to
            # the app's own component: kind icc) is no leak in DroidBench's convention (its data
            # is followed to the receiver's sinks instead).
            counted = [lk for lk in res.leaks if lk.sink_kind != "icc"
                       and not (lk.sink_kind == "icc_implicit" and lk.receivers)]
            # (not the calls that send on what a sink call returned without being handed the data:
            # connect on a connection)
            found = len({(lk.sink, lk.sink_api) for lk in counted}
                        | {(st.site, st.api) for lk in counted for st in lk.steps if not st.follows})
            err = ""
        except PiflowError as e:
            found, err = 0, str(e)
        tp, fp, fn = min(found, expected), max(0, found - expected), max(0, expected - found)
        c = per_cat[r["category"]]
        c[0] += tp
        c[1] += fp
        c[2] += fn
        apps.append({"category": r["category"], "name": r["name"], "expected": expected,
                     "found": found, "error": err})
        if verbose and (fp or fn):
            print(f"  {r['category']}/{r['name']}: expected {expected}, found {found} {err}",
                  file=sys.stderr)
    tot = [sum(v[i] for v in per_cat.values()) for i in range(3)]
    return {"apps": apps, "categories": dict(per_cat), "total": tot,
            "seconds": round(time.perf_counter() - started, 1)}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(result: dict[str, object]) -> str:
    """Markdown table per category plus the total."""
    cats = result["categories"]
    assert isinstance(cats, dict)
    lines = ["| category | TP | FP | FN | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name in sorted(cats):
        tp, fp, fn = cats[name]
        p, r, f = _prf(tp, fp, fn)
        lines.append(f"| {name} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
    tp, fp, fn = result["total"]  # type: ignore[misc]
    p, r, f = _prf(tp, fp, fn)
    lines.append(f"| **all** | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | **{f:.3f}** |")
    lines.append("| FlowDroid (reference) | | | | 0.912 | 0.570 | 0.702 |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    result = score(args.corpus, args.verbose)
    print(table(result))
    print(f"\n{len(result['apps'])} apps in {result['seconds']} s")  # type: ignore[arg-type]
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
