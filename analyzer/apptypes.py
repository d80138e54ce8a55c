"""Read the necessary-PI sets of the 39 app types (``policies/app-types.yaml``) for the join.

The 2021 *Provisions on the Scope of Necessary Personal Information for
Common Types of Mobile Internet Applications* list, per app type, the PI its
basic function needs (REGULATION.md section 3.4). The file is maintained
beside the declaration loader; this module only needs each entry's ``id`` and
``necessary_pi`` list, so it reads just those and ignores the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analyzer.errors import PolicyError
from analyzer.kb import _load_yaml, policies_dir

APP_TYPES_FILE = "app-types.yaml"


def load_app_types(path: Path | None = None) -> dict[str, frozenset[str]] | None:
    """App-type id → necessary PI type ids; ``None`` when the file does not exist.

    Accepts a top-level list of entries or a mapping whose ``app_types`` (or
    ``types``) key holds that list.
    """
    path = path or policies_dir() / APP_TYPES_FILE
    if not path.exists():
        return None
    doc: Any = _load_yaml(path)
    if isinstance(doc, dict):
        doc = doc.get("app_types", doc.get("types"))
    if not isinstance(doc, list):
        raise PolicyError(f"{path.name}: expected a list of app types")
    out: dict[str, frozenset[str]] = {}
    for n, entry in enumerate(doc, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise PolicyError(f"{path.name}: entry {n} has no string id")
        pis = entry.get("necessary_pi", [])
        if not isinstance(pis, list) or not all(isinstance(p, str) for p in pis):
            raise PolicyError(f"{path.name}: {entry['id']}: necessary_pi must be a list of PI type ids")
        out[entry["id"]] = frozenset(pis)
    return out
