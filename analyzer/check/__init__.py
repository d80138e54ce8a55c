"""``piflow check``: evidence in, one joined graph, the rule pack; a verdict and its document out.

``run`` is the pipeline (static scan or a saved one, captures, declaration →
:mod:`analyzer.graph.join` → :mod:`analyzer.rules` → suppressions and
baseline); ``document`` turns the result into the ``piflow.check/2``
document every report format renders; ``readback`` validates a saved one
(the JSON Schema in ``docs/schema/``, through jsonschema, imported only
here) and rebuilds its graph; ``snapshot`` reduces a document to what
``diff`` and ``--baseline`` compare.

May import: rules, graph, static, traffic, declaration, kb, common, model, errors.
"""
