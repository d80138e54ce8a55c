"""The ``piflow check`` table for people: flows, findings by Order 24 article, not-evaluated rules, checklist.

Drawn with rich from the ``piflow.check/2`` document alone, so ``piflow
check`` and ``piflow report --format table`` print the same. Provisions not
verified against a source text carry their mark (``[U]``, ``[V-partial]``).
"""

from __future__ import annotations

import io
import itertools
from typing import Any

from rich.console import Console
from rich.table import Table

from analyzer.check.document import article_key, static_incomplete
from analyzer.common.terminal import term

Doc = dict[str, Any]

WIDTH = 140
"""Columns of the table when it is not drawn on a terminal (files, pipes)."""

_HEAD = {
    "en": (
        "Findings by Order 24 article",
        "Not evaluated (missing evidence, not a pass)",
        "Manual checklist",
        "PI flows",
        "Suppressed",
        "no findings",
        "penalty",
    ),
    "zh": (
        "按第24号令条款列出的问题",
        "未评估（缺少证据，不等于通过）",
        "人工核查清单",
        "个人信息流向",
        "已抑制",
        "未发现问题",
        "罚则",
    ),
}


def cite(text: str, verification: str) -> str:
    """A provision as printed: its citation, with its verification mark unless verified.

    >>> cite("Art 9(1)", "U"), cite("Art 5", "V")
    ('Art 9(1) [U]', 'Art 5')
    """
    return text if verification == "V" else f"{text} [{verification}]"


def _article(c: dict[str, str]) -> str:
    return cite(c["article"], c["verification"])


def _safe(value: Any) -> Any:
    """``value`` with every string in it made one printable line with markup escaped (text from APKs)."""
    if isinstance(value, str):
        return term(value)
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def _path(flow: dict[str, Any]) -> str:
    """The first taint path a flow rests on, short: source API → methods → sink API (and where it
    sends), with how many more."""
    paths = flow.get("paths") or []
    if not paths:
        return "-"
    p = paths[0]
    via = " → ".join(m.rsplit(".", 2)[-2] + "." + m.rsplit(".", 1)[-1] if m.count(".") and "/" not in m
                     else m.rsplit("/", 1)[-1]  # a script's function: file:function
                     for m in p.get("methods", [])[:4])
    to = f" → {', '.join(p['destinations'])}" if p.get("destinations") else ""
    more = f" (+{len(paths) - 1})" if len(paths) > 1 else ""
    return f"{p.get('source_api', '')} → {via} → {p.get('sink_api', '')}{to}{more}"


def draw(doc: Doc, out: Console) -> None:
    """The human report of ``doc`` on ``out`` (every string of ``doc`` through :func:`term` first)."""
    doc = _safe(doc)
    lang = doc["lang"]
    h = _HEAD[lang]
    rules = {r["id"]: r for r in doc["rules"]}
    evidence = ", ".join(doc["evidence"]) or "-"
    phases = ", ".join(doc["phases"]) or "-"
    hybrid = f"  hybrid: {', '.join(doc['frameworks'])}" if doc.get("frameworks") else ""
    out.print(f"[bold]piflow check[/bold] {doc['app']}  evidence: {evidence}  phases: {phases}{hybrid}")
    incomplete = term(static_incomplete(doc))
    if incomplete:
        out.print(f"[bold red]static evidence incomplete:[/bold red] {incomplete}")
    for w in doc["warnings"]:
        out.print(f"[yellow]warning:[/yellow] {w}")
    if doc["flows"]:
        t = Table(title=h[3], show_lines=False)
        for col in ("PI", "host", "owner", "status", "phases"):
            t.add_column(col)
        t.add_column("path", overflow="fold")
        for fl in doc["flows"]:
            shown = (", ".join(fl["phases"]) or "-", "(cleartext)" if fl["cleartext"] else "")
            t.add_row(fl["pi"], fl["host"], fl["owner"], fl["status"], " ".join(x for x in shown if x),
                      _path(fl))
        out.print(t)
    none = "" if doc["findings"] or incomplete else f": {h[5]}"
    out.print(f"\n[bold]{h[0]}[/bold]{none}")
    # the document lists findings article by article, most severe first
    for article, group in itertools.groupby(doc["findings"], key=lambda f: _article(f["order24"])):
        findings = list(group)
        title = f"Order 24 {article} · {h[6]} {_article(findings[0]['penalty'])}"
        t = Table(title=title, title_justify="left", show_lines=True)
        for col in ("severity", "conf.", "rule", "finding", "basis"):
            t.add_column(col, overflow="fold")
        for f in findings:
            ev = f"\n[dim]{f['evidence'][0]['summary']}[/dim]" if f["evidence"] else ""
            basis = "; ".join(cite(b["cite"], b["verification"]) for b in f["basis"])
            t.add_row(f["severity"], f["confidence"], f"{f['rule']}\n[dim]{f['fingerprint']}[/dim]",
                      f"{f['message']}{ev}", basis)
        out.print(t)
    if doc["not_evaluated"]:
        out.print(f"\n[bold]{h[1]}[/bold]")
        for ne in doc["not_evaluated"]:
            out.print(f"  - {ne['rule']} ({_article(rules[ne['rule']]['order24'])}): {ne['reason']}")
    out.print(f"\n[bold]{h[2]}[/bold]")
    for m in sorted(doc["manual"], key=lambda m: article_key(m["order24"])):
        item = cite(m["order24"], m["verification"])
        out.print(f"  [ ] {item} {m['title']}: {m['what']}")
    if doc["suppressed"]:
        out.print(f"\n[bold]{h[4]}[/bold]")
        for s in doc["suppressed"]:
            until = f"[{s['fingerprint']}] until {s['expires']}"
            out.print(f"  - {s['rule']} {s['subject']} {until}: {s['reason']}")


def render(doc: Doc) -> str:
    """``doc`` as plain text (no colours), :data:`WIDTH` columns wide."""
    buf = io.StringIO()
    draw(doc, Console(file=buf, width=WIDTH, highlight=False))
    return buf.getvalue()
