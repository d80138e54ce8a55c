"""The HTML report's first screen, the aggregated flow table, in real headless Chromium at a real app's scale.

On a generated document (50 SDKs, 200 hosts, 40 PI types, ``tests/bigdoc.py``): render time, no two
visible labels overlapping at 1366x768 and 1920x1080, filters (rows counted against the Python rows),
drill-down to code paths; on the tracker sample's real document: drill-down to its captured requests and
to the full graph, and Chinese labels drawn with real glyphs. Screenshots go to ``$PIFLOW_ARTIFACTS``
(default ``tests/artifacts/``, gitignored); the test prints where.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from analyzer.report.html.flows import flow_rows
from analyzer.report.html.render import UI, render_html
from analyzer.report.html.view import finding_paths, graph_parts
from tests.bigdoc import big_doc
from tests.conftest import REPO, reference_app
from tests.e2e.browser import assert_clean, open_report

Doc = Callable[[str], dict[str, Any]]
ARTIFACTS = Path(os.environ.get("PIFLOW_ARTIFACTS") or REPO / "tests" / "artifacts")
RENDER_S = 15.0
"""Generous bounds (a loaded 2-core CI box): rendering the big document in Python, and in Chromium."""
FIRST_SCREEN_MS = 15_000
IMG = "<img src=x onerror=alert(1)>"
CLOSE = "</script><script>alert(1)</script>"

OVERLAPS = """() => {
  const vw = innerWidth, vh = innerHeight;
  const clip = (e, r) => {  // the part of r its scrolling ancestors show (none under the table's head)
    let x1 = r.left, y1 = r.top, x2 = r.right, y2 = r.bottom;
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowY === 'visible') continue;
      const b = a.getBoundingClientRect(), head = a.classList.contains('flow-scroll') ? 30 : 0;
      x1 = Math.max(x1, b.left); y1 = Math.max(y1, b.top + head);
      x2 = Math.min(x2, b.right); y2 = Math.min(y2, b.bottom);
    }
    return {left: x1, top: y1, right: x2, bottom: y2};
  };
  const seen = [];
  for (const e of document.querySelectorAll('#flow-view .lbl')) {
    const full = e.getBoundingClientRect();
    if (!full.width || !full.height) continue;
    const r = clip(e, full);
    const hidden = r.bottom - r.top < 1 || r.right - r.left < 1;
    if (hidden || r.bottom <= 0 || r.top >= vh || r.left >= vw) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    seen.push({t: e.textContent, r, clipped: e.scrollWidth > e.clientWidth + 1, size});
  }
  const bad = [];
  for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) {
    const a = seen[i].r, b = seen[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 0.5 && h > 0.5) bad.push([seen[i].t, seen[j].t]);
  }
  const texts = xs => xs.map(s => s.t).slice(0, 5);
  return {n: seen.length, overlaps: bad.slice(0, 5), clipped: texts(seen.filter(s => s.clipped)),
          small: texts(seen.filter(s => s.size < 11)),
          hscroll: document.documentElement.scrollWidth > innerWidth,
          rows: document.querySelectorAll('#flow-body tr.flow-row').length};
}"""

SHOWN = "() => document.querySelectorAll('#flow-body tr.flow-row:not(.filtered-out)').length"


def _rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    parts = graph_parts(doc)
    return flow_rows(
        doc, "en", list(zip(doc["findings"], finding_paths(doc["findings"], doc, parts), strict=True)), parts
    )


@pytest.fixture(scope="module")
def big() -> dict[str, Any]:
    return big_doc()


@pytest.fixture(scope="module")
def big_page(
    browser: Browser, big: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Page]:
    t = time.perf_counter()
    html = render_html(big, "en")
    render_s = time.perf_counter() - t
    assert render_s < RENDER_S, render_s
    page, log = open_report(
        browser, html, tmp_path_factory.mktemp("big") / "big.html", 1366, 768, timeout_ms=60_000
    )
    times = page.evaluate("() => window.piflowTimes")
    print(
        f"big document: render {render_s:.2f} s, {len(html.encode()) / 1e6:.1f} MB, "
        f"first screen {times['flows']:.0f} ms, graph ready {times['ready']:.0f} ms"
    )
    assert times["flows"] < FIRST_SCREEN_MS
    assert_clean(log)
    yield page
    page.close()


def _reset(page: Page) -> None:
    page.click("#flow-reset")


def _artifact(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
    return path


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_big_first_screen_labels_do_not_overlap(big_page: Page, size: tuple[int, int]) -> None:
    big_page.set_viewport_size({"width": size[0], "height": size[1]})
    big_page.evaluate("() => window.scrollTo(0, 0)")
    res = big_page.evaluate(OVERLAPS)
    assert res["rows"] > 100
    assert res["n"] > 60  # the headline, the filters' neighbours, a screen of rows, the articles
    assert res["overlaps"] == [] and res["clipped"] == [] and res["small"] == []
    assert res["hscroll"] is False
    rows_on_screen = big_page.evaluate(
        "() => { const b = document.querySelector('.flow-scroll').getBoundingClientRect();"
        " return Array.from(document.querySelectorAll('#flow-body tr.flow-row'))"
        ".filter(r => r.getBoundingClientRect().bottom <= Math.min(b.bottom, innerHeight)).length; }"
    )
    assert rows_on_screen >= 5  # the first screen answers: which PI, to whom, on what evidence
    _artifact(big_page, f"flowview-big-{size[0]}x{size[1]}.png")


def test_big_headline_and_rows_match_the_python_rows(big_page: Page, big: dict[str, Any]) -> None:
    rows = _rows(big)
    assert big_page.evaluate("() => window.piflowFlows.rows.length") == len(rows)
    assert big_page.evaluate(SHOWN) == len(rows)
    assert big_page.inner_text("#flow-count").startswith(f"{len(rows)} / {len(rows)}")


def _set(page: Page, sel: str, value: str) -> float:
    """Set a filter the way a user does; the time the page took, layout included (ms)."""
    return float(
        page.evaluate(
            """([sel, v]) => { const e = document.querySelector(sel), t = performance.now(); e.value = v;
           e.dispatchEvent(new Event('input', {bubbles: true})); document.body.offsetHeight;
           return performance.now() - t; }""",
            [sel, value],
        )
    )


def test_big_filters_count_rows(big_page: Page, big: dict[str, Any]) -> None:
    rows = _rows(big)
    _reset(big_page)
    sdk = next(r["collector"] for r in rows if r["collector_kind"] == "sdk")
    host = (
        rows[7]["hosts"][0]["host"]
        if rows[7]["hosts"]
        else next(r["hosts"][0]["host"] for r in rows if r["hosts"])
    )
    cases: list[tuple[str, str, Callable[[dict[str, Any]], bool]]] = [
        ("#flow-pi", rows[0]["pi"], lambda r: r["pi"] == rows[0]["pi"]),
        ("#flow-collector", sdk, lambda r: r["collector"] == sdk),
        ("#flow-article", "Art 13", lambda r: "Art 13" in r["articles"]),
        ("#flow-phase", "consent-refused", lambda r: "consent-refused" in r["phases"]),
        ("#flow-evidence", "wire", lambda r: r["evidence"] == "wire"),
        ("#flow-search", host, lambda r: any(host in h["host"] for h in r["hosts"])),
    ]
    slowest = 0.0
    for sel, value, want in cases:
        slowest = max(slowest, _set(big_page, sel, value))
        n = sum(1 for r in rows if want(r))
        assert 0 < n < len(rows), sel
        assert big_page.evaluate(SHOWN) == n, sel
        _set(big_page, sel, "")
        assert big_page.evaluate(SHOWN) == len(rows)
    _set(big_page, "#flow-pi", rows[0]["pi"])
    _set(big_page, "#flow-evidence", "wire")
    both = sum(1 for r in rows if r["pi"] == rows[0]["pi"] and r["evidence"] == "wire")
    assert big_page.evaluate(SHOWN) == both
    groups = big_page.evaluate(
        "() => document.querySelectorAll('#flow-body tr.group:not(.filtered-out)').length"
    )
    assert groups == (1 if both else 0)  # grouped by PI type: only its group is left
    _set(big_page, "#flow-search", "no-such-host.invalid")
    assert big_page.evaluate(SHOWN) == 0
    _reset(big_page)
    assert big_page.evaluate(SHOWN) == len(rows)
    print(f"slowest filter: {slowest:.0f} ms")
    assert slowest < 3000


def test_big_group_by_recipient_and_article_button(big_page: Page, big: dict[str, Any]) -> None:
    rows = _rows(big)
    _reset(big_page)
    _set(big_page, "#flow-group", "recipient")
    heads = big_page.evaluate(
        "() => Array.from(document.querySelectorAll('#flow-body tr.group')).map(g => g.dataset.group)"
    )
    assert sorted(heads) == sorted({r["recipient"] for r in rows})
    btn = big_page.locator("#flow-articles button.article-btn[data-article='Art 10']")
    btn.click()
    assert big_page.evaluate(SHOWN) == sum(1 for r in rows if "Art 10" in r["articles"])
    btn.click()
    assert big_page.evaluate(SHOWN) == len(rows)
    third = next(r["recipient"] for r in rows if r["party"] == "third")
    i = big_page.evaluate(
        "id => Array.from(document.querySelectorAll('#flow-recipients button'))"
        ".findIndex(b => b.dataset.recipient === id)",
        third,
    )
    assert i >= 0
    who = big_page.locator("#flow-recipients button.recipient-btn").nth(i)
    who.click()
    assert big_page.evaluate(SHOWN) == sum(1 for r in rows if r["recipient"] == third)
    assert big_page.evaluate("() => document.getElementById('flow-recipient').value") == third
    _reset(big_page)
    first = big_page.locator("#flow-body tr.group").first
    mine = big_page.evaluate(
        "() => { const g = document.querySelector('#flow-body tr.group'); let n = 0;"
        " for (let r = g.nextElementSibling; r && r.classList.contains('flow-row');"
        " r = r.nextElementSibling) n++; return n; }"
    )
    first.click()  # a group folds and unfolds
    assert big_page.evaluate(SHOWN) == len(rows) - mine and "collapsed" in (
        first.get_attribute("class") or ""
    )
    first.click()
    assert big_page.evaluate(SHOWN) == len(rows)
    by_id = {r["id"]: r for r in rows}
    order = """() => Array.from(document.querySelectorAll('#flow-body tr')).map(
        t => t.classList.contains('group') ? '|' : t.dataset.row).join(' ')"""
    for key, value in (
        ("findings", lambda r: -len(r["findings"])),
        ("where", lambda r: -len(r["hosts"]) - len(r["sinks"])),
    ):
        big_page.locator(f"#flow-table thead th[data-sort='{key}'] button").click()
        assert big_page.get_attribute(f"#flow-table thead th[data-sort='{key}']", "aria-sort") == "descending"
        for group in big_page.evaluate(order).split("|"):
            got = [value(by_id[i]) for i in group.split()]
            assert got == sorted(got), key
    _reset(big_page)


def test_big_drill_down_shows_the_code_path(big_page: Page, big: dict[str, Any]) -> None:
    rows = _rows(big)
    _, edges = graph_parts(big)
    by_id = {e["_id"]: e for e in edges}
    r = next(r for r in rows if r["evidence"] == "code" and any(by_id[i].get("paths") for i in r["edges"]))
    p = next(by_id[i]["paths"][0] for i in r["edges"] if by_id[i].get("paths"))
    _reset(big_page)
    row = big_page.locator(f"#flow-body tr.flow-row[data-row='{r['id']}']")
    row.scroll_into_view_if_needed()
    row.click()
    detail = big_page.locator("#flow-body tr.detail-row")
    assert detail.count() == 1
    text = detail.inner_text()
    for part in (p["source"], p["source_api"], p["sink"], p["sink_api"], " → ".join(p["methods"])):
        assert part in text, part
    row.click()
    assert big_page.locator("#flow-body tr.detail-row").count() == 0


def test_tracker_drill_down_requests_and_graph(browser: Browser, tracker_doc: Doc, tmp_path: Path) -> None:
    doc = tracker_doc("en")
    page, log = open_report(browser, render_html(doc, "en"), tmp_path / "t.html", 1366, 768)
    imei = next(r for r in _rows(doc) if r["pi"] == "pi:device.imei")
    page.locator(f"#flow-body tr.flow-row[data-row='{imei['id']}']").click()
    text = page.locator("#flow-body tr.detail-row").inner_text()
    flow = next(f for f in doc["flows"] if f["pi"] == "device.imei")
    path = flow["paths"][0]
    assert path["source"] in text and path["sink"] in text and path["source_api"] in text
    sent = [e for e in doc["graph"]["edges"] if e["kind"] == "sent" and e["source"] == "pi:device.imei"]
    assert sent
    for e in sent:
        assert e["phase"] in text and e["endpoints"][0] in text and e["locations"][0] in text
    assert UI["en"]["fv_requests"] in text
    page.locator("#flow-body button.dd-graph").click()
    cls = page.evaluate("() => window.piflowCy.getElementById('pi:device.imei').classes()")
    assert "highlighted" in cls
    assert "dimmed" in page.evaluate("() => window.piflowCy.getElementById('pi:device.mac').classes()")
    assert_clean(log)
    page.close()


def test_zh_labels_render_with_cjk_glyphs(browser: Browser, tracker_doc: Doc, tmp_path: Path) -> None:
    doc = tracker_doc("zh")
    page, log = open_report(browser, render_html(doc, "zh"), tmp_path / "zh.html", 1366, 768)
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('#flow-body .pi')).map(e => e.textContent)"
    )
    assert "国际移动设备识别码（IMEI）" in labels
    glyphs = page.evaluate(
        """() => {
          const el = Array.from(document.querySelectorAll('#flow-body .pi'))
            .find(e => e.textContent.includes('国际'));
          const c = document.createElement('canvas'); c.width = c.height = 48;
          const g = c.getContext('2d', {willReadFrequently: true});
          const draw = ch => {
            g.clearRect(0, 0, 48, 48);
            g.font = '36px ' + getComputedStyle(el).fontFamily;
            g.fillText(ch, 4, 38);
            return Array.from(g.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3));
          };
          const a = draw('国'), b = draw('图'), tofu = draw('\\u{10FFFD}');
          const same = (x, y) => x.every((v, i) => v === y[i]);
          return {width: el.getBoundingClientRect().width, ink: a.filter(v => v > 0).length,
                  distinct: !same(a, b), notTofu: !same(a, tofu)};
        }"""
    )
    # real glyphs: ink, and two characters look different (missing glyphs are all the same box)
    assert glyphs["width"] > 0 and glyphs["ink"] > 50 and glyphs["distinct"] and glyphs["notTofu"], glyphs
    assert UI["zh"]["flowview"] in page.inner_text("#flow-view")
    _artifact(page, "flowview-tracker-zh-1366x768.png")
    assert_clean(log)
    page.close()


def test_hostile_strings_in_rows_and_drill_down(browser: Browser, tracker_doc: Doc, tmp_path: Path) -> None:
    doc = tracker_doc("en")
    for n in doc["graph"]["nodes"]:
        if n["id"] == "pi:device.imei":
            n["label"] = CLOSE
        if n["kind"] == "company":
            n["label"] = IMG
    for e in doc["graph"]["edges"]:
        if e["kind"] == "sent":
            e["endpoints"] = [f"http://alog.umeng.com/{IMG}"]
        if e["kind"] == "flow":
            for p in e.get("paths", []):
                p["methods"] = [CLOSE, IMG]
    page, log = open_report(browser, render_html(doc, "en"), tmp_path / "h.html", 1366, 768)
    for i in range(page.locator("#flow-body tr.flow-row").count()):
        page.locator("#flow-body tr.flow-row").nth(i).click()
    text = page.inner_text("#flow-view")
    assert CLOSE in text and IMG in text and f"{CLOSE} → {IMG}" in text
    assert page.evaluate("() => document.images.length") == 0
    assert_clean(log)
    page.close()


def test_long_unbroken_evidence_wraps_never_scrolls_the_page_sideways(
    browser: Browser, tracker_doc: Doc, tmp_path: Path
) -> None:
    doc = tracker_doc("en")
    long = "com.example." + "VeryLongGeneratedClassName" * 12 + ".method(Lcom/example/Arg;)V@0x29"
    doc["findings"][0]["evidence"][0]["summary"] = long
    doc["findings"][0]["subject"] = "app:" + "x" * 200
    page, log = open_report(browser, render_html(doc, "en"), tmp_path / "w.html", 1366, 768)
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert long in page.inner_text("body")
    assert_clean(log)
    page.close()


# --- a real app: the 1.9 MB reference app (the 24.6 MB one is measured by bench/html_view.py) ---------

def test_a_real_apps_first_screen_reads_cleanly(browser: Browser, tmp_path: Path) -> None:
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check

    doc = to_json(run_check(CheckRequest(target=reference_app())), "zh")
    rows = _rows(doc)
    assert rows, "the app reads PI: its flows are rows"
    page, log = open_report(browser, render_html(doc, "zh"), tmp_path / "real.html", 1366, 768)
    try:
        assert_clean(log)
        res = page.evaluate(OVERLAPS)
        assert res["rows"] == len(rows)
        # its server listens on the device (127.0.0.1): nothing of it leaves the device, nor in cleartext
        assert not [r for r in rows if r["party"] in ("third", "unattributed") or r["cleartext"]]
        assert res["overlaps"] == [] and res["clipped"] == [] and res["small"] == []
        assert res["hscroll"] is False
        _artifact(page, "flowview-uiautomator-zh-1366x768.png")
    finally:
        page.close()
