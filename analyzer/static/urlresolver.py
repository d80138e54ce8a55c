"""Values across methods for the destination analysis: what parameters, fields and app return values hold.

A parameter holds what every caller passes (at most :data:`MAX_CALLERS` call
sites), a field what every store puts there, an app method's return value
what every return gives for the arguments at hand; one unknown leaves the
value unknown. Each is computed on demand, running the hooks of
:mod:`analyzer.static.urlvalues` over the methods it needs, and kept; one
scan runs at most :data:`MAX_ANALYSES` method analyses.
"""

from __future__ import annotations

from analyzer.apk.dex import DexError, FieldRef, Insn
from analyzer.common.descriptors import split_params
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Call, Method, Program, sig_of
from analyzer.program.reach import Reachability
from analyzer.program.regflow import Flow, State, Value, analyse, step
from analyzer.static.urlvalues import (
    MAX_VALUES,
    STATIC_INVOKES,
    STRINGISH,
    MethodHooks,
    arg_slots,
    bindings_of,
    capped,
    origin,
    strings_of,
)

MAX_CALLERS = 24
"""Call sites of a method whose parameters are resolved; more leave them unknown."""
MAX_ANALYSES = 5000
"""Method analyses one scan's resolution may run; values needing more stay unknown."""
_RETURN_OBJECT = 0x11
_IPUT_OBJECT, _SPUT_OBJECT = 0x5B, 0x69


