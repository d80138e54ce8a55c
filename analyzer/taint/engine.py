"""The per-method engine: one method analysed flow-sensitively over its blocks into a summary.

The state at a block's entry is the join of its predecessors' exits; blocks
are revisited in address order until nothing changes (numbers widen to "any"
in :func:`~analyzer.taint.domain.join_objs`, so loops end). Branches whose
outcome the known constants decide are not followed, and exception edges
only where the instruction can raise what the handler catches
(:mod:`~analyzer.taint.exceptions`).

Implicit flows are followed within the method: an array element a PI index
picks carries it implicitly, and a block that a branch on PI (an if or a
switch testing data, not a reference) or an instruction raising on it (an
array size or index, a divisor) decides, by control dependence
(:func:`~analyzer.program.cfg.control_dependents`), gives what it defines,
stores, passes, returns and the sink calls it makes the implicit twins of the
tested labels (:func:`~analyzer.taint.domain.implicit`); a sink they alone
reach is an implicit leak, reported apart.

At the end, what does not depend on the caller (labels of sources, globals)
is final and recorded in the context at once; only the parameter-dependent
part travels up in the :class:`~analyzer.taint.domain.Summary`. A method the
framework calls (an entry point, a callback) has no caller to substitute:
there a field path of a parameter stands for whatever the field holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from heapq import heappop, heappush

from analyzer.apk.opcodes import IF_TEST, IF_TESTZ, INVOKE, RETURN, RETURN_VOID, SWITCH, THROW
from analyzer.program.cfg import Body, control_dependents
from analyzer.program.hierarchy import Method
from analyzer.taint.android import Android
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import (
    EMPTY,
    EMPTY_SUMMARY,
    FRESH,
    NO_OBJS,
    NONE,
    VALUE_TYPES,
    WHOLE,
    Label,
    Labels,
    SinkSite,
    State,
    Summary,
    Val,
    compare,
    implicit,
    interval,
    is_param,
)
from analyzer.taint.exceptions import Exceptions
from analyzer.taint.transfer import Transfer

OPAQUE_RET = frozenset(("hashCode()I", "equals(Ljava/lang/Object;)Z", "compareTo(Ljava/lang/Object;)I",
                        "size()I", "length()I", "isEmpty()Z"))
"""Methods whose results say nothing about the data (hash codes, comparisons, sizes)."""

_ENDS = RETURN | {RETURN_VOID, THROW}
_STORES = frozenset(range(0x4B, 0x52)) | frozenset(range(0x59, 0x60)) | frozenset(range(0x67, 0x6E))
"""aput, iput, sput: the stored value is register A."""
_DEFS = (frozenset(range(0x01, 0x0E)) | frozenset(range(0x12, 0x1C)) | frozenset((0x20, 0x21))
         | frozenset(range(0x2D, 0x32)) | frozenset(range(0x44, 0x4B)) | frozenset(range(0x52, 0x59))
         | frozenset(range(0x60, 0x67)) | frozenset(range(0x7B, 0xE3)))
"""Instructions defining register A with a value (moves, constants, loads, arithmetic)."""
_STATIC_INVOKES = frozenset((0x71, 0x77))
_RAISES_ON_DATA = (frozenset((0x23,)) | frozenset(range(0x44, 0x52))
                   | frozenset((0x93, 0x94, 0x9E, 0x9F, 0xB3, 0xB4, 0xBE, 0xBF)))
"""Instructions that raise depending on a number: new-array (a negative size), aget and aput (an
index out of bounds), int and long div and rem (a zero divisor; the 2addr forms too)."""
_REF_DEFS = frozenset((0x07, 0x08, 0x09, 0x0C, 0x0D, 0x1A, 0x1B, 0x1C, 0x46, 0x54, 0x62))
"""Definitions of a reference: move-object, move-result-object, move-exception, const-string and
const-class, aget-object, iget-object, sget-object."""


class Engine:
    """Summarises methods, one at a time, for the schedule that orders them."""

    def __init__(self, cx: Context, transfer: Transfer, android: Android, exceptions: Exceptions) -> None:
        self.cx = cx
        self.transfer = transfer
        self.android = android
        self.exceptions = exceptions
        self._cd: dict[str, dict[int, frozenset[int]]] = {}

    def entry_state(self, run: MethodRun, body: Body) -> State:
        """Parameters as objects or values labelled ``P<i>``; sources and channels a callback is handed."""
        m = run.m
        regs: dict[int, Val] = {}
        heap: dict[tuple[str, str], Val] = {}
        for i, (reg, typ) in enumerate(body.param_regs):
            label = frozenset({f"P{i}"})
            if typ.startswith(("L", "[")) and typ not in VALUE_TYPES:
                obj = f"p#{i}"
                run.param_objs[obj] = i
                run.otype[obj] = typ
                regs[reg] = (EMPTY, frozenset({obj}))
                heap[(obj, WHOLE)] = (label, NO_OBJS)
            else:
                regs[reg] = (label, NO_OBJS)
        for pidx, src in self.cx.callback_labels.get(m.key, ()):
            slot = pidx + (0 if m.is_static else 1)
            if slot < len(body.param_regs):
                reg = body.param_regs[slot][0]
                lab, objs = regs.get(reg, NONE)
                regs[reg] = (lab | {src}, objs)
                for o in objs:
                    hl, ho = heap.get((o, WHOLE), NONE)
                    heap[(o, WHOLE)] = (hl | {src}, ho)
                    run.otype.pop(o, None)  # treat as a data object: its contents are the PI
        self.android.entry(m, body, regs, heap)
        return State(regs, heap, NONE)

    def summarise(self, m: Method) -> Summary:
        """Analyse ``m``; record what is final in the context, return what depends on its callers."""
        cx = self.cx
        body = cx.body(m)
        if body is None or not body.insns:
            return EMPTY_SUMMARY
        run = cx.run(m)
        root = m.key in cx.reach.framework_called
        run.fresh_this = root and self.android.first_callback(m)
        nblocks = len(body.blocks)
        states: list[State | None] = [None] * nblocks
        states[0] = self.entry_state(run, body)
        work = [0]
        queued = [False] * nblocks
        queued[0] = True
        rounds = 0
        insns = body.insns
        exc = body.exc
        step = self.transfer.step
        live_handlers = self.exceptions.live_handlers
        # implicit flows: branch block -> the implicit labels of what it tests; block -> the
        # implicit labels the branches deciding it test; control dependence computed on first need
        decided: dict[int, Labels] = {}
        implicit_in: dict[int, Labels] = {}
        deps: dict[int, frozenset[int]] | None = None
        sized: dict[str, set[Label]] = {}  # arrays allocated here -> the implicit labels of their size

        def decide(b: int, tested: set[Label]) -> None:
            """Block ``b`` decides on data with these implicit labels: what runs under it carries them."""
            decided[b] = decided.get(b, EMPTY) | tested
            assert deps is not None
            for d in deps.get(b, ()):
                implicit_in[d] = implicit_in.get(d, EMPTY) | tested
                if states[d] is not None and not queued[d]:
                    queued[d] = True
                    heappush(work, d)
        while work:
            bi = heappop(work)  # lowest block first: forward order, fewer revisits
            queued[bi] = False
            entry = states[bi]
            assert entry is not None
            rounds += 1
            if rounds & 255 == 0 and cx.over_budget():
                break
            st = entry.copy()
            first, last = body.blocks[bi]
            alive = True
            imp = run.implicit = implicit_in.get(bi, EMPTY)
            for k in range(first, last + 1):
                if (k - first) & 255 == 255 and cx.over_budget():
                    work.clear()  # one long block (thousands of calls) is bounded by the budget too
                    alive = False
                    break
                handlers = exc[k]
                if handlers:
                    handlers = live_handlers(run, body, k, st, handlers)
                op = insns[k][1]
                if op == 0x23 and st.regs.get(insns[k][3], NONE)[0]:  # new-array of a size PI decides
                    sized[f"n@{insns[k][0]}"] = implicit(st.regs[insns[k][3]][0])
                if handlers and op in _RAISES_ON_DATA:  # the data decides if the handler runs
                    tested = _raising(body, k, st, sized)
                    if tested and not tested <= decided.get(bi, EMPTY):
                        if deps is None:
                            deps = self._dependents(m, body)
                        decide(bi, tested)
                looked = st.regs.get(insns[k][4], NONE)[0] if 0x44 <= op <= 0x4A else EMPTY
                thrown = self._step_implicit(run, body, k, st, imp) if imp else step(run, body, k, st)
                if looked:  # an element a PI index picks out of a table carries the PI implicitly
                    got = st.regs.get(insns[k][2], NONE)
                    st.regs[insns[k][2]] = (got[0] | implicit(looked), got[1])
                typed = self.exceptions.classes(run, insns[k][1], thrown, self.transfer.calls.thrown) \
                    if thrown[0] else None
                if handlers:
                    hst = st.copy()
                    hst.pending = thrown
                    for typ, h in handlers:
                        if typed is not None:  # the handler gets the exceptions its class admits
                            hst = st.copy()
                            hst.pending = self.exceptions.caught(run, h, typ, thrown, typed)
                        _flow(states, work, queued, body.block_of[h], hst)
                if typed is not None:
                    self.exceptions.escape(run, typed, [t for t, _h in handlers])
                if insns[k][1] in _ENDS:
                    alive = False
                    break
            if alive:
                op = insns[last][1]
                if op in IF_TEST or op in SWITCH:  # decided by constants or not: it tests the data
                    tested = _tested(body, last, st)
                    if tested and not tested <= decided.get(bi, EMPTY):
                        if deps is None:
                            deps = self._dependents(m, body)
                        decide(bi, tested)
                for s in feasible(body, last, st):
                    _flow(states, work, queued, body.block_of[s], st)
        run.implicit = EMPTY
        if m.sig in OPAQUE_RET:
            run.ret.clear()
        return self._finish(run, root)

    def _dependents(self, m: Method, body: Body) -> dict[int, frozenset[int]]:
        """The method's control dependence (:func:`~analyzer.program.cfg.control_dependents`), once."""
        deps = self._cd.get(m.key)
        if deps is None:
            deps = self._cd[m.key] = control_dependents(body)
        return deps

    def _step_implicit(self, run: MethodRun, body: Body, k: int, st: State, imp: Labels) -> Val:
        """Step an instruction that a branch on PI decides: the values it defines, stores, passes
        or returns carry the branch's implicit labels too."""
        _pc, code, a, _b, _c, args = body.insns[k]
        regs = st.regs
        if code in _STORES or code in RETURN or code in INVOKE:
            used = [a] if code not in INVOKE else list(args[0 if code in _STATIC_INVOKES else 1:])
            saved = {r: regs[r] for r in used if r in regs}
            for r in used:
                v = regs.get(r, NONE)
                regs[r] = (v[0] | imp, v[1])
            thrown = self.transfer.step(run, body, k, st)
            if code not in RETURN:
                for r in used:
                    if r in saved:
                        regs[r] = saved[r]
                    else:
                        regs.pop(r, None)
            return thrown
        thrown = self.transfer.step(run, body, k, st)
        if code in _DEFS:
            d = regs.get(a)
            if d is not None:
                regs[a] = (d[0] | imp, d[1])
        return thrown

    def _finish(self, run: MethodRun, root: bool) -> Summary:
        """Leaks and global writes: what does not depend on the caller is final now;
        only the parameter-dependent part travels up in the summary."""
        cx, m = self.cx, run.m
        self.android.js_return(run, root)
        leaks: dict[SinkSite, Labels] = {}
        for site, labs in run.leaks.items():
            fixed = {x for x in labs if not is_param(x)}
            if root:  # called by the framework too: a field path is whatever the field holds
                fixed |= self.root_paths(run, labs)
            if fixed:
                cx.global_leaks.setdefault(site, set()).update(fixed)
                cx.leak_roots.setdefault(site, set()).add(m.key)
                old = cx.leak_at.get((site, m.key))
                cx.leak_at[(site, m.key)] = fixed if old is None else old | fixed
            params = frozenset(x for x in labs if is_param(x))
            if params:
                leaks[site] = params
        gwrites: dict[str, Labels] = {}
        for g, labs in run.gwrites.items():
            fixed = {x for x in labs if not is_param(x)}
            if root:
                fixed |= self.root_paths(run, labs)
            if fixed:
                cx.write_global(g, fixed, m.key)
            params = frozenset(x for x in labs if is_param(x))
            if params:
                gwrites[g] = params
        self.android.exit(run)
        return Summary(
            ret=frozenset(run.ret), throws={t: frozenset(v) for t, v in run.throws.items() if v},
            params={i: frozenset(v) for i, v in run.params_out.items() if v},
            gwrites=gwrites, leaks=leaks,
            ret_consts=frozenset(run.ret_consts) if run.ret_consts else frozenset(),
            this_fields=None if run.this_fields is None else {
                g: frozenset(v) for g, v in run.this_fields.items()})

    def root_paths(self, run: MethodRun, labels: Iterable[Label]) -> set[Label]:
        """At a framework-called method: what its parameter field paths stand for (the
        fields' global labels; the constructed values for ``this`` in a first callback)."""
        out: set[Label] = set()
        for x in labels:
            if isinstance(x, str) and x[0] == "P" and "|" in x:  # a dispatch the framework decides
                out.add(int(x.rpartition("|")[2]))
            elif isinstance(x, str) and x[0] == "P" and "." in x:
                idx, _, gk = x.partition(".")
                if gk.startswith("k:"):  # an entry of a parameter's container: as untainted as it
                    continue
                if run.fresh_this and idx == "P0":
                    self.cx.fresh_reads.add((run.m.key, gk))
                    out.add(f"{FRESH}{run.m.key}|{gk}")
                else:
                    out.add(gk)
        return out


