"""Load ``policies/js-bridges.yaml``: the bridges hybrid apps read PI through, request calls, channels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.errors import PolicyError
from analyzer.kb.resources import policies_dir
from analyzer.kb.yamlfile import check_keys, load_yaml

FILE = "js-bridges.yaml"


@dataclass(frozen=True)
class Bridge:
    """One way a script reads PI: a member of a receiver, read or called."""

    id: str
    """Stable id (the scan's ``PIAccess.source_id`` is ``js:<id>``)."""
    library: str
    """The package providing it."""
    objects: tuple[str, ...]
    """Receivers as written, dotted (``plus.device``); one a receiver ends with matches."""
    members: tuple[str, ...]
    """Member names."""
    call: bool
    """The member must be called (``access: call``); else a property read counts too."""
    pi: tuple[str, ...]
    """PI type ids."""
    marker: str = ""
    """A string the library's own code holds: when a script holds it, minified receivers match too."""
    permission: str = ""
    """The Android permission the native side needs."""


@dataclass(frozen=True)
class RequestCall:
    """A call that sends: its callee (dotted, matched as a suffix) and where its URL is."""

    callee: str
    url: int | str
    """Argument index of the URL, or the key of an options object (``url``)."""


@dataclass(frozen=True)
class Channel:
    """A Flutter platform channel a plugin reads PI through."""

    name: str
    pi: tuple[str, ...]


@dataclass(frozen=True)
class Bridges:
    """The whole file."""

    reads: tuple[Bridge, ...]
    requests: tuple[RequestCall, ...]
    channels: tuple[Channel, ...]
    checked: str

    @property
    def channel_names(self) -> frozenset[str]:
        """The Flutter channel names."""
        return frozenset(c.name for c in self.channels)

    def by_member(self) -> dict[str, list[Bridge]]:
        out: dict[str, list[Bridge]] = {}
        for b in self.reads:
            for m in b.members:
                out.setdefault(m, []).append(b)
        return out


def _names(v: Any, where: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        raise PolicyError(f"{where}: expected a non-empty list of names")
    return tuple(v)


def parse(doc: Any, name: str = FILE, pi_ids: frozenset[str] | None = None) -> Bridges:
    """The bridges of a loaded document; :class:`PolicyError` (one line) when malformed."""
    if not isinstance(doc, dict):
        raise PolicyError(f"{name}: expected a mapping")
    check_keys(doc, {"checked", "reads", "requests", "channels"}, {"checked", "reads", "requests"}, name)
    reads, seen = [], set()
    for i, e in enumerate(doc["reads"] or []):
        where = f"{name}: reads[{i}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: expected a mapping")
        check_keys(e, {"id", "library", "objects", "members", "access", "marker", "pi", "permission"},
                   {"id", "library", "objects", "members", "access", "pi"}, where)
        if e["id"] in seen:
            raise PolicyError(f"{where}: id {e['id']!r} given twice")
        seen.add(e["id"])
        if e["access"] not in ("call", "any"):
            raise PolicyError(f"{where}: access must be call or any")
        pi = _names(e["pi"], where)
        unknown = [p for p in pi if pi_ids is not None and p not in pi_ids]
        if unknown:
            raise PolicyError(f"{where}: unknown PI type(s) {unknown}")
        reads.append(Bridge(str(e["id"]), str(e["library"]), _names(e["objects"], where),
                            _names(e["members"], where), e["access"] == "call", pi,
                            str(e.get("marker") or ""), str(e.get("permission") or "")))
    requests = []
    for i, e in enumerate(doc["requests"] or []):
        where = f"{name}: requests[{i}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: expected a mapping")
        check_keys(e, {"callee", "url"}, {"callee", "url"}, where)
        if not isinstance(e["url"], (int, str)) or isinstance(e["url"], bool):
            raise PolicyError(f"{where}: url must be an argument index or a key")
        requests.append(RequestCall(str(e["callee"]), e["url"]))
    channels = []
    for i, e in enumerate(doc.get("channels") or []):
        where = f"{name}: channels[{i}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: expected a mapping")
        check_keys(e, {"name", "pi"}, {"name", "pi"}, where)
        channels.append(Channel(str(e["name"]), _names(e["pi"], where)))
    return Bridges(tuple(reads), tuple(requests), tuple(channels), str(doc["checked"]))


@cache
def _load(path: Path, pi_ids: frozenset[str] | None) -> Bridges:
    return parse(load_yaml(path), path.name, pi_ids)


def load_bridges(directory: Path | None = None, pi_ids: frozenset[str] | None = None) -> Bridges:
    """``js-bridges.yaml`` of the policies directory (its PI types checked against ``pi_ids``)."""
    return _load(Path(directory or policies_dir()).resolve() / FILE, pi_ids)
