"""Library features the app never switches on: the code behind them runs nowhere, so it collects nothing.

AppCompat's ``TwilightManager`` reads the last known location, but only in
automatic night mode by time of day, which an app asks for with
``AppCompatDelegate.setDefaultNightMode(MODE_NIGHT_AUTO_TIME)`` (or
``setLocalNightMode``). Each ``switched`` entry of ``policies/sources.yaml``
names such code and the calls that switch it on; the feature is off when no
reachable call may pass a switching value (a constant not among them leaves
it off, a value the method does not fix, followed by
:mod:`analyzer.program.regflow`, counts as on).
"""

from __future__ import annotations

from analyzer.apk.dex import INVOKE_OPS, DexError, Insn
from analyzer.common.descriptors import split_params
from analyzer.kb.catalogue import KnowledgeBase, Switch
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Method, Program
from analyzer.program.reach import Reachability
from analyzer.program.regflow import Hooks, State, analyse, walk

_STATIC_INVOKES = frozenset((0x71, 0x77))


def switched_off(program: Program, reach: Reachability, kb: KnowledgeBase) -> dict[str, Switch]:
    """The Java class names (prefixes: nested classes included) of library code whose feature no
    reachable code switches on, with the switch."""
    wanted = {(cls, name) for sw in kb.switched for cls, name, _a, _v in sw.on}
    if not wanted:
        return {}
    on: set[tuple[str, str]] = set()  # (class, method) of the switching calls found to pass "on"
    for key in reach.methods:
        m = program.method(key)
        if m is None or not m.code_off:
            continue
        hits = [c for c in program.facts(m).calls if (c.target.cls, c.target.name) in wanted]
        if hits:
            on |= _switched_on(program, m, kb)
    out: dict[str, Switch] = {}
    for sw in kb.switched:
        if not any((cls, name) in on for cls, name, _a, _v in sw.on):
            out.update((c, sw) for c in sw.code)
    return out


def _switched_on(program: Program, m: Method, kb: KnowledgeBase) -> set[tuple[str, str]]:
    """The switching calls in method ``m`` that may pass a value switching their feature on."""
    d = program.dex[m.dex]
    calls = {(cls, name): (arg, values) for sw in kb.switched for cls, name, arg, values in sw.on}
    found: set[tuple[str, str]] = set()
    try:
        body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
        flow = analyse(body, d, Hooks())
    except DexError:
        return set(calls)  # code we cannot follow: take every switch as on

    def visit(_k: int, insn: Insn, st: State) -> None:
        _pc, op, a, _b, _c, args = insn
        if op not in INVOKE_OPS:
            return
        ref = d.method(a)
        got = calls.get((ref.cls, ref.name))
        if got is None:
            return
        arg, values = got
        slot = arg + (0 if op in _STATIC_INVOKES else 1)
        v = st.get(args[slot]) if slot < len(args) else None
        if not isinstance(v, int) or v in values:
            found.add((ref.cls, ref.name))
    walk(flow, visit)
    return found
