"""HTML report cost: render time and size per sample app, and Chromium load time on a scaled-up document.

    python bench/html_report.py            # every sample's real check document, then the tracker's ×N

The scaled document is the tracker sample's with its graph and findings
copied N times under renamed ids (``pi:device.imei#3``, ``host:3.alog.umeng.com``),
so paths, filters and the inventory have N times the work; it stands in for a
large app until a real one is in the bench corpus.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyzer.check.document import to_json  # noqa: E402
from analyzer.check.run import CheckRequest, run_check  # noqa: E402
from analyzer.declaration.load import load_declaration  # noqa: E402
from analyzer.report.html.render import render_html  # noqa: E402

SAMPLES = REPO / "samples"


def sample_doc(app: Path) -> dict[str, Any]:
    cap, decl = app / "capture", app / "declaration.yaml"
    req = CheckRequest(target=app / f"{app.name}.apk", captures=(cap,) if cap.is_dir() else ())
    res = run_check(req, load_declaration(decl) if decl.exists() else None)
    return json.loads(json.dumps(to_json(res, "en")))


def _rename(nid: str, i: int) -> str:
    kind, _, rest = nid.partition(":")
    if kind == "host":
        return f"host:{i}.{rest}"
    return nid if kind in ("app", "sink", "country") else f"{nid}#{i}"


def scaled(doc: dict[str, Any], n: int) -> dict[str, Any]:
    """``doc`` with every non-app node, edge and finding copied ``n`` times under renamed ids."""
    out = copy.deepcopy(doc)
    g = out["graph"]
    nodes, edges, findings = list(g["nodes"]), list(g["edges"]), list(out["findings"])
    g["nodes"], g["edges"], out["findings"] = [], [], []
    seen: set[str] = set()
    for i in range(n):
        for nd in nodes:
            c = dict(nd, id=_rename(nd["id"], i))
            if c["id"] not in seen:
                seen.add(c["id"])
                g["nodes"].append(c)
        for e in edges:
            g["edges"].append(dict(e, source=_rename(e["source"], i), target=_rename(e["target"], i)))
        for f in findings:
            subj = " -> ".join(
                ": ".join(_rename(t, i) for t in part.split(": ")) for part in f["subject"].split(" -> ")
            )
            out["findings"].append(dict(f, subject=subj, fingerprint=f"{f['fingerprint']}-{i}"))
    return out


def browser_ready_s(html: str) -> float:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        path = Path(d) / "r.html"
        path.write_text(html, encoding="utf-8")
        b = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = b.new_page()
        t = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=120_000)
        dt = time.perf_counter() - t
        b.close()
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=int, default=25, help="copies of the tracker document (default 25)")
    args = ap.parse_args()
    head = ("document", "nodes", "edges", "findings", "render s", "KiB", "chromium s")
    print(f"{head[0]:<22} {head[1]:>6} {head[2]:>6} {head[3]:>8} {head[4]:>9} {head[5]:>6} {head[6]:>10}")
    docs = [(p.name, sample_doc(p)) for p in sorted(SAMPLES.iterdir()) if (p / f"{p.name}.apk").exists()]
    tracker = dict(docs)["tracker"]
    docs.append((f"tracker x{args.scale}", scaled(tracker, args.scale)))
    for name, doc in docs:
        t = time.perf_counter()
        html = render_html(doc, "en")
        dt = time.perf_counter() - t
        ready = browser_ready_s(html) if name in ("tracker", f"tracker x{args.scale}") else float("nan")
        g = doc["graph"]
        print(f"{name:<22} {len(g['nodes']):>6} {len(g['edges']):>6} {len(doc['findings']):>8} {dt:>9.3f} "
              f"{len(html.encode()) / 1024:>6.0f} {ready:>10.2f}")


if __name__ == "__main__":
    main()
