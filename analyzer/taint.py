"""Static taint analysis: where the PI read at source sites can flow, up to which sink call sites.

Design (summary-based, bottom-up over the reachable call graph):

* Each reachable method is analysed once per strongly connected component
  iteration, flow-sensitively over its control-flow graph, with a local
  heap of abstract objects (allocation sites, parameters, call results).
  Object fields are precise inside the method (strong updates when a
  register points to one object) and field-based across methods.
* Taint values are sets of *labels*: an ``int`` is a concrete source site;
  ``"P3"`` stands for "whatever the caller passed as parameter 3";
  ``"G:<key>"`` stands for "whatever is ever stored in global location
  <key>" (a field, a static, a component's incoming intents …).
* A method's :class:`Summary` says, in labels, what its return value,
  thrown exceptions and argument objects carry, what it writes to global
  locations, and which sink call sites receive which labels. Callers
  substitute their own argument taint for the ``P`` labels.
* At framework-called methods (entry points and callbacks) the remaining
  ``P`` labels mean "untainted". Global labels are then solved as a
  fixpoint, and every sink site whose labels resolve to a concrete source is
  a leak.

Library calls go through :mod:`analyzer.libmodel`; sources and sinks come
from the catalogues via :mod:`analyzer.sources`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyzer.cfg import Body, build_body
from analyzer.dex import DexError, descriptor_to_java
from analyzer.kb import KnowledgeBase, SinkSpec
from analyzer.libmodel import LibraryModel
from analyzer.model import PIAccess
from analyzer.program import Method, Program
from analyzer.reach import Reachability, call_targets

log = logging.getLogger(__name__)

Label = int | str
Labels = frozenset[Label]
EMPTY: Labels = frozenset()
NO_OBJS: frozenset[str] = frozenset()

WHOLE = "*"  # pseudo-field: the object's contents as a whole (builder, collection, array)
ELEMS = "[]"  # pseudo-field: objects held by a container


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
    """Labels of the return value."""
    throws: Labels = EMPTY
    """Labels of exceptions it lets escape."""
    params: dict[int, Labels] = field(default_factory=dict)
    """Labels added to the contents of argument objects, by parameter index."""
    gwrites: dict[str, Labels] = field(default_factory=dict)
    """Labels written to global locations."""
    leaks: dict[SinkSite, Labels] = field(default_factory=dict)
    """Labels reaching sink sites (in this method or its callees)."""

    def key(self) -> tuple[object, ...]:
        """Comparable form, to detect a fixpoint."""
        return (self.ret, self.throws, tuple(sorted(self.params.items())),
                tuple(sorted(self.gwrites.items())), tuple(sorted(self.leaks.items(), key=lambda kv: (
                    kv[0].method, kv[0].pc, kv[0].api))), )


# ---------------------------------------------------------------------------
# Abstract state
# ---------------------------------------------------------------------------

# A value: (labels, objects it may point to)
Val = tuple[Labels, frozenset[str]]
NONE: Val = (EMPTY, NO_OBJS)


class State:
    """Registers and local heap at one program point (copy on write)."""

    __slots__ = ("heap", "pending", "regs")

    def __init__(self, regs: dict[int, Val], heap: dict[tuple[str, str], Val], pending: Val) -> None:
        self.regs = regs
        self.heap = heap
        self.pending = pending

    def copy(self) -> State:
        return State(dict(self.regs), dict(self.heap), self.pending)

    def join(self, other: State) -> bool:
        """Merge ``other`` into self; True if self changed."""
        changed = False
        for r, v in other.regs.items():
            mine = self.regs.get(r)
            if mine is None:
                self.regs[r] = v
                changed = True
            elif not (v[0] <= mine[0] and v[1] <= mine[1]):
                self.regs[r] = (mine[0] | v[0], mine[1] | v[1])
                changed = True
        for k, v in other.heap.items():
            mine = self.heap.get(k)
            if mine is None:
                self.heap[k] = v
                changed = True
            elif not (v[0] <= mine[0] and v[1] <= mine[1]):
                self.heap[k] = (mine[0] | v[0], mine[1] | v[1])
                changed = True
        if not (other.pending[0] <= self.pending[0] and other.pending[1] <= self.pending[1]):
            self.pending = (self.pending[0] | other.pending[0], self.pending[1] | other.pending[1])
            changed = True
        return changed


def _gkey_field(cls: str, name: str) -> str:
    return f"G:{cls}.{name}"


# ---------------------------------------------------------------------------
# The analysis
# ---------------------------------------------------------------------------


@dataclass
class Leak:
    """A sink site reached by concrete sources."""

    sink: SinkSite
    """Where the data leaves."""
    sources: tuple[PIAccess, ...]
    """The source reads whose data arrives there."""
    via: tuple[str, ...] = ()
    """Framework-called methods (roots) through which the flow was found."""


@dataclass
class TaintResult:
    """Outcome of the taint analysis."""

    leaks: list[Leak]
    """Every sink site reached by PI."""
    analysed_methods: int
    """Methods analysed."""
    partial: bool
    """True when the time budget ran out before the analysis finished."""
    seconds: float
    """Time spent."""
    errors: list[str] = field(default_factory=list)
    """Methods that could not be analysed, with the reason."""


_MOVE = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09}
_MOVE_RESULT = {0x0A, 0x0B, 0x0C}
_MOVE_EXC = 0x0D
_RETURN = {0x0F, 0x10, 0x11}
_CONST = set(range(0x12, 0x1A)) | {0x1C}
_CONST_STRING = {0x1A, 0x1B}
_AGET = set(range(0x44, 0x4B))
_APUT = set(range(0x4B, 0x52))
_IGET = set(range(0x52, 0x59))
_IPUT = set(range(0x59, 0x60))
_SGET = set(range(0x60, 0x67))
_SPUT = set(range(0x67, 0x6E))
_INVOKE = set(range(0x6E, 0x73)) | set(range(0x74, 0x79)) | {0xFA, 0xFB, 0xFC, 0xFD}
_UNOP = set(range(0x7B, 0x90))
_BINOP = set(range(0x90, 0xB0))
_BINOP2 = set(range(0xB0, 0xD0))
_BINLIT = set(range(0xD0, 0xE3))
_CMP = set(range(0x2D, 0x32))
_CLEAR = {0x20, 0x21}  # instance-of, array-length: results carry no data
_NEW_INSTANCE = 0x22
_NEW_ARRAY = 0x23
_FILLED = {0x24, 0x25}
_THROW = 0x27


class _Analysis:
    def __init__(self, program: Program, kb: KnowledgeBase, reach: Reachability,
                 access: Iterable[PIAccess], deadline: float) -> None:
        self.p = program
        self.kb = kb
        self.reach = reach
        self.lib = LibraryModel(program.framework)
        self.deadline = deadline
        self.partial = False
        self.errors: list[str] = []
        self.sources: list[PIAccess] = []
        self.site_labels: dict[tuple[str, int], list[int]] = {}
        self.callback_labels: dict[str, list[tuple[int, int]]] = {}
        for a in access:
            if not a.reachable:
                continue
            idx = len(self.sources)
            self.sources.append(a)
            mkey = f"{_desc(a.location.cls)}->{a.location.method}{a.location.proto}"
            if a.location.offset >= 0:
                self.site_labels.setdefault((mkey, a.location.offset), []).append(idx)
            else:
                spec_param = self._callback_param(a)
                self.callback_labels.setdefault(mkey, []).append((spec_param, idx))
        self.summaries: dict[str, Summary] = {}
        self.bodies: dict[str, Body | None] = {}
        self._sink_cache: dict[tuple[str, str, tuple[str, ...]], list[SinkSpec]] = {}

    def _callback_param(self, a: PIAccess) -> int:
        for s in self.kb.sources:
            if s.id == a.source_id and s.param is not None:
                return int(s.param)
        if a.kind == "intent_action":
            return 1  # onReceive(Context, Intent)
        return 0

    # -- helpers ---------------------------------------------------------------

    def body(self, m: Method) -> Body | None:
        got = self.bodies.get(m.key, False)
        if got is not False:
            return got  # type: ignore[return-value]
        body: Body | None
        try:
            ref = self.p.dex[m.dex]
            params = _split_params(m.proto)
            body = build_body(ref, m.code_off, m.is_static, m.cls, params) if m.code_off else None
        except DexError as e:
            self.errors.append(f"{m.key}: {e}")
            body = None
        self.bodies[m.key] = body
        return body

    def sinks_for(self, cls: str, name: str, params: tuple[str, ...]) -> list[SinkSpec]:
        key = (cls, name, params)
        got = self._sink_cache.get(key)
        if got is None:
            got = list(self.kb.sinks_by_call.get((cls, name), ()))
            if not got:
                for t in self.p.external_declaring(cls, name):
                    for s in self.kb.sinks_by_call.get((t, name), ()):
                        if s not in got:
                            got.append(s)
            self._sink_cache[key] = got
        return got

    # -- one method ------------------------------------------------------------

    def analyse(self, m: Method) -> Summary:
        body = self.body(m)
        summary = Summary()
        if body is None or not body.insns:
            return summary
        entry_regs: dict[int, Val] = {}
        heap: dict[tuple[str, str], Val] = {}
        param_objs: dict[str, int] = {}
        for i, (reg, typ) in enumerate(body.param_regs):
            label = f"P{i}"
            if typ.startswith(("L", "[")):
                obj = f"p#{i}"
                param_objs[obj] = i
                entry_regs[reg] = (frozenset({label}), frozenset({obj}))
                heap[(obj, WHOLE)] = (frozenset({label}), NO_OBJS)
            else:
                entry_regs[reg] = (frozenset({label}), NO_OBJS)
        for pidx, src in self.callback_labels.get(m.key, ()):
            slot = pidx + (0 if m.is_static else 1)
            if slot < len(body.param_regs):
                reg, _t = body.param_regs[slot]
                lab, objs = entry_regs.get(reg, NONE)
                entry_regs[reg] = (lab | {src}, objs)
                for o in objs:
                    hl, ho = heap.get((o, WHOLE), NONE)
                    heap[(o, WHOLE)] = (hl | {src}, ho)
        n = len(body.insns)
        states: list[State | None] = [None] * n
        states[0] = State(entry_regs, heap, NONE)
        work = [0]
        in_work = [False] * n
        in_work[0] = True
        ret_l: set[Label] = set()
        throws_l: set[Label] = set()
        params_out: dict[int, set[Label]] = {}
        gwrites: dict[str, set[Label]] = {}
        leaks: dict[SinkSite, set[Label]] = {}
        steps = 0
        while work:
            k = work.pop()
            in_work[k] = False
            st = states[k]
            assert st is not None
            steps += 1
            if steps & 1023 == 0 and time.monotonic() > self.deadline:
                self.partial = True
                break
            out, exc_val = self.step(m, body, k, st.copy(), ret_l, throws_l, params_out, param_objs,
                                     gwrites, leaks)
            succs = body.succ[k] if out is not None else ()
            for s in succs:
                self._flow(states, work, in_work, s, out)  # type: ignore[arg-type]
            handlers = body.exc[k]
            if handlers:
                exc_state = st.copy() if out is None else out.copy()
                exc_state.pending = exc_val
                for _typ, h in handlers:
                    self._flow(states, work, in_work, h, exc_state)
                if all(t is not None for t, _ in handlers) and exc_val[0]:
                    throws_l |= exc_val[0]
            elif exc_val[0]:
                throws_l |= exc_val[0]
        summary.ret = frozenset(ret_l)
        summary.throws = frozenset(throws_l)
        summary.params = {i: frozenset(v) for i, v in params_out.items() if v}
        summary.gwrites = {g: frozenset(v) for g, v in gwrites.items() if v}
        summary.leaks = {s: frozenset(v) for s, v in leaks.items() if v}
        return summary

    @staticmethod
    def _flow(states: list[State | None], work: list[int], in_work: list[bool], k: int, st: State) -> None:
        cur = states[k]
        if cur is None:
            states[k] = st.copy()
            changed = True
        else:
            changed = cur.join(st)
        if changed and not in_work[k]:
            in_work[k] = True
            work.append(k)

    def _val_labels(self, st: State, v: Val) -> set[Label]:
        out = set(v[0])
        for o in v[1]:
            w = st.heap.get((o, WHOLE))
            if w is not None:
                out |= w[0]
        return out

    def _deep_labels(self, st: State, v: Val) -> set[Label]:
        out = self._val_labels(st, v)
        for (o, f), w in st.heap.items():
            if o in v[1] and f not in (WHOLE,):
                out |= w[0]
                for o2 in w[1]:
                    ww = st.heap.get((o2, WHOLE))
                    if ww is not None:
                        out |= ww[0]
        return out

    def _publish(self, st: State, gwrites: dict[str, set[Label]], params_out: dict[int, set[Label]],
                 param_objs: dict[str, int]) -> None:
        for (o, f), (labels, _objs) in st.heap.items():
            if not labels:
                continue
            if f == WHOLE:
                pi = param_objs.get(o)
                if pi is not None:
                    extra = labels - {f"P{pi}"}
                    if extra:
                        params_out.setdefault(pi, set()).update(extra)
            elif f.startswith("G:"):
                gwrites.setdefault(f, set()).update(labels)

    def step(self, m: Method, body: Body, k: int, st: State, ret_l: set[Label], throws_l: set[Label],
             params_out: dict[int, set[Label]], param_objs: dict[str, int],
             gwrites: dict[str, set[Label]], leaks: dict[SinkSite, set[Label]]) -> tuple[State | None, Val]:
        pc, op, a, b, c, args = body.insns[k]
        regs = st.regs
        d = self.p.dex[m.dex]
        exc: Val = NONE
        if op in _MOVE:
            regs[a] = regs.get(b, NONE)
        elif op in _MOVE_RESULT or op == _MOVE_EXC:
            regs[a] = st.pending
            st.pending = NONE
        elif op in _RETURN:
            v = regs.get(a, NONE)
            ret_l.update(self._val_labels(st, v))
            self._publish(st, gwrites, params_out, param_objs)
            return None, NONE
        elif op == 0x0E:
            self._publish(st, gwrites, params_out, param_objs)
            return None, NONE
        elif op in _CONST:
            regs[a] = NONE
        elif op in _CONST_STRING:
            labs = self.site_labels.get((m.key, pc))
            regs[a] = (frozenset(labs), NO_OBJS) if labs else NONE
        elif op in _CLEAR:
            regs[a] = NONE
        elif op == 0x1F:  # check-cast
            pass
        elif op == _NEW_INSTANCE:
            obj = f"n@{pc}"
            regs[a] = (EMPTY, frozenset({obj}))
            for key in [key for key in st.heap if key[0] == obj]:
                del st.heap[key]
        elif op == _NEW_ARRAY:
            obj = f"n@{pc}"
            regs[a] = (EMPTY, frozenset({obj}))
            st.heap.pop((obj, WHOLE), None)
        elif op in _FILLED:
            obj = f"n@{pc}"
            labels: set[Label] = set()
            objs: set[str] = set()
            for r in args:
                v = regs.get(r, NONE)
                labels |= self._val_labels(st, v)
                objs |= v[1]
            st.heap[(obj, WHOLE)] = (frozenset(labels), NO_OBJS)
            st.heap[(obj, ELEMS)] = (EMPTY, frozenset(objs))
            st.pending = (EMPTY, frozenset({obj}))
        elif op == _THROW:
            v = regs.get(a, NONE)
            exc = (frozenset(self._val_labels(st, v)), v[1])
            self._publish(st, gwrites, params_out, param_objs)
            return None, exc
        elif op in _AGET:
            arr = regs.get(b, NONE)
            labels = self._val_labels(st, arr)
            objs = set()
            for o in arr[1]:
                e = st.heap.get((o, ELEMS))
                if e is not None:
                    objs |= e[1]
            if not arr[1]:
                labels.add(_gkey_field("[", "[]"))
            regs[a] = (frozenset(labels), frozenset(objs))
        elif op in _APUT:
            v = regs.get(a, NONE)
            arr = regs.get(b, NONE)
            vl = frozenset(self._val_labels(st, v))
            for o in arr[1]:
                w = st.heap.get((o, WHOLE), NONE)
                st.heap[(o, WHOLE)] = (w[0] | vl, w[1])
                e = st.heap.get((o, ELEMS), NONE)
                st.heap[(o, ELEMS)] = (e[0], e[1] | v[1])
        elif op in _IGET or op in _SGET:
            fr = d.field(c if op in _IGET else b)
            gk = _gkey_field(self._field_owner(fr.cls, fr.name), fr.name)
            if op in _IGET:
                base = regs.get(b, NONE)
                labels = set()
                objs = set()
                known = bool(base[1])
                for o in base[1]:
                    hw = st.heap.get((o, gk))
                    if hw is None:
                        known = False
                    else:
                        labels |= hw[0]
                        objs |= hw[1]
                if not known:
                    labels.add(gk)
                # reading a field of a framework object whose contents are tainted
                if fr.cls not in self.p.classes:
                    labels |= self._val_labels(st, (EMPTY, base[1]))
                obj = f"f@{pc}"
                objs.add(obj)
                regs[a] = (frozenset(labels), frozenset(objs))
            else:
                sw = st.heap.get(("static", gk))
                labs = self.site_labels.get((m.key, pc))
                labels = set(sw[0]) if sw is not None else {gk}
                if labs:
                    labels |= set(labs)
                regs[a] = (frozenset(labels), (sw[1] if sw is not None else NO_OBJS) | {f"s@{pc}"})
        elif op in _IPUT or op in _SPUT:
            fr = d.field(c if op in _IPUT else b)
            gk = _gkey_field(self._field_owner(fr.cls, fr.name), fr.name)
            v = regs.get(a, NONE)
            vv = (frozenset(self._val_labels(st, v)), v[1])
            if op in _IPUT:
                base = regs.get(b, NONE)
                strong = len(base[1]) == 1
                for o in base[1]:
                    old = st.heap.get((o, gk), NONE)
                    st.heap[(o, gk)] = vv if strong else (old[0] | vv[0], old[1] | vv[1])
            else:
                st.heap[("static", gk)] = vv
        elif op in _INVOKE:
            exc = self.invoke(m, body, k, st, params_out, param_objs, gwrites, leaks)
        elif op in _UNOP:
            regs[a] = (regs.get(b, NONE)[0], NO_OBJS)
        elif op in _BINOP or op in _CMP:
            regs[a] = (regs.get(b, NONE)[0] | regs.get(c, NONE)[0], NO_OBJS)
        elif op in _BINOP2:
            regs[a] = (regs.get(a, NONE)[0] | regs.get(b, NONE)[0], NO_OBJS)
        elif op in _BINLIT:
            regs[a] = (regs.get(b, NONE)[0], NO_OBJS)
        return st, exc

    def _field_owner(self, cls: str, name: str) -> str:
        """The class that declares field ``name`` as seen from ``cls`` (javac names the qualifier)."""
        c: str | None = cls
        while c is not None and c in self.p.classes:
            ci = self.p.classes[c]
            if name in ci.fields:
                return c
            c = ci.superclass
        return cls

    # -- calls -----------------------------------------------------------------

    def invoke(self, m: Method, body: Body, k: int, st: State, params_out: dict[int, set[Label]],
               param_objs: dict[str, int], gwrites: dict[str, set[Label]],
               leaks: dict[SinkSite, set[Label]]) -> Val:
        pc, op, a, _b, _c, args = body.insns[k]
        d = self.p.dex[m.dex]
        if op >= 0xFA:  # invoke-polymorphic/custom: treat like an unknown call
            labels: set[Label] = set()
            for r in args:
                labels |= self._val_labels(st, st.regs.get(r, NONE))
            st.pending = (frozenset(labels), frozenset({f"r@{pc}"}))
            return NONE
        ref = d.method(a)
        static = op in (0x71, 0x77)
        vals = [st.regs.get(r, NONE) for r in args]
        # wide arguments occupy two registers: keep only the first of each pair
        vals = _fold_wide(vals, ref.params, static)
        # publish field writes before the call (the callee may read them)
        self._flush_writes(st, gwrites)
        result_labels: set[Label] = set()
        result_objs: set[str] = {f"r@{pc}"}
        exc_labels: set[Label] = set()
        src = self.site_labels.get((m.key, pc))
        if src:
            result_labels.update(src)
        # sinks
        for spec in self.sinks_for(ref.cls, ref.name, ref.params):
            tainted: set[Label] = set()
            for ai in spec.args:
                idx = 0 if ai == "this" else (int(ai) + (0 if static else 1))
                if 0 <= idx < len(vals) and not (ai == "this" and static):
                    tainted |= self._deep_labels(st, vals[idx])
            if tainted:
                site = SinkSite(m.key, pc, spec.sink, f"{descriptor_to_java(ref.cls)}.{ref.name}")
                leaks.setdefault(site, set()).update(tainted)
        targets = call_targets(self.p, self.reach, ref, op)
        if targets:
            for t in targets:
                s = self.summaries.get(t.key)
                if s is None:
                    continue
                sub = self._substitution(st, vals)
                result_labels |= _subst(s.ret, sub)
                exc_labels |= _subst(s.throws, sub)
                for pi, labs in s.params.items():
                    if pi < len(vals):
                        add = frozenset(_subst(labs, sub))
                        for o in vals[pi][1]:
                            w = st.heap.get((o, WHOLE), NONE)
                            st.heap[(o, WHOLE)] = (w[0] | add, w[1])
                for g, labs in s.gwrites.items():
                    gwrites.setdefault(g, set()).update(_subst(labs, sub))
                for site, labs in s.leaks.items():
                    leaks.setdefault(site, set()).update(_subst(labs, sub))
            # objects passed to app code: forget local knowledge of their fields
            for v in vals:
                for o in v[1]:
                    for key in [key for key in st.heap if key[0] == o and key[1] not in (WHOLE, ELEMS)]:
                        del st.heap[key]
        else:
            rule = self.lib.rule(ref.cls, ref.name, ref.ret)
            this_v = vals[0] if not static and vals else NONE
            arg_vs = vals if static else vals[1:]
            arg_labels: set[Label] = set()
            arg_objs: set[str] = set()
            for v in arg_vs:
                arg_labels |= self._val_labels(st, v)
                arg_objs |= v[1]
            if rule.args_to_this and not static and (arg_labels or arg_objs):
                add = frozenset(arg_labels)
                for o in this_v[1]:
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | add, w[1])
                    if rule.container:
                        e = st.heap.get((o, ELEMS), NONE)
                        st.heap[(o, ELEMS)] = (e[0], e[1] | frozenset(arg_objs))
            if not rule.kill_ret and ref.ret != "V":
                if rule.to_ret:
                    result_labels |= arg_labels
                if rule.this_to_ret and not static:
                    result_labels |= self._val_labels(st, this_v)
                if rule.container and not static:
                    for o in this_v[1]:
                        ew = st.heap.get((o, ELEMS))
                        if ew is not None:
                            result_objs |= ew[1]
        if ref.ret != "V":
            st.pending = (frozenset(result_labels), frozenset(result_objs))
        else:
            st.pending = NONE
        return (frozenset(exc_labels), NO_OBJS)

    def _flush_writes(self, st: State, gwrites: dict[str, set[Label]]) -> None:
        for (_o, f), (labels, _objs) in st.heap.items():
            if labels and f.startswith("G:"):
                gwrites.setdefault(f, set()).update(labels)

    def _substitution(self, st: State, vals: list[Val]) -> dict[str, set[Label]]:
        return {f"P{i}": self._val_labels(st, v) for i, v in enumerate(vals)}


def _subst(labels: Iterable[Label], sub: dict[str, set[Label]]) -> set[Label]:
    out: set[Label] = set()
    for lab in labels:
        if isinstance(lab, str) and lab.startswith("P"):
            out |= sub.get(lab, set())
        else:
            out.add(lab)
    return out


def _fold_wide(vals: list[Val], params: tuple[str, ...], static: bool) -> list[Val]:
    out: list[Val] = []
    i = 0
    if not static:
        if vals:
            out.append(vals[0])
        i = 1
    for p in params:
        if i >= len(vals):
            break
        out.append(vals[i])
        i += 2 if p in ("J", "D") else 1
    return out


def _split_params(proto: str) -> tuple[str, ...]:
    inner = proto[1:proto.index(")")]
    out = []
    i = 0
    while i < len(inner):
        j = i
        while inner[j] == "[":
            j += 1
        if inner[j] == "L":
            j = inner.index(";", j)
        out.append(inner[i:j + 1])
        i = j + 1
    return tuple(out)


def _desc(java: str) -> str:
    return "L" + java.replace(".", "/") + ";"


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


def _sccs(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's SCCs, iteratively, in reverse topological order (callees first)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def analyse(program: Program, kb: KnowledgeBase, reach: Reachability, access: Iterable[PIAccess],
            budget_s: float = 60.0) -> TaintResult:
    """Run the taint analysis over the reachable methods."""
    started = time.monotonic()
    an = _Analysis(program, kb, reach, access, started + budget_s)
    methods: dict[str, Method] = {}
    for key in reach.methods:
        cls, sig = key.split("->", 1)
        ci = program.classes.get(cls)
        m = ci.methods.get(sig) if ci else None
        if m is not None and m.code_off:
            methods[key] = m
    edges: dict[str, set[str]] = {}
    for key, m in methods.items():
        outs: set[str] = set()
        for call in program.facts(m).calls:
            for t in call_targets(program, reach, call.target, call.op):
                if t.key in methods:
                    outs.add(t.key)
        edges[key] = outs
    order = _sccs(sorted(methods), edges)
    analysed = 0
    for comp in order:
        if an.partial:
            break
        for _round in range(6):
            changed = False
            for key in comp:
                s = an.analyse(methods[key])
                analysed += 1
                old = an.summaries.get(key)
                if old is None or old.key() != s.key():
                    an.summaries[key] = s
                    changed = True
            if not changed or (len(comp) == 1 and key not in edges.get(key, ())):
                break
            if time.monotonic() > an.deadline:
                an.partial = True
                break
    # roots: methods the framework calls; their P labels are untainted
    roots = [k for k in methods if k in reach.framework_called]
    gvals: dict[str, set[Label]] = {}
    root_leaks: dict[SinkSite, set[Label]] = {}
    root_of: dict[SinkSite, set[str]] = {}
    for r in roots:
        sm = an.summaries.get(r)
        if sm is None:
            continue
        for g, labs in sm.gwrites.items():
            gvals.setdefault(g, set()).update(x for x in labs if not _is_param(x))
        for site, labs in sm.leaks.items():
            clean = {x for x in labs if not _is_param(x)}
            if clean:
                root_leaks.setdefault(site, set()).update(clean)
                root_of.setdefault(site, set()).add(r)
    resolved = _solve_globals(gvals)
    leaks: list[Leak] = []
    for site, rlabs in root_leaks.items():
        concrete: set[int] = set()
        for lab in rlabs:
            if isinstance(lab, int):
                concrete.add(lab)
            elif lab.startswith("G:"):
                concrete |= resolved.get(lab, set())
        if concrete:
            leaks.append(Leak(site, tuple(an.sources[i] for i in sorted(concrete)),
                              tuple(sorted(root_of.get(site, ())))))
    leaks.sort(key=lambda lk: (lk.sink.method, lk.sink.pc))
    return TaintResult(leaks=leaks, analysed_methods=analysed, partial=an.partial,
                       seconds=round(time.monotonic() - started, 3), errors=an.errors)


def _is_param(label: Label) -> bool:
    return isinstance(label, str) and label.startswith("P")


def _solve_globals(gvals: dict[str, set[Label]]) -> dict[str, set[int]]:
    """Resolve global labels to concrete sources (least fixpoint)."""
    resolved: dict[str, set[int]] = {g: {x for x in v if isinstance(x, int)} for g, v in gvals.items()}
    changed = True
    while changed:
        changed = False
        for g, labs in gvals.items():
            cur = resolved[g]
            before = len(cur)
            for lab in labs:
                if isinstance(lab, str) and lab.startswith("G:") and lab != g:
                    cur |= resolved.get(lab, set())
            if len(cur) != before:
                changed = True
    return resolved
