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
