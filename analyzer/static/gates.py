"""The first launch: which window code a persistent consent flag, still at its default, keeps from running.

A careful app starts its SDKs only when a stored "agreed" flag is set, and
the consent dialog's click handler sets it. On the first launch the flag is
at its default, so the guarded code does not run before the user acts. This
module interprets window methods under that assumption.

A *flag* is a value that outlives the process or the method reading it: a
SharedPreferences or MMKV key, an Intent or Bundle extra, a marker file or a
database table (the stores of :mod:`analyzer.static.flags`), or an app field
of type boolean or int (``field:<class>-><name>``).

The caller counts a cut site as *gated* only when an interaction method
writes one of the flags that cut it: an extra that whoever starts the
launcher supplies, or a field a deserialiser sets, is no consent.

On the first launch a flag holds its default (the getter's default
argument, 0/false/null for a field) joined with every value that code *in
the window* writes to it; what interaction callbacks write is not there yet.
A register's value is a constant (int or string) or unknown, with the set of
flags it derives from. A branch whose operands are known and derive from at
least one flag takes one successor only; a branch on anything else (a
constant of the code, a parameter, ``SDK_INT``) takes both. Calls to app
methods returning a boolean, int or String return their first-launch summary
(the join of the values they return), so ``PrivacyManager.isAgreed()``,
Kotlin property getters and companion objects are followed.

:class:`FirstLaunch` holds the flags' values for one round; the caller (the
window in :mod:`analyzer.static.consent`) runs rounds until the values
written in the window no longer change, which they do only toward unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.apk.dex import INVOKE_OPS, DexError, DexFile, Insn, MethodRef
from analyzer.apk.opcodes import WIDE_DEST, WRITES_A
from analyzer.common.descriptors import split_params
from analyzer.program.cfg import Body, build_body
from analyzer.program.hierarchy import Method, MethodFacts, Program, sig_of
from analyzer.program.regflow import solve
from analyzer.static.flags import (
    COROUTINES,
    INVOKE_SUSPEND,
    RUN_BLOCKING,
    UNKNOWN,
    Const,
    Val,
    flag_call,
    new_file,
    store_call,
)
from analyzer.static.flags import Written as Written  # consent.py imports them from here
from analyzer.static.flags import describe as describe

_RESULT = -1
_PATH = -2
"""Pseudo-register: the flags the branches decided on the way here (a value returned here depends on them)."""
_NEW_MARK = "\x00new:"
"""A register holding an object the method allocates: this mark and its class."""
_SUSPENDED = "\x00suspended"
"""``COROUTINE_SUSPENDED``: what a coroutine returns when it suspends instead of finishing."""
_BOXING = "Lkotlin/coroutines/jvm/internal/Boxing;"
_INTRINSICS = "Lkotlin/coroutines/intrinsics/IntrinsicsKt;"

_FIELD_TYPES = frozenset(("Z", "I"))
_SUMMARY_TYPES = frozenset(("Z", "I", "J", "Ljava/lang/String;", "Ljava/lang/Boolean;"))
_PRIM_READS = frozenset((0x52, 0x55, 0x60, 0x63))  # iget, iget-boolean, sget, sget-boolean
_PRIM_WRITES = frozenset((0x59, 0x5C, 0x67, 0x6A))  # iput, iput-boolean, sput, sput-boolean
_IF_Z = frozenset(range(0x38, 0x3E))
_IF_2 = frozenset(range(0x32, 0x38))
_INVOKE_STATIC, _INVOKE_DIRECT, _INVOKE_SUPER = 0x71, 0x70, 0x6F


@dataclass
class MethodResult:
    """One window method interpreted on the first launch."""

    reachable: frozenset[int]
    """Offsets of the instructions the first launch can run."""
    facts: MethodFacts
    """The method's facts, restricted to those instructions."""
    cut: dict[int, frozenset[str]]
    """Offset of each instruction a decided branch keeps from running -> the flags that decided it."""
    writes: list[tuple[str, Val, int]]
    """(flag, value, pc) written by reachable instructions."""
    returns: Val
    reads: frozenset[str]
    """Flags the interpretation read (its own and its callees' summaries): it is redone when they change."""


