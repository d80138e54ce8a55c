"""The HTML report of the tracker sample's real check document, opened in real headless Chromium.

Debian's ``chromium`` is driven by Playwright (``executable_path``); without it these tests fail (``make
test`` installs it). Every page load records console errors, page errors, dialogs and requests: only the
report's own file:// URL may be requested. The screenshot goes to ``tests/artifacts/`` (gitignored).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page

from analyzer.errors import InputError
from analyzer.report.html.render import UI, csp_hash, render_html
from tests.conftest import REPO, TRACKER
from tests.e2e.browser import assert_clean, open_report

Doc = Callable[[str], dict[str, Any]]
ARTIFACTS = REPO / "tests" / "artifacts"
BIN = Path(sys.executable).parent
HOST = "host:alog.umeng.com"
SDK = "sdk:umeng-analytics"
APP = "app:com.piflow.sample.tracker"
IMG = "<img src=x onerror=alert(1)>"
CLOSE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def report(browser: Browser, tracker_doc: Doc, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    page, log = open_report(
        browser, render_html(tracker_doc("en"), "en"), tmp_path_factory.mktemp("html") / "r.html"
    )
    assert_clean(log)
    yield page
    page.close()


def _classes(page: Page, ids: list[str]) -> dict[str, list[str]]:
    return dict(page.evaluate("ids => ids.map(i => [i, window.piflowCy.getElementById(i).classes()])", ids))


def _visible(page: Page, ids: list[str]) -> dict[str, bool]:
    """Whether each element is displayed: its own display style and, for an edge, both ends'.

    (Not cytoscape's ``visible()``, whose cached value was seen stale right after a class change.)
    """
    js = """ids => ids.map(i => {
        const e = window.piflowCy.getElementById(i), shown = x => x.pstyle('display').value !== 'none';
        return [i, e.isNode() ? shown(e) : shown(e) && shown(e.source()) && shown(e.target())];
    })"""
    return dict(page.evaluate(js, ids))


def _edge(page: Page, source: str, target: str, key: str) -> str:
    eid = page.evaluate(
        "([s, t, k]) => window.piflowCy.edges().filter(e => e.data('source') === s && e.data('target') === t"
        " && e.data('key') === k).map(e => e.id())",
        [source, target, key],
    )
    assert len(eid) == 1, (source, target, key)
    return str(eid[0])


def _finding(page: Page, fp: str, what: str = "article.finding") -> Locator:
    """The finding's element (or its ``button.finding-head``), found by data-fp, not by a selector."""
    i = page.evaluate(
        "([sel, fp]) => Array.from(document.querySelectorAll(sel)).findIndex(e => e.dataset.fp === fp)",
        [what, fp],
    )
    assert i >= 0, fp
    return page.locator(what).nth(i)


def _fp(doc: dict[str, Any], rule: str, subject: str) -> str:
    return str(
        next(f["fingerprint"] for f in doc["findings"] if f["rule"] == rule and f["subject"] == subject)
    )


def test_opens_offline_without_errors_and_screenshot(
    browser: Browser, tracker_doc: Doc, tmp_path: Path
) -> None:
    page, log = open_report(browser, render_html(tracker_doc("en"), "en"), tmp_path / "report.html")
    page.wait_for_timeout(300)
    assert_clean(log)
    ARTIFACTS.mkdir(exist_ok=True)
    shot, graph = ARTIFACTS / "tracker-report.png", ARTIFACTS / "tracker-graph.png"
    page.screenshot(path=str(shot), full_page=True)
    page.locator("#graph-section").screenshot(path=str(graph))
    assert shot.stat().st_size > 10_000 and graph.stat().st_size > 10_000
    print(f"screenshots: {shot} {graph}")
    page.close()


def test_graph_has_the_tracker_nodes_in_columns(report: Page) -> None:
    import yaml

    exp = yaml.safe_load((TRACKER / "expected.yaml").read_text(encoding="utf-8"))
    pis = [f"pi:{p}" for p in exp["pi_types"]]
    ids = set(report.evaluate("() => window.piflowCy.nodes().map(n => n.id())"))
    assert {APP, SDK, HOST, "company:Umeng (Alibaba Group)", "country:CN", *pis} <= ids
    x = dict(report.evaluate("() => window.piflowCy.nodes().map(n => [n.id(), n.position('x')])"))
    assert x[APP] == x[SDK] < x[pis[0]] < x[HOST] < x["country:CN"]
    assert len({x[p] for p in pis}) == 1
    assert (
        report.evaluate("() => window.piflowCy.getElementById('sdk:umeng-analytics').renderedBoundingBox().w")
        > 0
    )


def test_clicking_a_finding_highlights_its_path(report: Page, tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    fp = _fp(doc, "o24-09-1-pi-sent-before-consent", f"pi:device.imei -> {HOST}")
    pre = _edge(report, "pi:device.imei", HOST, "sent:pre-consent")
    given = _edge(report, "pi:device.imei", HOST, "sent:consent-given")
    _finding(report, fp, "button.finding-head").click()
    cls = _classes(report, [APP, SDK, "pi:device.imei", HOST, "pi:device.mac", pre, given])
    for on in (APP, SDK, "pi:device.imei", HOST, pre):
        assert "highlighted" in cls[on] and "dimmed" not in cls[on], on
    for off in ("pi:device.mac", given):
        assert "dimmed" in cls[off] and "highlighted" not in cls[off], off
    selected = report.locator("article.finding.selected")
    assert selected.count() == 1 and selected.get_attribute("data-fp") == fp
    report.click("#clear-highlight")
    assert report.evaluate("() => window.piflowCy.elements('.highlighted, .dimmed').length") == 0


def test_pi_filter_hides_the_pi_its_edges_findings_and_row(report: Page, tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    imei_edges = report.evaluate(
        "() => window.piflowCy.getElementById('pi:device.imei').connectedEdges().map(e => e.id())"
    )
    assert imei_edges
    box = report.locator("input.pi-filter[value='pi:device.imei']")
    box.uncheck()
    vis = _visible(report, ["pi:device.imei", "pi:device.mac", HOST, SDK, *imei_edges])
    assert not vis["pi:device.imei"] and not any(vis[e] for e in imei_edges)
    assert vis["pi:device.mac"] and vis[HOST] and vis[SDK]
    for f in doc["findings"]:
        assert _finding(report, f["fingerprint"]).is_visible() is ("device.imei" not in f["subject"]), f[
            "subject"
        ]
    assert not report.locator("#inventory tr[data-pi='pi:device.imei']").is_visible()
    assert report.locator("#inventory tr[data-pi='pi:device.mac']").is_visible()
    box.check()
    assert all(_visible(report, ["pi:device.imei", *imei_edges]).values())


def test_phase_party_and_finding_filters(report: Page, tracker_doc: Doc) -> None:
    doc = tracker_doc("en")
    pre = _edge(report, "pi:device.mac", HOST, "sent:pre-consent")
    refused = _edge(report, "pi:device.mac", HOST, "sent:consent-refused")
    report.select_option("#filter-phase", "consent-refused")
    vis = _visible(report, [pre, refused])
    assert vis == {pre: False, refused: True}
    before = _finding(report, _fp(doc, "o24-09-1-pi-sent-before-consent", f"pi:device.mac -> {HOST}"))
    after = _finding(report, _fp(doc, "o24-09-1-pi-sent-after-refusal", f"pi:device.mac -> {HOST}"))
    assert not before.is_visible() and after.is_visible()
    report.select_option("#filter-phase", "")
    report.select_option("#filter-party", "first")
    assert _visible(report, [APP, SDK, HOST]) == {APP: True, SDK: False, HOST: False}
    report.select_option("#filter-party", "")
    fp = _fp(doc, "o24-09-1-sdk-init-before-consent", SDK)
    report.select_option("#filter-finding", fp)
    vis = _visible(report, [APP, SDK, "pi:device.imei", HOST])
    assert vis == {APP: True, SDK: True, "pi:device.imei": False, HOST: False}
    assert report.locator("article.finding:visible").count() == 1
    report.select_option("#filter-finding", "")
    report.click("#clear-highlight")
    assert report.locator("article.finding:visible").count() == len(doc["findings"])


def test_tapping_a_node_shows_its_attributes(report: Page) -> None:
    box = report.evaluate(
        "() => { const b = window.piflowCy.getElementById('host:alog.umeng.com').renderedBoundingBox();"
        " return [(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2]; }"
    )
    report.locator("#cy").click(position={"x": box[0], "y": box[1]})
    text = report.inner_text("#details")
    assert text.startswith(HOST) and '"party": "third"' in text and '"domain": "umeng.com"' in text
    edge = _edge(report, "pi:device.imei", HOST, "sent:pre-consent")
    mid = report.evaluate(f"() => window.piflowCy.getElementById('{edge}').renderedMidpoint()")
    report.locator("#cy").click(position={"x": mid["x"], "y": mid["y"]})
    text = report.inner_text("#details")
    assert text.startswith("pi:") and '"key": "sent:' in text and '"locations"' in text


@pytest.mark.parametrize("app", ["insecure", "shop"])
def test_every_finding_of_other_samples_highlights_its_subject(
    browser: Browser, app: str, tmp_path: Path
) -> None:
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check
    from analyzer.declaration.load import load_declaration
    from tests.conftest import SAMPLES

    d = SAMPLES / app
    cap, decl = d / "capture", d / "declaration.yaml"
    res = run_check(
        CheckRequest(target=d / f"{app}.apk", captures=(cap,) if cap.is_dir() else ()),
        load_declaration(decl) if decl.exists() else None,
    )
    doc = json.loads(json.dumps(to_json(res, "en")))
    assert doc["findings"]
    page, log = open_report(browser, render_html(doc, "en"), tmp_path / f"{app}.html")
    ids = {n["id"] for n in doc["graph"]["nodes"]}
    for f in doc["findings"]:
        _finding(page, f["fingerprint"], "button.finding-head").click()
        named = [t for t in re.split(r": | -> ", f["subject"]) if t in ids]
        assert named, f["subject"]
        assert all("highlighted" in c for c in _classes(page, named).values()), f["subject"]
    assert_clean(log)
    page.close()


def _hostile(doc: dict[str, Any]) -> dict[str, Any]:
    """The tracker document with a host, a PI label, the app and a finding carrying markup."""
    for n in doc["graph"]["nodes"]:
        if n["id"] == HOST:
            n["label"] = IMG
        if n["id"] == "pi:device.mac":
            n["label"] = CLOSE
    doc["app"] = IMG
    f = dict(doc["findings"][0])
    f.update(
        fingerprint='"><img src=x onerror=alert(2)>',
        title=IMG,
        message=CLOSE,
        subject=f"pi:device.mac -> {HOST}",
        evidence=[{"kind": "traffic", "summary": f"sent to {IMG} {CLOSE}", "ref": "javascript:alert(3)"}],
        remediation=CLOSE,
    )
    doc["findings"].append(f)
    doc["warnings"] = [CLOSE]
    return doc


def test_hostile_strings_are_shown_as_text(browser: Browser, tracker_doc: Doc, tmp_path: Path) -> None:
    doc = _hostile(tracker_doc("en"))
    page, log = open_report(browser, render_html(doc, "en"), tmp_path / "hostile.html")
    page.wait_for_timeout(300)
    assert_clean(log)
    assert page.evaluate("() => document.images.length") == 0
    assert page.evaluate("() => document.querySelectorAll('script').length") == 3  # data, cytoscape, report
    text = page.inner_text("body")
    assert IMG in text and CLOSE in text
    labels = dict(page.evaluate("() => window.piflowCy.nodes().map(n => [n.id(), n.data('label')])"))
    assert labels[HOST] == IMG and labels["pi:device.mac"] == CLOSE
    _finding(page, doc["findings"][-1]["fingerprint"], "button.finding-head").click()
    assert "highlighted" in _classes(page, ["pi:device.mac"])["pi:device.mac"]
    page.locator("#cy").click(position={"x": 5, "y": 5})
    assert log.dialogs == [] and log.errors == []
    page.close()


def test_zh_report_in_chinese(browser: Browser, tracker_doc: Doc, tmp_path: Path) -> None:
    doc = tracker_doc("zh")
    page, log = open_report(browser, render_html(doc, "zh"), tmp_path / "zh.html")
    assert_clean(log)
    text = page.inner_text("body")
    for key in ("findings", "manual", "inventory", "graph"):
        assert UI["zh"][key] in text
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert doc["findings"][0]["title"] in text and doc["manual"][0]["what"] in text
    label = page.evaluate("() => window.piflowCy.getElementById('pi:device.imei').data('label')")
    assert label == "国际移动设备识别码（IMEI）"
    page.close()


# --- without the browser -------------------------------------------------------------------------


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.urls: list[str] = []
        self.csp = ""
        self._in: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "action")]
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content") or ""
        if tag in ("script", "style"):
            self._in = (tag, a)

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            tag, a = self._in
            (self.scripts.append((a, data)) if tag == "script" else self.styles.append(data))
            self._in = None

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def test_csp_allows_exactly_the_inline_blocks(tracker_doc: Doc) -> None:
    html = render_html(_hostile(tracker_doc("en")), "en")
    p = _Blocks()
    p.feed(html)
    assert p.urls == []
    directives = dict(d.strip().split(" ", 1) for d in p.csp.split(";"))
    assert directives["default-src"] == "'none'"
    code = [body for a, body in p.scripts if "type" not in a]
    assert len(code) == 2 and set(directives["script-src"].split()) == {csp_hash(c) for c in code}
    assert directives["style-src"] == csp_hash(p.styles[0]) and len(p.styles) == 1
    assert "unsafe" not in p.csp and "http" not in p.csp


def test_data_block_cannot_be_closed_and_round_trips(tracker_doc: Doc) -> None:
    html = render_html(_hostile(tracker_doc("en")), "en")
    assert html.count("</script>") == 3 and html.count("<script") == 3
    assert IMG not in html and CLOSE not in html  # only escaped forms
    m = re.search(r'<script type="application/json" id="piflow-data">(.*?)</script>', html, re.S)
    assert m is not None
    data = json.loads(m.group(1))
    labels = {e["data"]["id"]: e["data"]["label"] for e in data["elements"] if e["group"] == "nodes"}
    assert labels[HOST] == IMG and labels["pi:device.mac"] == CLOSE


def test_bad_documents_are_input_errors(tracker_doc: Doc) -> None:
    with pytest.raises(InputError):
        render_html({"schema": "piflow.scan/1"}, "en")
    doc = tracker_doc("en")
    del doc["graph"]
    with pytest.raises(InputError):
        render_html(doc, "en")
    with pytest.raises(InputError):
        render_html(tracker_doc("en"), "fr")


def test_minimal_document_renders() -> None:
    doc = {"schema": "piflow.check/1", "graph": {"nodes": [{"id": "app:a", "kind": "app"}], "edges": []}}
    html = render_html(doc, "zh")
    assert UI["zh"]["no_findings"] in html and "app:a" in html


def test_ui_strings_complete_and_not_dict_attributes() -> None:
    assert set(UI["en"]) == set(UI["zh"])
    assert not set(UI["en"]) & set(dir(dict))  # jinja's t.key would find dict.clear before the key


def test_cli_writes_the_html_report_0600(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = subprocess.run(
        [
            str(BIN / "piflow"),
            "check",
            str(TRACKER / "tracker.apk"),
            "--capture",
            str(TRACKER / "capture"),
            "--declaration",
            str(TRACKER / "declaration.yaml"),
            "--format",
            "html",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert os.stat(out).st_mode & 0o777 == 0o600
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and APP in html and 'id="piflow-data"' in html
    bad = subprocess.run(
        [str(BIN / "piflow"), "check", str(tmp_path / "none.apk"), "--format", "html"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
