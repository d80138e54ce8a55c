"""Read a saved ``piflow check`` result (``piflow.check/2`` JSON) back: validate it and rebuild its graph.

``piflow check --format json`` writes the document
(:func:`analyzer.check.document.to_json`); ``piflow report`` reads it here and
renders any other format from it without scanning again. The document is
validated against ``docs/schema/piflow.check-2.schema.json`` (JSON Schema
draft 2020-12) with ``jsonschema``; every problem is one
:class:`~analyzer.errors.InputError` line naming the file and the JSON path.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import networkx as nx

from analyzer.common.files import read_json
from analyzer.errors import InputError
from analyzer.kb.resources import schema_path

SCHEMA_ID = "piflow.check/2"
SCHEMA_FILE = "piflow.check-2.schema.json"


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(schema_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate(doc: Any, name: str = "result") -> None:
    """Raise :class:`InputError` (first problem, one line) unless ``doc`` is a ``piflow.check/2`` document."""
    if isinstance(doc, dict) and isinstance(doc.get("schema"), str) and doc["schema"] != SCHEMA_ID:
        raise InputError(f"{name}: a {doc['schema'][:40]!r} document, piflow reads {SCHEMA_ID!r} "
                         "(run piflow check again)")
    errors = sorted(_validator().iter_errors(doc), key=lambda e: (len(e.absolute_path), e.json_path))
    if errors:
        e = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(f"{name}: not a piflow check result: {e.json_path}: {e.message[:160]}{more}")


def _check_rule_refs(doc: dict[str, Any], name: str) -> None:
    """Every finding, suppression and not-evaluated entry names a rule the document carries."""
    known = {r["id"] for r in doc["rules"]}
    for key in ("findings", "suppressed", "not_evaluated"):
        for i, item in enumerate(doc[key]):
            if item["rule"] not in known:
                raise InputError(f"{name}: not a piflow check result: $.{key}[{i}].rule: "
                                 f"{item['rule'][:80]!r} is not among its rules")


def graph_of(doc: dict[str, Any]) -> nx.MultiDiGraph:
    """The joined graph of a validated document."""
    try:
        g = nx.node_link_graph(doc["graph"], directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, ValueError, nx.NetworkXError) as e:
        raise InputError(f"result graph: not a node-link graph ({str(e)[:120]})") from None
    assert isinstance(g, nx.MultiDiGraph)
    return g


def load_result(path: str | Path) -> dict[str, Any]:
    """The ``piflow.check/2`` document saved at ``path``, validated, its graph checked to rebuild."""
    p = Path(path)
    doc = read_json(p)
    if isinstance(doc, dict) and doc.get("schema") == "piflow.check/2":
        doc.setdefault("frameworks", [])  # saved before hybrid apps were named
    validate(doc, str(p))
    _check_rule_refs(doc, str(p))
    try:
        graph_of(doc)
    except InputError as e:
        raise InputError(f"{p}: {e}") from None
    return doc  # type: ignore[no-any-return]
