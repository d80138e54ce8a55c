"""Save, load and export flow graphs to files (0600): node-link JSON, GraphML, GEXF, DOT.

Kept apart from :mod:`analyzer.graph.build` (the one writer of graph content) so
that module holds only the vocabulary of nodes and edges.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from analyzer.common.files import write_private
from analyzer.errors import InputError


def save_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write node-link JSON."""
    data = nx.node_link_data(g, edges="edges")
    write_private(Path(path), json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False))


def load_json(path: str | Path) -> nx.MultiDiGraph:
    """Read node-link JSON written by :func:`save_json`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as e:
        raise InputError(f"{path}: not a piflow graph ({str(e)[:120]})") from e
    return g


def export(g: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> str:
    """Write ``g`` as ``json`` (node-link), ``graphml``, ``gexf`` or ``dot`` (format from the suffix)."""
    from analyzer.graph.export import RENDERERS

    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".")).lower()
    if fmt == "json":
        save_json(g, p)
    elif fmt in ("graphml", "gexf", "dot"):
        write_private(p, RENDERERS[fmt](g))
    else:
        raise InputError(f"{p.name}: unknown graph format {fmt!r} (use .json, .graphml, .gexf or .dot)")
    return fmt
