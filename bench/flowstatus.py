"""Count the joined flows of real apps by status: how many rest on co-occurrence, how many on a code path.

Each app is scanned once with the taint analysis (``scan_apk(path, taint=True)``, the default budget),
its scan saved as JSON under ``--scans`` (reused on the next run), and joined without a capture or a
declaration (:func:`analyzer.graph.join.build`). Printed per app: the flows by status, the network
leaks, and how many of them have destinations. ``--join-only`` joins saved scans without scanning, so
an older checkout can join the same scans (``PYTHONPATH=OLD python bench/flowstatus.py --join-only``)
for a before/after on the same leaks.

Usage: python bench/flowstatus.py [--scans DIR] [--join-only] [--json OUT] [APK ...]
(no APK: the two reference apps and the real-app set of bench/realapps.py, from the bench cache).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analyzer.graph.join import build
from analyzer.kb.catalogue import load_kb
from analyzer.static.serialize import load_scan, scan_to_dict
from bench.realapps import APPS

CACHE = Path.home() / ".cache" / "piflow-bench"
REFERENCE = (CACHE / "Yosemite.apk", CACHE / "app-uiautomator.apk")


def _apps(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return [p for p in (*REFERENCE, *(a.apk for a in APPS)) if p.is_file()]


def count(scan_json: Path) -> dict[str, Any]:
    """Flow statuses and network leaks of one saved scan."""
    kb = load_kb()
    scan = load_scan(scan_json)
    g = build(kb, scan)
    statuses = Counter(d["status"] for _u, _v, d in g.edges(data=True) if d.get("kind") == "flow")
    net = [lk for lk in scan.leaks if lk.sink_kind in ("network", "webview")]
    return {"flows": dict(sorted(statuses.items())),
            "network_leaks": len(net),
            "with_destinations": sum(1 for lk in net if getattr(lk, "destinations", ())),
            "destinations": sorted({d for lk in net for d in getattr(lk, "destinations", ())})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("apks", nargs="*")
    ap.add_argument("--scans", default="/tmp/piflow-flowstatus", help="where scans are saved and reused")
    ap.add_argument("--join-only", action="store_true", help="join saved scans only (an older checkout)")
    ap.add_argument("--json", help="also write the rows as JSON")
    args = ap.parse_args()
    scans = Path(args.scans)
    scans.mkdir(parents=True, exist_ok=True)
    rows = {}
    for apk in _apps(args.apks):
        saved = scans / f"{apk.stem}.scan.json"
        if not saved.is_file():
            if args.join_only:
                continue
            from analyzer.static.scan import scan_apk
            started = time.perf_counter()
            result = scan_apk(apk, taint=True)
            print(f"{apk.name}: scanned in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            saved.write_text(json.dumps(scan_to_dict(result)), encoding="utf-8")
        rows[apk.name] = row = count(saved)
        flows = ", ".join(f"{n} {s}" for s, n in row["flows"].items()) or "none"
        print(f"{apk.name}: flows {flows}; network leaks {row['network_leaks']}, "
              f"{row['with_destinations']} with destinations {row['destinations'][:8]}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
