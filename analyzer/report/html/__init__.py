"""The HTML report: one self-contained, offline file rendered from a ``piflow.check/2`` document.

``view`` turns the document into the view model (columns, paths, tables);
``render`` fills the Jinja2 template (``templates/``) with it and inlines
cytoscape.js (``vendor/``, MIT) under a hash-only Content Security Policy.
Every string from an APK or a capture is escaped; nothing is fetched.

May import: check, common, model, errors.
"""
