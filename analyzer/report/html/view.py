"""The view model of the HTML report: a ``piflow.check/2`` document turned into columns, paths and tables.

Pure functions on the JSON document (no networkx, no browser), so the report
can be rendered from a saved result and every piece is testable on its own:

- :func:`column_of` puts each node in one of four columns, left to right
  app/SDKs → PI types → sinks/hosts → companies/countries, and
  :func:`elements` lays the graph out in them for cytoscape.js (countries are
  display nodes made from the ``country`` attribute of companies and hosts;
  the flow graph itself is not changed);
- :func:`finding_path` names the nodes and edges a finding is about (its
  subject and the nodes its evidence names), which the page highlights;
- :func:`inventory` is the data inventory: PI type × who collects it × where
  it goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

COLUMNS: dict[str, int] = {
    "app": 0,
    "sdk": 0,
    "component": 0,
    "pi": 1,
    "perm": 1,
    "host": 2,
    "sink": 2,
    "weakness": 2,
    "company": 3,
    "party": 3,
    "country": 3,
}
"""Column of each node-id prefix; a prefix not listed goes to column 2."""

_ORDER = ("app", "sdk", "component", "pi", "perm", "host", "sink", "weakness", "company", "party", "country")
COL_WIDTH = 300
ROW_HEIGHT = 64
_OWNER_EDGES = ("accesses", "accesses_before_consent")
_NODE_REF = re.compile(r"\b(?:app|sdk|pi|host|sink|party|company|weakness|component|perm):[^\s,;()'\"]+")
_PHASE = re.compile(r"\bin phase ([a-z][a-z-]*)")
_BEHIND = ("made_by", "operated_by")


def _names(text: str, host: str) -> bool:
    """Whether ``text`` names the host (not as part of a longer name).

    >>> _names("sent to a.umeng.com in phase x", "a.umeng.com"), _names("to xa.umeng.com", "a.umeng.com")
    (True, False)
    """
    return re.search(rf"(?<![\w.-]){re.escape(host)}(?![\w-])", text) is not None


def prefix(node_id: str) -> str:
    """The kind prefix of a node id (``pi:device.imei`` → ``pi``)."""
    return node_id.split(":", 1)[0]


def column_of(node_id: str) -> int:
    """The column a node is drawn in.

    >>> [column_of(n) for n in ("app:a", "sdk:umeng", "pi:device.imei", "host:h", "sink:log", "country:CN")]
    [0, 0, 1, 2, 2, 3]
    """
    return COLUMNS.get(prefix(node_id), 2)


def party_of(node: Mapping[str, Any]) -> str:
    """``first``, ``third`` or ``""`` (not a party: PI types, sinks, permissions)."""
    p = prefix(str(node["id"]))
    if p in ("app", "component"):
        return "first"
    if p in ("sdk", "company", "party"):
        return "third"
    if p == "host":
        return str(node.get("party") or "")
    return ""


def node_label(node: Mapping[str, Any], lang: str) -> str:
    """The label in ``lang`` (PI types carry a Chinese label), else the id without its prefix."""
    if lang == "zh" and node.get("label_zh"):
        return str(node["label_zh"])
    return str(node.get("label") or str(node["id"]).split(":", 1)[-1])


def _as_list(v: Any) -> list[Any]:
    return list(v) if isinstance(v, list | tuple) else ([] if v in (None, "") else [v])


def _edge_phases(e: Mapping[str, Any]) -> list[str]:
    return [str(p) for p in _as_list(e.get("phase")) + _as_list(e.get("phases"))]


def _countries(nodes: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(node id, country code) for companies and hosts whose country is known."""
    return [
        (str(n["id"]), str(n["country"]))
        for n in nodes
        if prefix(str(n["id"])) in ("company", "host") and n.get("country")
    ]


