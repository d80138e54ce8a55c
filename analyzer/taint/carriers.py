"""Reads through carriers: the call that reads a broadcast's extra or queries a PI provider is the source.

A *carrier* is a source label whose value is not PI itself but holds it:

* the ``Intent`` a receiver gets for a system broadcast that carries PI
  (``intent_action`` entries of ``policies/sources.yaml``): its action, type
  or flags say nothing; the PI is in the extras the entry's ``extras`` list
  names (a key the code does not fix counts when the list is not empty) and,
  where ``data`` says so, in its data (``PACKAGE_ADDED``'s package);
* a content provider's ``Uri`` constant (``content_uri`` entries): a ``Uri``
  is an address, the PI is what a query of it returns.

Carrier labels flow like any other label (into a ``Bundle`` from
``getExtras``, a helper given the intent, a field holding the ``Uri``) but
never make a leak by themselves. At a *read* call (:func:`read_of`: an
``Intent.get*Extra``, ``Bundle.get*``, ``Intent.getData``, a
``ContentResolver.query``, ``managedQuery``, a ``CursorLoader``) the carriers
among the labels of the object read become a new concrete source at that
call site, with the carrier's PI and its key or provider in the source's
API text. Where the object read is the caller's (``P1``) or a global's
(``G:x``), the result carries ``P1~<n>`` / ``G:x~<n>``: what read ``n``
yields from whatever that label stands for, resolved at each call site
(:mod:`~.substitution`) or after the global fixpoint (:meth:`Carriers.resolve`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analyzer.apk.dex import MethodRef
from analyzer.kb.catalogue import SourceSpec
from analyzer.model import CodeLocation, Owner, PIAccess
from analyzer.taint.domain import Label

INTENT = "Landroid/content/Intent;"
BUNDLES = frozenset(("Landroid/os/Bundle;", "Landroid/os/BaseBundle;"))
QUERIES: dict[tuple[str, str], int] = {
    ("Landroid/content/ContentResolver;", "query"): 0,
    ("Landroid/content/ContentProviderClient;", "query"): 0,
    ("Landroid/app/Activity;", "managedQuery"): 0,
    ("Landroid/content/CursorLoader;", "<init>"): 1,
    ("Landroidx/loader/content/CursorLoader;", "<init>"): 1,
    ("Landroid/support/v4/content/CursorLoader;", "<init>"): 1,
}
"""Provider reads: (declaring class, method) -> the parameter holding the ``Uri`` (receiver excluded).
A ``CursorLoader`` gets what it will load in itself."""
DATA_READS = frozenset(("getData", "getDataString"))
"""``Intent`` methods that read its data (a ``Uri``)."""

EXTRA, DATA, QUERY = "extra", "data", "query"


@dataclass(frozen=True, slots=True)
class Read:
    """How one call reads through a carrier: what it reads, from which argument, under which key."""

    what: str
    """:data:`EXTRA`, :data:`DATA` or :data:`QUERY`."""
    slot: int
    """Position in the argument list (receiver first) of the carrier read."""
    key_slot: int | None = None
    """Position of the extra's key, for :data:`EXTRA`."""


@dataclass(frozen=True, slots=True)
class Carrier:
    """A source label whose value holds PI without being it."""

    access: PIAccess
    """The scan's read of it (the receiver's action, the ``Uri`` constant)."""
    provider: bool
    """A provider ``Uri`` (else a broadcast's intent)."""
    extras: frozenset[str] | None = None
    """Broadcast: the extras holding PI (None: any)."""
    data: bool = True
    """Broadcast: whether its data holds PI."""

    def gives(self, what: str, keys: tuple[str, ...] | None) -> bool:
        """Whether a read of ``what`` under ``keys`` (None: a key not known) yields PI."""
        if what == QUERY or self.provider:
            return what == QUERY and self.provider
        if what == DATA:
            return self.data
        if self.extras is None:
            return True
        return bool(self.extras) if keys is None else not self.extras.isdisjoint(keys)


