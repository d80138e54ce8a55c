"""The checks that need captured traffic: what was sent in which phase, in cleartext, and what came back.

Each check is a function ``(graph, **params) -> list[Match]`` registered with
the parameters it takes and the placeholders its matches fill in a rule's
message (:func:`analyzer.rules.queries.check`). A check that finds the
evidence it needs absent (a phase the capture never covered, no device
profile) raises :class:`~analyzer.rules.queries.Missing`; the engine turns
that into a ``NotEvaluated``, never a pass.
"""

from __future__ import annotations

import networkx as nx

from analyzer.model import Confidence, Evidence
from analyzer.rules.queries import (
    PHASES,
    Match,
    Missing,
    Param,
    bare,
    check,
    edges,
    grouped_sent,
    require_phases,
    sent_match,
)


@check(
    ("pi", "host", "sdk", "party", "phase"),
    phases=Param(list, choices=PHASES),
    min_confidence=Param(str, "medium", ("low", "medium", "high")),
)
def sent_in_phases(g: nx.MultiDiGraph, phases: list[str], min_confidence: str) -> list[Match]:
    """PI sent (requests) to a host while the capture was in one of ``phases``."""
    require_phases(g, phases)
    floor = Confidence(min_confidence)
    groups = grouped_sent(g, lambda d: d["phase"] in phases and Confidence(d["confidence"]) >= floor)
    return [sent_match(g, pi, host, eds) for (pi, host), eds in groups.items()]


_STATIC_ONLY = ("traced", "traced-unbound", "potential")
"""Flow statuses that code evidence alone gives (no capture saw the flow)."""


@check(("pi", "host", "sdk", "party", "phase"), include_potential=Param(bool, False))
def cleartext_pi(g: nx.MultiDiGraph, include_potential: bool) -> list[Match]:
    """PI sent over cleartext HTTP; with ``include_potential`` also http:// hosts code would send PI to:
    a taint path to a sink bound to the host (``traced``, medium confidence), or to a sink whose host the
    code does not fix, or the PI and the host in the same code (``traced-unbound``, ``potential``: low)."""
    out = [
        sent_match(g, pi, host, eds) for (pi, host), eds in grouped_sent(g, lambda d: d["cleartext"]).items()
    ]
    if include_potential:
        seen = {m.subject for m in out}
        for u, v, d in edges(g, "flow"):
            if d["status"] not in _STATIC_ONLY or not d.get("cleartext") or f"{u} -> {v}" in seen:
                continue
            seen.add(f"{u} -> {v}")
            traced = d["status"] == "traced"
            why = {"traced": "a taint path takes it to a sink that sends to",
                   "traced-unbound": "a taint path takes it to a network sink, and it names"}.get(
                d["status"], "reads it and names")
            out.append(
                Match(
                    f"{u} -> {v}",
                    {"pi": bare(u), "host": bare(v), "sdk": "", "party": "", "phase": ""},
                    (Evidence("static", f"{d['owner']} {why} http://{bare(v)}"),),
                    Confidence.MEDIUM if traced else Confidence.LOW,
                )
            )
    return out


@check(("pi", "host", "sdk", "party", "phase", "how"))
def weak_password_transport(g: nx.MultiDiGraph) -> list[Match]:
    """A password sent over cleartext, or as its unsalted MD5/SHA-1 (the profile value's hash matched)."""
    out = []
    for (pi, host), eds in grouped_sent(g, lambda d: True).items():
        if bare(pi) != "account.password":
            continue
        how = set()
        for d in eds:
            if d["cleartext"]:
                how.add("cleartext")
            how.update(step for enc in d["encodings"] for step in enc.split(">") if step in ("md5", "sha1"))
        if how:
            out.append(sent_match(g, pi, host, eds, how=", ".join(sorted(how))))
    return out


@check(("pi", "host", "phase"))
def foreign_pi_in_responses(g: nx.MultiDiGraph) -> list[Match]:
    """Responses carrying PI that is not the test device's own (no profile value matched)."""
    if not g.graph.get("profile"):
        raise Missing("no device profile: the tester's own PI cannot be told from other users'")
    out = []
    for u, v, d in edges(g, "received"):
        foreign = [x for x in d["detectors"] if not x.startswith("profile:")]
        if foreign:
            out.append(
                Match(
                    f"{u} -> {v}",
                    {"pi": bare(v), "host": bare(u), "phase": d["phase"]},
                    (
                        Evidence(
                            "traffic",
                            f"{d['count']}× in responses at {', '.join(d['locations'][:3])} "
                            f"({', '.join(foreign[:3])})",
                            ref=(d.get("endpoints") or [""])[0],
                        ),
                    ),
                )
            )
    return out