def graph_parts(doc: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges shown: the document's graph plus country nodes and ``located_in`` edges."""
    graph = doc.get("graph") or {}
    nodes = [dict(n) for n in graph.get("nodes", [])]
    edges = [dict(e) for e in graph.get("edges", [])]
    seen = {str(n["id"]) for n in nodes}
    for nid, cc in _countries(nodes):
        cid = f"country:{cc}"
        if cid not in seen:
            nodes.append({"id": cid, "kind": "country", "label": cc})
            seen.add(cid)
        edges.append({"source": nid, "target": cid, "kind": "located_in", "key": "located_in"})
    for i, e in enumerate(edges):
        e["_id"] = f"e{i}"
    return nodes, edges


def positions(node_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Preset (x, y) per node: one column per stage, each column centred vertically.

    >>> positions(["pi:b", "app:a", "pi:a"])
    {'app:a': (0, 0), 'pi:a': (300, -32), 'pi:b': (300, 32)}
    """
    cols: dict[int, list[str]] = {}
    rank = {p: i for i, p in enumerate(_ORDER)}
    for nid in sorted(node_ids, key=lambda n: (rank.get(prefix(n), len(rank)), n)):
        cols.setdefault(column_of(nid), []).append(nid)
    out: dict[str, tuple[int, int]] = {}
    for c, ids in sorted(cols.items()):
        top = -(len(ids) - 1) * ROW_HEIGHT // 2
        for r, nid in enumerate(ids):
            out[nid] = (c * COL_WIDTH, top + r * ROW_HEIGHT)
    return out


def elements(doc: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """cytoscape.js elements (nodes with preset positions, then edges) for the document's graph."""
    nodes, edges = graph_parts(doc)
    pos = positions(str(n["id"]) for n in nodes)
    out: list[dict[str, Any]] = []
    for n in nodes:
        nid = str(n["id"])
        x, y = pos[nid]
        details = {k: v for k, v in n.items() if k not in ("id", "label_zh")}
        out.append(
            {
                "group": "nodes",
                "data": {
                    "id": nid,
                    "label": node_label(n, lang),
                    "kind": prefix(nid),
                    "col": column_of(nid),
                    "party": party_of(n),
                    "details": details,
                },
                "position": {"x": x, "y": y},
            }
        )
    for e in edges:
        out.append(
            {
                "group": "edges",
                "data": {
                    "id": e["_id"],
                    "source": str(e["source"]),
                    "target": str(e["target"]),
                    "kind": str(e.get("kind", "")),
                    "key": str(e.get("key", "")),
                    "status": str(e.get("status", "")),  # a joined flow's strength of evidence
                    "phases": _edge_phases(e),
                    "details": {k: v for k, v in e.items() if k not in ("source", "target", "_id")},
                },
            }
        )
    return out


Parts = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def finding_path(
    finding: Mapping[str, Any], doc: Mapping[str, Any], parts: Parts | None = None
) -> dict[str, list[str]]:
    """The node and edge ids a finding is about, for highlighting.

    Nodes: those its subject names (``sdk:x: pi:y``, ``pi:y -> host:z``), those
    its evidence names (node ids in a summary, the host of a URL, a host name in
    the text), the owner of a joined flow between them, the app when an SDK or
    PI type is involved, and the company and country behind each host or SDK.
    Edges: every shown edge between two of those nodes (of the finding's phases
    when its evidence names phases). Also the PI types on
    the path, the parties its subject and evidence name and the consent phases its evidence names, which the
    page's filters use. ``parts`` is :func:`graph_parts` of ``doc`` when the
    caller has it already.
    """
    return finding_paths([finding], doc, parts)[0]


def finding_paths(
    findings: Iterable[Mapping[str, Any]], doc: Mapping[str, Any], parts: Parts | None = None
) -> list[dict[str, list[str]]]:
    """:func:`finding_path` of each finding, the graph indexed once (a real app has hundreds of findings)."""
    nodes, edges = parts or graph_parts(doc)
    ids = {str(n["id"]): n for n in nodes}
    hosts = {node_label(n, "en"): nid for nid, n in ids.items() if prefix(nid) == "host"}
    out_edges: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, e in enumerate(edges):
        out_edges.setdefault(str(e["source"]), []).append((i, e))
    apps = [n for n in ids if prefix(n) == "app"]
    return [_path(f, ids, hosts, out_edges, apps) for f in findings]


def _path(
    finding: Mapping[str, Any],
    ids: Mapping[str, Mapping[str, Any]],
    hosts: Mapping[str, str],
    out_edges: Mapping[str, list[tuple[int, dict[str, Any]]]],
    apps: list[str],
) -> dict[str, list[str]]:
    picked: set[str] = set()
    for token in re.split(r": | -> ", str(finding.get("subject", ""))):
        if token in ids:
            picked.add(token)
    phases: set[str] = set()
    for ev in finding.get("evidence", []):
        text, ref = str(ev.get("summary", "")), str(ev.get("ref", ""))
        picked.update(m for m in _NODE_REF.findall(f"{text} {ref}") if m in ids)
        host = urlsplit(ref).hostname if "://" in ref else None
        if host and f"host:{host}" in ids:
            picked.add(f"host:{host}")
        picked.update(nid for name, nid in hosts.items() if name in text and _names(text, name))
        phases.update(_PHASE.findall(text))

    def out(kinds: tuple[str, ...] | None = None) -> list[tuple[int, dict[str, Any]]]:
        """The edges out of the picked nodes (of these kinds)."""
        found = [ie for n in list(picked) for ie in out_edges.get(n, ())]
        return [(i, e) for i, e in found if kinds is None or e.get("kind") in kinds]

    for _, e in out():  # the owner of a joined flow or leak between picked nodes
        if e["target"] in picked and e.get("owner") in ids:
            picked.add(str(e["owner"]))
    parties = sorted({p for n in picked if (p := party_of(ids[n]))})  # before the app is added to every path
    if any(prefix(n) in ("sdk", "pi", "component", "weakness") for n in picked):
        picked.update(apps)
    for _, e in out(_BEHIND):  # who is behind a host or SDK, and where
        picked.add(str(e["target"]))
    for _, e in out(("located_in",)):
        picked.add(str(e["target"]))
    path_edges = [
        e["_id"]
        for _, e in sorted(out(), key=lambda ie: ie[0])
        if e["target"] in picked
        and not (phases and (ep := _edge_phases(e)) and phases.isdisjoint(ep))  # only the finding's phases
    ]
    return {
        "nodes": sorted(picked),
        "edges": path_edges,
        "pis": sorted(n for n in picked if prefix(n) == "pi"),
        "parties": parties,
        "phases": sorted(phases),
    }


_KEPT = {"en": " (kept in the app)", "zh": "（留在应用内）"}
"""After a sink where the data stays in the app (its storage, its own components: the sink's scope)."""


def sink_label(node: Mapping[str, Any], lang: str) -> str:
    """A sink kind's label, marked when the data stays in the app (scope other than ``outside``)."""
    kept = node.get("scope", "outside") != "outside"
    return node_label(node, lang) + (_KEPT.get(lang, _KEPT["en"]) if kept else "")


def inventory(doc: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """One row per PI type: who collects it (app or SDK), where it goes (hosts, sinks), phases, declared."""
    nodes, edges = graph_parts(doc)
    ids = {str(n["id"]): n for n in nodes}
    company = {str(e["source"]): str(e["target"]) for e in edges if e.get("kind") in _BEHIND}
    rows = []
    for pi in sorted(n for n in ids if prefix(n) == "pi"):
        collectors: set[str] = set()
        dests: dict[str, dict[str, Any]] = {}
        sinks: set[str] = set()
        phases: set[str] = set()
        declared = False
        for e in edges:
            s, t, kind = str(e["source"]), str(e["target"]), e.get("kind")
            if t == pi and kind in _OWNER_EDGES:
                collectors.add(s)
            elif t == pi and kind == "declared":
                declared = True
            elif s == pi and kind in ("flow", "sent"):
                if e.get("owner"):
                    collectors.add(str(e["owner"]))
                d = dests.setdefault(t, {"host": t, "statuses": set(), "cleartext": False})
                d["statuses"].add(str(e.get("status") or "observed"))
                d["cleartext"] = d["cleartext"] or bool(e.get("cleartext"))
                phases.update(_edge_phases(e))
            elif s == pi and kind == "leaks_to":
                sinks.add(t)
                if e.get("owner"):
                    collectors.add(str(e["owner"]))
        where = []
        for host, d in sorted(dests.items()):
            h = ids.get(host, {"id": host})
            comp = company.get(host) or (company.get(f"sdk:{h['sdk']}") if h.get("sdk") else None)
            statuses = d["statuses"] - {"observed"} if len(d["statuses"]) > 1 else d["statuses"]
            where.append(
                {
                    "host": host,
                    "label": node_label(h, lang),
                    "status": ", ".join(sorted(statuses)),
                    "party": str(h.get("party") or ""),
                    "company": node_label(ids[comp], lang) if comp and comp in ids else "",
                    "country": str(h.get("country") or (comp in ids and ids[comp].get("country")) or ""),
                    "region": str(h.get("region") or ""),
                    "role": str(h.get("role") or ""),
                    "cleartext": d["cleartext"],
                }
            )
        rows.append(
            {
                "pi": pi,
                "label": node_label(ids[pi], lang),
                "collectors": [
                    {"id": c, "label": node_label(ids.get(c, {"id": c}), lang)} for c in sorted(collectors)
                ],
                "where": where,
                "sinks": [sink_label(ids[s], lang) for s in sorted(sinks) if s in ids],
                "phases": sorted(phases),
                "declared": declared,
            }
        )
    return rows
