"""The checks rules may name in their ``check``, grouped by the evidence they need (a vocabulary, not code).

Importing this package registers every check in
:data:`analyzer.rules.queries.CHECKS`.

May import: rules.queries, kb, common, model, errors.
"""

from analyzer.rules.checks import code, declared, traffic

__all__ = ["code", "declared", "traffic"]
