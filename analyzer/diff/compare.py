"""Compare two check results: the PI, flows, SDKs, hosts, permissions and findings a build adds or drops.

Both results are first reduced to a :class:`~analyzer.check.snapshot.Snapshot`
(items keyed by what stays the same across builds, see there).
:func:`diff` then gives, per category, the keys that are **new** (only in the
new result), **gone** (only in the old) and **changed** (in both, with a
compared attribute different: a finding's severity or evidence, a flow's
status, cleartext or phases, …).

>>> old = Snapshot("app:a", {"sdks": {"umeng": {}}})
>>> new = Snapshot("app:a", {"sdks": {"umeng": {}, "jpush": {}}})
>>> [c.key for c in diff(old, new).categories["sdks"].new]
['jpush']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from analyzer.check.snapshot import CATEGORIES, Snapshot
from analyzer.errors import InputError
from analyzer.model import Severity

DIFF_SCHEMA = "piflow.diff/1"

COMPARED: dict[str, tuple[str, ...]] = {
    "pi": ("owners",),
    "flows": ("status", "cleartext", "phases"),
    "sdks": ("reachable",),
    "hosts": ("sdk", "party", "country", "region"),
    "permissions": (),
    "findings": ("severity", "evidence"),
}
"""The attributes whose change makes an item *changed*; the others are shown, not compared."""

FAIL_ON = ("new-any", "new-critical", "new-high", "new-medium")
"""``--fail-on`` gates of ``piflow diff``: a new (or newly more severe) finding at or above the level."""


@dataclass(frozen=True)
class Change:
    """One item that differs between the two results."""

    key: str
    """The item's key in its category."""
    old: Mapping[str, Any] | None
    """Its attributes in the old result (None when new)."""
    new: Mapping[str, Any] | None
    """Its attributes in the new result (None when gone)."""

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """The compared attributes that differ (empty for new and gone items)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(k for k in sorted(set(self.old) | set(self.new)) if self.old.get(k) != self.new.get(k))


@dataclass(frozen=True)
class CategoryDiff:
    """New, gone and changed items of one category, each sorted by key."""

    new: tuple[Change, ...] = ()
    gone: tuple[Change, ...] = ()
    changed: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.new or self.gone or self.changed)


@dataclass(frozen=True)
class Diff:
    """The difference between an old and a new result."""

    old_app: str
    new_app: str
    categories: dict[str, CategoryDiff] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether the two results hold the same items with the same compared attributes."""
        return not any(self.categories.values())

    def gate_failures(self, gate: str | None) -> list[Change]:
        """The finding changes that fail ``gate`` (one of :data:`FAIL_ON`; None fails nothing).

        New findings at or above the gate's severity fail it, and so do
        changed findings whose severity rose to or above it.
        """
        if gate is None:
            return []
        if gate not in FAIL_ON:
            raise InputError(f"unknown --fail-on {gate!r} (one of {', '.join(FAIL_ON)})")
        floor = Severity.INFO if gate == "new-any" else Severity(gate.removeprefix("new-"))
        fd = self.categories.get("findings", CategoryDiff())
        out = [c for c in fd.new if c.new is not None and Severity(c.new["severity"]) >= floor]
        for c in fd.changed:
            assert c.old is not None and c.new is not None
            before, after = Severity(c.old["severity"]), Severity(c.new["severity"])
            if after > before and after >= floor:
                out.append(c)
        return out


def _compared(category: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: attrs.get(k) for k in COMPARED[category]}


def diff(old: Snapshot, new: Snapshot) -> Diff:
    """Per category, the items that are new, gone or changed from ``old`` to ``new``."""
    cats: dict[str, CategoryDiff] = {}
    for cat in CATEGORIES:
        a, b = old.category(cat), new.category(cat)
        cats[cat] = CategoryDiff(
            new=tuple(Change(k, None, b[k]) for k in sorted(set(b) - set(a))),
            gone=tuple(Change(k, a[k], None) for k in sorted(set(a) - set(b))),
            changed=tuple(
                Change(k, a[k], b[k])
                for k in sorted(set(a) & set(b))
                if _compared(cat, a[k]) != _compared(cat, b[k])
            ),
        )
    return Diff(old.app, new.app, cats)