def feasible(body: Body, k: int, st: State) -> tuple[int, ...]:
    """Successors of a block's last instruction, minus branches that constants rule out."""
    succ = body.succ[k]
    _pc, code, a, b, c, _args = body.insns[k]
    if code in IF_TEST and len(succ) == 2:
        x = interval(st.regs.get(a, NONE))
        y = (0, 0) if code >= IF_TESTZ else interval(st.regs.get(b, NONE))
        if x is None or y is None:
            return succ
        taken = compare(code if code < IF_TESTZ else code - 6, x, y)
        if taken is None:
            return succ
        target = body.index[c]
        fall = succ[0] if succ[0] != target else succ[1]
        return (target,) if taken else (fall,)
    if code in SWITCH and k in body.switch_cases:
        x = interval(st.regs.get(a, NONE))
        if x is None or x[1] - x[0] > 4096:  # an unknown or wide value: any case
            return succ
        lo, hi = x
        cases = body.switch_cases[k]
        out = [t for key, t in cases if lo <= key <= hi]
        keys_in = {key for key, _t in cases if lo <= key <= hi}
        if hi - lo + 1 > len(keys_in) and k + 1 < len(body.insns):
            out.append(k + 1)
        return tuple(dict.fromkeys(out))
    return succ


def _tested(body: Body, k: int, st: State) -> set[Label]:
    """The implicit labels of the data a branch (an if or a switch at ``k``) tests; a test
    of a reference (is it null, the same object) says nothing of the data."""
    _pc, code, a, b, _c, _args = body.insns[k]
    regs = [a, b] if code in IF_TEST and code < IF_TESTZ else [a]
    out: set[Label] = set()
    for r in regs:
        labs = st.regs.get(r, NONE)[0]
        if labs and not _reference(body, k, r):
            out |= labs
    return implicit(out) if out else out


