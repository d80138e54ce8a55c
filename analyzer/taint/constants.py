"""What library calls compute besides taint: constant strings and numbers, and where a stream goes.

Constants decide branches (``UnreachableCode``), intent targets and
reflective names, so calls on values known to be constant give constants:
``String`` operations, ``StringBuilder`` appends, string resources by id,
``Random.nextInt(n)`` as the range ``0..n-1``. Streams carry where they
lead (``@kind``: network, Bluetooth, memory), wrappers write through to what
they wrap, so a write to a stream is a sink of the right kind, or none for a
buffer in memory.
"""

from __future__ import annotations

from analyzer.apk.dex import MethodRef
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import EMPTY, KIND, MAX_CONSTS, NO_OBJS, NONE, WRAPS, State, Val, consts, interval
from analyzer.taint.heap import is_data_object, set_meta

MEMORY_STREAMS = frozenset(("Ljava/io/ByteArrayOutputStream;", "Ljava/io/CharArrayWriter;",
                            "Ljava/io/StringWriter;"))
FORMATTER = "Ljava/util/Formatter;"
FILE_STREAMS = frozenset(("Ljava/io/FileOutputStream;", "Ljava/io/FileWriter;", "Ljava/io/RandomAccessFile;"))
"""Streams and writers into a file, whatever they are given (a path, a ``File``, a descriptor)."""
PATH_WRITERS = frozenset(("Ljava/io/PrintWriter;", "Ljava/io/PrintStream;"))
"""Writers that open a file when given a path or a ``File``."""
STRING_BUILDERS = frozenset(("Ljava/lang/StringBuilder;", "Ljava/lang/StringBuffer;"))
RESOURCE_HOLDERS = frozenset(("Landroid/content/res/Resources;", "Landroid/content/Context;"))


class Constants:
    """The constant-computing library calls of one analysis (string resources come from its app)."""

    def __init__(self, cx: Context) -> None:
        self.cx = cx

    def is_resource_getter(self, ref: MethodRef) -> bool:
        """``getString(id)`` / ``getText(id)`` on resources, a context, or an app class."""
        cls, p = ref.cls, self.cx.p
        return ref.name in ("getString", "getText") and (
            cls in RESOURCE_HOLDERS or cls in p.classes
            or bool(p.framework.ancestors(cls) & {"Landroid/content/Context;"}))

    def resource_string(self, run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                        args: list[Val], pc: int) -> frozenset[str]:
        """A string resource by constant id."""
        if not args:
            return NO_OBJS
        strings = self.cx.strings
        return frozenset("c:" + strings[int(i)] for i in consts(args[0], "i") if int(i) in strings)

    def output_stream(self, run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                      args: list[Val], pc: int) -> frozenset[str]:
        """``getOutputStream()`` of a connection or socket: the stream leads to the network (or Bluetooth)."""
        supers = self.cx.p.supertypes(ref.cls)
        kind = ("network" if supers & {"Ljava/net/URLConnection;", "Ljava/net/Socket;"}
                else "bluetooth" if "Landroid/bluetooth/BluetoothSocket;" in supers else None)
        if kind is not None:
            st.heap[(f"r@{pc}", KIND)] = (EMPTY, frozenset({f"c:{kind}"}))
        return NO_OBJS


def memory_stream(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                  args: list[Val], pc: int) -> frozenset[str]:
    """A stream or writer into memory: what is written to it stays in the app."""
    set_meta(st, this[1], KIND, ["c:memory"])
    return NO_OBJS


def wrapper(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val, args: list[Val],
            pc: int) -> frozenset[str]:
    """Stream, writer and formatter wrappers go where what they wrap goes, and what is written
    through them ends up in what they wrap."""
    if not args:
        return NO_OBJS
    if ref.cls in FILE_STREAMS or (ref.cls in PATH_WRITERS
                                   and ref.params[0] in ("Ljava/lang/String;", "Ljava/io/File;")):
        set_meta(st, this[1], KIND, ["c:file"])  # it goes to a file: what is written can be read back
    for a in args:
        for o in a[1]:
            w = st.heap.get((o, KIND))
            if w is not None:
                set_meta(st, this[1], KIND, w[1])
        inner = frozenset(o for o in a[1] if o[1] != ":" and is_data_object(run, o))
        if inner:
            for o in this[1]:
                st.heap[(o, WRAPS)] = (EMPTY, inner)
    return NO_OBJS


def random_int(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val, args: list[Val],
               pc: int) -> frozenset[str]:
    """``Random.nextInt(n)`` with a constant ``n``: the range ``0..n-1``."""
    if len(args) != 1:
        return NO_OBJS
    bounds = interval(args[0])
    if bounds is not None and bounds[0] == bounds[1] and bounds[0] > 0:
        return frozenset({f"r:0:{bounds[0] - 1}"})
    return NO_OBJS


def string_op(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val, args: list[Val],
              pc: int) -> frozenset[str]:
    """``String`` methods on constants: substring, concat, trim, case, replace, valueOf."""
    name = ref.name
    strs = consts(this, "c") if not static else []
    nums = [int(x) for a in args for x in consts(a, "i")]
    out: set[str] = set()
    for x in strs[:MAX_CONSTS]:
        if name == "substring" and nums:
            ints = [int(y) for y in consts(args[0], "i")]
            ends = [int(y) for y in consts(args[1], "i")] if len(args) > 1 else [len(x)]
            out |= {f"c:{x[i:e]}" for i in ints for e in ends}
        elif name == "concat" and args:
            out |= {f"c:{x}{y}" for y in consts(args[0], "c")}
        elif name in ("trim", "toLowerCase", "toUpperCase", "intern", "toString"):
            out.add("c:" + getattr(x, {"trim": "strip", "toLowerCase": "lower",
                                        "toUpperCase": "upper"}.get(name, "__str__"))())
        elif name == "replace" and len(args) == 2:
            out |= {f"c:{x.replace(o, n)}" for o in consts(args[0], "c")
                    for n in consts(args[1], "c")}
    if static and name == "valueOf" and args:
        out |= {f"c:{y}" for y in consts(args[0], "c")}
    return frozenset(list(out)[:MAX_CONSTS])


def string_builder(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                   args: list[Val], pc: int) -> frozenset[str]:
    """``StringBuilder``/``StringBuffer`` built from constants: the string they hold (``@str``)."""
    name = ref.name
    if name in ("<init>", "append") and not static:
        cur = [""] if name == "<init>" else [x[2:] for o in this[1]
                                            for x in st.heap.get((o, "@str"), NONE)[1]]
        add = consts(args[0], "c") + consts(args[0], "i") if args else [""]
        if name == "<init>" and args and not add:
            add = [""] if consts(args[0], "i") else []
        new = {f"c:{x}{y}" for x in cur for y in add} if add and cur else set()
        for o in this[1]:
            if new and len(new) <= MAX_CONSTS:
                st.heap[(o, "@str")] = (EMPTY, frozenset(new))
            else:
                st.heap.pop((o, "@str"), None)
        return this[1] if name == "append" else NO_OBJS
    if name == "toString":
        return frozenset(x for o in this[1] for x in st.heap.get((o, "@str"), NONE)[1])
    return NO_OBJS
