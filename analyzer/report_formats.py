"""Render a ``piflow.check/2`` document in any output format: one renderer per format behind one table.

``piflow check --format json|sarif|markdown`` renders the document it has
just built; ``piflow report RESULT.json --format …`` renders one read back
by :func:`analyzer.result_doc.load_result`, so both give the same text.
Renderers import their modules when called, keeping ``piflow --help`` quick.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Doc = dict[str, Any]


def dump_json(doc: Doc) -> str:
    """The document itself (what ``--format json`` writes)."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _sarif(doc: Doc) -> str:
    from analyzer.sarif import render_sarif

    return json.dumps(render_sarif(doc), ensure_ascii=False, indent=2) + "\n"


def _markdown(doc: Doc) -> str:
    from analyzer.markdown_report import render_markdown

    return render_markdown(doc)


def _html(doc: Doc) -> str:
    from analyzer.html_report import render_html

    return render_html(doc, str(doc.get("lang") or "en"))


def _graph(fmt: str) -> Callable[[Doc], str]:
    def render(doc: Doc) -> str:
        from analyzer.graph_export import RENDERERS
        from analyzer.result_doc import graph_of

        return RENDERERS[fmt](graph_of(doc))

    render.__doc__ = f"The joined graph as {fmt}."
    return render


RENDERERS: dict[str, Callable[[Doc], str]] = {
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

REPORT_FORMATS = tuple(RENDERERS)
"""What ``piflow report --format`` accepts."""


def render(doc: Doc, fmt: str) -> str:
    """``doc`` as text in ``fmt`` (one of :data:`REPORT_FORMATS`)."""
    return RENDERERS[fmt](doc)
