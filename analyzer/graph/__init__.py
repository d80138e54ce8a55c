"""The flow graph: one networkx graph joining static, traffic and declared evidence, and its files.

``build`` is the one writer of the graph: every node kind (``app:``,
``sdk:``, ``pi:``, ``host:``, ``sink:`` …, plain prefixed ids) and edge kind
is documented where it is added. ``join`` builds the joined graph of a
check and derives the PI flows with their status; ``io`` saves and loads
it (node-link JSON, 0600) and writes the exchange formats that ``export``
renders (GraphML, GEXF, node-link, DOT).

May import: static, traffic, declaration, kb, common, model, errors.
"""
