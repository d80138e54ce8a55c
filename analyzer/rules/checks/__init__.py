"""TODO."""

from analyzer.rules.checks import code, declared, traffic

__all__ = ["code", "declared", "traffic"]
