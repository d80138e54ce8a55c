"""Render a flow graph as text in an exchange format: GraphML, GEXF, node-link JSON or Graphviz DOT.

GraphML and GEXF hold scalar attributes only, so list and dict attributes
(``sites``, ``paths``, ``phases`` …) are flattened to JSON strings and
``None`` to ``""``; node-link JSON keeps them as they are. DOT is written
by hand: every id and value is a double-quoted string with ``\\``, ``"``
and line breaks escaped, so a hostile class or host name can neither
close the string nor add a statement. Nothing here changes the graph
(:mod:`analyzer.graph.build` is its only writer); the copies are new graphs.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import networkx as nx

_KIND_STYLE = {
    "app": ("box", "#1f77b4"),
    "sdk": ("box", "#ff7f0e"),
    "pi": ("ellipse", "#d62728"),
    "host": ("hexagon", "#2ca02c"),
    "company": ("house", "#8c564b"),
    "sink": ("diamond", "#9467bd"),
    "weakness": ("octagon", "#7f7f7f"),
    "third_party": ("house", "#bcbd22"),
}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(s: str) -> str:
    """``s`` with the characters XML 1.0 cannot hold (most control characters) as ``\\uXXXX``.

    >>> xml_text("a\x01b")
    'a\\\\u0001b'
    """
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", s)


def scalar(v: Any) -> Any:
    """``v`` as a GraphML/GEXF attribute: lists, tuples, sets and dicts as JSON, ``None`` as ``""``,
    strings XML-safe (:func:`xml_text`).

    >>> scalar(["a", "b"]), scalar(None), scalar(3)
    ('["a", "b"]', '', 3)
    """
    if isinstance(v, (list, tuple, dict, set)):
        v = json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False, sort_keys=True,
                       allow_nan=False)
    if v is None:
        return ""
    return xml_text(v) if isinstance(v, str) else v


def scalar_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose graph, node and edge attributes are all scalars and node ids XML-safe."""
    h = nx.MultiDiGraph()
    h.graph.update({k: scalar(v) for k, v in g.graph.items()})
    for n, attrs in g.nodes(data=True):
        h.add_node(xml_text(n), **{k: scalar(v) for k, v in attrs.items()})
    for u, v, k, attrs in g.edges(keys=True, data=True):
        h.add_edge(xml_text(u), xml_text(v), key=xml_text(str(k)), **{a: scalar(x) for a, x in attrs.items()})
    return h


def to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML (UTF-8 XML)."""
    buf = io.BytesIO()
    nx.write_graphml(scalar_copy(g), buf, encoding="utf-8", named_key_ids=True)
    return buf.getvalue().decode("utf-8")


def to_gexf(g: nx.MultiDiGraph) -> str:
    """GEXF 1.2 (UTF-8 XML), for Gephi."""
    buf = io.BytesIO()
    nx.write_gexf(scalar_copy(g), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def to_node_link(g: nx.MultiDiGraph) -> str:
    """networkx node-link JSON (``edges="edges"``), list attributes kept as lists."""
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


_DOT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _dot_char(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ch < " " or ch == "\x7f" else ch


def dot_quote(s: object) -> str:
    """``s`` as a DOT double-quoted string: ``\\`` and ``"`` escaped, line breaks as ``\\n``/``\\r``,
    other control characters as ``\\uXXXX`` (one-to-one, so distinct names stay distinct).

    >>> dot_quote('a"b\\\\c')
    '"a\\\\"b\\\\\\\\c"'
    """
    return '"' + "".join(_DOT_ESCAPES.get(ch) or _dot_char(ch) for ch in str(s)) + '"'


def _dot_attrs(attrs: dict[str, Any], extra: dict[str, str]) -> str:
    items = {**{k: scalar(v) for k, v in attrs.items()}, **extra}
    return ", ".join(f"{dot_quote(k)}={dot_quote(v)}" for k, v in sorted(items.items()))


def to_dot(g: nx.MultiDiGraph) -> str:
    """Graphviz DOT: one ``digraph``, nodes shaped and coloured by kind, edges labelled by kind."""
    lines = [f"digraph {dot_quote(g.graph.get('app', 'piflow'))} {{", '  graph ["rankdir"="LR"];']
    for n, attrs in sorted(g.nodes(data=True)):
        shape, color = _KIND_STYLE.get(str(attrs.get("kind", "")), ("ellipse", "#333333"))
        extra = {"shape": shape, "color": color, "label": str(attrs.get("label") or n)}
        lines.append(f"  {dot_quote(n)} [{_dot_attrs(attrs, extra)}];")
    for u, v, k, attrs in sorted(g.edges(keys=True, data=True), key=lambda t: (t[0], t[1], str(t[2]))):
        label = str(attrs.get("kind", ""))
        if attrs.get("status"):
            label += f" ({attrs['status']})"
        extra = {"key": str(k), "label": label}
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)} [{_dot_attrs(attrs, extra)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "graphml": to_graphml,
    "gexf": to_gexf,
    "node-link": to_node_link,
    "dot": to_dot,
}
"""Graph format name → renderer (``piflow report --format``)."""
