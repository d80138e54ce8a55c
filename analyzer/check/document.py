"""The ``piflow.check/2`` document: a check result as plain data, the one input of every report format.

Findings are grouped by Order 24 article (in article order, most severe
first), with the rules they come from, the not-evaluated rules, the manual
checklist, the flows, suppressions and the joined graph. Its schema is
``docs/schema/piflow.check-2.schema.json``; :mod:`analyzer.check.readback`
reads a saved one back, and :mod:`analyzer.report.formats` renders it.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from analyzer import __version__
from analyzer.check.run import CheckResult
from analyzer.model import Finding, Severity
from analyzer.rules.pack import Cite, Rule
from analyzer.rules.queries import edges

CHECK_SCHEMA = "piflow.check/2"
_SEVERITIES = list(Severity)


def article_key(article: str) -> tuple[int, str]:
    """Sort key of an Order 24 citation: its article number first.

    >>> sorted(["Art 10", "Art 9(1)", "Art 9(1) [U]"], key=article_key)
    ['Art 9(1)', 'Art 9(1) [U]', 'Art 10']
    """
    m = re.search(r"Art (\d+)", article)
    return (int(m.group(1)) if m else 999, article)


def _rules(result: CheckResult) -> dict[str, Rule]:
    return {r.id: r for r in result.pack.rules}


def static_incomplete(doc: dict[str, Any]) -> str:
    """Why the static evidence of a ``piflow.check/2`` document is incomplete (a packer hides the app's
    code; its graph's ``static_incomplete``), or ""."""
    graph = doc.get("graph")
    attrs = graph.get("graph") if isinstance(graph, dict) else None
    return str(attrs.get("static_incomplete") or "") if isinstance(attrs, dict) else ""


def by_article(result: CheckResult) -> list[tuple[str, list[Finding]]]:
    """Unsuppressed findings grouped by the Order 24 article of their rule, in article order."""
    rules = _rules(result)
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(str(rules[f.rule_id].order24), []).append(f)
    order = sorted(groups, key=article_key)
    return [
        (
            a,
            sorted(groups[a], key=lambda f: (-_SEVERITIES.index(f.severity), f.rule_id, f.subject)),
        )
        for a in order
    ]


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


_FORMATS = {"apks": "a split set (.apks)", "xapk": "an XAPK", "aab": "an app bundle (.aab)",
            "decoded": "an apktool-decoded folder"}


def input_line(inputs: dict[str, Any]) -> str:
    """``read as one app from an app bundle (.aab): base, …`` for a target not one plain APK; else empty."""
    fmt = str(inputs.get("format") or "")
    if fmt in ("", "apk"):
        return ""
    splits = [str(s) for s in inputs.get("splits") or []]
    return f"read as one app from {_FORMATS.get(fmt, fmt)}" + (f": {', '.join(splits)}" if splits else "")


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
            "format": result.input_format,
            "splits": list(result.splits),
        },
        "rules": [_rule(r, lang) for r in sorted(result.pack.rules, key=lambda r: r.id)],
        "app": g.graph.get("app", ""),
        "evidence": g.graph.get("evidence", []),
        "phases": g.graph.get("phases", []),
        "frameworks": list(g.nodes[app].get("frameworks") or []) if app in g else [],
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
                "basis": list(d.get("static", [])),
                "paths": [
                    {k: p.get(k, [] if k in ("methods", "destinations") else "")
                     for k in ("source", "source_api", "methods", "sink", "sink_api", "destinations")}
                    for p in d.get("paths", [])
                ],
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
