"""Which exception handlers an instruction can reach: runtime exceptions only some instructions raise.

An ``ArrayIndexOutOfBoundsException`` handler is reached only from an array
access that can be out of bounds (not from a local array indexed within its
known length), an ``ArithmeticException`` handler only from a division by a
value that can be zero, and so on; library code is assumed not to leak them,
except an index error from a method handed arrays. A call raises what its
callees can let escape (conservative on recursion). Pruning those edges keeps
data from reaching a sink only through a handler that can never run.

Exceptions carrying data are told apart by class: one allocated here (or
let escape by a callee that allocated it) reaches only the handlers whose
catch class admits it and escapes only past those that do not; one of a
class not known (a parameter, a library's) reaches any handler, as before.
"""

from __future__ import annotations

from analyzer.apk.opcodes import (
    AGET,
    APUT,
    APUT_OBJECT,
    DIV,
    FILLED,
    INVOKE,
    NEW_ARRAY,
    THROW,
    UNKNOWN_INVOKES,
)
from analyzer.program.cfg import Body
from analyzer.program.hierarchy import Method
from analyzer.program.reach import call_targets
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import LEN, NONE, Label, State, Thrown, Val, consts, interval

AIOOBE = "Ljava/lang/ArrayIndexOutOfBoundsException;"
ARITH = "Ljava/lang/ArithmeticException;"
NEGATIVE_SIZE = "Ljava/lang/NegativeArraySizeException;"
ARRAY_STORE = "Ljava/lang/ArrayStoreException;"
THROWABLE = "Ljava/lang/Throwable;"
INSN_EXCEPTIONS = frozenset((AIOOBE, ARITH, NEGATIVE_SIZE, ARRAY_STORE))
"""Runtime exceptions only certain instructions raise."""

Handlers = tuple[tuple[str | None, int], ...]
"""An instruction's handlers: (caught type or None for any, handler address)."""


class Exceptions:
    """May-raise facts of one analysis, computed on demand and remembered per (method, exception)."""

    def __init__(self, cx: Context) -> None:
        self.cx = cx
        self._raises: dict[tuple[str, str], bool] = {}

    def classes(self, run: MethodRun, op: int, thrown: Val, from_call: Thrown) -> Thrown:
        """The labels an instruction throws (``thrown``), by exception class: a ``throw`` of an
        object allocated here has that object's class, a call's are its callees' (``from_call``)."""
        if op != THROW:
            return from_call if op in INVOKE else {"": set(thrown[0])}
        classes = {self._known(run.otype.get(o, "")) if o[:2] in ("n@", "e@") else "" for o in thrown[1]}
        return {c: set(thrown[0]) for c in classes or {""}}

    def _known(self, cls: str) -> str:
        """``cls`` where its ancestry up to Throwable is known, else ``""`` (any handler may catch it)."""
        return cls if cls and THROWABLE in self.cx.p.supertypes(cls) else ""

    def caught(self, run: MethodRun, handler: int, catch: str | None, thrown: Val, classes: Thrown) -> Val:
        """The exception value a handler at ``handler`` catching ``catch`` (None: any) gets of an
        instruction's ``thrown`` value (by class, ``classes``): the labels of the classes it admits,
        and an object of each known class (``e@<handler>|<class>``), so that a rethrow keeps it."""
        labels: set[Label] = set()
        objs = set(thrown[1])
        for cls, got in classes.items():
            if catch is None or not cls or self.cx.p.is_subtype(cls, catch):
                labels |= got
                if cls:
                    obj = f"e@{handler}|{cls}"
                    run.otype[obj] = cls
                    objs.add(obj)
        return (frozenset(labels), frozenset(objs)) if labels else NONE

    def escape(self, run: MethodRun, thrown: Thrown, catches: list[str | None]) -> None:
        """Record in ``run`` the exceptions of ``thrown`` that no handler (catching ``catches``) stops."""
        for cls, labels in thrown.items():
            if labels and not any(c is None or (cls and self.cx.p.is_subtype(cls, c)) for c in catches):
                run.throws.setdefault(cls, set()).update(labels)

    def live_handlers(self, run: MethodRun, body: Body, k: int, st: State, handlers: Handlers) -> Handlers:
        """The handlers of instruction ``k`` that an exception it can raise may reach."""
        insn = body.insns[k]
        op_k = insn[1]
        if (op_k in AGET or (op_k in APUT and op_k != APUT_OBJECT)) \
                and all(o[:2] == "n@" for o in st.regs.get(insn[3], NONE)[1]) \
                and not self.may_raise(run, body, k, st, AIOOBE):
            handlers = ()  # a local array indexed within its known length: nothing to raise
        elif op_k == NEW_ARRAY:
            size = interval(st.regs.get(insn[3], NONE))
            if size is not None and size[0] >= 0:
                handlers = ()  # a known, non-negative size
        return tuple(hd for hd in handlers if hd[0] not in INSN_EXCEPTIONS
                     or self.may_raise(run, body, k, st, hd[0]))

    def may_raise(self, run: MethodRun, body: Body, k: int, st: State | None, exc: str) -> bool:
        """Whether instruction ``k`` can raise ``exc``, one of the instruction-bound runtime exceptions."""
        _pc, code, a, b, c, _args = body.insns[k]
        if code in AGET or code in APUT:
            if exc == ARRAY_STORE:
                return code == APUT_OBJECT
            if exc != AIOOBE:
                return False
            if st is None:
                return True
            idx = interval(st.regs.get(c, NONE))
            arrs = st.regs.get(b, NONE)[1]
            if idx is None or not arrs:
                return True
            for o in arrs:
                n = consts(st.heap.get((o, LEN), NONE), "i")
                if len(n) != 1 or not 0 <= idx[0] <= idx[1] < int(n[0]):
                    return True
            return False
        if code in DIV:
            if exc != ARITH:
                return False
            if st is None:
                return True
            div = (0 if code >= 0xD0 else c if code < 0xB0 else b)
            rng = (c, c) if code >= 0xD0 else interval(st.regs.get(div, NONE))
            return rng is None or rng[0] <= 0 <= rng[1]
        if code == NEW_ARRAY or code in FILLED:
            return exc == NEGATIVE_SIZE
        if code == THROW:
            return True
        if code in INVOKE:
            if code >= UNKNOWN_INVOKES:
                return True
            cx = self.cx
            ref = cx.p.dex[run.m.dex].method(a)
            targets = call_targets(cx.p, cx.reach, ref, code)
            if not targets:  # library code: index errors only where it is handed arrays
                return exc == AIOOBE and any(t.startswith("[") for t in ref.params)
            return any(self.method_may_raise(t, exc) for t in targets)
        return False

    def method_may_raise(self, m: Method, exc: str) -> bool:
        """Whether a call to ``m`` can end by raising ``exc`` (conservative on recursion)."""
        key = (m.key, exc)
        got = self._raises.get(key)
        if got is not None:
            return got
        self._raises[key] = True  # in progress: a cycle counts as "may"
        body = self.cx.body(m)
        if body is None:  # native, or code that could not be decoded
            result = True
        else:
            above = self.cx.p.framework.ancestors(exc)
            caught = {k for k in range(len(body.insns))
                      if any(t is None or t == exc or t in above for t, _h in body.exc[k])}
            result = any(k not in caught and self.may_raise(self.cx.run(m), body, k, None, exc)
                         for k in range(len(body.insns)))
        self._raises[key] = result
        return result
