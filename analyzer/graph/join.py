"""Join a static scan, captured traffic and a declaration into one flow graph with PI-flow statuses.

Static and traffic evidence meet on three kinds of node, because both sides
name them with the same ids:

- the **app** (``app:PKG``): the scan's package, or the declaration's;
- **SDKs** (``sdk:ID``): the scan finds an SDK by its code signature
  (package prefixes), the traffic by its network signature (host suffixes in
  ``policies/sdks.yaml``, :meth:`analyzer.kb.catalogue.KnowledgeBase.sdk_for_host`);
- **hosts** (``host:NAME``): host names in URL constants in the code, and
  host names on the wire.

Each PI type that can reach a host gets one ``flow`` edge pi → host per
owner (the SDK whose network signature the host matches, else the code that
names the host, else the app; for a taint path, the code holding its sink)
with a status, strongest evidence first:

- ``confirmed``: seen on the wire, and code backs it: the owner's reachable
  code reads that PI type, or taint analysis sees it reach a network sink in
  the owner's code or one that sends to that host;
- ``observed``: seen on the wire only (native code, server-side enrichment,
  or a source piflow does not catalogue);
- ``traced``: not seen on the wire, but a taint path takes the PI to a network
  (or WebView) sink call that sends to that host: the host is one of the call's
  destinations (:mod:`analyzer.static.destinations`; a destination that is an
  SDK's network signature suffix binds the hosts under it);
- ``traced-unbound``: a taint path takes the PI to a network sink of the owner
  whose host the code does not fix; the flow goes to each host the same owner
  names in reachable code, the candidates a reader should look at (an owner that
  names none gets no flow: its ``leaks_to`` edge is the record);
- ``potential``: co-occurrence only: the owner reads the PI and names the host
  in reachable code, and no taint path binds the PI to it. When the taint
  analysis ran and sent that PI elsewhere only, the flow stays ``potential``:
  never stronger than a traced one.

A (PI, host, owner) gets the strongest status its evidence supports, and only
that one. Each flow says what it rests on: ``static`` (the kinds of code
evidence) and ``paths`` (the taint paths behind it: source site, methods, sink
site, destinations, as on ``leaks_to`` edges).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx

from analyzer.declaration.model import Declaration
from analyzer.errors import InputError
from analyzer.graph import build as graph
from analyzer.kb.apptypes import necessary_pi
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.static.scan import ScanResult
from analyzer.traffic.model import Observation


def build(
    kb: KnowledgeBase,
    scan: ScanResult | None = None,
    observations: Sequence[Observation] | None = None,
    declaration: Declaration | None = None,
    phases: Iterable[str] = (),
    package: str = "",
    app_types: Path | None = None,
) -> nx.MultiDiGraph:
    """The joined graph. ``observations`` is ``None`` when no capture was given (an empty list is a
    capture in which no PI was seen); ``phases`` are the phases the captures marked."""
    g = graph.from_scan(scan, kb) if scan is not None else graph.new_graph()
    necessary = None
    if declaration is not None and declaration.app_type:
        types = necessary_pi(kb, app_types)
        if declaration.app_type not in types:
            raise InputError(f"{declaration.source}: unknown app type {declaration.app_type!r}")
        necessary = types[declaration.app_type]
    return join(
        g, kb, scan.app.package if scan is not None else package, observations, declaration, phases, necessary
    )


def join(
    g: nx.MultiDiGraph,
    kb: KnowledgeBase,
    package: str,
    observations: Sequence[Observation] | None,
    declaration: Declaration | None,
    phases: Iterable[str] = (),
    necessary: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Add traffic and declaration to ``g`` (a static graph, or empty) and the joined flows."""
    pkg = package
    if declaration is not None and declaration.package:
        if pkg and declaration.package != pkg:
            raise InputError(
                f"{declaration.source}: declares package {declaration.package!r}, but the APK is {pkg!r}"
            )
        pkg = pkg or declaration.package
    pkg = pkg or "unknown"
    app = graph.add_app(g, pkg)
    if observations is not None:
        graph.add_observations(g, observations, kb, app=pkg)
        graph.add_phases(g, [*phases, *(o.phase for o in observations)])
    if declaration is not None:
        graph.add_declaration(g, app, declaration, kb, necessary)
    g.graph["app"] = app
    join_flows(g, app)
    return g


def _reads(g: nx.MultiDiGraph, owner: str, pi: str) -> bool:
    return any(
        d.get("kind") == "accesses" and d.get("reachable")
        for d in g.get_edge_data(owner, pi, default={}).values()
    )


STATUSES = ("confirmed", "observed", "traced", "traced-unbound", "potential")
"""Flow statuses, strongest evidence first."""
SENDING_SINKS = ("sink:network", "sink:webview")
"""Sink nodes whose calls send to a host (WebView ``loadUrl``/``postUrl`` load one)."""


def _taint_network(g: nx.MultiDiGraph, owner: str, pi: str) -> bool:
    return bool(g.has_edge(pi, "sink:network", key=f"leak:{owner}"))


def _code_owners(g: nx.MultiDiGraph, host: str) -> list[str]:
    return sorted(
        u for u, _, k, d in g.in_edges(host, keys=True, data=True) if k == "contacts" and d.get("reachable")
    )


