"""The rule packs: rules as data (one YAML per rule, its cases beside it) judged on the joined graph.

``pack`` loads a pack strictly and evaluates it, turning missing evidence
into ``NotEvaluated``, never a pass; ``queries`` are the graph reads rules
may use and the typed registry of checks; ``checks/`` holds the checks by
the evidence they need (``code``, ``traffic``, ``declared``); ``cases``
runs a rule's test cases on small real joined graphs; ``suppress`` reads
suppression files (accepted findings with reasons and expiry dates).

Rules read only the graph and the knowledge base; ``cases`` builds its
fixtures from the evidence value types of ``traffic`` and ``declaration``.

May import: graph, traffic, declaration, kb, common, model, errors.
"""
