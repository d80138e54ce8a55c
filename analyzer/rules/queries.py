"""Read the joined graph for rules: what is collected, declared, sent, leaked; the match type checks return.

The check functions (:mod:`analyzer.rules.checks.declared`) are built from these queries.
A query that finds the evidence it needs absent raises :class:`Missing`.

Subjects are graph node ids, or ``"U -> V"`` for an edge (prefixed with
``"OWNER: "`` when the owner is part of what makes the finding distinct):
no line numbers, no timestamps, no values, so fingerprints stay stable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from analyzer.kb.catalogue import LEAK_KINDS
from analyzer.model import Confidence, Evidence

PHASES = (
    "pre-consent",
    "consent-refused",
    "consent-given",
    "permission-denied",
    "background",
    "logged-out",
    "account-deleted",
    "unmarked",
)
TLS_WEAKNESSES = (
    "trust_all_trust_manager",
    "trust_all_hostname_verifier",
    "allow_all_hostname_verifier",
    "ssl_error_proceed",
)
STORAGE_WEAKNESSES = ("world_readable_mode", "world_writable_mode", "external_storage_write")
SINK_KINDS = LEAK_KINDS  # one list: the kinds a leak may have (analyzer.kb.catalogue)
CREDENTIALS = ("account.password", "account.token")


class Missing(Exception):
    """The evidence a check needs is not in the graph (the message says what is missing)."""


@dataclass(frozen=True)
class Match:
    """One subject a check matched."""

    subject: str
    """Graph node id or ``U -> V`` edge (stable: no lines, times or values)."""
    values: dict[str, str] = field(default_factory=dict)
    """Placeholder values for the rule's message."""
    evidence: tuple[Evidence, ...] = ()
    """What the match rests on."""
    confidence: Confidence | None = None
    """Overrides the rule's confidence when the evidence is weaker (e.g. static-only)."""


def edges(g: nx.MultiDiGraph, kind: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Edges of ``kind`` as (u, v, attributes), in (u, v, key) order."""
    for u, v, _, d in sorted(((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                              if d.get("kind") == kind), key=lambda t: t[:3]):
        yield u, v, d


def app_node(g: nx.MultiDiGraph) -> str:
    return str(g.graph.get("app", ""))


def evidence_kinds(g: nx.MultiDiGraph) -> set[str]:
    return set(g.graph.get("evidence", []))


def bare(node: str) -> str:
    return node.split(":", 1)[1] if ":" in node else node


def site_class(site: str) -> str:
    head = site.split("(", 1)[0]
    return head.rsplit(".", 1)[0]


def collected(g: nx.MultiDiGraph) -> dict[str, list[Evidence]]:
    """PI type node → evidence that the app collects it (reachable code reads it, or it went on the wire)."""
    out: dict[str, list[Evidence]] = {}
    for u, v, d in edges(g, "accesses"):
        if d.get("reachable"):
            out.setdefault(v, []).append(
                Evidence("static", f"{u} reads it via {d['api']}", ref=d["sites"][0])
            )
    for u, v, d in edges(g, "sent"):
        out.setdefault(u, []).append(
            Evidence(
                "traffic",
                f"sent to {bare(v)} in phase {d['phase']} ({', '.join(d['locations'][:3])})",
                ref=d["endpoints"][0] if d.get("endpoints") else "",
            )
        )
    return out


def declared(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Target node → attributes of the app's ``declared`` edge to it."""
    app = app_node(g)
    return {v: d for _, v, d in g.out_edges(app, data=True) if d.get("kind") == "declared"}


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def sdk_declared(g: nx.MultiDiGraph, sdk: str, decl: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The declared edge covering SDK node ``sdk``: the SDK, or a party named like it or its company."""
    if sdk in decl:
        return decl[sdk]
    names = {
        _norm(bare(sdk)),
        _norm(str(g.nodes[sdk].get("label", ""))),
        _norm(str(g.nodes[sdk].get("company", ""))),
    } - {""}
    for node, d in decl.items():
        if g.nodes[node].get("kind") != "third_party":
            continue
        n = _norm(str(d.get("name") or bare(node)))
        if n and any(n == x or (len(n) >= 4 and n in x) for x in names):
            return d
    return None


def require_phases(g: nx.MultiDiGraph, phases: list[str]) -> None:
    covered = set(g.graph.get("phases", []))
    if not covered & set(phases):
        raise Missing(
            f"the capture covers no {' / '.join(phases)} phase "
            f"(covered: {', '.join(sorted(covered)) or 'none'}; mark it with `piflow mark`)"
        )


def sent_match(g: nx.MultiDiGraph, pi: str, host: str, eds: list[dict[str, Any]], **extra: str) -> Match:
    hd = g.nodes[host]
    ev = tuple(
        Evidence(
            "traffic",
            f"{d['count']}× in phase {d['phase']} at {', '.join(d['locations'][:3])} "
            f"({', '.join(d['encodings'][:3])}){' over cleartext' if d['cleartext'] else ''}",
            ref=(d.get("endpoints") or [""])[0],
        )
        for d in eds
    )
    return Match(
        f"{pi} -> {host}",
        {
            "pi": bare(pi),
            "host": bare(host),
            "sdk": str(hd.get("sdk") or ""),
            "party": str(hd.get("party") or ""),
            "phase": ", ".join(sorted({str(d["phase"]) for d in eds})),
            **extra,
        },
        ev,
    )


def grouped_sent(
    g: nx.MultiDiGraph, keep: Callable[[dict[str, Any]], bool]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, d in edges(g, "sent"):
        if keep(d):
            out.setdefault((u, v), []).append(d)
    return dict(sorted(out.items()))


def sdks_present(g: nx.MultiDiGraph) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = {}
    for _, v, d in edges(g, "bundles"):
        out.setdefault(v, []).append(
            Evidence(
                "static",
                f"{d['classes']} classes in the APK{'' if d.get('reachable') else ' (none reachable)'}",
            )
        )
    for u, v, _ in edges(g, "observed"):
        if g.nodes[u].get("kind") == "sdk":
            out.setdefault(u, []).append(Evidence("traffic", f"traffic to {bare(v)}"))
    return dict(sorted(out.items()))


def leaks(
    g: nx.MultiDiGraph, kinds: tuple[str, ...] | list[str]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, d in edges(g, "leaks_to"):
        if bare(v) in kinds:
            yield u, v, d


# ---------------------------------------------------------------------------
# The registry of checks (filled by analyzer.rules.checks.declared and analyzer.rules.checks.code)
# ---------------------------------------------------------------------------

REQUIRED = object()


@dataclass(frozen=True)
class Param:
    """One parameter a check takes."""

    type: type
    """``str``, ``bool`` or ``list`` (of strings)."""
    default: Any = REQUIRED
    """Default value, or :data:`REQUIRED`."""
    choices: tuple[str, ...] = ()
    """Allowed values (for ``str``, or each item of a ``list``)."""


@dataclass(frozen=True)
class CheckSpec:
    """A check function with its parameters and the placeholders it fills."""

    fn: Callable[..., list[Match]]
    params: dict[str, Param]
    placeholders: tuple[str, ...]


CHECKS: dict[str, CheckSpec] = {}


def check(
    placeholders: tuple[str, ...], **params: Param
) -> Callable[[Callable[..., list[Match]]], Callable[..., list[Match]]]:
    """Register a check under its function name."""

    def register(fn: Callable[..., list[Match]]) -> Callable[..., list[Match]]:
        CHECKS[fn.__name__] = CheckSpec(fn, params, placeholders)
        return fn

    return register