def _host_of(origin: str) -> tuple[str, str]:
    """(scheme, host) of an origin ``scheme://host[:port]`` (an IPv6 host without its brackets)."""
    parts = urlsplit(origin)
    return parts.scheme, parts.hostname or ""


class _Traced:
    """Taint paths to sending sinks, by the hosts their destinations bind and by (PI, owner) unbound."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.bound: dict[tuple[str, str], dict[str, list[dict[str, object]]]] = {}
        """(pi, host node) -> owner -> paths."""
        self.cleartext: set[tuple[str, str, str]] = set()
        self.unbound: dict[tuple[str, str], list[dict[str, object]]] = {}
        hosts = [n for n, d in g.nodes(data=True) if d.get("kind") == "host"]
        for sink in SENDING_SINKS:
            if sink not in g:
                continue
            for pi, _, d in g.in_edges(sink, data=True):
                if d.get("kind") != "leaks_to":
                    continue
                owner = str(d["owner"])
                paths = d.get("paths", [])
                for dest in d.get("destinations", []):
                    scheme, name = _host_of(dest)
                    if not name:
                        continue
                    matched = [h for h in hosts if h == f"host:{name}"] or [
                        h for h in hosts if h.endswith(f".{name}")]  # an SDK's signature: a suffix
                    if not matched:
                        matched = [graph.add_host(g, name)]
                        hosts.append(matched[0])
                    via = [p for p in paths if dest in p.get("destinations", [])]
                    for h in matched:
                        self.bound.setdefault((pi, h), {}).setdefault(owner, []).extend(via)
                        if scheme in ("http", "ws"):
                            self.cleartext.add((pi, h, owner))
                if sink == "sink:network" and (d.get("unbound") or not d.get("destinations")):
                    self.unbound.setdefault((pi, owner), []).extend(
                        p for p in paths if not p.get("destinations"))


def join_flows(g: nx.MultiDiGraph, app: str) -> None:
    """Add the ``flow`` edges (see the module docstring)."""
    traced = _Traced(g)
    sent: dict[tuple[str, str], list[dict[str, object]]] = {}
    for u, v, d in list(g.edges(data=True)):
        if d.get("kind") == "sent":
            sent.setdefault((u, v), []).append(d)
    for (pi, host), edges in sorted(sent.items()):
        code = _code_owners(g, host)
        sdk = g.nodes[host].get("sdk")
        owner = f"sdk:{sdk}" if sdk else (code[0] if code else app)
        basis = []
        if _reads(g, owner, pi):
            basis.append("reads the PI in reachable code")
        if _taint_network(g, owner, pi):
            basis.append("taint: the PI reaches a network sink")
        bound = traced.bound.get((pi, host), {})
        if bound:
            basis.append("taint: a path to a sink that sends to this host")
        if code:
            basis.append("names the host in code")
        status = "confirmed" if basis and basis != ["names the host in code"] else "observed"
        graph.add_flow(
            g,
            pi,
            host,
            owner,
            status,
            static=basis,
            paths=_first([p for ps in bound.values() for p in ps]),
            phases=sorted({str(e["phase"]) for e in edges}),
            cleartext=any(bool(e["cleartext"]) for e in edges),
        )
    for (pi, host), owners in sorted(traced.bound.items()):
        if (pi, host) in sent:
            continue
        for owner, paths in sorted(owners.items()):
            if g.has_edge(pi, host, key=f"flow:{owner}"):
                continue
            graph.add_flow(g, pi, host, owner, "traced",
                           static=["taint: a path to a sink that sends to this host"],
                           paths=_first(paths), phases=[], cleartext=(pi, host, owner) in traced.cleartext)
    for (pi, owner), paths in sorted(traced.unbound.items()):
        for _, host, k, d in list(g.out_edges(owner, keys=True, data=True)):
            if k != "contacts" or not d.get("reachable") or (pi, host) in sent:
                continue
            if g.has_edge(pi, host, key=f"flow:{owner}"):
                continue
            graph.add_flow(g, pi, host, owner, "traced-unbound",
                           static=["taint: the PI reaches a network sink whose host the code does not fix",
                                   "names the host in code"],
                           paths=_first(paths), phases=[],
                           cleartext="http" in d.get("schemes", []) or "ws" in d.get("schemes", []))
    for u, host, k, d in list(g.edges(keys=True, data=True)):
        if k != "contacts" or not d.get("reachable"):
            continue
        for _, pi, d2 in list(g.out_edges(u, data=True)):
            if d2.get("kind") != "accesses" or not d2.get("reachable") or (pi, host) in sent:
                continue
            if g.has_edge(pi, host, key=f"flow:{u}"):
                continue
            basis = ["reads the PI in reachable code", "names the host in code"]
            if _taint_network(g, u, pi):
                basis.append("taint: the PI reaches a network sink bound to other hosts")
            graph.add_flow(
                g,
                pi,
                host,
                u,
                "potential",
                static=basis,
                paths=[],
                phases=[],
                cleartext="http" in d.get("schemes", []) or "ws" in d.get("schemes", []),
            )


def _first(paths: list[dict[str, object]], cap: int = 10) -> list[dict[str, object]]:
    """Up to ``cap`` distinct paths, in order."""
    out: list[dict[str, object]] = []
    for p in paths:
        if p not in out and len(out) < cap:
            out.append(p)
    return out
