"""The abstract domain of the taint analysis: labels, values, the per-point state, method summaries.

* A *label* is a concrete source site (an ``int``: its index in the
  analysis's list of source reads; ``-1 - i`` is source ``i`` carried
  *implicitly*, by a branch its data decided), ``"P3"`` ("whatever the caller
  passed as parameter 3"; ``"P3~"`` the same carried implicitly),
  ``"P3.G:x"`` (what field ``G:x`` of that parameter's object held at
  entry), ``"P3.k:sms"`` (the entry under constant key ``sms`` of that
  parameter's map, bundle, JSON object or intent at entry), or ``"G:<key>"``
  ("whatever is ever stored in global location <key>": a field, an intent or
  message channel, a store).
* A *value* (:data:`Val`) is a pair: the labels of the value itself, and the
  abstract objects it may point to. Objects are strings: ``n@<pc>``
  allocations, ``p#<i>`` parameters, ``r@<pc>`` call results, ``f@``/``s@``
  field loads, and constants (``c:`` strings, ``i:`` ints, ``r:lo:hi``
  ranges, ``k:`` classes), which double as must-information.
* The *heap* maps ``(object, field)`` to a value. Library objects carry
  their contents as a whole under :data:`WHOLE`; app objects carry data only
  in their fields. Keys starting with ``@`` are bookkeeping, not data.
* A method's :class:`Summary` says, in labels, what flows out of it; callers
  substitute their own argument labels for the ``P`` labels.

>>> sorted(join_objs(frozenset({"i:1", "c:a"}), frozenset({"i:2"})))  # both sides know the number
['c:a', 'i:1', 'i:2']
>>> sorted(join_objs(frozenset({"i:1"}), frozenset({"n@4"})))  # one side: any number
['n@4']
>>> interval((EMPTY, frozenset({"i:3", "r:0:9"}))), interval(NONE)
((0, 9), None)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Label = int | str
Labels = frozenset[Label]
EMPTY: Labels = frozenset()
NO_OBJS: frozenset[str] = frozenset()

Val = tuple[Labels, frozenset[str]]
"""A value: (labels of the value itself, abstract objects it may point to)."""
NONE: Val = (EMPTY, NO_OBJS)

WHOLE = "*"
"""Pseudo-field: a library object's contents as a whole."""
ELEMS = "[]"
"""Pseudo-field: the objects a container holds."""
STATIC = "static"
"""Pseudo-object holding the static fields."""

# Heap bookkeeping (keys that are not data).
ESCAPED = "@escaped"
"""An allocated object other code may have seen."""
UNKEYED = "@unkeyed"
"""An allocated container holds data not filed under a constant key."""
STORED = "@stored"
"""A local container stored in a field or array."""
SIZE = "@size"
"""A list's known size, as an ``i:`` constant."""
LEN = "@len"
"""An array's known length, as an ``i:`` constant."""
WRAPS = "@wraps"
"""The objects a stream, writer or formatter writes through to."""
KIND = "@kind"
"""Where a stream goes (``c:network``, ``c:memory`` …)."""
TOUCHED = "@touched"
"""On ``p#0``: other app code may have run since the method's entry."""
FRESH = "G:fresh:"
"""``G:fresh:<method key>|<field label>``: that field of ``this`` at a first lifecycle callback's entry."""

MAX_NUMBERS = 4
"""Numeric constants a joined value keeps (more: any number)."""
MAX_CONSTS = 8
"""String and class constants a value keeps."""

VALUE_TYPES = frozenset(("Ljava/lang/String;", "Ljava/lang/CharSequence;", "Ljava/lang/Integer;",
                         "Ljava/lang/Long;", "Ljava/lang/Double;", "Ljava/lang/Float;",
                         "Ljava/lang/Short;", "Ljava/lang/Byte;", "Ljava/lang/Character;",
                         "Ljava/lang/Boolean;", "Ljava/lang/Number;"))
"""Types whose references are values: the data is the reference itself, not an object's contents."""


@dataclass(frozen=True, slots=True)
class SinkSite:
    """A sink call site."""

    method: str
    """Key of the method holding the call."""
    pc: int
    """Bytecode offset of the call."""
    sink: str
    """Sink kind."""
    api: str
    """Sink API, Java names."""


