"""HTML report at real-app scale: render, page-ready and filter times of the flow view against the old report.

Two documents: the reference app's (``Yosemite.apk``, 24.6 MB, checked in-process here, no capture) and
a generated one (``tests/bigdoc.py``: 50 SDKs, 200 hosts, 40 PI types). Each is rendered by this
checkout and by a baseline checkout (default: commit ``25ddf99``, the report before the flow view,
extracted with ``git archive`` into a temporary folder and run in a subprocess), then opened in
Debian's Chromium, interleaved, ``--repeat`` times; medians are reported:

- render: ``render_html`` in Python (seconds), and the file's size;
- first screen: ms from navigation until the flow table is built (``data-flow-ready``; the old report
  has no flow table: the end of its script, graph built, is its first complete screen), and ready:
  until the page's script is done (``data-ready``: the new report builds the full graph after the first
  screen is painted, so its ready includes that paint), both seen by a ``MutationObserver``;
- filter: ms from setting a filter until the next frame is painted: one PI type (the old report's
  first PI checkbox over the graph; the flow table's PI type filter) and, new only, a host typed into
  the search box.

``--screenshot PATH`` also saves the reference app's first screen at 1366x768.

Usage: python bench/html_view.py [--repeat N] [--baseline REV] [--screenshot PNG] [--doc-cache DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyzer.report.html.render import render_html  # noqa: E402
from tests.bigdoc import big_doc  # noqa: E402
from tests.e2e.test_html_flowview import OVERLAPS  # noqa: E402

CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench"))
APK = CACHE / "Yosemite.apk"
CHROMIUM = "/usr/bin/chromium"
RENDER_OLD = """
import json, sys, time
from analyzer.report.html.render import render_html
doc = json.load(open(sys.argv[1], encoding="utf-8"))
t = time.perf_counter(); html = render_html(doc, "en"); dt = time.perf_counter() - t
open(sys.argv[2], "w", encoding="utf-8").write(html)
print(dt)
"""
MARKS = """new MutationObserver(() => {
  const d = document.body ? document.body.dataset : {}, t = (window.__marks = window.__marks || {});
  if (d.flowReady && !t.flows) { t.flows = performance.now(); }
  if (d.ready && !t.ready) { t.ready = performance.now(); }
}).observe(document, {subtree: true, attributes: true,
                        attributeFilter: ["data-ready", "data-flow-ready"]});"""
"""Times (ms since navigation) at which each report marks its parts done, old and new alike."""
FRAME = """([sel, v, ev]) => new Promise(done => {
  const e = document.querySelector(sel), t = performance.now();
  if (e.type === 'checkbox') { e.checked = !e.checked; } else { e.value = v; }
  e.dispatchEvent(new Event(ev, {bubbles: true}));
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
})"""


def reference_doc(cache: Path | None) -> dict[str, Any]:
    """The reference app's check document (no capture), from ``cache`` when it holds one."""
    saved = cache / "Yosemite.check.json" if cache else None
    if saved and saved.exists():
        return dict(json.loads(saved.read_text(encoding="utf-8")))
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check

    if not APK.exists():
        sys.exit(f"{APK} is missing: python bench/run.py --fetch")
    t = time.perf_counter()
    doc = json.loads(json.dumps(to_json(run_check(CheckRequest(target=APK)), "en")))
    print(f"checked {APK.name} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    if saved:
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(doc), encoding="utf-8")
        saved.chmod(0o600)
    return doc


def baseline_tree(rev: str, into: Path) -> Path:
    """``analyzer/`` of ``rev``, extracted (no worktree registered)."""
    tar = into / "base.tar"
    subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(tar), rev, "analyzer"], check=True)
    with tarfile.open(tar) as t:
        t.extractall(into / "base", filter="data")
    return into / "base"


