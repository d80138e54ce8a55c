"""Save, load and export flow graphs: node-link JSON, GraphML and GEXF (list attributes as JSON strings).

Kept apart from :mod:`analyzer.graph` (the one writer of graph content) so
that module holds only the vocabulary of nodes and edges.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from analyzer.errors import InputError


def save_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write node-link JSON."""
    data = nx.node_link_data(g, edges="edges")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def load_json(path: str | Path) -> nx.MultiDiGraph:
    """Read node-link JSON written by :func:`save_json`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as e:
        raise InputError(f"{path}: not a piflow graph ({str(e)[:120]})") from e
    return g


def _scalar_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.graph.update({k: _scalar(v) for k, v in g.graph.items()})
    for n, attrs in g.nodes(data=True):
        h.add_node(n, **{k: _scalar(v) for k, v in attrs.items()})
    for u, v, k, attrs in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in attrs.items()})
    return h


def _scalar(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict, set)):
        return json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False)
    if v is None:
        return ""
    return v


def export(g: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> str:
    """Write ``g`` as ``json`` (node-link), ``graphml`` or ``gexf``; the format defaults from the suffix."""
    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".")).lower()
    if fmt == "json":
        save_json(g, p)
    elif fmt == "graphml":
        nx.write_graphml(_scalar_copy(g), p, encoding="utf-8", named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(_scalar_copy(g), p, encoding="utf-8")
    else:
        raise InputError(f"{p.name}: unknown graph format {fmt!r} (use .json, .graphml or .gexf)")
    return fmt