@dataclass
class Summary:
    """What a method does with taint, in labels."""

    ret: Labels = EMPTY
    """Labels of the return value (contents included for library objects)."""
    throws: dict[str, Labels] = field(default_factory=dict)
    """Labels of exceptions it lets escape, by the exception's class (``""``: a class not known)."""
    params: dict[int, Labels] = field(default_factory=dict)
    """Labels added to the contents of (library) argument objects, by parameter index."""
    gwrites: dict[str, Labels] = field(default_factory=dict)
    """Labels written to global locations."""
    leaks: dict[SinkSite, Labels] = field(default_factory=dict)
    """Labels reaching sink sites (in this method or its callees)."""
    ret_consts: frozenset[str] = frozenset()
    """Constant values (``i:``/``r:``/``c:``) every return yields, empty when not constant."""
    this_fields: dict[str, Labels] | None = None
    """Constructors only: labels of the fields they store in ``this`` (a field's own global
    label where the stored object is not followed); None when ``this`` escapes, so that
    other code may write its fields."""

    @property
    def empty(self) -> bool:
        """Nothing flows: callers can skip it."""
        return not (self.ret or self.throws or self.params or self.gwrites or self.leaks
                    or self.ret_consts)

    def key(self) -> tuple[object, ...]:
        """Comparable form, to detect a fixpoint."""
        return (self.ret, tuple(sorted(self.throws.items())), tuple(sorted(self.params.items())),
                tuple(sorted(self.gwrites.items())),
                tuple(sorted(((k.method, k.pc, k.api), v) for k, v in self.leaks.items())),
                self.ret_consts,
                None if self.this_fields is None else tuple(sorted(self.this_fields.items())))


EMPTY_SUMMARY = Summary()