def render_old(base: Path, doc_path: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(base)}
    proc = subprocess.run(
        [sys.executable, "-c", RENDER_OLD, str(doc_path), str(out)],
        env=env,
        cwd=base,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(proc.stdout.strip())


def page_times(browser: Any, html: Path, new: bool, search: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.add_init_script(MARKS)
    page.goto(html.as_uri())
    page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=300_000)
    marks = page.evaluate("() => window.__marks")
    out = {"ready_ms": float(marks["ready"]), "first_ms": float(marks["flows" if new else "ready"])}
    if new:
        pi = page.evaluate("() => document.querySelectorAll('#flow-pi option')[1].value")
        out["pi_ms"] = float(page.evaluate(FRAME, ["#flow-pi", pi, "input"]))
        out["search_ms"] = float(page.evaluate(FRAME, ["#flow-search", search, "input"]))
    else:  # the old report's PI filter: a checkbox per PI type over the graph
        out["pi_ms"] = float(page.evaluate(FRAME, ["input.pi-filter", "", "change"]))
        out["search_ms"] = float("nan")
    page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline", default="25ddf99", help="revision of the old report (default 25ddf99)")
    ap.add_argument("--screenshot", type=Path, help="save the reference app's first screen (1366x768) here")
    ap.add_argument(
        "--doc-cache",
        type=Path,
        default=CACHE / "html_view",
        help="keep the reference app's check document here between runs (delete it when the check changes)",
    )
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    docs = {"Yosemite (24.6 MB)": reference_doc(args.doc_cache), "generated 50 SDKs/200 hosts": big_doc()}
    search = {"Yosemite (24.6 MB)": "qq.com", "generated 50 SDKs/200 hosts": "h42.api"}
    rows = []
    labels: list[tuple[str, str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        tmp = Path(d)
        base = baseline_tree(args.baseline, tmp)
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for name, doc in docs.items():
            doc_path = tmp / "doc.json"
            doc_path.write_text(json.dumps(doc), encoding="utf-8")
            runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
            sizes = {}
            for _ in range(args.repeat):
                for which in ("old", "new"):  # interleaved: the same load for both
                    out = tmp / f"{which}.html"
                    if which == "old":
                        render_s = render_old(base, doc_path, out)
                    else:
                        t = time.perf_counter()
                        html = render_html(doc, "en")
                        render_s = time.perf_counter() - t
                        out.write_text(html, encoding="utf-8")
                    sizes[which] = out.stat().st_size
                    runs[which].append(
                        {"render_s": render_s, **page_times(browser, out, which == "new", search[name])}
                    )
            for which in ("old", "new"):
                med = {k: statistics.median(r[k] for r in runs[which]) for k in runs[which][0]}
                rows.append((name, which, sizes[which], med))
                print(
                    f"{name:28s} {which}: {json.dumps({k: round(v, 3) for k, v in med.items()})}",
                    file=sys.stderr,
                    flush=True,
                )
        if args.screenshot:
            out = tmp / "shot.html"
            out.write_text(render_html(docs["Yosemite (24.6 MB)"], "en"), encoding="utf-8")
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(out.as_uri())
            page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=300_000)
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.screenshot))
            print(f"screenshot: {args.screenshot}", file=sys.stderr)
            page.close()
        for name, doc in docs.items():  # the default view's labels, as the e2e test checks the generated one
            out = tmp / "labels.html"
            out.write_text(render_html(doc, "en"), encoding="utf-8")
            for w, h in ((1366, 768), (1920, 1080)):
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(out.as_uri())
                page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=300_000)
                res = page.evaluate(OVERLAPS)
                page.close()
                labels.append((name, f"{w}x{h}", res))
        browser.close()
    for name, size, res in labels:
        bad = res["overlaps"] or res["clipped"] or res["small"] or res["hscroll"]
        print(f"{name} {size}: {res['n']} labels on the first screen, {res['rows']} rows; overlapping "
              f"{res['overlaps']}, clipped {res['clipped']}, under 11 px {res['small']}, "
              f"horizontal scroll {res['hscroll']}{'  <- NOT CLEAN' if bad else ''}")
    load = os.getloadavg()[0]
    print(f"\n{args.repeat} runs each, medians, load average {load:.1f}; old = {args.baseline}\n")
    head = (
        "document",
        "report",
        "size MB",
        "render s",
        "first screen ms",
        "ready ms",
        "PI filter ms",
        "search ms",
    )
    print("| " + " | ".join(head) + " |")
    print("|---|---|---|---|---|---|---|---|")
    for name, which, size, m in rows:
        cells = [
            name,
            which,
            f"{size / 1e6:.2f}",
            f"{m['render_s']:.2f}",
            f"{m['first_ms']:.0f}",
            f"{m['ready_ms']:.0f}",
            f"{m['pi_ms']:.0f}",
            "-" if m["search_ms"] != m["search_ms"] else f"{m['search_ms']:.0f}",
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
