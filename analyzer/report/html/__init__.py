"""The HTML report: one self-contained, offline file rendered from a ``piflow.check/2`` document.

``flows`` folds the document's flows into the first screen's rows (PI type →
collector → recipient, evidence, phases, findings); ``view`` turns the
document into the full graph's view model (columns, paths, tables);
``render`` fills the Jinja2 template (``templates/``: the page, ``flows.js``
for the flow table, ``report.js`` for the graph) and inlines cytoscape.js
(``vendor/``, MIT) under a hash-only Content Security Policy.
Every string from an APK or a capture is escaped; nothing is fetched.

May import: check, common, model, errors.
"""
