"""Render a ``piflow.check/2`` document in any output format: the one registry of formats, one renderer each.

``piflow check --format …`` renders the document it has just built;
``piflow report RESULT.json --format …`` renders one read back by
:func:`analyzer.check.readback.load_result`, so both print the same text.
Renderers import their modules when called, keeping ``piflow --help`` quick.
Formats a person reads in a terminal can also be drawn there in colour
(:data:`DRAWERS`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.console import Console

Doc = dict[str, Any]


def dump_json(doc: Doc) -> str:
    """The document itself (what ``--format json`` writes)."""
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _table(doc: Doc) -> str:
    from analyzer.report.table import render

    return render(doc)


def _sarif(doc: Doc) -> str:
    from analyzer.report.sarif import render_sarif

    return json.dumps(render_sarif(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _markdown(doc: Doc) -> str:
    from analyzer.report.markdown import render_markdown

    return render_markdown(doc)


def _html(doc: Doc) -> str:
    from analyzer.report.html.render import render_html

    return render_html(doc, str(doc.get("lang") or "en"))


def _graph(fmt: str) -> Callable[[Doc], str]:
    def render(doc: Doc) -> str:
        from analyzer.check.readback import graph_of
        from analyzer.graph.export import RENDERERS

        return RENDERERS[fmt](graph_of(doc))

    render.__doc__ = f"The joined graph as {fmt}."
    return render


RENDERERS: dict[str, Callable[[Doc], str]] = {
    "table": _table,
    "json": dump_json,
    "sarif": _sarif,
    "markdown": _markdown,
    "html": _html,
    "graphml": _graph("graphml"),
    "gexf": _graph("gexf"),
    "dot": _graph("dot"),
    "node-link": _graph("node-link"),
}
"""Format name → renderer of a document to text."""

CHECK_FORMATS = ("table", "json", "sarif", "markdown", "html")
"""What ``piflow check --format`` offers (the graph formats go to ``--graph`` there)."""

REPORT_FORMATS = tuple(RENDERERS)
"""What ``piflow report --format`` accepts."""


def _draw_table(doc: Doc, console: Console) -> None:
    from analyzer.report.table import draw

    draw(doc, console)


DRAWERS: dict[str, Callable[[Doc, Console], None]] = {"table": _draw_table}
"""Formats that draw on a terminal (colours, its width) when printed to one."""


def render(doc: Doc, fmt: str) -> str:
    """``doc`` as text in ``fmt`` (one of :data:`REPORT_FORMATS`)."""
    return RENDERERS[fmt](doc)
