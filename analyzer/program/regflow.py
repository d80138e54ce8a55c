"""Register values inside one method: constants and the classes an object may be, over its control flow.

A forward data-flow over the basic blocks of a :class:`analyzer.program.cfg.Body`.
At each instruction a register's value is one of

* an ``int``: a literal it holds on every path (``const/4 v1, 0x1``);
* a ``str``: a constant string it holds on every path;
* a ``frozenset`` of strings: the classes an object may be (type
  descriptors from ``new-instance``, typed fields, hooks) or, for an array,
  the classes its elements may be; hooks may add markers of their own.

A register with no entry is unknown. At a join a register keeps its value
when every predecessor agrees (ints and strings: must information) or when
every predecessor holds a set (their union: may information); otherwise it
becomes unknown. Exception handlers start from the state before the
instruction that throws. Client analyses customise loads, stores and calls
through :class:`Hooks` and read the states with :func:`walk`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from analyzer.apk.dex import INVOKE_OPS, DexFile, FieldRef, Insn, MethodRef
from analyzer.apk.opcodes import WIDE_DEST, WRITES_A
from analyzer.program.cfg import Body

Value = int | str | frozenset[str]
State = dict[int, Value]
V = TypeVar("V")
_RESULT = -1  # pseudo-register: the value of the last invoke / filled-new-array



class Hooks:
    """How loads, stores and calls produce values; the defaults know nothing."""

    def string(self, pc: int, value: str) -> Value | None:
        """Value of ``const-string``."""
        return value

    def field(self, pc: int, ref: FieldRef) -> Value | None:
        """Value read by ``iget-object``/``sget-object``."""
        return None

    def int_field(self, pc: int, ref: FieldRef) -> int | None:
        """Value read by ``sget`` of an ``int`` (a constant the code reads from a field)."""
        return None

    def store(self, ref: FieldRef, value: Value | None) -> Value | None:
        """Called for each ``iput-object``/``sput-object``; a value returned is the stored register's from
        then on (say, the field it now aliases)."""
        return None

    def element(self, pc: int, array: Value | None, index: Value | None) -> Value | None:
        """Value read by ``aget-object`` from ``array`` at ``index``: by default every class its
        elements may be."""
        return array if isinstance(array, frozenset) else None

    def call(self, pc: int, ref: MethodRef, op: int, args: tuple[int, ...], state: State) -> Value | None:
        """Value of the call's result; may update ``state`` (e.g. a builder's receiver)."""
        return None


@dataclass
class Flow:
    """Entry state of every reachable basic block."""

    body: Body
    dex: DexFile
    hooks: Hooks
    block_in: dict[int, State]


def step(st: State, insn: Insn, dex: DexFile, hooks: Hooks) -> None:
    """Apply one instruction to ``st`` in place."""
    pc, op, a, b, c, args = insn
    res = st.pop(_RESULT, None)
    if op in INVOKE_OPS:
        v = hooks.call(pc, dex.method(a), op, args, st)
        if v is not None:
            st[_RESULT] = v
        return
    if op in (0x0A, 0x0C):  # move-result(-object)
        if res is None:
            st.pop(a, None)
        else:
            st[a] = res
        return
    if 0x12 <= op <= 0x15:
        st[a] = b
        return
    if op in (0x1A, 0x1B):
        s = hooks.string(pc, dex.string(b))
        if s is None:
            st.pop(a, None)
        else:
            st[a] = s
        return
    if op in (0x01, 0x02, 0x03, 0x07, 0x08, 0x09):
        v = st.get(b)
        if v is None:
            st.pop(a, None)
        else:
            st[a] = v
        return
    if op == 0x22:  # new-instance
        st[a] = frozenset((dex.type(b),))
        return
    if op == 0x23:  # new-array: no elements yet
        st[a] = frozenset()
        return
    if op in (0x24, 0x25):  # filled-new-array
        elems: frozenset[str] = frozenset()
        for r in args:
            v = st.get(r)
            if isinstance(v, frozenset):
                elems |= v
        st[_RESULT] = elems
        return
    if op == 0x4D:  # aput-object value=a, array=b
        arr, v = st.get(b), st.get(a)
        if isinstance(arr, frozenset) and isinstance(v, frozenset):
            st[b] = arr | v
        return
    if op == 0x46:  # aget-object
        v = hooks.element(pc, st.get(b), st.get(c))
        if v is None:
            st.pop(a, None)
        else:
            st[a] = v
        return
    if op == 0x60:  # sget
        n = hooks.int_field(pc, dex.field(b))
        if n is None:
            st.pop(a, None)
        else:
            st[a] = n
        return
    if op in (0x54, 0x62):  # iget-object, sget-object
        v = hooks.field(pc, dex.field(c if op == 0x54 else b))
        if v is None:
            st.pop(a, None)
        else:
            st[a] = v
        return
    if op in (0x5B, 0x69):  # iput-object, sput-object
        v = hooks.store(dex.field(c if op == 0x5B else b), st.get(a))
        if v is not None:
            st[a] = v
        return
    if op == 0x1F:  # check-cast keeps the value
        return
    if op in WRITES_A:
        st.pop(a, None)
        if op in WIDE_DEST:
            st.pop(a + 1, None)


def solve(body: Body, entry: dict[int, V], transfer: Callable[[dict[int, V], Insn], None],
          join: Callable[[V, V], V | None],
          successors: Callable[[int, dict[int, V]], Iterable[int]] | None = None) -> dict[int, dict[int, V]]:
    """The entry state of every reachable basic block of ``body``: a forward worklist over register states.

    ``transfer`` applies one instruction in place; ``join`` merges a register's values where paths meet (None:
    the register is unknown there); ``successors`` (default: every normal successor) may leave out the
    branches the state decides. Exception handlers start from the state before each instruction that
    may throw."""
    block_in: dict[int, dict[int, V]] = {0: dict(entry)}
    work = [0]

    def merge(target: int, st: dict[int, V]) -> None:
        old = block_in.get(target)
        new = dict(st) if old is None else {
            r: j for r, v in old.items() if r in st and (j := join(v, st[r])) is not None}
        if old is None or new != old:
            block_in[target] = new
            if target not in work:
                work.append(target)

    while work:
        bi = work.pop()
        st = dict(block_in[bi])
        first, last = body.blocks[bi]
        for k in range(first, last + 1):
            for _typ, h in body.exc[k]:
                merge(body.block_of[h], st)
            transfer(st, body.insns[k])
        for t in (body.succ[last] if successors is None else successors(last, st)):
            merge(body.block_of[t], st)
    return block_in


def _join_value(v: Value, w: Value) -> Value | None:
    if v == w:
        return v
    if isinstance(v, frozenset) and isinstance(w, frozenset):
        return v | w
    return None


def analyse(body: Body, dex: DexFile, hooks: Hooks, entry: State | None = None) -> Flow:
    """Solve the data-flow for ``body`` from ``entry`` (the parameters' values)."""
    block_in = solve(body, entry or {}, lambda st, insn: step(st, insn, dex, hooks), _join_value)
    return Flow(body, dex, hooks, block_in)


def walk(flow: Flow, visit: Callable[[int, Insn, State], None]) -> None:
    """Call ``visit(position, instruction, state before it)`` for every instruction of a reachable block."""
    body = flow.body
    for bi in sorted(flow.block_in):
        st = dict(flow.block_in[bi])
        first, last = body.blocks[bi]
        for k in range(first, last + 1):
            visit(k, body.insns[k], st)
            step(st, body.insns[k], flow.dex, flow.hooks)
