"""Load the packer, protector and obfuscator fingerprints of ``policies/packers.yaml``.

Each entry names what a packed app carries (stub classes, the manifest's
application class, native library names, asset paths) and the cases that
exercise it; :mod:`analyzer.apk.packers` matches them against an APK. The
loader refuses unknown keys, duplicate ids, empty signatures and a ``generic``
name that is not one of the entry's own names (one line naming the entry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.errors import PolicyError
from analyzer.kb.yamlfile import check_keys, load_yaml

PACKER_KINDS = ("packer", "protector", "obfuscator")
"""What a fingerprinted tool does: hide the DEX, guard it (may encrypt it), or only rename it."""

HIDING_KINDS = frozenset({"packer", "protector"})
"""Kinds whose presence makes the static evidence incomplete."""

MARKS = ("V", "V-partial", "U")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_CASE_KEYS = {"classes", "application", "files", "match"}


@dataclass(frozen=True)
class PackerCase:
    """What an app carrying the packer has (or an app that must not match)."""

    classes: tuple[str, ...]
    """Java class names in its DEX."""
    application: str | None
    """Its manifest application class."""
    files: tuple[str, ...]
    """APK entry paths (native libraries included)."""
    match: bool
    """Whether the entry must match it."""


@dataclass(frozen=True)
class PackerSpec:
    """One entry of ``policies/packers.yaml``."""

    id: str
    """Stable id."""
    name: str
    """Product name."""
    vendor: str
    """Company."""
    country: str
    """ISO 3166-1 alpha-2 code of the vendor's seat (``ZZ`` unknown)."""
    kind: str
    """One of :data:`PACKER_KINDS`."""
    mark: str
    """How the names were checked: ``V``, ``V-partial`` or ``U``."""
    classes: tuple[str, ...] = ()
    """Class names (``a.b.C``) or package prefixes (``a.b.``)."""
    application: tuple[str, ...] = ()
    """Manifest application class names."""
    libraries: tuple[str, ...] = ()
    """fnmatch patterns over native library base names."""
    files: tuple[str, ...] = ()
    """fnmatch patterns over APK entry paths."""
    generic: frozenset[str] = frozenset()
    """Names of the lists above that are no proof on their own."""
    cases: tuple[PackerCase, ...] = ()
    """The cases beside the entry."""

    @property
    def hides_code(self) -> bool:
        """Whether an app carrying it has code a static scan cannot read."""
        return self.kind in HIDING_KINDS


def _strings(v: Any, where: str, key: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise PolicyError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v)


def _case(raw: Any, where: str) -> PackerCase:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: a case must be a mapping")
    check_keys(raw, _CASE_KEYS, {"match"}, where)
    if not isinstance(raw["match"], bool):
        raise PolicyError(f"{where}: match must be true or false")
    app = raw.get("application")
    if app is not None and not isinstance(app, str):
        raise PolicyError(f"{where}: application must be a class name")
    return PackerCase(_strings(raw.get("classes"), where, "classes"), app,
                      _strings(raw.get("files"), where, "files"), raw["match"])


def _entry(raw: Any, where: str) -> PackerSpec:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: an entry must be a mapping")
    check_keys(raw, {"id", "name", "vendor", "country", "kind", "mark", "classes", "application",
                     "libraries", "files", "generic", "cases"},
               {"id", "name", "vendor", "country", "kind", "mark", "cases"}, where)
    pid = raw["id"]
    if not isinstance(pid, str) or not _ID_RE.match(pid):
        raise PolicyError(f"{where}: bad id {pid!r}")
    where = f"{where} ({pid})"
    for key in ("name", "vendor"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise PolicyError(f"{where}: {key} must be a non-empty string")
    if not isinstance(raw["country"], str) or not _COUNTRY_RE.match(raw["country"]):
        raise PolicyError(f"{where}: country must be an ISO 3166-1 alpha-2 code")
    if raw["kind"] not in PACKER_KINDS:
        raise PolicyError(f"{where}: kind must be one of {', '.join(PACKER_KINDS)}")
    if raw["mark"] not in MARKS:
        raise PolicyError(f"{where}: mark must be one of {', '.join(MARKS)}")
    names = {k: _strings(raw.get(k), where, k) for k in ("classes", "application", "libraries", "files")}
    if not any(names.values()):
        raise PolicyError(f"{where}: no signature (classes, application, libraries or files)")
    generic = frozenset(_strings(raw.get("generic"), where, "generic"))
    stray = generic - {n for v in names.values() for n in v}
    if stray:
        raise PolicyError(f"{where}: generic names {sorted(stray)} are none of the entry's names")
    cases = raw["cases"]
    if not isinstance(cases, list) or not any(isinstance(c, dict) and c.get("match") is True for c in cases):
        raise PolicyError(f"{where}: cases must list at least one app that matches")
    return PackerSpec(pid, raw["name"], raw["vendor"], raw["country"], raw["kind"], raw["mark"],
                      names["classes"], names["application"], names["libraries"], names["files"], generic,
                      tuple(_case(c, f"{where} case {i + 1}") for i, c in enumerate(cases)))


def load_packers(path: Path) -> tuple[PackerSpec, ...]:
    """The entries of ``path`` (``policies/packers.yaml``), validated; none when the file is absent."""
    if not path.exists():
        return ()
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        raise PolicyError(f"{path.name}: expected a mapping with `packers`")
    check_keys(doc, {"packers"}, {"packers"}, path.name)
    if not isinstance(doc["packers"], list):
        raise PolicyError(f"{path.name}: packers must be a list")
    out: list[PackerSpec] = []
    seen: set[str] = set()
    for i, raw in enumerate(doc["packers"]):
        spec = _entry(raw, f"{path.name} entry {i + 1}")
        if spec.id in seen:
            raise PolicyError(f"{path.name}: id {spec.id!r} given twice")
        seen.add(spec.id)
        out.append(spec)
    return tuple(out)
