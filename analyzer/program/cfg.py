"""Control-flow graphs of method bodies: instructions, successors, exception edges, parameters.

A :class:`Body` lists a method's decoded instructions with, for each one,
its normal successors (fall-through, branch, switch targets) and its
exceptional successors (the handlers of the try blocks covering it, only for
instructions that can throw). Register numbers of the parameters follow the
Dalvik calling convention: they are the last ``ins`` registers, ``this``
first, wide types taking two.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.apk.dex import DexError, DexFile, Insn, TryBlock, code_tries, switch_cases

_RETURNS = frozenset((0x0E, 0x0F, 0x10, 0x11))
_GOTOS = frozenset((0x28, 0x29, 0x2A))
_THROW = 0x27
_SWITCHES = frozenset((0x2B, 0x2C))
_IFS = frozenset(range(0x32, 0x3E))
_DIV_REM = frozenset((0x93, 0x94, 0x9E, 0x9F, 0xB3, 0xB4, 0xBE, 0xBF, 0xD3, 0xD4, 0xDB, 0xDC))
_NO_THROW = (frozenset(range(0x00, 0x1A)) | _RETURNS | _GOTOS | _SWITCHES | frozenset(range(0x2D, 0x3E))
             | frozenset(range(0x7B, 0x90)) | (frozenset(range(0x90, 0xE3)) - _DIV_REM))


def can_throw(op: int) -> bool:
    """Whether an instruction with this opcode can raise an exception."""
    return op not in _NO_THROW


@dataclass
class Body:
    """A method body ready for data-flow analysis."""

    insns: list[Insn]
    """Decoded instructions in address order."""
    index: dict[int, int]
    """Bytecode offset -> position in :attr:`insns`."""
    succ: list[tuple[int, ...]]
    """Normal successor positions of each instruction."""
    exc: list[tuple[tuple[str | None, int], ...]]
    """(caught type or None, handler position) for each instruction that can throw inside a try block."""
    registers: int
    """Number of registers."""
    param_regs: list[tuple[int, str]]
    """(register, type descriptor) of each parameter, ``this`` first for instance methods."""
    blocks: list[tuple[int, int]]
    """Basic blocks as (first, last) instruction positions; block 0 is the entry."""
    block_of: dict[int, int]
    """Position of a block's first instruction -> block number."""
    switch_cases: dict[int, tuple[tuple[int, int], ...]]
    """For each switch instruction position: (case key, target position)."""


def param_registers(registers: int, ins: int, is_static: bool, cls: str,
                    params: tuple[str, ...]) -> list[tuple[int, str]]:
    """The registers holding a method's parameters on entry."""
    reg = registers - ins
    out: list[tuple[int, str]] = []
    if not is_static:
        out.append((reg, cls))
        reg += 1
    for p in params:
        out.append((reg, p))
        reg += 2 if p in ("J", "D") else 1
    return out


def build_body(dex: DexFile, code_off: int, is_static: bool, cls: str,
               params: tuple[str, ...]) -> Body:
    """Decode and link the body of the code item at ``code_off``."""
    regs, ins, _outs, _n = dex.code_header(code_off)
    insns = list(dex.instructions(code_off))
    index = {i[0]: k for k, i in enumerate(insns)}
    tries: tuple[TryBlock, ...] = code_tries(dex, code_off)
    succ: list[tuple[int, ...]] = []
    exc: list[tuple[tuple[str | None, int], ...]] = []
    cases: dict[int, tuple[tuple[int, int], ...]] = {}
    last = len(insns) - 1

    def at(pc: int) -> int:
        k = index.get(pc)
        if k is None:
            raise DexError(f"{dex.name}: branch to {pc:#x} is not an instruction boundary")
        return k

    for k, (pc, op, _a, _b, c, _args) in enumerate(insns):
        nxt = (k + 1,) if k < last else ()
        if op in _RETURNS or op == _THROW:
            s: tuple[int, ...] = ()
        elif op in _GOTOS:
            s = (at(c),)
        elif op in _IFS:
            s = tuple(dict.fromkeys((*nxt, at(c))))
        elif op in _SWITCHES:
            cases[k] = tuple((key, at(t)) for key, t in switch_cases(dex, code_off, pc, c))
            s = tuple(dict.fromkeys(nxt + tuple(t for _key, t in cases[k])))
        else:
            s = nxt
        succ.append(s)
        handlers: list[tuple[str | None, int]] = []
        if tries and can_throw(op):
            for t in tries:
                if t.start <= pc < t.end:
                    handlers.extend((typ, at(h)) for typ, h in t.handlers)
                    break
        exc.append(tuple(handlers))
    leaders = {0}
    for k, (_pc, op, *_rest) in enumerate(insns):
        if op in _RETURNS or op == _THROW or op in _GOTOS or op in _IFS or op in _SWITCHES:
            if k < last:
                leaders.add(k + 1)
            leaders.update(succ[k])
        for _typ, h in exc[k]:
            leaders.add(h)
    starts = sorted(leaders)
    blocks = [(s0, (starts[i + 1] - 1) if i + 1 < len(starts) else last) for i, s0 in enumerate(starts)]
    block_of = {s0: i for i, (s0, _e) in enumerate(blocks)}
    return Body(insns, index, succ, exc, regs, param_registers(regs, ins, is_static, cls, params),
                blocks, block_of, cases)