class Resolver:
    """Values of parameters, fields and return values, computed on demand and kept."""

    def __init__(self, program: Program, reach: Reachability) -> None:
        self.program, self.reach = program, reach
        self._flows: dict[tuple[str, int], Flow | None] = {}
        self._fields: dict[tuple[str, str, int], Value | None] = {}
        self._busy: set[object] = set()
        self._callers: dict[str, list[tuple[Method, Call]]] | None = None
        self._writers: dict[tuple[str, str], list[Method]] | None = None
        self._returns: dict[tuple[object, ...], Value | None] = {}
        self._annotations: dict[str, dict[str, str]] = {}
        self.analysed = 0

    def retrofit_url(self, cls: str, sig: str) -> str | None:
        """The absolute URL a Retrofit service method's HTTP annotation names (a relative path keeps the
        base URL's host: None)."""
        got = self._annotations.get(cls)
        if got is None:
            got = {}
            ci = self.program.classes[cls]
            d = self.program.dex[ci.dex]
            try:
                for midx, values in d.method_annotation_values(ci.annotations_off).items():
                    for t, v in values.items():
                        if t.startswith("Lretrofit2/http/") and origin(v) is not None:
                            got[sig_of(d.method(midx))] = v
            except DexError:
                got = {}
            self._annotations[cls] = got
        return got.get(sig)

    def forward(self, m: Method, depth: int, entry: State | None = None, pc: int = -1) -> set[str]:
        """Origins of the library calls the result of the sink call at ``pc`` goes into (a request
        body into a request builder bound to a URL), or, with ``entry``, the values marked ``t:``
        there (the sink's result handed to ``m``)."""
        key = ("forward", m.key, pc if entry is None else tuple(sorted(entry.items(), key=lambda kv: kv[0])))
        if key in self._busy or self.analysed >= MAX_ANALYSES:
            return set()
        self._busy.add(key)
        hooks = MethodHooks(self, m, depth, mark=pc)
        try:
            d = self.program.dex[m.dex]
            body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
            self.analysed += 1
            analyse(body, d, hooks, entry if entry is not None else self._entry(m, body.param_regs, depth))
        except DexError:
            return set()
        finally:
            self._busy.discard(key)
        return hooks.sent

    def flow(self, m: Method, depth: int, entry: State | None = None) -> Flow | None:
        """The data-flow of ``m``, its parameters from ``entry`` or else from its callers."""
        key = (m.key, depth)
        given = entry is not None
        if not given and key in self._flows:
            return self._flows[key]
        if key in self._busy or not m.code_off or self.analysed >= MAX_ANALYSES:
            return None
        self._busy.add(key)
        try:
            d = self.program.dex[m.dex]
            body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
            self.analysed += 1
            got: Flow | None = analyse(body, d, MethodHooks(self, m, depth),
                                       entry if entry is not None else self._entry(m, body.param_regs, depth))
        except DexError:
            got = None
        finally:
            self._busy.discard(key)
        if not given:
            self._flows[key] = got
        return got

    def _entry(self, m: Method, param_regs: list[tuple[int, str]], depth: int) -> State:
        """Parameters every caller passes a known string or binding for."""
        wanted = [(i, r) for i, (r, t) in enumerate(param_regs) if t in STRINGISH or t.startswith("L")]
        if depth <= 0 or not wanted or (not m.is_static and len(wanted) == 1 and wanted[0][0] == 0):
            return {}
        calls = self.callers(m)
        if not calls or len(calls) > MAX_CALLERS:
            return {}
        acc: dict[int, set[str] | None] = {}
        for caller, call in calls:
            flow = self.flow(caller, depth - 1)
            st = state_at(flow, call.pc) if flow is not None else None
            regs = arg_slots(call.target, call.op in STATIC_INVOKES, call.args)
            for i, r in wanted:
                if not m.is_static and i == 0:
                    continue
                v = st.get(regs[i]) if st is not None and i < len(regs) else None
                known = (v if isinstance(v, frozenset) and v and (strings_of(v) or bindings_of(v) == v)
                         else None)
                if known is None:
                    acc[r] = None
                elif acc.get(r, set()) is not None:
                    cur = acc.setdefault(r, set())
                    assert cur is not None
                    cur |= known
        return {r: frozenset(v) for r, v in acc.items() if v and len(v) <= MAX_VALUES}

    def callers(self, m: Method) -> list[tuple[Method, Call]]:
        """Reachable call sites that may run ``m``."""
        if self._callers is None:
            index: dict[str, list[tuple[Method, Call]]] = {}
            for key in self.reach.methods:
                caller = self.program.method(key)
                if caller is None or not caller.code_off:
                    continue
                for c in self.program.facts(caller).calls:
                    if c.target.cls in self.program.classes:
                        index.setdefault(sig_of(c.target), []).append((caller, c))
            self._callers = index
        out = []
        for caller, c in self._callers.get(m.sig, ()):
            if c.target.cls == m.cls or self.program.resolve(c.target.cls, m.sig) is m or (
                    c.op in (0x6E, 0x72) and self.program.is_subtype(m.cls, c.target.cls)):
                out.append((caller, c))
        return out

    def field_value(self, ref: FieldRef, depth: int) -> Value | None:
        """What a field holds: the union of what every store puts there, when each is known."""
        if ref.type not in STRINGISH and not ref.type.startswith("L"):
            return None
        key = (ref.cls, ref.name, depth)
        if key in self._fields:
            return self._fields[key]
        if key in self._busy:
            return None
        other, consts = self.program.object_field_writes().get((ref.cls, ref.name), (True, frozenset()))
        got: Value | None = None
        if consts and not other:
            got = capped({"s:" + c for c in consts})
        elif depth > 0 and (other or consts):
            self._busy.add(key)
            try:
                got = self._stored(ref, depth)
            finally:
                self._busy.discard(key)
        self._fields[key] = got
        return got

    def _stored(self, ref: FieldRef, depth: int) -> Value | None:
        if self._writers is None:
            index: dict[tuple[str, str], list[Method]] = {}
            for m in self.program.methods():
                if m.code_off:
                    for fc, fn, _v in self.program.facts(m).object_field_writes:
                        ms = index.setdefault((fc, fn), [])
                        if not ms or ms[-1] is not m:
                            ms.append(m)
            self._writers = index
        writers = self._writers.get((ref.cls, ref.name), [])
        if not writers or len(writers) > MAX_CALLERS:
            return None
        acc: set[str] = set()
        for m in writers:
            flow = self.flow(m, depth)
            if flow is None:
                return None
            for _k, insn, st in _visits(flow):
                _pc, op, a, b, c, _args = insn
                if op not in (_IPUT_OBJECT, _SPUT_OBJECT):
                    continue
                fr = flow.dex.field(c if op == _IPUT_OBJECT else b)
                if (fr.cls, fr.name) != (ref.cls, ref.name):
                    continue
                v = st.get(a)
                if v == 0:
                    continue  # null
                if not isinstance(v, frozenset) or not v or not (strings_of(v) or bindings_of(v) == v):
                    return None
                acc |= v
        return capped(acc)

    def returned(self, m: Method, args: list[Value | None], depth: int) -> Value | None:
        """What an app method returns for these arguments, when every return is known."""
        ret = m.sig[m.sig.index(")") + 1:]
        if depth <= 0 or not ret.startswith("L") or (ret in self.program.classes and ret not in STRINGISH
                                                     and not self.program.classes[ret].is_interface):
            return None
        key = (m.key, depth, *args)
        if key in self._returns:
            return self._returns[key]
        self._returns[key] = got = self._returned(m, args, depth)
        return got

    def _returned(self, m: Method, args: list[Value | None], depth: int) -> Value | None:
        regs = self.program.param_registers(m)
        entry: State = {r: v for (r, _t), v in zip(regs, args, strict=False) if v is not None}
        flow = self.flow(m, depth, entry)
        if flow is None:
            return None
        acc: set[str] = set()
        for _k, insn, st in _visits(flow):
            if insn[1] == _RETURN_OBJECT:
                v = st.get(insn[2])
                if not isinstance(v, frozenset) or not v or not (strings_of(v) or bindings_of(v) == v):
                    return None
                acc |= v
        return capped(acc)


def _visits(flow: Flow) -> list[tuple[int, Insn, State]]:
    out = []
    body = flow.body
    for bi in sorted(flow.block_in):
        st = dict(flow.block_in[bi])
        first, last = body.blocks[bi]
        for k in range(first, last + 1):
            out.append((k, body.insns[k], dict(st)))
            step(st, body.insns[k], flow.dex, flow.hooks)
    return out


def state_at(flow: Flow, pc: int) -> State | None:
    """The registers before the instruction at bytecode offset ``pc`` (None when unreachable)."""
    body = flow.body
    k = body.index.get(pc)
    if k is None:
        return None
    for bi in sorted(flow.block_in):
        first, last = body.blocks[bi]
        if first <= k <= last:
            st = dict(flow.block_in[bi])
            for j in range(first, k):
                step(st, body.insns[j], flow.dex, flow.hooks)
            return st
    return None

