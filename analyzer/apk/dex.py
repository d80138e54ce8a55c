"""Read Dalvik executable (DEX) files: constant pools, classes, methods and bytecode.

A DEX file is a set of constant pools (strings, types, prototypes, fields,
methods) plus class definitions whose methods point at ``code_item`` records
holding 16-bit bytecode units. This module reads exactly that, lazily and
with bounds checks, and decodes instructions into plain tuples.

Why not androguard's DEX parser: on a 9 MB ``classes.dex`` it spends about
5 s building Python objects for every item before a single instruction is
decoded, which alone eats a quarter of the 20 s full-scan budget. Here the
pools are indexed arrays and instructions are decoded on demand, so a scan
pays only for the methods it looks at.

Every offset read from the file is checked against its size; a malformed
file raises :class:`DexError` (never ``IndexError`` or ``struct.error``).

The opcode table follows the Dalvik bytecode specification (formats 10x to
51l, including the payload pseudo-instructions of switch and array data).
"""

from __future__ import annotations

import array
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass

NO_INDEX = 0xFFFFFFFF

ACC_PUBLIC = 0x1
ACC_PRIVATE = 0x2
ACC_STATIC = 0x8
ACC_ABSTRACT = 0x400
ACC_INTERFACE = 0x200
ACC_NATIVE = 0x100
ACC_CONSTRUCTOR = 0x10000


class DexError(ValueError):
    """The bytes are not a well-formed DEX file (the message says where)."""


# ---------------------------------------------------------------------------
# Opcode table: opcode -> format id. Width in 16-bit units is derived.
# ---------------------------------------------------------------------------

F10X, F12X, F11N, F11X, F10T, F20T, F22X, F21T, F21S, F21H, F21C = range(11)
F23X, F22B, F22T, F22S, F22C, F30T, F32X, F31I, F31T, F31C = range(11, 21)
F35C, F3RC, F45CC, F4RCC, F51L = range(21, 26)

_WIDTH = {
    F10X: 1, F12X: 1, F11N: 1, F11X: 1, F10T: 1,
    F20T: 2, F22X: 2, F21T: 2, F21S: 2, F21H: 2, F21C: 2,
    F23X: 2, F22B: 2, F22T: 2, F22S: 2, F22C: 2,
    F30T: 3, F32X: 3, F31I: 3, F31T: 3, F31C: 3, F35C: 3, F3RC: 3,
    F45CC: 4, F4RCC: 4, F51L: 5,
}


def _build_format_table() -> list[int]:
    fmt = [F10X] * 256
    spans: list[tuple[int, int, int]] = [
        (0x01, 0x01, F12X), (0x02, 0x02, F22X), (0x03, 0x03, F32X),
        (0x04, 0x04, F12X), (0x05, 0x05, F22X), (0x06, 0x06, F32X),
        (0x07, 0x07, F12X), (0x08, 0x08, F22X), (0x09, 0x09, F32X),
        (0x0A, 0x0D, F11X), (0x0E, 0x0E, F10X), (0x0F, 0x11, F11X),
        (0x12, 0x12, F11N), (0x13, 0x13, F21S), (0x14, 0x14, F31I),
        (0x15, 0x15, F21H), (0x16, 0x16, F21S), (0x17, 0x17, F31I),
        (0x18, 0x18, F51L), (0x19, 0x19, F21H), (0x1A, 0x1A, F21C),
        (0x1B, 0x1B, F31C), (0x1C, 0x1C, F21C), (0x1D, 0x1E, F11X),
        (0x1F, 0x1F, F21C), (0x20, 0x20, F22C), (0x21, 0x21, F12X),
        (0x22, 0x22, F21C), (0x23, 0x23, F22C), (0x24, 0x24, F35C),
        (0x25, 0x25, F3RC), (0x26, 0x26, F31T), (0x27, 0x27, F11X),
        (0x28, 0x28, F10T), (0x29, 0x29, F20T), (0x2A, 0x2A, F30T),
        (0x2B, 0x2C, F31T), (0x2D, 0x31, F23X), (0x32, 0x37, F22T),
        (0x38, 0x3D, F21T), (0x44, 0x51, F23X), (0x52, 0x5F, F22C),
        (0x60, 0x6D, F21C), (0x6E, 0x72, F35C), (0x74, 0x78, F3RC),
        (0x7B, 0x8F, F12X), (0x90, 0xAF, F23X), (0xB0, 0xCF, F12X),
        (0xD0, 0xD7, F22S), (0xD8, 0xE2, F22B), (0xFA, 0xFA, F45CC),
        (0xFB, 0xFB, F4RCC), (0xFC, 0xFC, F35C), (0xFD, 0xFD, F3RC),
        (0xFE, 0xFF, F21C),
    ]
    for lo, hi, f in spans:
        for op in range(lo, hi + 1):
            fmt[op] = f
    return fmt


