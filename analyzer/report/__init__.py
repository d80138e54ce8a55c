"""Every output format of a ``piflow.check/2`` document: table, JSON, SARIF, Markdown, HTML, graph formats.

``formats`` is the one registry of formats (``piflow check --format`` and
``piflow report`` both render through it); ``table`` draws the human
report; ``sarif`` writes SARIF 2.1.0; ``markdown`` a pull-request comment;
``html/`` one self-contained, offline HTML report. Renderers read only the
document (and rebuild its graph from it for the graph formats): they never
see a scan, a capture or a rule object.

May import: check, graph, common, model, errors.
"""