MAX_CD_BLOCKS = 4096
"""Blocks past which a method's control dependence is not computed (none is reported)."""


def block_successors(body: Body) -> list[tuple[int, ...]]:
    """Each block's successor blocks: where its last instruction goes, and the handlers of the
    instructions in it that may throw."""
    out: list[tuple[int, ...]] = []
    for first, last in body.blocks:
        nxt = [body.block_of[s] for s in body.succ[last]]
        for k in range(first, last + 1):
            nxt.extend(body.block_of[h] for _typ, h in body.exc[k])
        out.append(tuple(dict.fromkeys(nxt)))
    return out


def control_dependents(body: Body) -> dict[int, frozenset[int]]:
    """For each block that decides where the code goes on (an if or a switch at its end, an
    instruction in it that may throw to a handler): the blocks whose running it decides,
    directly or through blocks it decides in turn.

    Block ``b`` depends on branch ``x`` when ``b`` post-dominates one successor of ``x`` but does
    not strictly post-dominate ``x`` (Ferrante, Ottenstein and Warren); post-dominators are
    computed over normal and exception edges, a block that never reaches a return counting as
    one that does. Methods over :data:`MAX_CD_BLOCKS` blocks get none.
    """
    n = len(body.blocks)
    if n > MAX_CD_BLOCKS:
        return {}
    # node n is the exit: where returns and throws go (beside the handlers of a block's insns)
    succ = [list(s) + ([n] if not body.succ[last] else []) for s, (_f, last)
            in zip(block_successors(body), body.blocks, strict=True)]
    exit_bit = 1 << n
    # blocks that cannot reach an exit (endless loops) are given an edge to it
    pred: list[list[int]] = [[] for _ in range(n + 1)]
    for b, ss in enumerate(succ):
        for s in ss:
            pred[s].append(b)
    reaches = [False] * (n + 1)
    reaches[n] = True
    todo = [n]
    while todo:
        b = todo.pop()
        for p in pred[b]:
            if not reaches[p]:
                reaches[p] = True
                todo.append(p)
    full = (1 << (n + 1)) - 1
    pdom = [full] * n + [exit_bit]
    changed = True
    while changed:
        changed = False
        for b in range(n - 1, -1, -1):
            meet = full
            for s in succ[b]:
                meet &= pdom[s]
            if not reaches[b]:
                meet &= exit_bit
            new = meet | (1 << b)
            if new != pdom[b]:
                pdom[b] = new
                changed = True
    branches = {b for b in range(n) if len(succ[b]) > 1}
    direct: dict[int, int] = {}
    for x in branches:
        strict = pdom[x] & ~(1 << x)
        dep = 0
        for s in succ[x]:
            dep |= pdom[s] & ~strict
        direct[x] = dep & ~exit_bit
    closure = dict(direct)
    changed = True
    while changed:
        changed = False
        for x, dep in closure.items():
            new = dep
            for y in branches:
                if y != x and dep >> y & 1:
                    new |= closure[y]
            if new != dep:
                closure[x] = new
                changed = True
    return {x: frozenset(b for b in range(n) if dep >> b & 1) for x, dep in closure.items() if dep}