def join_objs(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """Union of two points-to sets, where numbers are must-information.

    A side without numeric constants means "any number", so the join keeps
    numbers only if both sides have them, and only a few (loop counters would
    otherwise grow a new constant per iteration and the fixpoint never end).
    """
    joined = a | b
    nums = [o for o in joined if o[:2] in ("i:", "r:")]
    if not nums:
        return joined
    a_has = any(o[:2] in ("i:", "r:") for o in a)
    b_has = any(o[:2] in ("i:", "r:") for o in b)
    if a_has and b_has and len(nums) <= MAX_NUMBERS:
        return joined
    return joined.difference(nums)


def join_into(mine: dict[Any, Val], other: dict[Any, Val], one_sided: bool = False) -> bool:
    """Merge the values of ``other`` into ``mine``; True if ``mine`` changed. With ``one_sided``,
    an entry ``other`` adds keeps no numbers (see :func:`join_heap`)."""
    changed = False
    for k, v in other.items():
        cur = mine.get(k)
        if cur is None:
            mine[k] = (v[0], join_objs(v[1], NO_OBJS)) if one_sided and v[1] else v
            changed = True
        elif cur is not v and cur != v:
            joined = (cur[0] | v[0], join_objs(cur[1], v[1]))
            if joined != cur:
                mine[k] = joined
                changed = True
    return changed


def join_heap(mine: dict[Any, Val], other: dict[Any, Val]) -> bool:
    """Merge heap ``other`` into ``mine`` as :func:`join_into` does; an entry on one side only is
    one the other path did not write, where it holds what it held before (not known here), so
    its numbers are no longer must-information (``if (c) this.f = 1;`` leaves ``f`` 0 or 1)."""
    changed = join_into(mine, other, one_sided=True)
    if len(mine) > len(other):  # keys the other path did not write
        for k in [k for k in mine if k not in other]:
            cur = mine[k]
            objs = join_objs(cur[1], NO_OBJS)
            if objs != cur[1]:
                mine[k] = (cur[0], objs)
                changed = True
    return changed


class State:
    """Registers, local heap and the pending call result at one program point."""

    __slots__ = ("heap", "pending", "regs")

    def __init__(self, regs: dict[int, Val], heap: dict[tuple[str, str], Val], pending: Val) -> None:
        self.regs = regs
        self.heap = heap
        self.pending = pending

    def copy(self) -> State:
        return State(self.regs.copy(), self.heap.copy(), self.pending)

    def join(self, other: State) -> bool:
        """Merge ``other`` into self; True if self changed."""
        # equal dicts (compared in C, identical values short-cut) need no key-by-key merge
        changed = self.regs != other.regs and join_into(self.regs, other.regs)
        changed = (self.heap != other.heap and join_heap(self.heap, other.heap)) or changed
        op = other.pending
        if op is not self.pending and not (op[0] <= self.pending[0] and op[1] <= self.pending[1]):
            self.pending = (self.pending[0] | op[0], self.pending[1] | op[1])
            changed = True
        return changed


def interval(v: Val) -> tuple[int, int] | None:
    """The integer range a value is known to lie in (from ``i:`` and ``r:`` constants), if any."""
    if not v[1]:
        return None
    lo: int | None = None
    hi: int | None = None
    for o in v[1]:
        if o.startswith("i:"):
            a = b = int(o[2:])
        elif o.startswith("r:"):
            _, sa, sb = o.split(":")
            a, b = int(sa), int(sb)
        else:
            return None
        lo = a if lo is None else min(lo, a)
        hi = b if hi is None else max(hi, b)
    return (lo, hi) if lo is not None and hi is not None else None


def compare(op: int, x: tuple[int, int], y: tuple[int, int]) -> bool | None:
    """Decide if-eq/ne/lt/ge/gt/le (0x32..0x37) on ranges: True, False, or None when unknown.

    >>> compare(0x34, (0, 3), (5, 9)), compare(0x32, (1, 1), (1, 2))
    (True, None)
    """
    if op == 0x32 or op == 0x33:  # eq / ne
        if x[0] == x[1] == y[0] == y[1]:
            eq = True
        elif x[1] < y[0] or y[1] < x[0]:
            eq = False
        else:
            return None
        return eq if op == 0x32 else not eq
    if op == 0x34:  # lt
        return True if x[1] < y[0] else False if x[0] >= y[1] else None
    if op == 0x35:  # ge
        return True if x[0] >= y[1] else False if x[1] < y[0] else None
    if op == 0x36:  # gt
        return True if x[0] > y[1] else False if x[1] <= y[0] else None
    if op == 0x37:  # le
        return True if x[1] <= y[0] else False if x[0] > y[1] else None
    return None


def consts(v: Val, prefix: str) -> list[str]:
    """Constant values of a kind (``c`` strings, ``i`` ints, ``k`` classes) a value may hold."""
    return [o[2:] for o in v[1] if o.startswith(prefix + ":")]


Thrown = dict[str, set[Label]]
"""Labels of exceptions by their class (``""``: a class not known, which any handler may catch)."""


def thrown_labels(thrown: dict[str, Labels] | Thrown) -> set[Label]:
    """Every label of the exceptions in ``thrown``, whatever their class."""
    out: set[Label] = set()
    for v in thrown.values():
        out |= v
    return out


ALL_PARAM_LABELS = frozenset(f"P{i}" for i in range(256))
"""Every ``P<i>`` label (a method has at most 255 parameters)."""


IMPLICIT_PARAM_LABELS = frozenset(f"P{i}~" for i in range(256))
"""Every ``P<i>~`` label: what the caller passed as parameter ``i``, carried implicitly."""


def implicit(labels: Iterable[Label]) -> set[Label]:
    """The implicit twins of the labels a branch tests: what a value defined under it carries.

    Only concrete sources and plain parameters have twins (a twin's twin is itself); a
    global or a parameter's field is not followed implicitly.

    >>> sorted(implicit([0, -3, "P1", "P2~", "G:x", "P0.G:y"]), key=str)
    [-1, -3, 'P1~', 'P2~']
    """
    out: set[Label] = set()
    for x in labels:
        if isinstance(x, int):
            out.add(x if x < 0 else -1 - x)
        elif x[0] == "P" and "|" in x:  # a source an implementation returns: its twin
            out.add(-1 - int(x.rpartition("|")[2]))
        elif x[0] == "P" and x[1:].rstrip("~").isdigit():
            out.add(x if x[-1] == "~" else x + "~")
    return out


def explicit_only(labels: set[Label]) -> set[Label]:
    """``labels`` without the implicit ones."""
    return {x for x in labels if not (x < 0 if isinstance(x, int) else x[-1] == "~")}


def explicit_index(label: int) -> int:
    """The source index behind a concrete label, implicit or not (``-1 - i`` -> ``i``)."""
    return label if label >= 0 else -1 - label


def is_param(label: Label) -> bool:
    """Whether ``label`` depends on the caller (``P3``, ``P3.G:x``)."""
    return isinstance(label, str) and label[0] == "P"


def unpath(labels: Iterable[Label]) -> set[Label]:
    """The global field labels behind parameter field paths (``P0.G:x`` -> ``G:x``; an entry of a
    parameter's container, ``P1.k:sms``, has none)."""
    return {x.partition(".")[2] for x in labels
            if isinstance(x, str) and x[0] == "P" and "." in x and ".k:" not in x}
