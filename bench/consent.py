"""Pre-consent hits per APK, flagged and gated (bench/NOTES.md, "Session 11: consent gates").

For each APK a static scan (``scan_apk``, no taint) runs in-process and the
hits of ``ScanResult.pre_consent`` are counted by kind (``sdk_call``,
``pi_access``, ``permission_request``), apart for those with a ``gate``
(a consent flag at its first-launch default keeps them out of the window).
Also printed: the scan's CPU time and the CPU time of the pre-consent phase
(``find_consent``, or ``find_pre_consent`` in a checkout without gates), so a
checkout before the change can be measured the same way::

    PYTHONPATH=$PWD python bench/consent.py APK... [--json OUT]
    (cd OTHER_CHECKOUT && PYTHONPATH=$PWD python /path/to/bench/consent.py APK...)
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import analyzer.static.scan as scan

KINDS = ("sdk_call", "pi_access", "permission_request")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("apks", nargs="+", type=Path)
    ap.add_argument("--json", type=Path, help="also write every gated hit and gate here")
    args = ap.parse_args()
    name = "find_consent" if hasattr(scan, "find_consent") else "find_pre_consent"
    phase = getattr(scan, name)
    spent = [0.0]

    def timed(*a: Any, **k: Any) -> Any:
        t = time.process_time()
        try:
            return phase(*a, **k)
        finally:
            spent[0] += time.process_time() - t

    setattr(scan, name, timed)
    out: dict[str, Any] = {}
    for apk in args.apks:
        spent[0] = 0.0
        t = time.process_time()
        r = scan.scan_apk(apk, budget_s=600)
        total = time.process_time() - t
        flagged = {k: 0 for k in KINDS}
        gated = {k: 0 for k in KINDS}
        for h in r.pre_consent:
            (gated if getattr(h, "gate", "") else flagged)[h.kind] += 1
        print(f"{apk.name}: flagged {flagged} gated {gated} scan {total:.1f}s cpu, "
              f"{name} {spent[0]:.2f}s cpu", flush=True)
        out[str(apk)] = {
            "flagged": flagged, "gated": gated, "scan_cpu_s": round(total, 2),
            "phase_cpu_s": round(spent[0], 2),
            "gated_hits": [[h.kind, h.api, str(h.location), h.gate]
                           for h in r.pre_consent if getattr(h, "gate", "")],
            "gates": [[list(g.flags), list(g.openers), g.gated, [str(p) for p in g.preset]]
                      for g in getattr(r, "consent_gates", ())],
        }
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