def read_of(ref: MethodRef, static: bool, supertypes: frozenset[str]) -> Read | None:
    """The read a call of ``ref`` makes through a carrier, if any (chosen once per call site)."""
    name = ref.name
    if static:
        return None
    if INTENT in supertypes:
        if name.startswith("get") and name.endswith("Extra") and ref.params[:1] == ("Ljava/lang/String;",):
            return Read(EXTRA, 0, 1)
        if name in DATA_READS and not ref.params:
            return Read(DATA, 0)
        return None
    if not BUNDLES.isdisjoint(supertypes):
        if name.startswith("get") and ref.params[:1] == ("Ljava/lang/String;",):
            return Read(EXTRA, 0, 1)
        return None
    for cls in supertypes:
        slot = QUERIES.get((cls, name))
        if slot is not None and len(ref.params) > slot and ref.params[slot] == "Landroid/net/Uri;":
            return Read(QUERY, slot + 1)
    return None


class Carriers:
    """The carrier labels of one analysis and the sources made by reading through them."""

    def __init__(self, add_source: Callable[[PIAccess], int], owner: Callable[[str], Owner],
                 paths: set[str]) -> None:
        self._add = add_source
        self._owner = owner
        self._paths = paths
        self.by_label: dict[int, Carrier] = {}
        self._reads: list[tuple[CodeLocation, str, str, tuple[str, ...] | None]] = []
        self._read_at: dict[tuple[str, int], int] = {}
        self._made: dict[tuple[int, int], int] = {}
        self.made: set[int] = set()
        """Labels of the sources made at read sites."""

    def add(self, label: int, access: PIAccess, spec: SourceSpec | None) -> None:
        """Record source ``label`` (its read ``access``, catalogued as ``spec``) as a carrier."""
        if access.kind == "content_uri":
            self.by_label[label] = Carrier(access, provider=True)
        else:
            extras = None if spec is None or spec.extras is None else frozenset(spec.extras)
            self.by_label[label] = Carrier(access, provider=False, extras=extras,
                                           data=True if spec is None else spec.data)

    def site(self, mkey: str, loc: CodeLocation, api: str, what: str,
             keys: tuple[str, ...] | None) -> int:
        """The index of the read at ``loc`` (method key ``mkey``) of ``api`` under ``keys``."""
        at = (mkey, loc.offset)
        n = self._read_at.get(at)
        if n is None:
            n = self._read_at[at] = len(self._reads)
            self._reads.append((loc, api, what, keys))
        return n

    def through(self, n: int, labels: Iterable[Label]) -> set[Label]:
        """What read ``n`` yields from a value with ``labels``: a source at the read for each
        carrier that holds what it reads, a transformer label for each caller's or global label."""
        out: set[Label] = set()
        for lab in labels:
            if isinstance(lab, int):
                c = self.by_label.get(lab)
                if c is not None and c.gives(self._reads[n][2], self._reads[n][3]):
                    out.add(self._source(n, lab, c))
            elif "~" not in lab and (lab[0] == "P" or lab.startswith("G:")):
                t = f"{lab}~{n}"
                if lab[0] == "P":
                    self._paths.add(t)
                out.add(t)
        return out

    def _source(self, n: int, label: int, c: Carrier) -> int:
        got = self._made.get((n, label))
        if got is None:
            loc, api, what, keys = self._reads[n]
            a = c.access
            if what == QUERY:
                text = f"{api}({a.api})"
            elif what == DATA:
                text = f"{api}() of {a.api}"
            else:
                key = "?" if keys is None else "|".join(keys)
                text = f'{api}("{key}") of {a.api}'
            got = self._made[(n, label)] = self._add(PIAccess(
                source_id=a.source_id, api=text, kind=a.kind, pi=a.pi, location=loc,
                owner=self._owner(loc.cls), reachable=True, permission=a.permission))
            self.made.add(got)
        return got

    def value(self, label: str, resolved: dict[str, set[int]]) -> set[int]:
        """The concrete sources of global label ``label`` (``G:x`` or a read through it, ``G:x~n``)."""
        base, tilde, n = label.rpartition("~")
        if not tilde:
            return resolved.get(label, set())
        return {x for x in self.through(int(n), resolved.get(base, set())) if isinstance(x, int)}