FORMAT = _build_format_table()
WIDTH = [_WIDTH[f] for f in FORMAT]

# Opcode groups the analyses care about.
OP_CONST_STRING = 0x1A
OP_CONST_STRING_JUMBO = 0x1B
OP_CONST_CLASS = 0x1C
OP_NEW_INSTANCE = 0x22
OP_INVOKE_VIRTUAL = 0x6E
OP_INVOKE_SUPER = 0x6F
OP_INVOKE_DIRECT = 0x70
OP_INVOKE_STATIC = 0x71
OP_INVOKE_INTERFACE = 0x72
OP_INVOKE_VIRTUAL_RANGE = 0x74
OP_INVOKE_INTERFACE_RANGE = 0x78
INVOKE_OPS = frozenset(range(0x6E, 0x73)) | frozenset(range(0x74, 0x79))
SGET_OPS = frozenset(range(0x60, 0x67))
SPUT_OPS = frozenset(range(0x67, 0x6E))
IGET_OPS = frozenset(range(0x52, 0x59))
IPUT_OPS = frozenset(range(0x59, 0x60))
CONST_LIT_OPS = frozenset((0x12, 0x13, 0x14, 0x15))


def invoke_base(op: int) -> int:
    """Map an invoke opcode (plain or /range) to its plain form (0x6e..0x72)."""
    return op - 6 if op >= 0x74 else op


# An instruction: (pc, opcode, a, b, c, args)
#   35c/3rc invokes and filled-new-array: a = pool index, args = registers
#   21c/31c: a = register, b = pool index;  22c: a, b registers, c = pool index
#   literals: a = register, b = value;  branches: a (and b) registers, c = target pc
Insn = tuple[int, int, int, int, int, tuple[int, ...]]
_NOARGS: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MethodRef:
    """A method as named in the constant pool: class descriptor, name, prototype."""

    cls: str
    """Type descriptor of the declaring class, e.g. ``Landroid/util/Log;``."""
    name: str
    """Method name, e.g. ``d``."""
    params: tuple[str, ...]
    """Parameter type descriptors."""
    ret: str
    """Return type descriptor."""

    @property
    def proto(self) -> str:
        """The method's prototype in descriptor form, ``(II)V``."""
        return "(" + "".join(self.params) + ")" + self.ret


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A field as named in the constant pool."""

    cls: str
    """Type descriptor of the declaring class."""
    name: str
    """Field name."""
    type: str
    """Field type descriptor."""


@dataclass(frozen=True, slots=True)
class EncodedMethod:
    """A method defined by a class in this file."""

    method_idx: int
    """Index into the file's method pool."""
    access: int
    """Access flags (ACC_*)."""
    code_off: int
    """Offset of the ``code_item``, or 0 for abstract and native methods."""


@dataclass(frozen=True, slots=True)
class ClassDef:
    """A class defined in this file."""

    descriptor: str
    """Type descriptor, e.g. ``Lcom/example/Main;``."""
    access: int
    """Access flags."""
    superclass: str | None
    """Descriptor of the superclass, None for java.lang.Object."""
    interfaces: tuple[str, ...]
    """Descriptors of the directly implemented interfaces."""
    methods: tuple[EncodedMethod, ...]
    """Direct then virtual methods."""
    static_fields: tuple[int, ...]
    """Field-pool indices of the static fields it defines."""
    instance_fields: tuple[int, ...]
    """Field-pool indices of the instance fields it defines."""
    annotations_off: int = 0
    """Offset of the class's ``annotations_directory_item``, 0 when it has none."""


