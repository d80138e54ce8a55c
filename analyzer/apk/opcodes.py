"""Dalvik opcodes grouped by what they do to registers, the heap and control flow: the analyses' view.

The DEX reader (:mod:`analyzer.apk.dex`) decodes every instruction to
``(pc, op, a, b, c, args)``; these groups say what an ``op`` means to a
data-flow analysis. Numbers are those of the Dalvik bytecode reference.

>>> 0x6E in INVOKE and 0x71 in STATIC_INVOKES, 0x0C in MOVE_RESULT
(True, True)
"""

from __future__ import annotations

MOVE = frozenset((0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09))
MOVE_RESULT = frozenset((0x0A, 0x0B, 0x0C, 0x0D))
RETURN_VOID = 0x0E
RETURN = frozenset((0x0F, 0x10, 0x11))
CONST = frozenset(range(0x12, 0x1A)) | {0x1C}
"""Numeric constants (``const/4`` … ``const-wide/high16``) and ``const-class``."""
CONST_CLASS = 0x1C
CONST_STRING = frozenset((0x1A, 0x1B))
CLEAR = frozenset((0x20, 0x21))
"""``instance-of``, ``array-length``: their results carry no data."""
NEW_INSTANCE = 0x22
NEW_ARRAY = 0x23
FILLED = frozenset((0x24, 0x25))
THROW = 0x27
SWITCH = frozenset((0x2B, 0x2C))
AGET = frozenset(range(0x44, 0x4B))
APUT = frozenset(range(0x4B, 0x52))
APUT_OBJECT = 0x4D
AGET_OBJECT = 0x46
IGET = frozenset(range(0x52, 0x59))
IPUT = frozenset(range(0x59, 0x60))
SGET = frozenset(range(0x60, 0x67))
SPUT = frozenset(range(0x67, 0x6E))
INVOKE = frozenset(range(0x6E, 0x73)) | frozenset(range(0x74, 0x79)) | {0xFA, 0xFB, 0xFC, 0xFD}
"""Every invoke, ``invoke-polymorphic`` and ``invoke-custom`` (0xFA-0xFD) included."""
UNKNOWN_INVOKES = 0xFA
"""From here on, invokes whose target the analyses cannot know (polymorphic, custom)."""
STATIC_INVOKES = frozenset((0x71, 0x77))
UNOP = frozenset(range(0x7B, 0x90))
BINOP = frozenset(range(0x90, 0xB0)) | frozenset(range(0x2D, 0x32))
"""Binary operations ``vA = vB op vC`` (and the comparisons ``cmp*``)."""
BINOP_2ADDR = frozenset(range(0xB0, 0xD0))
BINOP_LIT = frozenset(range(0xD0, 0xE3))
ADD_LIT = frozenset((0xD0, 0xD8))
"""``add-int/lit16``, ``add-int/lit8``."""
COMPARE = frozenset(range(0x2D, 0x32))
"""``cmpl-float`` … ``cmp-long``: -1, 0 or 1, the outcome of one comparison."""
SIGN_SHIFTS = {0x99: 31, 0x9A: 31, 0xB9: 31, 0xBA: 31, 0xE1: 31, 0xE2: 31,
               0x9B: 63, 0x9C: 63, 0xC4: 63, 0xC5: 63}
"""``shr``/``ushr`` of an int (long): shifting by this many bits leaves only the sign bit."""
DIV = frozenset((0x93, 0x94, 0x9E, 0x9F, 0xB3, 0xB4, 0xBE, 0xBF, 0xD3, 0xD4, 0xDB, 0xDC))
"""Integer divisions and remainders: the instructions that raise ArithmeticException."""
IF_TEST = range(0x32, 0x3E)
"""``if-eq`` … ``if-lez``; from ``IF_TESTZ`` on, against zero."""
IF_TESTZ = 0x38
WRITES_A = (frozenset(range(0x01, 0x0E)) | frozenset(range(0x12, 0x1D)) | frozenset(range(0x1F, 0x24))
            | frozenset(range(0x2D, 0x32)) | frozenset(range(0x44, 0x4B)) | frozenset(range(0x52, 0x59))
            | frozenset(range(0x60, 0x67)) | frozenset(range(0x7B, 0xE3)))
"""Instructions that write their register ``a`` (moves, constants, loads, arithmetic …)."""
WIDE_DEST = (frozenset((0x04, 0x05, 0x06, 0x0B, 0x16, 0x17, 0x18, 0x19, 0x45, 0x53, 0x61,
                        0x7D, 0x7E, 0x80, 0x81, 0x83, 0x86, 0x88, 0x89, 0x8B))
             | frozenset(range(0x9B, 0xA6)) | frozenset(range(0xAB, 0xB0))
             | frozenset(range(0xBB, 0xC6)) | frozenset(range(0xCB, 0xD0)))
"""Of those, the ones that write a register pair (``a`` and ``a + 1``: longs and doubles)."""