class FirstLaunch:
    """Flag values for one round, and the window methods interpreted under them."""

    def __init__(self, program: Program, written: dict[str, Written], ignore: frozenset[str] = frozenset(),
                 consent: frozenset[str] | None = None) -> None:
        self.p = program
        self.consent = consent
        """Flags a user action writes: only they, and what window code derives from them, decide a
        branch (None: no branch is decided, every flag is followed, to see what interaction code writes)."""
        self.prune = consent is not None
        self.written = written
        self.ignore = ignore
        """Flags whose preset writes count as not there (what the window would be without them)."""
        self.results: dict[str, MethodResult | None] = {}
        self._busy: set[str] = set()
        self._relevant: dict[str, bool] = {}
        self._initialised: frozenset[str] | None = None

    # -- the window's view ---------------------------------------------------------------------------

    def facts(self, m: Method) -> MethodFacts:
        """Facts of ``m`` on the first launch (all of them when no branch in it reads a flag)."""
        r = self.result(m)
        return self.p.facts(m) if r is None else r.facts

    def result(self, m: Method, force: bool = False) -> MethodResult | None:
        """``m`` interpreted (None: it neither reads nor writes a flag, so nothing in it is cut; or it
        is being interpreted already, a recursion). ``force``: interpret it even so (a summary)."""
        got = self.results.get(m.key)
        if got is not None or (m.key in self.results and not force):
            return got
        if m.key in self._busy:
            return None
        r = self._interpret(m) if force or self._candidate(m, 0) else None
        self.results[m.key] = r
        return r

    def invalidate(self, changed: set[str]) -> bool:
        """Forget the interpretations that read a flag whose value changed; whether any did, or a
        field now derives from a consent flag (then methods found to touch no flag may touch it)."""
        stores = {f.partition(":")[0] for f in changed if f.endswith(":*")}  # any key of the store

        def stale(r: MethodResult) -> bool:
            return bool(r.reads & changed) or any(f.partition(":")[0] in stores for f in r.reads)
        kept = {k: r for k, r in self.results.items() if r is None or not stale(r)}
        out = len(kept) < len(self.results)
        if any(f.startswith("field:") and self._derived(f) for f in changed):
            kept = {k: r for k, r in kept.items() if r is not None}
            self._relevant.clear()
            out = True
        self.results = kept
        return out

    # -- flags ---------------------------------------------------------------------------------------

    def read(self, flag: str, default: Const) -> Val:
        """The value a flag has on the first launch (``default`` when window code never writes it)."""
        if self.consent is not None and flag not in self.consent and not self._derived(flag):
            return UNKNOWN
        store = flag.partition(":")[0] + ":"
        anykey = flag == store + "*" and any(k.startswith(store) for k in self.written)
        if store + "*" in self.written or anykey:
            return (None, frozenset((flag,)))
        w = self.written.get(flag)
        if w is None:
            return (default, frozenset((flag,)))
        consts = w.consts | ({default} if default is not None else set())
        origins = frozenset(w.origins | {flag})
        if w.unknown or default is None or len(consts) != 1:
            return (None, origins)
        return (next(iter(consts)), origins)

    def _derived(self, flag: str) -> bool:
        """Whether window code writes ``flag`` a value that comes from a consent flag."""
        w = self.written.get(flag)
        return w is not None and bool(w.origins & (self.consent or frozenset()))

    def _candidate(self, m: Method, depth: int) -> bool:
        """Whether ``m`` may read or write a flag that matters: a store call, a field a consent flag is
        or derives from, or a call to an app method that does (3 calls deep)."""
        got = self._relevant.get(m.key)
        if got is not None:
            return got
        self._relevant[m.key] = False  # recursion: not through this path
        f = self.p.facts(m)
        out = any(flag_call(c.target) for c in f.calls)
        if not out and self.consent is not None:
            fields = {k for k in self.consent if k.startswith("field:")} | {
                k for k in self.written if k.startswith("field:") and self._derived(k)}
            try:
                d = self.p.dex[m.dex]
                out = bool(fields) and any(
                    f"field:{r.cls}->{r.name}" in fields
                    for _seq, (_pc, op, _a, b, c, _args) in d.select(m.code_off, _PRIM_READS | _PRIM_WRITES)
                    for r in (d.field(c if op < 0x60 else b),))
            except DexError:
                out = False
        elif not out:  # what interaction code writes: every field
            try:
                out = bool(self.p.dex[m.dex].select(m.code_off, _PRIM_WRITES))
            except DexError:
                out = False
        if not out and depth < 3 and self.prune:
            for c in f.calls:
                t = c.target
                if t.ret in _SUMMARY_TYPES and t.cls in self.p.classes:
                    callee = self._target(t, c.op)
                    if callee is not None and callee.code_off and self._candidate(callee, depth + 1):
                        out = True
                        break
        self._relevant[m.key] = out
        return out

    def _field(self, ref_cls: str, ref_name: str, static: bool) -> Val:
        if ref_cls not in self.p.classes:
            return UNKNOWN
        if static:
            if self._initialised is None:
                self._initialised = frozenset().union(*(d.initialised_classes() for d in self.p.dex))
            if ref_cls in self._initialised:  # its initial value is a constant we do not read
                return UNKNOWN
        return self.read(f"field:{ref_cls}->{ref_name}", 0)

    # -- interpretation -------------------------------------------------------------------------------

    def _interpret(self, m: Method) -> MethodResult | None:
        if self.p.budget is not None:
            self.p.budget.tick()
        dex = self.p.dex[m.dex]
        try:
            body = build_body(dex, m.code_off, m.is_static, m.cls, split_params(m.proto))
        except DexError:
            return None
        self._busy.add(m.key)
        try:
            return self._solve(m, body)
        except DexError:
            return None
        finally:
            self._busy.discard(m.key)

    def _solve(self, m: Method, body: Body) -> MethodResult:
        dex = self.p.dex[m.dex]
        reads: set[str] = set()
        prunes: dict[int, frozenset[str]] = {}  # untaken successor -> flags that decided it
        block_in = solve(body, {}, lambda st, insn: self._step(st, insn, reads, None, dex), _join,
                         lambda k, st: self._successors(body, k, st, prunes))
        reachable: set[int] = set()
        writes: list[tuple[str, Val, int]] = []
        returns: list[Val] = []
        f = MethodFacts()
        for bi in sorted(block_in):
            st = dict(block_in[bi])
            first, last = body.blocks[bi]
            for k in range(first, last + 1):
                insn = body.insns[k]
                pc, op, a, b, c, _args = insn
                reachable.add(pc)
                if 0x0F <= op <= 0x11:
                    v = st.get(a, UNKNOWN)
                    if v[0] != _SUSPENDED:  # a coroutine suspending returns no result
                        returns.append((v[0], v[1] | st.get(_PATH, UNKNOWN)[1]))
                elif op == 0x22:
                    f.news.append(dex.type(b))
                elif op == 0x1C:
                    f.const_classes.append(dex.type(b))
                elif 0x60 <= op <= 0x6D:
                    f.static_classes.add(dex.field(b).cls)
                if op in _PRIM_WRITES:
                    ref = dex.field(c if op < 0x60 else b)
                    if ref.type in _FIELD_TYPES and ref.cls in self.p.classes:
                        writes.append((f"field:{ref.cls}->{ref.name}", st.get(a, UNKNOWN), pc))
                self._step(st, insn, reads, writes, dex)
        base = self.p.facts(m)
        f.calls = [c for c in base.calls if c.pc in reachable]
        f.strings = [s for s in base.strings if s[0] in reachable]
        ret = returns[0] if returns else UNKNOWN
        for v in returns[1:]:
            ret = _join(ret, v)
        return MethodResult(frozenset(reachable), f, _cut(body, reachable, prunes), writes, ret,
                            frozenset(reads))

    def _successors(self, body: Body, k: int, st: dict[int, Val],
                    prunes: dict[int, frozenset[str]]) -> tuple[int, ...]:
        _pc, op, a, b, c, _args = body.insns[k]
        succ = body.succ[k]
        if not self.prune:
            return succ
        if op in _IF_Z:
            x, origins = st.get(a, UNKNOWN)
            if x is None or not origins:
                return succ
            n = x if isinstance(x, int) else 1  # a string constant is a non-null reference
            taken = (n == 0, n != 0, n < 0, n >= 0, n > 0, n <= 0)[op - 0x38]
        elif op in _IF_2:
            (x, ox), (y, oy) = st.get(a, UNKNOWN), st.get(b, UNKNOWN)
            if not isinstance(x, int) or not isinstance(y, int) or not ox | oy:
                return succ
            origins = ox | oy
            taken = (x == y, x != y, x < y, x >= y, x > y, x <= y)[op - 0x32]
        else:
            return succ
        target = body.index[c]
        keep = (target,) if taken else tuple(s for s in succ if s != target) or (target,)
        for s in succ:
            if s not in keep:
                prunes[s] = prunes.get(s, frozenset()) | origins
        st[_PATH] = (None, st.get(_PATH, UNKNOWN)[1] | origins)  # what this path returns depends on them
        return keep

    def _step(self, st: dict[int, Val], insn: Insn, reads: set[str],
              writes: list[tuple[str, Val, int]] | None, dex: DexFile) -> None:
        pc, op, a, b, c, args = insn
        res = st.pop(_RESULT, None)
        if op in INVOKE_OPS:
            mref = dex.method(a)
            vals = [st.get(r, UNKNOWN) for r in args]
            obj = new_file(mref, vals)
            if obj is not None:
                st[args[0]] = obj
                return
            v = self._call(mref, op, vals, reads, writes, pc)
            if v is not None:
                st[_RESULT] = v
            return
        if op == 0x22:  # new-instance: the class, for a coroutine run here (runBlocking)
            st[a] = (_NEW_MARK + dex.type(b), frozenset())
            return
        if op in (0x0A, 0x0B, 0x0C):
            if res is None:
                st.pop(a, None)
            else:
                st[a] = res
            if op == 0x0B:
                st.pop(a + 1, None)
            return
        if 0x12 <= op <= 0x15:
            st[a] = (b, frozenset())
            return
        if op in (0x16, 0x17):  # const-wide/16, /32: the low register holds the value
            st[a] = (b, frozenset())
            st.pop(a + 1, None)
            return
        if op in (0x1A, 0x1B):
            st[a] = (dex.string(b), frozenset())
            return
        if op in (0x01, 0x02, 0x03, 0x07, 0x08, 0x09):
            st[a] = st.get(b, UNKNOWN)
            return
        if op in (0xDF, 0xD7):  # xor-int/lit: javac's and Kotlin's `!flag`
            x, o = st.get(b, UNKNOWN)
            st[a] = (x ^ c, o) if isinstance(x, int) else (None, o)
            return
        if op in _PRIM_READS:
            ref = dex.field(c if op < 0x60 else b)
            if ref.type in _FIELD_TYPES:
                v = self._field(ref.cls, ref.name, op >= 0x60)
                reads.update((f"field:{ref.cls}->{ref.name}", *v[1]))
                st[a] = v
            else:
                st.pop(a, None)
            return
        if op == 0x1F:
            return
        if op in WRITES_A:
            st.pop(a, None)
            if op in WIDE_DEST:
                st.pop(a + 1, None)

    def _call(self, t: MethodRef, op: int, args: list[Val], reads: set[str],
              writes: list[tuple[str, Val, int]] | None, pc: int) -> Val | None:
        """The value a call returns on the first launch; records the flags it writes."""
        handled, v = store_call(self.read, t, args, reads, writes, pc)
        if handled:
            return v
        name = t.name
        if ((t.cls == "Ljava/lang/Boolean;" and name in ("booleanValue", "valueOf"))
                or (t.cls == _BOXING and name.startswith("box"))) and args:
            return args[0]
        if t.cls == _INTRINSICS and name == "getCOROUTINE_SUSPENDED":
            return (_SUSPENDED, frozenset())
        if t.cls == COROUTINES and name in RUN_BLOCKING:
            return self._run_blocking(args, reads)
        if name == "equals" and len(args) == 2 and t.cls in ("Ljava/lang/String;", "Landroid/text/TextUtils;",
                                                           "Ljava/lang/Object;"):
            (x, ox), (y, oy) = args
            if x is None or y is None:
                return (None, ox | oy)
            return (int(x == y), ox | oy)
        if t.ret in _SUMMARY_TYPES and t.cls in self.p.classes:
            m = self._target(t, op)
            if m is None:
                return None
            r = self.result(m, force=True) if m.code_off and self._candidate(m, 1) else None
            if r is None:
                return None
            reads.update(r.reads)
            return r.returns
        return None

    def _run_blocking(self, args: list[Val], reads: set[str]) -> Val | None:
        """``runBlocking { … }`` returns what its block returns: the first-launch result of the
        block's ``invokeSuspend`` (a suspension point returns no result)."""
        for x, _o in args:
            if isinstance(x, str) and x.startswith(_NEW_MARK):
                m = self.p.resolve(x[len(_NEW_MARK):], INVOKE_SUSPEND)
                runs = m is not None and m.code_off and self._candidate(m, 1)
                r = self.result(m, force=True) if m is not None and runs else None
                if r is not None:
                    reads.update(r.reads)
                    return r.returns
        return None

    def _target(self, t: MethodRef, op: int) -> Method | None:
        """The one app method a call runs (None: several overrides may run)."""
        sig = sig_of(t)
        m = self.p.resolve(t.cls, sig)
        if m is None or op in (_INVOKE_STATIC, _INVOKE_DIRECT, _INVOKE_SUPER):
            return m
        for sub in self.p.subtypes(t.cls):
            ci = self.p.classes[sub]
            other = ci.methods.get(sig)
            if other is not None and other is not m and other.code_off:
                return None
        return m


def _cut(body: Body, reachable: set[int], prunes: dict[int, frozenset[str]]) -> dict[int, frozenset[str]]:
    """What each untaken branch keeps from running: the instructions only it leads to."""
    out: dict[int, frozenset[str]] = {}
    for start, flags in prunes.items():
        todo = [start]
        while todo:
            k = todo.pop()
            pc = body.insns[k][0]
            if pc in reachable or flags <= out.get(pc, frozenset()):
                continue
            out[pc] = out.get(pc, frozenset()) | flags
            todo.extend(body.succ[k])
            todo.extend(h for _t, h in body.exc[k])
    return out


def _join(x: Val, y: Val) -> Val:
    if x == y:
        return x
    return (x[0] if x[0] == y[0] else None, x[1] | y[1])
