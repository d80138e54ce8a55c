"""``piflow check`` output: findings grouped by Order 24 article, not-evaluated rules, manual checklist.

Formats behind one interface: ``table`` (rich, for people), ``json``
(``piflow.check/2``, for CI; schema in ``docs/schema/piflow.check-2.schema.json``)
and ``html`` (:mod:`analyzer.html_report`); SARIF, Markdown and the graph formats
render from the JSON document (:mod:`analyzer.report_formats`).
Provisions that are not verified against a source text carry their mark (``[U]``, ``[V-partial]``) in each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

import networkx as nx
from rich.console import Console
from rich.table import Table

from analyzer import __version__
from analyzer.check import CheckResult
from analyzer.model import Finding, Severity
from analyzer.queries import edges
from analyzer.report_formats import dump_json
from analyzer.rules import Cite, Rule

CHECK_SCHEMA = "piflow.check/2"
_SEVERITIES = list(Severity)
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


def _article_key(article: str) -> tuple[int, str]:
    m = re.search(r"Art (\d+)", article)
    return (int(m.group(1)) if m else 999, article)


def _rules(result: CheckResult) -> dict[str, Rule]:
    return {r.id: r for r in result.pack.rules}


def by_article(result: CheckResult) -> list[tuple[str, list[Finding]]]:
    """Unsuppressed findings grouped by the Order 24 article of their rule, in article order."""
    rules = _rules(result)
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(str(rules[f.rule_id].order24), []).append(f)
    order = sorted(groups, key=_article_key)
    return [
        (
            a,
            sorted(groups[a], key=lambda f: (-_SEVERITIES.index(f.severity), f.rule_id, f.subject)),
        )
        for a in order
    ]


def render_table(result: CheckResult, lang: str, out: Console) -> None:
    """The human report."""
    h = _HEAD[lang]
    rules = _rules(result)
    g = result.graph
    evidence = ", ".join(g.graph.get("evidence", [])) or "-"
    phases = ", ".join(g.graph.get("phases", [])) or "-"
    out.print(f"[bold]piflow check[/bold] {g.graph.get('app', '')}  evidence: {evidence}  phases: {phases}")
    for w in result.warnings:
        out.print(f"[yellow]warning:[/yellow] {w}")
    flows = list(edges(g, "flow"))
    if flows:
        t = Table(title=h[3], show_lines=False)
        for col in ("PI", "host", "owner", "status", "phases"):
            t.add_column(col)
        for u, v, d in flows:
            t.add_row(
                u.removeprefix("pi:"),
                v.removeprefix("host:"),
                d["owner"],
                d["status"],
                " ".join(
                    x
                    for x in (
                        ", ".join(d.get("phases", [])) or "-",
                        "(cleartext)" if d.get("cleartext") else "",
                    )
                    if x
                ),
            )
        out.print(t)
    out.print(f"\n[bold]{h[0]}[/bold]" + ("" if result.findings else f": {h[5]}"))
    for article, findings in by_article(result):
        first = rules[findings[0].rule_id]
        t = Table(title=f"Order 24 {article} · {h[6]} {first.penalty}", title_justify="left", show_lines=True)
        for col in ("severity", "conf.", "rule", "finding", "basis"):
            t.add_column(col, overflow="fold")
        for f in findings:
            r = rules[f.rule_id]
            ev = f"\n[dim]{f.evidence[0].summary}[/dim]" if f.evidence else ""
            t.add_row(
                f.severity.value,
                f.confidence.value,
                f"{f.rule_id}\n[dim]{f.fingerprint}[/dim]",
                f"{f.message}{ev}",
                "; ".join(str(b) for b in r.basis),
            )
        out.print(t)
    if result.report.not_evaluated:
        out.print(f"\n[bold]{h[1]}[/bold]")
        for ne in result.report.not_evaluated:
            out.print(f"  - {ne.rule_id} ({rules[ne.rule_id].order24}): {ne.reason}")
    out.print(f"\n[bold]{h[2]}[/bold]")
    for m in sorted(result.pack.manual, key=lambda m: _article_key(m.order24.cite)):
        out.print(f"  [ ] {m.order24} {m.title.get(lang)}: {m.what.get(lang)}")
    if result.suppressed:
        out.print(f"\n[bold]{h[4]}[/bold]")
        for f, s in result.suppressed:
            out.print(f"  - {f.rule_id} {f.subject} [{f.fingerprint}] until {s.expires}: {s.reason}")


def _finding(f: Finding, r: Rule, lang: str) -> dict[str, Any]:
    return {
        "rule": f.rule_id,
        "title": r.title.get(lang),
        "subject": f.subject,
        "fingerprint": f.fingerprint,
        "severity": f.severity.value,
        "confidence": f.confidence.value,
        "message": f.message,
        "order24": {"article": r.order24.cite, "verification": r.order24.verification.value},
        "penalty": {"article": r.penalty.cite, "verification": r.penalty.verification.value},
        "basis": [{"cite": b.cite, "verification": b.verification.value} for b in r.basis],
        "unverified_basis": r.unverified,
        "needs": list(r.needs),
        "evidence": [{"kind": e.kind, "summary": e.summary, "ref": e.ref} for e in f.evidence],
        "remediation": r.remediation.get(lang),
    }


def _cite(c: Cite) -> dict[str, str]:
    return {"article": c.cite, "verification": c.verification.value}


def _rule(r: Rule, lang: str) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title.get(lang),
        "severity": r.severity.value,
        "confidence": r.confidence.value,
        "order24": _cite(r.order24),
        "penalty": _cite(r.penalty),
        "basis": [{"cite": b.cite, "verification": b.verification.value} for b in r.basis],
        "unverified_basis": r.unverified,
        "needs": list(r.needs),
        "needs_any": list(r.needs_any),
        "check": r.check.fn,
        "remediation": r.remediation.get(lang),
    }


def to_json(result: CheckResult, lang: str) -> dict[str, Any]:
    """The ``piflow.check/2`` document (``/1`` plus ``tool``, ``inputs``, ``rules``)."""
    rules = _rules(result)
    g = result.graph
    app = g.graph.get("app", "")
    return {
        "schema": CHECK_SCHEMA,
        "tool": {"name": "piflow", "version": __version__},
        "inputs": {
            "target": str(result.target) if result.target is not None else None,
            "captures": [str(c) for c in result.captures],
            "declaration": str(g.nodes[app].get("declaration", "")) if app in g else "",
        },
        "rules": [_rule(r, lang) for r in sorted(result.pack.rules, key=lambda r: r.id)],
        "app": g.graph.get("app", ""),
        "evidence": g.graph.get("evidence", []),
        "phases": g.graph.get("phases", []),
        "lang": lang,
        "pack": result.pack.name,
        "findings": [_finding(f, rules[f.rule_id], lang) for _, fs in by_article(result) for f in fs],
        "not_evaluated": [
            {"rule": n.rule_id, "order24": rules[n.rule_id].order24.cite, "reason": n.reason}
            for n in result.report.not_evaluated
        ],
        "manual": [
            {
                "id": m.id,
                "order24": m.order24.cite,
                "verification": m.order24.verification.value,
                "title": m.title.get(lang),
                "what": m.what.get(lang),
            }
            for m in result.pack.manual
        ],
        "flows": [
            {
                "pi": u.removeprefix("pi:"),
                "host": v.removeprefix("host:"),
                "owner": d["owner"],
                "status": d["status"],
                "phases": d.get("phases", []),
                "cleartext": d.get("cleartext", False),
            }
            for u, v, d in edges(g, "flow")
        ],
        "suppressed": [
            {
                "rule": f.rule_id,
                "subject": f.subject,
                "fingerprint": f.fingerprint,
                "reason": s.reason,
                "expires": s.expires.isoformat(),
                "severity": f.severity.value,
                "message": f.message,
                "evidence": [{"kind": e.kind, "summary": e.summary, "ref": e.ref} for e in f.evidence],
            }
            for f, s in result.suppressed
        ],
        "expired_suppressions": [
            {
                "fingerprint": s.fingerprint,
                "rule": s.rule,
                "subject": s.subject,
                "reason": s.reason,
                "expires": s.expires.isoformat(),
            }
            for s in result.expired
        ],
        "warnings": list(result.warnings),
        "graph": nx.node_link_data(g, edges="edges"),
    }


def _json(result: CheckResult, lang: str, fh: IO[str] | None) -> None:
    text = dump_json(to_json(result, lang))
    if fh is None:
        print(text, end="")
    else:
        fh.write(text)


def _table(result: CheckResult, lang: str, fh: IO[str] | None) -> None:
    out = Console(file=fh, width=140, highlight=False) if fh is not None else Console(highlight=False)
    if fh is None and not out.is_terminal:
        out = Console(highlight=False, width=140)
    render_table(result, lang, out)


def _html(result: CheckResult, lang: str, fh: IO[str] | None) -> None:
    from analyzer.html_report import render_html  # jinja2 and the vendored script only when asked for

    text = render_html(to_json(result, lang), lang)
    if fh is None:
        print(text, end="")
    else:
        fh.write(text)


FORMATTERS: dict[str, Callable[[CheckResult, str, IO[str] | None], None]] = {
    "table": _table,
    "json": _json,
    "html": _html,
}
