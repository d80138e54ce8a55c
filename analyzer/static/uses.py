"""Whether a string a method reads is only compared: tested, never kept, passed on or returned.

``Build.FINGERPRINT.contains("generic")`` (an emulator check), ``account.name.equals(PLACEHOLDER)``
or ``Build.TAGS.contains("test-keys")`` read a PI source only to decide a branch: the value goes
nowhere, so nothing is collected. A forward may-analysis over the method's instructions follows
the registers that may hold the value read (copies and case or whitespace changes of it included);
the read is *only compared* when every use of such a register is a comparison (``equals``,
``contains``, ``startsWith``, ``isEmpty``, ``length`` …, as receiver or argument), a null test or a
cast. Any other use (a call argument, a store, a return, string building) keeps the read, and so
does an instruction whose operands cannot be told apart from registers: the analysis errs on the
side of keeping what it cannot prove unused.
"""

from __future__ import annotations

from analyzer.apk.dex import INVOKE_OPS
from analyzer.apk.opcodes import WIDE_DEST, WRITES_A
from analyzer.program.cfg import Body

COMPARES = frozenset(("equals", "equalsIgnoreCase", "contains", "startsWith", "endsWith", "matches",
                      "isEmpty", "isBlank", "length", "compareTo", "compareToIgnoreCase", "contentEquals",
                      "regionMatches", "hashCode", "indexOf", "lastIndexOf"))
"""Calls whose result says whether (or where) the value matches, not what it is."""
SAME = frozenset(("toLowerCase", "toUpperCase", "trim", "strip", "toString", "intern"))
"""Calls whose result is the value itself, changed in case or whitespace."""
_MOVE_RESULT_OBJECT = 0x0C
_CHECK_CAST = 0x1F
_NULL_TESTS = frozenset((0x32, 0x33, 0x38, 0x39))  # if-eq/ne (references), if-eqz/nez


def _reads(op: int, a: int, b: int, c: int) -> tuple[int, ...] | None:
    """The registers a non-invoke instruction reads (None: not known, count every operand)."""
    if 0x01 <= op <= 0x09 or op in (0x20, 0x21, 0x23) or 0x52 <= op <= 0x58 or 0x7B <= op <= 0x8F \
            or 0xD0 <= op <= 0xE2:
        return (b,)
    if 0x0A <= op <= 0x0E or 0x12 <= op <= 0x1C or op == 0x22 or 0x28 <= op <= 0x2A or 0x60 <= op <= 0x66:
        return ()
    if 0x0F <= op <= 0x11 or op in (0x1D, 0x1E, 0x1F, 0x26, 0x27, 0x2B, 0x2C) or 0x38 <= op <= 0x3D \
            or 0x67 <= op <= 0x6D:
        return (a,)
    if 0x2D <= op <= 0x31 or 0x44 <= op <= 0x4A or 0x90 <= op <= 0xAF:
        return (b, c)
    if 0x32 <= op <= 0x37 or 0x59 <= op <= 0x5F or 0xB0 <= op <= 0xCF:
        return (a, b)
    if 0x4B <= op <= 0x51:
        return (a, b, c)
    return None


def _writes(op: int, a: int) -> tuple[int, ...]:
    """The registers an instruction overwrites."""
    if op in WRITES_A:
        return (a, a + 1) if op in WIDE_DEST else (a,)
    return ()


def only_compared(body: Body, pc: int, names: dict[int, str]) -> bool:
    """Whether the value read at ``pc`` (a call's result, taken by the next ``move-result-object``,
    or a field load into its register ``a``) is only compared. ``names`` gives the method name of
    each invoke's pool index (the caller resolves it once per DEX)."""
    start = body.index.get(pc)
    if start is None:
        return False
    op = body.insns[start][1]
    if op in INVOKE_OPS:
        nxt = body.succ[start]
        if len(nxt) != 1 or body.insns[nxt[0]][1] != _MOVE_RESULT_OBJECT:
            return False  # the result is dropped or the code is unusual: keep the read
        start = nxt[0]
    seed = frozenset({body.insns[start][2]})
    states: dict[int, frozenset[int]] = {}
    work = [(k, seed) for k in _next(body, start)]
    while work:
        k, held = work.pop()
        old = states.get(k)
        if old is not None and held <= old:
            continue
        held = held | old if old is not None else held
        states[k] = held
        out = _step(body, k, held, names)
        if out is None:
            return False
        if out:
            work.extend((s, out) for s in _next(body, k))
    return True


def _next(body: Body, k: int) -> list[int]:
    return [*body.succ[k], *(h for _t, h in body.exc[k])]


def _step(body: Body, k: int, held: frozenset[int], names: dict[int, str]) -> frozenset[int] | None:
    """The registers holding the value after instruction ``k``, or None if ``k`` uses it otherwise."""
    _pc, op, a, b, c, args = body.insns[k]
    if not held:
        return held
    if op in INVOKE_OPS:
        if not held & set(args):
            return held
        name = names.get(a, "")
        if name in COMPARES or (name in SAME and args[0] in held and not held & set(args[1:])):
            return held
        return None
    if op == _MOVE_RESULT_OBJECT:  # keeps the value where the call before it was one of SAME on it
        _ppc, pop, pa, _pb, _pc2, pargs = body.insns[k - 1] if k else (0, 0, 0, 0, 0, ())
        same = pop in INVOKE_OPS and names.get(pa, "") in SAME and bool(pargs) and pargs[0] in held
        return held | {a} if same else held - {a}
    if 0x07 <= op <= 0x09:  # move-object
        return held | {a} if b in held else held - {a}
    if op in _NULL_TESTS or op == _CHECK_CAST:
        return held
    reads = _reads(op, a, b, c)
    if held & set(reads if reads is not None else (a, b, c, *args)):
        return None
    return held.difference(_writes(op, a))
