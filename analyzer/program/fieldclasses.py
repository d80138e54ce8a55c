"""The classes of the objects an app field may hold: the allocations the reachable code stores into it.

A call on an object read from a field is dispatched by the field's declared
type: every app implementation of ``Runnable.run`` or ``Handler.handleMessage``
for a field declared ``Runnable`` or ``Handler``. When every store into the
field that the reachable code makes is of an object the storing method
allocated itself (``new-instance``, followed by the register data-flow of
:mod:`analyzer.program.regflow` through moves and branches) or ``null``, the
field holds only those classes, and a call on what it holds can run only their
methods. One store of anything else (a parameter, a call's result, another
field) makes the field's classes unknown. Fields no reachable code stores
into are not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from analyzer.apk.dex import DexError, Insn
from analyzer.common.descriptors import split_params
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Program
from analyzer.program.regflow import Hooks, State, analyse, walk

_IPUT_OBJECT, _SPUT_OBJECT = 0x5B, 0x69
_VALUE_TYPES = frozenset(("Ljava/lang/String;", "Ljava/lang/CharSequence;"))


def field_classes(program: Program, methods: list[str], key_of: Callable[[str, str], Hashable]
                  = lambda c, n: (c, n)) -> dict[Hashable, frozenset[str]]:
    """``key_of(class descriptor, field name)`` (by default the pair as the code names it) -> the
    classes ``methods`` (method keys) store into it, for the object fields whose every store is of
    an allocation or null."""
    known: dict[Hashable, set[str]] = {}
    unknown: set[Hashable] = set()
    hooks = Hooks()
    for mkey in methods:
        m = program.method(mkey)
        if m is None or not m.code_off or not program.facts(m).object_field_writes:
            continue
        d = program.dex[m.dex]
        try:
            body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
            flow = analyse(body, d, hooks)
        except DexError:
            unknown.update(key_of(fc, fn) for fc, fn, _v in program.facts(m).object_field_writes)
            continue

        def visit(_k: int, insn: Insn, st: State) -> None:
            _pc, op, a, b, c, _args = insn
            if op not in (_IPUT_OBJECT, _SPUT_OBJECT):
                return
            fr = d.field(c if op == _IPUT_OBJECT else b)  # noqa: B023 (walk runs at once)
            fk = key_of(fr.cls, fr.name)
            if fr.type in _VALUE_TYPES or fk in unknown:
                return
            v = st.get(a)
            if isinstance(v, frozenset) and v and all(x.startswith("L") for x in v):
                known.setdefault(fk, set()).update(v)
            elif v != 0:  # not null: something the method did not allocate
                unknown.add(fk)
        walk(flow, visit)
    return {fk: frozenset(v) for fk, v in known.items() if fk not in unknown}