def _uleb(buf: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(buf) or shift > 28:
            raise DexError(f"bad uleb128 at offset {pos:#x}")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def _mutf8(raw: bytes) -> str:
    """Decode Java's modified UTF-8 (CESU-8 with 0xC0 0x80 for NUL). Never raises: a hostile or broken
    string (invalid bytes, a lone surrogate) decodes with U+FFFD in place of what is not text."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    raw = raw.replace(b"\xc0\x80", b"\x00")
    s = raw.decode("utf-8", errors="surrogatepass") if _valid_cesu8(raw) else raw.decode("utf-8", "replace")
    try:  # join surrogate pairs (CESU-8 supplementary characters)
        return s.encode("utf-16", errors="surrogatepass").decode("utf-16")
    except UnicodeDecodeError:  # a lone surrogate is not text
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


def _valid_cesu8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


class DexFile:
    """One parsed DEX file. Pools are read lazily and cached."""

    HEADER = struct.Struct("<8sI20sIIIIIIIIIIIIIIIIIIII")

    def __init__(self, data: bytes, name: str = "classes.dex") -> None:
        self.name = name
        self.data = data
        if len(data) < 0x70:
            raise DexError(f"{name}: {len(data)} bytes is shorter than a DEX header")
        h = self.HEADER.unpack_from(data, 0)
        magic = h[0]
        if magic[:4] != b"dex\n" or magic[7] != 0:
            raise DexError(f"{name}: not a DEX file (magic {magic[:8]!r})")
        if h[5] != 0x12345678:
            raise DexError(f"{name}: unsupported endianness tag {h[5]:#x}")
        self.version = magic[4:7].decode("ascii", "replace")
        (self.string_ids_size, self.string_ids_off, self.type_ids_size, self.type_ids_off,
         self.proto_ids_size, self.proto_ids_off, self.field_ids_size, self.field_ids_off,
         self.method_ids_size, self.method_ids_off, self.class_defs_size,
         self.class_defs_off) = h[9:21]
        size = len(data)
        for what, off, count, width in (
            ("string_ids", self.string_ids_off, self.string_ids_size, 4),
            ("type_ids", self.type_ids_off, self.type_ids_size, 4),
            ("proto_ids", self.proto_ids_off, self.proto_ids_size, 12),
            ("field_ids", self.field_ids_off, self.field_ids_size, 8),
            ("method_ids", self.method_ids_off, self.method_ids_size, 8),
            ("class_defs", self.class_defs_off, self.class_defs_size, 32),
        ):
            if count and (off < 0x70 or off + count * width > size):
                raise DexError(f"{name}: {what} table ({count} entries at {off:#x}) "
                               f"lies outside the {size}-byte file")
        self._string_offs = array.array("I")
        self._string_offs.frombytes(
            data[self.string_ids_off:self.string_ids_off + 4 * self.string_ids_size])
        self._type_ids = array.array("I")
        self._type_ids.frombytes(data[self.type_ids_off:self.type_ids_off + 4 * self.type_ids_size])
        if sys.byteorder != "little":  # pragma: no cover - DEX is little-endian
            self._string_offs.byteswap()
            self._type_ids.byteswap()
        self._strings: list[str | None] = [None] * self.string_ids_size
        self._methods: list[MethodRef | None] = [None] * self.method_ids_size
        self._fields: list[FieldRef | None] = [None] * self.field_ids_size
        self._protos: list[tuple[tuple[str, ...], str] | None] = [None] * self.proto_ids_size
        self._units: array.array[int] | None = None
        self._proto_strs: dict[int, str] = {}

    # -- pools ---------------------------------------------------------------

    def string(self, idx: int) -> str:
        """The string at ``idx`` in the string pool."""
        s = self._strings[idx] if 0 <= idx < self.string_ids_size else None
        if s is not None:
            return s
        if not 0 <= idx < self.string_ids_size:
            raise DexError(f"{self.name}: string index {idx} out of range")
        off = self._string_offs[idx]
        if off >= len(self.data):
            raise DexError(f"{self.name}: string {idx} at {off:#x} is outside the file")
        _, start = _uleb(self.data, off)
        end = self.data.find(b"\x00", start)
        if end < 0:
            raise DexError(f"{self.name}: unterminated string {idx}")
        s = _mutf8(self.data[start:end])
        self._strings[idx] = s
        return s

    def type(self, idx: int) -> str:
        """The type descriptor at ``idx`` in the type pool."""
        if not 0 <= idx < self.type_ids_size:
            raise DexError(f"{self.name}: type index {idx} out of range")
        return self.string(self._type_ids[idx])

    def _type_list(self, off: int) -> tuple[str, ...]:
        if off == 0:
            return ()
        if off + 4 > len(self.data):
            raise DexError(f"{self.name}: type list at {off:#x} is outside the file")
        (n,) = struct.unpack_from("<I", self.data, off)
        if off + 4 + 2 * n > len(self.data):
            raise DexError(f"{self.name}: type list at {off:#x} overruns the file")
        idxs = struct.unpack_from(f"<{n}H", self.data, off + 4)
        return tuple(self.type(i) for i in idxs)

    def proto(self, idx: int) -> tuple[tuple[str, ...], str]:
        """(parameter descriptors, return descriptor) of prototype ``idx``."""
        p = self._protos[idx] if 0 <= idx < self.proto_ids_size else None
        if p is not None:
            return p
        if not 0 <= idx < self.proto_ids_size:
            raise DexError(f"{self.name}: proto index {idx} out of range")
        _, ret_idx, params_off = struct.unpack_from("<III", self.data, self.proto_ids_off + 12 * idx)
        p = (self._type_list(params_off), self.type(ret_idx))
        self._protos[idx] = p
        return p

    def method(self, idx: int) -> MethodRef:
        """The method reference at ``idx`` in the method pool."""
        m = self._methods[idx] if 0 <= idx < self.method_ids_size else None
        if m is not None:
            return m
        if not 0 <= idx < self.method_ids_size:
            raise DexError(f"{self.name}: method index {idx} out of range")
        cls_idx, proto_idx, name_idx = struct.unpack_from("<HHI", self.data, self.method_ids_off + 8 * idx)
        params, ret = self.proto(proto_idx)
        m = MethodRef(self.type(cls_idx), self.string(name_idx), params, ret)
        self._methods[idx] = m
        return m

    def method_name_sig(self, idx: int) -> tuple[str, str]:
        """(name, ``name(params)ret``) of method ``idx``; prototype strings are cached."""
        if not 0 <= idx < self.method_ids_size:
            raise DexError(f"{self.name}: method index {idx} out of range")
        cls_idx, proto_idx, name_idx = struct.unpack_from("<HHI", self.data, self.method_ids_off + 8 * idx)
        ps = self._proto_strs.get(proto_idx)
        if ps is None:
            params, ret = self.proto(proto_idx)
            ps = self._proto_strs[proto_idx] = "(" + "".join(params) + ")" + ret
        self.type(cls_idx)  # checked in the order method() checks
        name = self.string(name_idx)
        return name, name + ps

    def field_name(self, idx: int) -> str:
        """Name of field ``idx`` (without building its reference)."""
        f = self._fields[idx] if 0 <= idx < self.field_ids_size else None
        if f is not None:
            return f.name
        if not 0 <= idx < self.field_ids_size:
            raise DexError(f"{self.name}: field index {idx} out of range")
        cls_idx, type_idx, name_idx = struct.unpack_from("<HHI", self.data, self.field_ids_off + 8 * idx)
        self.type(cls_idx)  # checked as field() checks them
        name = self.string(name_idx)
        self.type(type_idx)
        return name

    def method_class_name(self, idx: int) -> tuple[str, str]:
        """(class descriptor, name) of method ``idx`` without building its prototype."""
        if not 0 <= idx < self.method_ids_size:
            raise DexError(f"{self.name}: method index {idx} out of range")
        cls_idx, _, name_idx = struct.unpack_from("<HHI", self.data, self.method_ids_off + 8 * idx)
        return self.type(cls_idx), self.string(name_idx)

    def field(self, idx: int) -> FieldRef:
        """The field reference at ``idx`` in the field pool."""
        f = self._fields[idx] if 0 <= idx < self.field_ids_size else None
        if f is not None:
            return f
        if not 0 <= idx < self.field_ids_size:
            raise DexError(f"{self.name}: field index {idx} out of range")
        cls_idx, type_idx, name_idx = struct.unpack_from("<HHI", self.data, self.field_ids_off + 8 * idx)
        f = FieldRef(self.type(cls_idx), self.string(name_idx), self.type(type_idx))
        self._fields[idx] = f
        return f

    # -- classes -------------------------------------------------------------

    def classes(self) -> Iterator[ClassDef]:
        """Every class defined in the file, in file order."""
        data = self.data
        for i in range(self.class_defs_size):
            (cls_idx, access, super_idx, ifaces_off, _src, ann_off, cdata_off,
             _sv) = struct.unpack_from("<8I", data, self.class_defs_off + 32 * i)
            descriptor = self.type(cls_idx)
            superclass = None if super_idx == NO_INDEX else self.type(super_idx)
            interfaces = self._type_list(ifaces_off)
            methods: list[EncodedMethod] = []
            sfields: list[int] = []
            ifields: list[int] = []
            if cdata_off:
                if cdata_off >= len(data):
                    raise DexError(f"{self.name}: class data of {descriptor} is outside the file")
                pos = cdata_off
                ns, pos = _uleb(data, pos)
                ni, pos = _uleb(data, pos)
                nd, pos = _uleb(data, pos)
                nv, pos = _uleb(data, pos)
                for count, out in ((ns, sfields), (ni, ifields)):
                    fidx = 0
                    for _ in range(count):
                        diff, pos = _uleb(data, pos)
                        _, pos = _uleb(data, pos)
                        fidx += diff
                        out.append(fidx)
                for count in (nd, nv):
                    midx = 0
                    for _ in range(count):
                        diff, pos = _uleb(data, pos)
                        acc, pos = _uleb(data, pos)
                        code, pos = _uleb(data, pos)
                        midx += diff
                        if code and code + 16 > len(data):
                            raise DexError(f"{self.name}: code of a method in {descriptor} "
                                           "is outside the file")
                        methods.append(EncodedMethod(midx, acc, code))
            yield ClassDef(descriptor, access, superclass, interfaces, tuple(methods),
                           tuple(sfields), tuple(ifields), ann_off)

    def initialised_classes(self) -> frozenset[str]:
        """Classes whose static fields have constant initial values (a ``static_values`` array): a
        ``static boolean on = true;`` is set there, with no ``sput`` in ``<clinit>``."""
        out = set()
        for i in range(self.class_defs_size):
            cls_idx, sv_off = struct.unpack_from("<I", self.data, self.class_defs_off + 32 * i)[0], \
                struct.unpack_from("<I", self.data, self.class_defs_off + 32 * i + 28)[0]
            if sv_off:
                out.add(self.type(cls_idx))
        return frozenset(out)

    def static_ints(self, suffix: str) -> Iterator[tuple[str, str, int]]:
        """(class, field, value) of each ``int`` static field with a constant initial value (the
        ``static_values`` array) in the classes whose descriptor ends with ``suffix`` (``R$id;``: a
        library's resource ids, which its code reads with ``sget`` when they were not inlined)."""
        data = self.data
        for i in range(self.class_defs_size):
            (cls_idx, _acc, _sup, _ifc, _src, _ann, cdata_off,
             sv_off) = struct.unpack_from("<8I", data, self.class_defs_off + 32 * i)
            if not (cdata_off and sv_off) or not self.type(cls_idx).endswith(suffix):
                continue
            if cdata_off >= len(data) or sv_off >= len(data):
                raise DexError(f"{self.name}: class data of {self.type(cls_idx)} is outside the file")
            ns, pos = _uleb(data, cdata_off)
            _ni, pos = _uleb(data, pos)
            _nd, pos = _uleb(data, pos)
            _nv, pos = _uleb(data, pos)
            fields, fidx = [], 0
            for _ in range(ns):
                diff, pos = _uleb(data, pos)
                _, pos = _uleb(data, pos)
                fidx += diff
                fields.append(fidx)
            n, pos = _uleb(data, sv_off)
            cls = self.type(cls_idx)
            for k in range(min(n, len(fields))):
                if pos >= len(data):
                    raise DexError(f"{self.name}: static values of {cls} run past the file")
                head = data[pos]
                vtype, size = head & 0x1F, (head >> 5) + 1
                if vtype in (0x1C, 0x1D):  # arrays and annotations: no int field follows that we need
                    break
                if vtype in (0x1E, 0x1F):  # null, boolean: no bytes
                    pos += 1
                    continue
                if pos + 1 + size > len(data):
                    raise DexError(f"{self.name}: static values of {cls} run past the file")
                if vtype == 0x04:  # VALUE_INT, sign-extended
                    value = int.from_bytes(data[pos + 1:pos + 1 + size], "little", signed=True)
                    ref = self.field(fields[k])
                    if ref.type == "I":
                        yield cls, ref.name, value
                pos += 1 + size

    def method_annotations(self, annotations_off: int) -> dict[int, tuple[str, ...]]:
        """Annotation types on each method of a class: method-pool index -> type descriptors.

        ``annotations_off`` is :attr:`ClassDef.annotations_off`; 0 gives ``{}``.
        """
        if not annotations_off:
            return {}
        data = self.data
        if annotations_off + 16 > len(data):
            raise DexError(f"{self.name}: annotations directory at {annotations_off:#x} is outside the file")
        _cls, nfields, nmethods, _nparams = struct.unpack_from("<4I", data, annotations_off)
        pos = annotations_off + 16 + 8 * nfields
        if pos + 8 * nmethods > len(data):
            raise DexError(f"{self.name}: annotations directory at {annotations_off:#x} overruns the file")
        out: dict[int, tuple[str, ...]] = {}
        for k in range(nmethods):
            midx, set_off = struct.unpack_from("<II", data, pos + 8 * k)
            if set_off + 4 > len(data):
                raise DexError(f"{self.name}: annotation set at {set_off:#x} is outside the file")
            (n,) = struct.unpack_from("<I", data, set_off)
            if set_off + 4 + 4 * n > len(data):
                raise DexError(f"{self.name}: annotation set at {set_off:#x} overruns the file")
            types = []
            for item_off in struct.unpack_from(f"<{n}I", data, set_off + 4):
                if item_off + 1 >= len(data):
                    raise DexError(f"{self.name}: annotation at {item_off:#x} is outside the file")
                type_idx, _ = _uleb(data, item_off + 1)  # after the visibility byte
                types.append(self.type(type_idx))
            out[midx] = tuple(types)
        return out

    def method_annotation_values(self, annotations_off: int) -> dict[int, dict[str, str]]:
        """The string ``value`` of each annotation on each method that has one as its first element
        (``@GET("users/{id}")``): method-pool index -> annotation type -> value. ``annotations_off`` as for
        :meth:`method_annotations`."""
        out: dict[int, dict[str, str]] = {}
        if not annotations_off:
            return out
        data = self.data
        self.method_annotations(annotations_off)  # checks the directory and the sets
        _cls, nfields, nmethods, _nparams = struct.unpack_from("<4I", data, annotations_off)
        pos = annotations_off + 16 + 8 * nfields
        for k in range(nmethods):
            midx, set_off = struct.unpack_from("<II", data, pos + 8 * k)
            (n,) = struct.unpack_from("<I", data, set_off)
            for item_off in struct.unpack_from(f"<{n}I", data, set_off + 4):
                type_idx, p = _uleb(data, item_off + 1)
                size, p = _uleb(data, p)
                if not size:
                    continue
                name_idx, p = _uleb(data, p)
                if p >= len(data):
                    raise DexError(f"{self.name}: annotation at {item_off:#x} overruns the file")
                head = data[p]
                if self.string(name_idx) != "value" or head & 0x1F != 0x17:  # VALUE_STRING
                    continue
                width = (head >> 5) + 1
                if p + 1 + width > len(data):
                    raise DexError(f"{self.name}: annotation at {item_off:#x} overruns the file")
                value = self.string(int.from_bytes(data[p + 1:p + 1 + width], "little"))
                out.setdefault(midx, {})[self.type(type_idx)] = value
        return out

    # -- code ----------------------------------------------------------------

    def _unit_array(self) -> array.array[int]:
        if self._units is None:
            units = array.array("H")
            units.frombytes(self.data[: len(self.data) & ~1])
            if sys.byteorder != "little":  # pragma: no cover
                units.byteswap()
            self._units = units
        return self._units

    def code_header(self, code_off: int) -> tuple[int, int, int, int]:
        """(registers, ins, outs, insns_size) of the code item at ``code_off``."""
        regs, ins, outs, _tries, _dbg, n = struct.unpack_from("<HHHHII", self.data, code_off)
        return regs, ins, outs, n

    def select(self, code_off: int, wanted: frozenset[int]) -> list[tuple[int, Insn]]:
        """(ordinal, instruction) of the instructions whose opcode is in ``wanted``, in order.

        The ordinal counts every instruction (payloads excluded), so adjacent
        selected instructions have consecutive ordinals. Only opcodes of the
        pool-reference formats (21c, 22c, 31c, 35c, 3rc) can be selected; the
        rest are skipped by their width without being decoded, which makes
        this several times faster than :meth:`instructions` for fact gathering.
        Raises DexError on anything unusual (the caller then decodes the slow
        way, which says exactly where the code is malformed).
        """
        if code_off & 1 or code_off + 16 > len(self.data):
            raise DexError(f"{self.name}: bad code offset {code_off:#x}")
        n = struct.unpack_from("<I", self.data, code_off + 12)[0]
        base = (code_off + 16) >> 1
        end = base + n
        u = self._unit_array()
        if end > len(u):
            raise DexError(f"{self.name}: code at {code_off:#x} overruns the file")
        fmt_of = FORMAT
        width = WIDTH
        out: list[tuple[int, Insn]] = []
        pc = base
        seq = 0
        while pc < end:
            w0 = u[pc]
            op = w0 & 0xFF
            if op == 0 and w0 != 0:  # payload pseudo-instruction: skipped, not counted
                ident = w0 >> 8
                if pc + 3 >= end or not 1 <= ident <= 3:
                    raise DexError("payload")  # the slow path says what is wrong
                size = u[pc + 1]
                if ident == 1:
                    pc += size * 2 + 4
                elif ident == 2:
                    pc += size * 4 + 2
                else:
                    pc += (size * (u[pc + 2] | (u[pc + 3] << 16)) + 1) // 2 + 4
                continue
            wdt = width[op]
            if pc + wdt > end:
                raise DexError("truncated")
            if op in wanted:
                hi = w0 >> 8
                rel = pc - base
                f = fmt_of[op]
                if f == F35C:
                    w2 = u[pc + 2]
                    regs = (w2 & 0xF, (w2 >> 4) & 0xF, (w2 >> 8) & 0xF, w2 >> 12, hi & 0xF)
                    out.append((seq, (rel, op, u[pc + 1], 0, 0, regs[:hi >> 4])))
                elif f == F3RC:
                    first = u[pc + 2]
                    out.append((seq, (rel, op, u[pc + 1], 0, 0, tuple(range(first, first + hi)))))
                elif f == F21C:
                    out.append((seq, (rel, op, hi, u[pc + 1], 0, _NOARGS)))
                elif f == F22C:
                    out.append((seq, (rel, op, hi & 0xF, hi >> 4, u[pc + 1], _NOARGS)))
                elif f == F31C:
                    out.append((seq, (rel, op, hi, u[pc + 1] | (u[pc + 2] << 16), 0, _NOARGS)))
                else:
                    raise DexError(f"opcode {op:#x} cannot be selected")
            seq += 1
            pc += wdt
        return out

    def instructions(self, code_off: int) -> Iterator[Insn]:
        """Decode the bytecode of the code item at ``code_off``.

        Payload pseudo-instructions (switch tables, array data) are skipped.
        A truncated or unknown instruction ends the stream with DexError.
        """
        if code_off & 1 or code_off + 16 > len(self.data):
            raise DexError(f"{self.name}: bad code offset {code_off:#x}")
        n = struct.unpack_from("<I", self.data, code_off + 12)[0]
        base = (code_off + 16) >> 1
        end = base + n
        u = self._unit_array()
        if end > len(u):
            raise DexError(f"{self.name}: code at {code_off:#x} overruns the file")
        fmt_of = FORMAT
        width = WIDTH
        pc = base
        while pc < end:
            w0 = u[pc]
            op = w0 & 0xFF
            f = fmt_of[op]
            if op == 0 and w0 != 0:
                # payload pseudo-instruction
                ident = w0 >> 8
                if pc + 1 >= end:
                    raise DexError(f"{self.name}: truncated payload at {code_off:#x}")
                size = u[pc + 1]
                if ident == 1:
                    step = size * 2 + 4
                elif ident == 2:
                    step = size * 4 + 2
                elif ident == 3:
                    if pc + 3 >= end:
                        raise DexError(f"{self.name}: truncated array payload at {code_off:#x}")
                    elem = size
                    count = u[pc + 2] | (u[pc + 3] << 16)
                    step = (elem * count + 1) // 2 + 4
                else:
                    raise DexError(f"{self.name}: unknown payload {w0:#06x} at {code_off:#x}")
                pc += step
                continue
            wdt = width[op]
            if pc + wdt > end:
                raise DexError(f"{self.name}: truncated instruction at {code_off:#x}")
            rel = pc - base
            hi = w0 >> 8
            if f == F35C:
                cnt = hi >> 4
                g = hi & 0xF
                w2 = u[pc + 2]
                regs = (w2 & 0xF, (w2 >> 4) & 0xF, (w2 >> 8) & 0xF, w2 >> 12, g)
                yield (rel, op, u[pc + 1], 0, 0, regs[:cnt])
            elif f == F3RC:
                first = u[pc + 2]
                yield (rel, op, u[pc + 1], 0, 0, tuple(range(first, first + hi)))
            elif f == F21C:
                yield (rel, op, hi, u[pc + 1], 0, _NOARGS)
            elif f == F12X:
                yield (rel, op, hi & 0xF, hi >> 4, 0, _NOARGS)
            elif f == F11X:
                yield (rel, op, hi, 0, 0, _NOARGS)
            elif f == F22C:
                yield (rel, op, hi & 0xF, hi >> 4, u[pc + 1], _NOARGS)
            elif f == F23X:
                w1 = u[pc + 1]
                yield (rel, op, hi, w1 & 0xFF, w1 >> 8, _NOARGS)
            elif f == F10X:
                yield (rel, op, 0, 0, 0, _NOARGS)
            elif f == F11N:
                lit = hi >> 4
                yield (rel, op, hi & 0xF, lit - 16 if lit & 8 else lit, 0, _NOARGS)
            elif f == F22X:
                yield (rel, op, hi, u[pc + 1], 0, _NOARGS)
            elif f == F32X:
                yield (rel, op, u[pc + 1], u[pc + 2], 0, _NOARGS)
            elif f == F21S:
                v = u[pc + 1]
                yield (rel, op, hi, v - 0x10000 if v & 0x8000 else v, 0, _NOARGS)
            elif f == F21H:
                v = u[pc + 1]
                lit = (v << 16) if op == 0x15 else (v << 48)
                if op == 0x15 and lit & 0x80000000:
                    lit -= 1 << 32
                elif op == 0x19 and lit & (1 << 63):
                    lit -= 1 << 64
                yield (rel, op, hi, lit, 0, _NOARGS)
            elif f == F31I:
                v = u[pc + 1] | (u[pc + 2] << 16)
                yield (rel, op, hi, v - (1 << 32) if v & 0x80000000 else v, 0, _NOARGS)
            elif f == F31C:
                yield (rel, op, hi, u[pc + 1] | (u[pc + 2] << 16), 0, _NOARGS)
            elif f == F21T:
                v = u[pc + 1]
                yield (rel, op, hi, 0, rel + (v - 0x10000 if v & 0x8000 else v), _NOARGS)
            elif f == F22T:
                v = u[pc + 1]
                yield (rel, op, hi & 0xF, hi >> 4, rel + (v - 0x10000 if v & 0x8000 else v), _NOARGS)
            elif f == F10T:
                yield (rel, op, 0, 0, rel + (hi - 256 if hi & 0x80 else hi), _NOARGS)
            elif f == F20T:
                v = u[pc + 1]
                yield (rel, op, 0, 0, rel + (v - 0x10000 if v & 0x8000 else v), _NOARGS)
            elif f in (F30T, F31T):
                v = u[pc + 1] | (u[pc + 2] << 16)
                yield (rel, op, hi, 0, rel + (v - (1 << 32) if v & 0x80000000 else v), _NOARGS)
            elif f == F22B:
                w1 = u[pc + 1]
                c = w1 >> 8
                yield (rel, op, hi, w1 & 0xFF, c - 256 if c & 0x80 else c, _NOARGS)
            elif f == F22S:
                v = u[pc + 1]
                yield (rel, op, hi & 0xF, hi >> 4, v - 0x10000 if v & 0x8000 else v, _NOARGS)
            elif f == F51L:
                v = u[pc + 1] | (u[pc + 2] << 16) | (u[pc + 3] << 32) | (u[pc + 4] << 48)
                yield (rel, op, hi, v - (1 << 64) if v & (1 << 63) else v, 0, _NOARGS)
            elif f == F45CC:
                cnt = hi >> 4
                w2 = u[pc + 2]
                regs = (w2 & 0xF, (w2 >> 4) & 0xF, (w2 >> 8) & 0xF, w2 >> 12, hi & 0xF)
                yield (rel, op, u[pc + 1], u[pc + 3], 0, regs[:cnt])
            elif f == F4RCC:
                first = u[pc + 2]
                yield (rel, op, u[pc + 1], u[pc + 3], 0, tuple(range(first, first + hi)))
            pc += wdt


def _sleb(buf: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(buf) or shift > 28:
            raise DexError(f"bad sleb128 at offset {pos:#x}")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            if b & 0x40:
                result -= 1 << shift
            return result, pos


@dataclass(frozen=True, slots=True)
class TryBlock:
    """A protected range of a method and its handlers."""

    start: int
    """First covered bytecode offset (16-bit units)."""
    end: int
    """First offset past the range."""
    handlers: tuple[tuple[str | None, int], ...]
    """(exception type descriptor or None for catch-all, handler offset), in order."""


def code_tries(dex: DexFile, code_off: int) -> tuple[TryBlock, ...]:
    """The try blocks of the code item at ``code_off``."""
    data = dex.data
    if code_off + 16 > len(data):
        raise DexError(f"{dex.name}: bad code offset {code_off:#x}")
    _regs, _ins, _outs, tries, _dbg, n = struct.unpack_from("<HHHHII", data, code_off)
    if not tries:
        return ()
    pos = code_off + 16 + 2 * n
    if n & 1:
        pos += 2
    list_off = pos + 8 * tries
    if list_off > len(data):
        raise DexError(f"{dex.name}: try table of {code_off:#x} overruns the file")
    out = []
    for i in range(tries):
        start, count, hoff = struct.unpack_from("<IHH", data, pos + 8 * i)
        p = list_off + hoff
        size, p = _sleb(data, p)
        handlers: list[tuple[str | None, int]] = []
        for _ in range(abs(size)):
            t, p = _uleb(data, p)
            addr, p = _uleb(data, p)
            handlers.append((dex.type(t), addr))
        if size <= 0:
            addr, p = _uleb(data, p)
            handlers.append((None, addr))
        out.append(TryBlock(start, start + count, tuple(handlers)))
    return tuple(out)


def switch_cases(dex: DexFile, code_off: int, pc: int, payload_rel: int) -> tuple[tuple[int, int], ...]:
    """(case key, target offset) pairs of the switch at ``pc`` with its payload at ``payload_rel``."""
    targets = switch_targets(dex, code_off, pc, payload_rel)
    u = dex._unit_array()
    p = ((code_off + 16) >> 1) + payload_rel
    ident, size = u[p], u[p + 1]

    def s32(lo: int, hi: int) -> int:
        v = lo | (hi << 16)
        return v - (1 << 32) if v & 0x80000000 else v

    if ident == 0x0100:
        first = s32(u[p + 2], u[p + 3])
        keys = [first + k for k in range(size)]
    else:
        keys = [s32(u[p + 2 + 2 * k], u[p + 3 + 2 * k]) for k in range(size)]
    return tuple(zip(keys, targets, strict=True))


def switch_targets(dex: DexFile, code_off: int, pc: int, payload_rel: int) -> tuple[int, ...]:
    """Branch targets (method-relative) of the switch at ``pc`` with its payload at ``payload_rel``."""
    u = dex._unit_array()
    base = (code_off + 16) >> 1
    n = struct.unpack_from("<I", dex.data, code_off + 12)[0]
    p = base + payload_rel
    if not (base <= p < base + n - 1):
        raise DexError(f"{dex.name}: switch payload outside the code at {code_off:#x}")
    ident, size = u[p], u[p + 1]
    need = 4 + 2 * size if ident == 0x0100 else 2 + 4 * size
    if p + need > base + n:
        raise DexError(f"{dex.name}: switch payload overruns the code at {code_off:#x}")
    if ident == 0x0100:
        first = p + 4
        rels = [u[first + 2 * k] | (u[first + 2 * k + 1] << 16) for k in range(size)]
    elif ident == 0x0200:
        first = p + 2 + 2 * size
        rels = [u[first + 2 * k] | (u[first + 2 * k + 1] << 16) for k in range(size)]
    else:
        raise DexError(f"{dex.name}: bad switch payload {ident:#06x} at {code_off:#x}")
    return tuple(pc + (r - (1 << 32) if r & 0x80000000 else r) for r in rels)