def _raising(body: Body, k: int, st: State, sized: dict[str, set[Label]]) -> set[Label]:
    """The implicit labels of the data that decides whether instruction ``k`` raises: the size
    of a new array, the index of an array access and the size of the array (``sized``: arrays
    allocated in the method), the divisor of a division."""
    _pc, code, _a, b, c, _args = body.insns[k]
    reg = b if code == 0x23 or 0xB0 <= code <= 0xCF else c
    labs = st.regs.get(reg, NONE)[0]
    out = implicit(labs) if labs else set()
    if 0x44 <= code <= 0x51:
        for o in st.regs.get(b, NONE)[1]:
            out |= sized.get(o, set())
    return out


def _reference(body: Body, k: int, reg: int) -> bool:
    """Whether register ``reg`` holds a reference at instruction ``k``: by its last definition
    before ``k`` in code order, else by the parameter type it holds on entry."""
    insns = body.insns
    for j in range(k - 1, -1, -1):
        _pc, code, a, _b, _c, _args = insns[j]
        if a == reg and code in _DEFS:
            return code in _REF_DEFS
        if a == reg and code in (0x1F, 0x22, 0x23):  # check-cast, new-instance, new-array
            return True
    return any(r == reg and typ[0] in "L[" for r, typ in body.param_regs)


def _flow(states: list[State | None], work: list[int], queued: list[bool], b: int, st: State) -> None:
    cur = states[b]
    if cur is None:
        states[b] = st.copy()
        changed = True
    else:
        changed = cur.join(st)
    if changed and not queued[b]:
        queued[b] = True
        heappush(work, b)
