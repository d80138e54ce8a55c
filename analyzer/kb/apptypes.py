"""Load the 39 app types of the 2021 necessary-PI rules from ``policies/app-types.yaml``.

Each type names the PI its basic function needs (taxonomy ids) and carries
the verification mark REGULATION.md gives its row. Loading is strict in the
style of :mod:`analyzer.kb.catalogue`: unknown or missing keys, unknown PI ids and
duplicate ids or ordinals are :class:`~analyzer.errors.PolicyError` with one
line naming the file and the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analyzer.errors import PolicyError
from analyzer.kb.catalogue import KnowledgeBase, load_kb
from analyzer.kb.resources import policies_dir
from analyzer.kb.yamlfile import check_keys, load_yaml
from analyzer.model import Verification

APP_TYPE_COUNT = 39
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEYS = {"id", "ordinal", "ordinal_verified", "zh", "en", "basic_function", "necessary_pi",
         "unverified_pi", "conditions", "items", "verified"}
_REQUIRED = {"id", "ordinal", "ordinal_verified", "zh", "en", "basic_function", "necessary_pi",
             "items", "verified"}


@dataclass(frozen=True)
class AppType:
    """One app type of Art 5 of the 2021 necessary-PI rules."""

    id: str
    """Stable ascii id, e.g. ``map-navigation``."""
    ordinal: int
    """Its number in Art 5 (1-39)."""
    ordinal_verified: Verification
    """Whether the number itself is verified."""
    zh: str
    """Chinese name as in the rules."""
    en: str
    """English name (our wording)."""
    basic_function_zh: str
    """The basic function service (our recollection of the wording, unverified)."""
    basic_function_en: str
    """The basic function service (our paraphrase)."""
    necessary_pi: tuple[str, ...]
    """Taxonomy ids the basic function needs; empty: none at all."""
    unverified_pi: tuple[str, ...]
    """Ids of items marked unverified inside an otherwise verified row."""
    conditions: tuple[tuple[str, str], ...]
    """(PI id, the part of the basic function it is needed for)."""
    items: str
    """The row's necessary-PI column in English."""
    verified: Verification
    """The row's mark in REGULATION.md."""

    @property
    def needs_no_pi(self) -> bool:
        """The basic function needs no PI (13 types)."""
        return not self.necessary_pi


def _str(e: dict[str, Any], key: str, where: str) -> str:
    v = e.get(key)
    if not isinstance(v, str) or not v.strip():
        raise PolicyError(f"{where}: {key} must be a non-empty string")
    return v


def _mark(v: Any, key: str, where: str) -> Verification:
    try:
        return Verification(str(v))
    except ValueError:
        raise PolicyError(f"{where}: {key} must be V, V-partial or U") from None


def _ids(v: Any, key: str, where: str, taxonomy: set[str]) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise PolicyError(f"{where}: {key} must be a list of PI type ids")
    unknown = [x for x in v if x not in taxonomy]
    if unknown:
        raise PolicyError(f"{where}: {key}: PI id(s) not in the taxonomy: {unknown}")
    if len(set(v)) != len(v):
        raise PolicyError(f"{where}: {key} lists an id twice")
    return tuple(v)


def _entry(e: Any, where: str, taxonomy: set[str]) -> AppType:
    if not isinstance(e, dict):
        raise PolicyError(f"{where}: not a mapping")
    check_keys(e, _KEYS, _REQUIRED, where)
    tid = _str(e, "id", where)
    if not _ID_RE.match(tid):
        raise PolicyError(f"{where}: id {tid!r} must be lowercase ascii words joined by '-'")
    where = f"{where.split(':')[0]}: {tid}"
    ordinal = e["ordinal"]
    if isinstance(ordinal, bool) or not isinstance(ordinal, int) or not 1 <= ordinal <= APP_TYPE_COUNT:
        raise PolicyError(f"{where}: ordinal must be an integer 1-{APP_TYPE_COUNT}")
    bf = e["basic_function"]
    if not isinstance(bf, dict) or set(bf) != {"zh", "en"}:
        raise PolicyError(f"{where}: basic_function must be a mapping with zh and en")
    pi = _ids(e["necessary_pi"], "necessary_pi", where, taxonomy)
    unverified = _ids(e.get("unverified_pi", []), "unverified_pi", where, taxonomy)
    if not set(unverified) <= set(pi):
        raise PolicyError(f"{where}: unverified_pi must be a subset of necessary_pi")
    cond = e.get("conditions", {})
    if not isinstance(cond, dict) or not all(isinstance(v, str) for v in cond.values()):
        raise PolicyError(f"{where}: conditions must map PI ids to text")
    if not set(cond) <= set(pi):
        raise PolicyError(f"{where}: conditions name ids outside necessary_pi: {sorted(set(cond) - set(pi))}")
    return AppType(
        id=tid, ordinal=ordinal, ordinal_verified=_mark(e["ordinal_verified"], "ordinal_verified", where),
        zh=_str(e, "zh", where), en=_str(e, "en", where),
        basic_function_zh=_str(bf, "zh", where), basic_function_en=_str(bf, "en", where),
        necessary_pi=pi, unverified_pi=unverified, conditions=tuple(sorted(cond.items())),
        items=_str(e, "items", where), verified=_mark(e["verified"], "verified", where),
    )


def load_app_types(directory: Path | None = None) -> dict[str, AppType]:
    """The app types by id, in ordinal order, from ``directory`` (default: the policies folder)."""
    return _cached(Path(directory or policies_dir()).resolve())


def load_app_types_file(path: Path, taxonomy: Iterable[str], count: int | None = None) -> dict[str, AppType]:
    """The app types of one file in the ``app-types.yaml`` format, by id in ordinal order.

    ``count`` is the number of types the file must hold (the bundled file: 39);
    ``None`` accepts any number, for a reviewer's own override file.
    """
    known = set(taxonomy)
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("types"), list):
        raise PolicyError(f"{path.name}: expected a mapping with a 'types' list")
    out: dict[str, AppType] = {}
    ordinals: set[int] = set()
    for n, e in enumerate(doc["types"]):
        t = _entry(e, f"{path.name}: types[{n}]", known)
        if t.id in out:
            raise PolicyError(f"{path.name}: {t.id}: duplicate id")
        if t.ordinal in ordinals:
            raise PolicyError(f"{path.name}: {t.id}: duplicate ordinal {t.ordinal}")
        out[t.id] = t
        ordinals.add(t.ordinal)
    if count is not None and len(out) != count:
        raise PolicyError(f"{path.name}: expected {count} app types, found {len(out)}")
    return dict(sorted(out.items(), key=lambda kv: kv[1].ordinal))


def necessary_pi(kb: KnowledgeBase, path: Path | None = None) -> dict[str, frozenset[str]]:
    """App-type id → the PI its basic function needs, for the join and the rules.

    ``path`` overrides the bundled ``app-types.yaml`` of ``kb``'s policies folder.
    """
    if path is None:
        types = load_app_types(kb.directory)
    else:
        if not path.is_file():
            raise PolicyError(f"{path}: app-types file not found")
        types = load_app_types_file(path, kb.taxonomy)
    return {tid: frozenset(t.necessary_pi) for tid, t in types.items()}


@lru_cache(maxsize=4)
def _cached(directory: Path) -> dict[str, AppType]:
    return load_app_types_file(directory / "app-types.yaml", load_kb(directory).taxonomy, APP_TYPE_COUNT)
