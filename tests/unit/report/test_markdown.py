"""The Markdown PR comment: counts and top findings of a real check, rendered by a real CommonMark parser
(markdown-it-py with tables) to prove hostile strings from an APK or capture stay inert text."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from analyzer.report.markdown import md_escape, render_markdown
from tests.conftest import SAMPLES, check_doc

HOSTILE = (
    "x | y\n| injected | row |\r\n<script>alert(1)</script> ![i](http://e/i.png) [l](javascript:alert(1)) "
    "`code` **b** <img src=x onerror=alert(1)> &lt;already&gt; \\| \u2028next\x00"
)


def _html(md: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(md)


@pytest.fixture(scope="module")
def tracker() -> dict[str, Any]:
    return check_doc("tracker", SAMPLES / "tracker" / "capture")


def test_counts_and_top_findings(tracker: dict[str, Any]) -> None:
    md = render_markdown(tracker, top=5)
    html = _html(md)
    n = len(tracker["findings"])
    assert f"{n} findings" in md
    high = sum(1 for f in tracker["findings"] if f["severity"] == "high")
    assert re.search(rf"<td>high</td>\n<td[^>]*>{high}</td>", html)
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == 2
    assert tables[1].count("<tr>") == 1 + 5  # header + top 5
    assert f"{n - 5} more findings" in md
    assert "Art 9(1) [V-partial]" in re.sub(r"<[^>]+>", "", tables[1])  # article with its mark
    order = ["critical", "high", "medium", "low", "info"]
    sevs = re.findall(r"<tr>\n<td>(\w+)</td>", tables[1])
    assert sevs == sorted(sevs, key=order.index) and len(sevs) == 5


def test_hostile_strings_stay_text(tracker: dict[str, Any]) -> None:
    doc = copy.deepcopy(tracker)
    doc["app"] = "app:" + HOSTILE
    for f in doc["findings"]:
        f["message"] = HOSTILE
        f["subject"] = HOSTILE
        if f["evidence"]:
            f["evidence"][0]["summary"] = HOSTILE
    doc["not_evaluated"][0]["reason"] = HOSTILE
    md = render_markdown(doc, top=3)
    html = _html(md)
    for bad in ("<script", "<img", "<a ", "<strong>", "\x00", "\u2028"):
        assert bad not in html, bad
    assert html.count("<code>") == 3  # only our own: the fingerprints of the three rows
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert tables[1].count("<tr>") == 1 + 3  # the pipes and line breaks added no row
    assert all(row.count("<td>") == 4 for row in re.findall(r"<tr>(.*?)</tr>", tables[1], re.S)[1:])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, escaped
    assert html.count("<li>") == len(doc["not_evaluated"])  # the reason's line breaks made no new item
    assert "<h3>" in html and html.count("<h3>") == 1


def test_values_in_urls_are_masked(tracker: dict[str, Any]) -> None:
    doc = copy.deepcopy(tracker)
    for f in doc["findings"]:
        f["message"] += " at http://alog.umeng.com/p/869876041234561"
    md = render_markdown(doc)
    assert "869876041234561" not in md and "869" in md


def test_chinese_headings() -> None:
    doc = check_doc("insecure", lang="zh")
    md = render_markdown(doc)
    assert "piflow 检查" in md and "主要问题" in md and "条款" in md


def test_md_escape_is_one_line_and_bounded() -> None:
    out = md_escape("a\nb\rc\x1bd" + "x" * 500, limit=50)
    assert "\n" not in out and "\r" not in out and "\x1b" not in out
    assert len(out) <= 60 and out.endswith("…")
