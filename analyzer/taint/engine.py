"""Static taint analysis: where the PI read at source sites can flow, up to which sink call sites.

Design (summary-based, bottom-up over the reachable call graph):

* Each reachable method is analysed flow-sensitively over its basic blocks
  with a local heap of typed abstract objects (allocation sites,
  parameters, call results, field loads). Fields are precise inside a
  method (strong updates when a register points to one object) and
  field-based across methods.
* Taint values are sets of *labels*: an ``int`` is a concrete source site;
  ``"P3"`` stands for "whatever the caller passed as parameter 3";
  ``"G:<key>"`` stands for "whatever is ever stored in global location
  <key>" (an instance or static field, field-based).
* Library objects (strings, builders, collections, intents, bundles,
  arrays …) carry the taint of their contents as a whole; app objects carry
  data only in their fields, so a reference to an app object is never
  itself tainted.
* A method's :class:`Summary` says, in labels, what its return value,
  thrown exceptions and argument objects carry, what it writes to global
  locations, and which sink call sites receive which labels. Callers
  substitute their own argument taint for the ``P`` labels.
* At framework-called methods (entry points and callbacks) the remaining
  ``P`` labels mean "untainted". Global labels are then solved as a least
  fixpoint, and every sink site whose labels resolve to a concrete source is
  a leak.

Library calls go through :mod:`analyzer.taint.library`; sources and sinks come
from the catalogues via :mod:`analyzer.static.sources`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import Any

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import DexError, MethodRef
from analyzer.apk.native import NativeBinding
from analyzer.common.descriptors import descriptor_to_java, split_params
from analyzer.common.memory import rss_mb
from analyzer.kb.catalogue import KnowledgeBase, SinkSpec
from analyzer.kb.owners import OwnerResolver
from analyzer.model import CodeLocation, PIAccess
from analyzer.program.cfg import Body, build_body
from analyzer.program.hierarchy import Method, Program, sig_of
from analyzer.program.reach import Reachability, call_targets
from analyzer.taint.library import LibraryModel
from analyzer.taint.paths import LeakPaths

log = logging.getLogger(__name__)

Label = int | str
Labels = frozenset[Label]
EMPTY: Labels = frozenset()
NO_OBJS: frozenset[str] = frozenset()
_ESCAPED = "@escaped"  # heap marker: an allocated object other code may have seen
_UNKEYED = "@unkeyed"  # heap marker: an allocated container holds data not filed under a constant key
_STORED = "@stored"  # heap marker: a local container stored in a field or array
_SIZE = "@size"  # heap: a list's known size, as an i: constant
# Containers whose entries this analysis files by constant key (maps, bundles, JSON) or index (lists),
# while they are local to a method: (supertype, put method prefixes, get method prefixes).
_KEYED: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Ljava/util/Map;", ("put",), ("get",)),
    ("Landroid/os/BaseBundle;", ("put",), ("get",)),
    ("Landroid/os/Bundle;", ("put",), ("get",)),
    ("Lorg/json/JSONObject;", ("put", "accumulate"), ("get", "opt")),
    ("Landroid/content/ContentValues;", ("put",), ("get",)),
    ("Landroid/content/Intent;", ("putExtra",), ("get",)),
)
_LIST = "Ljava/util/List;"
_WRAPS = "@wraps"  # heap: the objects a stream, writer or formatter writes through to
_FORMATTER = "Ljava/util/Formatter;"
_LEN = "@len"  # heap: an array's known length, as an i: constant
# Runtime exceptions only certain instructions raise: a handler for one of these is reached only
# from an instruction that can raise it (library code is assumed not to leak them, except
# ArrayIndexOutOfBounds from methods handed arrays).
_AIOOBE = "Ljava/lang/ArrayIndexOutOfBoundsException;"
_ARITH = "Ljava/lang/ArithmeticException;"
_INSN_EXCEPTIONS = frozenset((_AIOOBE, _ARITH, "Ljava/lang/NegativeArraySizeException;",
                              "Ljava/lang/ArrayStoreException;"))
_DIV_OPS = frozenset((0x93, 0x94, 0x9E, 0x9F, 0xB3, 0xB4, 0xBE, 0xBF, 0xD3, 0xD4, 0xDB, 0xDC))

WHOLE = "*"  # pseudo-field: a library object's contents as a whole
ELEMS = "[]"  # pseudo-field: objects held by a container
STATIC = "static"  # pseudo-object holding static fields

_VALUE_TYPES = frozenset(("Ljava/lang/String;", "Ljava/lang/CharSequence;", "Ljava/lang/Integer;",
                          "Ljava/lang/Long;", "Ljava/lang/Double;", "Ljava/lang/Float;",
                          "Ljava/lang/Short;", "Ljava/lang/Byte;", "Ljava/lang/Character;",
                          "Ljava/lang/Boolean;", "Ljava/lang/Number;"))
# Inter-component communication: sends and the component kind they start.
_ICC_SENDS: dict[str, str] = {
    "startActivity": "activity", "startActivities": "activity", "startActivityForResult": "activity",
    "startActivityIfNeeded": "activity", "startActivityFromChild": "activity",
    "startActivityFromFragment": "activity", "startService": "service",
    "startForegroundService": "service", "bindService": "service", "sendBroadcast": "receiver",
    "sendBroadcastAsUser": "receiver", "sendOrderedBroadcast": "receiver",
    "sendOrderedBroadcastAsUser": "receiver", "sendStickyBroadcast": "receiver",
    "sendStickyBroadcastAsUser": "receiver", "sendStickyOrderedBroadcast": "receiver",
    "sendStickyOrderedBroadcastAsUser": "receiver", "setResult": "result",
}
# Handler/Messenger message passing inside the app: the message reaches handleMessage.
_MSG_SENDS = frozenset(("sendMessage", "sendMessageDelayed", "sendMessageAtTime",
                        "sendMessageAtFrontOfQueue", "dispatchMessage", "send"))
_MSG_CARRIERS = frozenset(("Landroid/os/Handler;", "Landroid/os/Messenger;"))
# Callbacks whose Intent parameter (0-based, without this) carries what was sent to the component.
_INTENT_PARAMS: dict[str, int] = {
    "onNewIntent(Landroid/content/Intent;)V": 0,
    "onStartCommand(Landroid/content/Intent;II)I": 0,
    "onStart(Landroid/content/Intent;I)V": 0,
    "onBind(Landroid/content/Intent;)Landroid/os/IBinder;": 0,
    "onUnbind(Landroid/content/Intent;)Z": 0,
    "onRebind(Landroid/content/Intent;)V": 0,
    "onHandleIntent(Landroid/content/Intent;)V": 0,
    "onReceive(Landroid/content/Context;Landroid/content/Intent;)V": 1,
}
_RESULT_CALLBACK = "onActivityResult(IILandroid/content/Intent;)V"
# Saved instance state: written in onSaveInstanceState, read back by these (Bundle parameter index).
_STATE_SAVE = "onSaveInstanceState(Landroid/os/Bundle;)V"
_STATE_READS: dict[str, int] = {
    "onCreate(Landroid/os/Bundle;)V": 0, "onRestoreInstanceState(Landroid/os/Bundle;)V": 0,
    "onPostCreate(Landroid/os/Bundle;)V": 0, "onViewStateRestored(Landroid/os/Bundle;)V": 0,
    "onActivityCreated(Landroid/os/Bundle;)V": 0,
    "onCreateView(Landroid/view/LayoutInflater;Landroid/view/ViewGroup;Landroid/os/Bundle;)"
    "Landroid/view/View;": 2,
    "onViewCreated(Landroid/view/View;Landroid/os/Bundle;)V": 1,
}
# Storage the app reads back: what a sink of this kind stores, readers of the channel get.
_STORAGE_CHANNELS = {"shared_prefs": "G:store:prefs", "file": "G:store:file",
                     "sqlite": "G:store:sqlite", "external_storage": "G:store:file"}
_STORAGE_READS: dict[tuple[str, str], str] = {
    ("Landroid/content/SharedPreferences;", "getString"): "G:store:prefs",
    ("Landroid/content/SharedPreferences;", "getStringSet"): "G:store:prefs",
    ("Landroid/content/SharedPreferences;", "getAll"): "G:store:prefs",
    ("Landroid/content/SharedPreferences;", "getInt"): "G:store:prefs",
    ("Landroid/content/SharedPreferences;", "getLong"): "G:store:prefs",
    ("Landroid/content/SharedPreferences;", "getFloat"): "G:store:prefs",
    ("Landroid/content/Context;", "openFileInput"): "G:store:file",
    ("Ljava/io/FileInputStream;", "<init>"): "G:store:file",
    ("Ljava/io/FileReader;", "<init>"): "G:store:file",
    ("Ljava/io/RandomAccessFile;", "<init>"): "G:store:file",
    ("Landroid/database/sqlite/SQLiteDatabase;", "query"): "G:store:sqlite",
    ("Landroid/database/sqlite/SQLiteDatabase;", "rawQuery"): "G:store:sqlite",
}
_MSG_CALLBACK = "handleMessage(Landroid/os/Message;)V"
# AsyncTask: the framework hands execute()'s arguments to doInBackground, its result to
# onPostExecute and publishProgress()'s arguments to onProgressUpdate (channel, parameter index).
_ASYNC_TASK = "Landroid/os/AsyncTask;"
_ASYNC_CALLBACKS: dict[str, str] = {
    "doInBackground([Ljava/lang/Object;)Ljava/lang/Object;": "G:async:in:",
    "onPostExecute(Ljava/lang/Object;)V": "G:async:out:",
    "onProgressUpdate([Ljava/lang/Object;)V": "G:async:progress:",
}
_ASYNC_SENDS = {"execute": "G:async:in:", "executeOnExecutor": "G:async:in:",
                "publishProgress": "G:async:progress:"}
# Ordered broadcasts: what one receiver sets as result data, the next one reads.
_RECEIVER = "Landroid/content/BroadcastReceiver;"
_BROADCAST_RESULT = "G:icc:broadcast-result"
_BROADCAST_RESULT_WRITES = frozenset(("setResultData", "setResultExtras", "setResult"))
_BROADCAST_RESULT_READS = frozenset(("getResultData", "getResultExtras"))
_BROADCAST_RESULT_ANY = _BROADCAST_RESULT_WRITES | _BROADCAST_RESULT_READS
# Activity starts that deliver a result to onActivityResult.
_FOR_RESULT = frozenset(("startActivityForResult", "startActivityFromChild", "startActivityFromFragment",
                         "startActivityIfNeeded"))
ACC_NATIVE = 0x100
_MAX_CONSTS = 8
_MEMORY_STREAMS = frozenset(("Ljava/io/ByteArrayOutputStream;", "Ljava/io/CharArrayWriter;",
                             "Ljava/io/StringWriter;"))
# App classes implementing these are modelled by the interface's contract (like java.util),
# not analysed: field-based analysis of a bundled hash map would merge every use of it.
_CONTAINER_INTERFACES = frozenset((
    "Ljava/util/Collection;", "Ljava/util/Map;", "Ljava/util/Iterator;", "Ljava/util/Map$Entry;",
    "Ljava/lang/Iterable;", "Ljava/lang/CharSequence;", "Ljava/lang/Appendable;",
    "Ljava/util/Enumeration;", "Ljava/util/ListIterator;"))

# The first lifecycle callback the framework calls on a component instance it has just
# created (with the framework type that makes it so): there the fields of ``this`` still hold
# what the constructor stored, whatever other callbacks write later. Hooks the framework may
# call before it are listed apart; an app override of one voids the rule.
_FIRST_CALLBACKS: dict[str, str] = {
    "onCreate(Landroid/os/Bundle;)V": "Landroid/app/Activity;",
    "onCreate(Landroid/os/Bundle;Landroid/os/PersistableBundle;)V": "Landroid/app/Activity;",
    "onCreate()V": "Landroid/app/Service;",
    "onCreate()Z": "Landroid/content/ContentProvider;",
}
_BEFORE_FIRST = ("attachBaseContext(Landroid/content/Context;)V",
                 "attachInfo(Landroid/content/Context;Landroid/content/pm/ProviderInfo;)V",
                 "onApplyThemeResource(Landroid/content/res/Resources$Theme;IZ)V")
_TOUCHED = "@touched"  # heap marker on p#0: other app code may have run since entry
_FRESH = "G:fresh:"  # G:fresh:<method key>|<field label>: that field of this at the method's entry

_OPAQUE_RET = frozenset(("hashCode()I", "equals(Ljava/lang/Object;)Z", "compareTo(Ljava/lang/Object;)I",
                         "size()I", "length()I", "isEmpty()Z"))


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
    """Labels of the return value (contents included for library objects)."""
    throws: Labels = EMPTY
    """Labels of exceptions it lets escape."""
    params: dict[int, Labels] = field(default_factory=dict)
    """Labels added to the contents of (library) argument objects, by parameter index."""
    gwrites: dict[str, Labels] = field(default_factory=dict)
    """Labels written to global locations."""
    leaks: dict[SinkSite, Labels] = field(default_factory=dict)
    """Labels reaching sink sites (in this method or its callees)."""
    ret_consts: frozenset[str] = frozenset()
    """Constant values (``i:``/``r:``/``c:``) every return yields, empty when not constant."""
    this_fields: dict[str, Labels] | None = None
    """Constructors only: labels of the fields they store in ``this`` (a field's own global
    label where the stored object is not followed); None when ``this`` escapes, so that
    other code may write its fields."""

    @property
    def empty(self) -> bool:
        """Nothing flows: callers can skip it."""
        return not (self.ret or self.throws or self.params or self.gwrites or self.leaks
                    or self.ret_consts)

    def key(self) -> tuple[object, ...]:
        """Comparable form, to detect a fixpoint."""
        return (self.ret, self.throws, tuple(sorted(self.params.items())),
                tuple(sorted(self.gwrites.items())),
                tuple(sorted(((k.method, k.pc, k.api), v) for k, v in self.leaks.items())),
                self.ret_consts,
                None if self.this_fields is None else tuple(sorted(self.this_fields.items())))


EMPTY_SUMMARY = Summary()

# A value: (labels of the value itself, abstract objects it may point to)
Val = tuple[Labels, frozenset[str]]
NONE: Val = (EMPTY, NO_OBJS)


_MAX_NUMBERS = 4


def _join_objs(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """Union of two points-to sets, where numbers are must-information.

    A side without numeric constants means "any number", so the join keeps
    numbers only if both sides have them, and only a few (loop counters would
    otherwise grow a new constant per iteration and the fixpoint never end).
    """
    joined = a | b
    nums = [o for o in joined if o[:2] in ("i:", "r:")]
    if not nums:
        return joined
    a_has = any(o[:2] in ("i:", "r:") for o in a)
    b_has = any(o[:2] in ("i:", "r:") for o in b)
    if a_has and b_has and len(nums) <= _MAX_NUMBERS:
        return joined
    return joined.difference(nums)


def _join_into(mine: dict[Any, Val], other: dict[Any, Val]) -> bool:
    """Merge the values of ``other`` into ``mine``; True if ``mine`` changed."""
    changed = False
    for k, v in other.items():
        cur = mine.get(k)
        if cur is None:
            mine[k] = v
            changed = True
        elif cur is not v and cur != v:
            joined = (cur[0] | v[0], _join_objs(cur[1], v[1]))
            if joined != cur:
                mine[k] = joined
                changed = True
    return changed


class State:
    """Registers, local heap and the pending call result at one program point."""

    __slots__ = ("heap", "pending", "regs")

    def __init__(self, regs: dict[int, Val], heap: dict[tuple[str, str], Val], pending: Val) -> None:
        self.regs = regs
        self.heap = heap
        self.pending = pending

    def copy(self) -> State:
        return State(self.regs.copy(), self.heap.copy(), self.pending)

    def join(self, other: State) -> bool:
        """Merge ``other`` into self; True if self changed."""
        # equal dicts (compared in C, identical values short-cut) need no key-by-key merge
        changed = self.regs != other.regs and _join_into(self.regs, other.regs)
        changed = (self.heap != other.heap and _join_into(self.heap, other.heap)) or changed
        op = other.pending
        if op is not self.pending and not (op[0] <= self.pending[0] and op[1] <= self.pending[1]):
            self.pending = (self.pending[0] | op[0], self.pending[1] | op[1])
            changed = True
        return changed


@dataclass
class Leak:
    """A sink site reached by concrete sources."""

    sink: SinkSite
    """Where the data leaves."""
    sources: tuple[PIAccess, ...]
    """The source reads whose data arrives there."""
    via: tuple[str, ...] = ()
    """Methods where the data reaching the sink became concrete (the leak's roots)."""
    chain: tuple[str, ...] = ()
    """Method keys the data passes through, source side first, sink method last (empty
    when :mod:`analyzer.taint.paths` could not rebuild it)."""


@dataclass
class TaintResult:
    """Outcome of the taint analysis."""

    leaks: list[Leak]
    """Every sink site reached by PI."""
    analysed_methods: int
    """Method analyses run (a method in a recursive cycle counts once per round)."""
    partial: bool
    """True when the time or memory budget ran out before the analysis finished."""
    seconds: float
    """Time spent."""
    methods_total: int = 0
    """Methods the analysis had to summarise (reachable app methods with code)."""
    methods_covered: int = 0
    """Of those, the methods whose summaries were finished before a budget ran out."""
    stopped_by: str = ""
    """Which budget stopped the analysis: ``time``, ``memory``, or empty when it finished."""
    errors: list[str] = field(default_factory=list)
    """Methods that could not be analysed, with the reason."""
    found_sources: list[PIAccess] = field(default_factory=list)
    """Source reads the analysis found itself: by reflection, in native code."""


_MOVE = frozenset((0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09))
_MOVE_RESULT = frozenset((0x0A, 0x0B, 0x0C, 0x0D))
_RETURN = frozenset((0x0F, 0x10, 0x11))
_CONST = frozenset(range(0x12, 0x1A)) | {0x1C}
_CONST_STRING = frozenset((0x1A, 0x1B))
_AGET = frozenset(range(0x44, 0x4B))
_APUT = frozenset(range(0x4B, 0x52))
_IGET = frozenset(range(0x52, 0x59))
_IPUT = frozenset(range(0x59, 0x60))
_SGET = frozenset(range(0x60, 0x67))
_SPUT = frozenset(range(0x67, 0x6E))
_INVOKE = frozenset(range(0x6E, 0x73)) | frozenset(range(0x74, 0x79)) | {0xFA, 0xFB, 0xFC, 0xFD}
_UNOP = frozenset(range(0x7B, 0x90))
_BINOP = frozenset(range(0x90, 0xB0)) | frozenset(range(0x2D, 0x32))
_BINOP2 = frozenset(range(0xB0, 0xD0))
_BINLIT = frozenset(range(0xD0, 0xE3))
_CLEAR = frozenset((0x20, 0x21))  # instance-of, array-length: results carry no data
_NEW_INSTANCE = 0x22
_NEW_ARRAY = 0x23
_FILLED = frozenset((0x24, 0x25))
_THROW = 0x27
_STATIC_INVOKES = frozenset((0x71, 0x77))


# an invoke's state-independent facts: (ref, static, storage read label, getIntent, AsyncTask send,
# broadcast result access, Handler/Messenger send, static call with a class initialiser, targets)
_Plan = tuple[MethodRef, bool, "str | None", bool, bool, bool, bool, bool, "tuple[Method, ...]"]


class _MethodRun:
    """Per-method analysis context."""

    __slots__ = ("fresh_this", "gwrites", "leaks", "m", "otype", "param_objs", "params_out", "ret",
                 "ret_consts", "stored", "this_fields", "throws")

    def __init__(self, m: Method) -> None:
        self.m = m
        self.otype: dict[str, str] = {}
        self.param_objs: dict[str, int] = {}
        self.ret: set[Label] = set()
        self.ret_consts: set[str] | None = set()  # None once a return is not constant
        self.stored = False  # some local container was stored in a field or array
        # constructors: fields stored in this; None once this escapes
        self.this_fields: dict[str, set[Label]] | None = (
            {} if m.name == "<init>" and not m.is_static else None)
        self.throws: set[Label] = set()
        self.fresh_this = False  # a first lifecycle callback: fields of this start as constructed
        self.params_out: dict[int, set[Label]] = {}
        self.gwrites: dict[str, set[Label]] = {}
        self.leaks: dict[SinkSite, set[Label]] = {}


class _Analysis:
    def __init__(self, program: Program, kb: KnowledgeBase, reach: Reachability,
                 access: Iterable[PIAccess], deadline: float, app: AppInfo | None = None,
                 native: dict[str, NativeBinding] | None = None, max_rss_mb: float | None = None,
                 owner: OwnerResolver | None = None) -> None:
        self.p = program
        self.owner = owner or OwnerResolver(kb, app.package if app is not None else "")
        self.native = native or {}
        self._raises: dict[tuple[str, str], bool] = {}
        self.paths: set[str] = set()  # every P<i>.<field> label made so far
        self.fresh_reads: set[tuple[str, str]] = set()  # (first callback, field) read at entry
        self.source_specs = {spec.id: spec for spec in kb.sources}
        self.native_sources: dict[tuple[str, int, str], int] = {}
        self.app = app
        self._owner_cache: dict[tuple[str, str], str] = {}
        # ICC: send sites -> (component kind, target keys such as "class:Lx;" / "action:a")
        self.icc_sends: dict[SinkSite, tuple[str, frozenset[str]]] = {}
        # receivers registered in code: (receiver class, action)
        self.dynamic_receivers: set[tuple[str, str]] = set()
        self.kb = kb
        self.reach = reach
        self.lib = LibraryModel(program.framework)
        self.deadline = deadline
        self.max_rss_mb = max_rss_mb
        self.partial = False
        self.stopped_by = ""
        self.errors: list[str] = []
        self.sources: list[PIAccess] = []
        self.site_labels: dict[tuple[str, int], frozenset[int]] = {}
        self.callback_labels: dict[str, list[tuple[int, int]]] = {}
        params_by_id = {s.id: s.param for s in kb.sources if s.param is not None}
        for a in access:
            if not a.reachable:
                continue
            idx = len(self.sources)
            self.sources.append(a)
            mkey = f"{_desc(a.location.cls)}->{a.location.method}{a.location.proto}"
            if a.location.offset >= 0:
                key = (mkey, a.location.offset)
                self.site_labels[key] = self.site_labels.get(key, frozenset()) | {idx}
            else:
                pidx = params_by_id.get(a.source_id)
                if pidx is None:
                    pidx = 1 if a.kind == "intent_action" else 0
                self.callback_labels.setdefault(mkey, []).append((int(pidx), idx))
        self.summaries: dict[str, Summary] = {}
        # context-independent results, recorded as soon as they are found
        self.global_leaks: dict[SinkSite, set[Label]] = {}
        self.global_writes: dict[str, set[Label]] = {}
        self.leak_roots: dict[SinkSite, set[str]] = {}
        # for the leak paths: concrete labels per (sink site, method where they became so),
        # and per global the methods (and send or storage sites) that write it
        self.leak_at: dict[tuple[SinkSite, str], set[Label]] = {}
        self.writers: dict[str, dict[tuple[str, SinkSite | None], set[Label]]] = {}
        self.bodies: dict[str, Body | None] = {}
        self._plans: dict[tuple[int, int, int], _Plan] = {}
        self._sink_cache: dict[tuple[str, str], list[SinkSpec]] = {}
        self._store_cache: dict[tuple[str, str], str | None] = {}
        self.strings = app.string_resources if app is not None else {}
        # fields only ever assigned constant strings, and those strings
        self.field_consts: dict[str, frozenset[str]] = {}
        blocked: set[str] = set()
        found: dict[str, set[str]] = {}
        for (fcls, fname), (any_other, values) in program.object_field_writes().items():
            gk = self.field_key(fcls, fname)
            if any_other:
                blocked.add(gk)
            if values:
                found.setdefault(gk, set()).update(values)
        self.field_consts = {g: frozenset(v) for g, v in found.items() if g not in blocked and len(v) <= 8}
        self.reflective_sources: dict[tuple[str, int, str], int] = {}
        self.containers = frozenset(c for c in program.classes
                                    if not program.supertypes(c).isdisjoint(_CONTAINER_INTERFACES))
        # fields of other classes a static initialiser stores objects in: when it runs (first
        # use of its class) what a method knew of those fields is stale
        self.clinit_writes: dict[str, frozenset[str]] = {}
        for cname, ci in program.classes.items():
            cm = ci.methods.get("<clinit>()V")
            if cm is not None and cm.code_off:
                ws = frozenset(self.field_key(fc, fn) for fc, fn, _v in program.facts(cm).object_field_writes
                               if fc != cname)
                if ws:
                    self.clinit_writes[cname] = ws

    # -- helpers ---------------------------------------------------------------

    def over_budget(self, memory: bool = True) -> bool:
        """Whether the time (and with ``memory`` the memory) budget has run out; then results are partial."""
        if not self.partial:
            if time.monotonic() > self.deadline:
                self.partial, self.stopped_by = True, "time"
            elif memory and self.max_rss_mb is not None and rss_mb() > self.max_rss_mb:
                self.partial, self.stopped_by = True, "memory"
        return self.partial

    def body(self, m: Method) -> Body | None:
        if m.key in self.bodies:
            return self.bodies[m.key]
        body: Body | None
        try:
            body = build_body(self.p.dex[m.dex], m.code_off, m.is_static, m.cls,
                              split_params(m.proto)) if m.code_off else None
        except DexError as e:
            self.errors.append(f"{m.key}: {e}")
            body = None
        self.bodies[m.key] = body
        return body

    def sinks_for(self, cls: str, name: str) -> list[SinkSpec]:
        key = (cls, name)
        got = self._sink_cache.get(key)
        if got is None:
            got = list(self.kb.sinks_by_call.get(key, ()))
            if not got:
                for t in sorted(self.p.external_declaring(cls, name)):
                    for s in self.kb.sinks_by_call.get((t, name), ()):
                        if s not in got:
                            got.append(s)
            self._sink_cache[key] = got
        return got

    def field_key(self, cls: str, name: str) -> str:
        """``G:<declaring class>.<name>``: javac names the qualifier's class, we want the declarer."""
        k = (cls, name)
        got = self._owner_cache.get(k)
        if got is None:
            c: str | None = cls
            owner = cls
            while c is not None and c in self.p.classes:
                ci = self.p.classes[c]
                if name in ci.fields:
                    owner = c
                    break
                c = ci.superclass
            got = f"G:{owner}.{name}"
            self._owner_cache[k] = got
        return got

    def class_init(self, run: _MethodRun, st: State, cls: str) -> None:
        """``cls`` may be initialised here: forget what we knew of fields its initialiser writes."""
        ws = self.clinit_writes.get(cls)
        if ws is not None and cls != run.m.cls:
            for key in [key for key in st.heap if key[1] in ws]:
                del st.heap[key]

    @staticmethod
    def is_fresh(st: State, obj: str) -> bool:
        """An app object allocated in this method that nothing else can have written to yet."""
        return obj[:2] == "n@" and (obj, _ESCAPED) not in st.heap

    def escape(self, run: _MethodRun, st: State, objs: Iterable[str], stored: bool = False) -> None:
        """``objs`` are now reachable from elsewhere: other code may write their fields.

        A library container merely ``stored`` in a field or array keeps its entries
        until code that could reach it through that field runs (:meth:`calls_out`).
        """
        for o in objs:
            if o[:2] == "n@":
                st.heap[(o, _ESCAPED)] = NONE
                if stored and self.is_data_object(run, o):
                    st.heap[(o, _STORED)] = NONE
                    run.stored = True
                else:
                    st.heap[(o, _UNKEYED)] = NONE
            elif o == "p#0" and run.this_fields is not None:
                run.this_fields = None

    @staticmethod
    def calls_out(run: _MethodRun, st: State) -> None:
        """Other app code runs: containers stored where it can reach them may change."""
        if run.fresh_this:
            st.heap[("p#0", _TOUCHED)] = NONE
        if run.stored:
            for o in [key[0] for key in st.heap if key[1] == _STORED]:
                st.heap[(o, _UNKEYED)] = NONE

    def record_this_fields(self, run: _MethodRun, st: State) -> None:
        """At a constructor's return: what it stored in the fields of ``this``."""
        if run.this_fields is None:
            return
        for (o, f), v in st.heap.items():
            if o != "p#0" or not f.startswith("G:"):
                continue
            labels = self.labels_of(run, st, v)
            if any(x[1] != ":" and not self.is_data_object(run, x) for x in v[1]):
                labels.add(f)  # an app object: its fields are followed through the global label
            run.this_fields.setdefault(f, set()).update(labels)

    def path_label(self, run: _MethodRun, obj: str, gk: str, st: State | None = None) -> str:
        """Label for field ``gk`` of ``obj`` where nothing local is known: a path from a
        parameter when ``obj`` is an app object the caller passed, else the global label.

        In a first lifecycle callback a path from ``this`` also stands for the field's value
        at entry, so it is made only for reads in the method itself (``st``) before other
        app code ran; a callee's read (no ``st``) takes the global label."""
        i = run.param_objs.get(obj)
        if i is None or not obj.startswith("p#") or self.is_data_object(run, obj):
            return gk
        if run.fresh_this and i == 0 and (st is None or ("p#0", _TOUCHED) in st.heap):
            return gk
        lab = f"P{i}.{gk}"
        self.paths.add(lab)
        return lab

    def family(self, cls: str) -> list[str]:
        """App classes above and below ``cls`` (who may declare a callback an instance of it gets)."""
        out = [c for c in self.p.supertypes(cls) | self.p.subtypes(cls) if c in self.p.classes]
        return sorted(out)[:64]

    def is_data_object(self, run: _MethodRun, obj: str) -> bool:
        """Whether an object's contents count as its value (library types, arrays, unknown)."""
        t = run.otype.get(obj)
        return t is None or t not in self.p.classes

    def labels_of(self, run: _MethodRun, st: State, v: Val) -> set[Label]:
        """Labels of a value, including the contents of the library objects it points to."""
        out = set(v[0])
        heap = st.heap
        for o in v[1]:
            w = heap.get((o, WHOLE))
            if w is not None and self.is_data_object(run, o):
                out |= w[0]
        return out

    def deep_labels(self, run: _MethodRun, st: State, v: Val) -> set[Label]:
        """Labels of a value and of every field of the objects it points to (what a sink sees)."""
        out = self.labels_of(run, st, v)
        if v[1]:
            objs = v[1]
            for (o, f), w in st.heap.items():
                if o in objs and f != WHOLE:
                    out |= w[0]
                    for o2 in w[1]:
                        ww = st.heap.get((o2, WHOLE))
                        if ww is not None:
                            out |= ww[0]
            for o in objs:
                if self.is_fresh(st, o):
                    continue
                t = run.otype.get(o)
                c: str | None = t
                while c is not None and c in self.p.classes:
                    ci = self.p.classes[c]
                    for f in ci.fields:
                        gk = self.field_key(c, f)
                        if (o, gk) not in st.heap:
                            out.add(self.path_label(run, o, gk, st))
                    c = ci.superclass
        return out

    # -- one method ------------------------------------------------------------

    def analyse(self, m: Method) -> Summary:
        body = self.body(m)
        if body is None or not body.insns:
            return EMPTY_SUMMARY
        run = _MethodRun(m)
        root = m.key in self.reach.framework_called
        run.fresh_this = root and self.first_callback(m)
        regs: dict[int, Val] = {}
        heap: dict[tuple[str, str], Val] = {}
        for i, (reg, typ) in enumerate(body.param_regs):
            label = frozenset({f"P{i}"})
            if typ.startswith(("L", "[")) and typ not in _VALUE_TYPES:
                obj = f"p#{i}"
                run.param_objs[obj] = i
                run.otype[obj] = typ
                regs[reg] = (EMPTY, frozenset({obj}))
                heap[(obj, WHOLE)] = (label, NO_OBJS)
            else:
                regs[reg] = (label, NO_OBJS)
        for pidx, src in self.callback_labels.get(m.key, ()):
            slot = pidx + (0 if m.is_static else 1)
            if slot < len(body.param_regs):
                reg = body.param_regs[slot][0]
                lab, objs = regs.get(reg, NONE)
                regs[reg] = (lab | {src}, objs)
                for o in objs:
                    hl, ho = heap.get((o, WHOLE), NONE)
                    heap[(o, WHOLE)] = (hl | {src}, ho)
                    run.otype.pop(o, None)  # treat as a data object: its contents are the PI
        sslot = _STATE_READS.get(m.sig)
        if sslot is not None and not m.is_static and sslot + 1 < len(body.param_regs):
            reg = body.param_regs[sslot + 1][0]
            for o in regs.get(reg, NONE)[1]:
                hl, ho = heap.get((o, WHOLE), NONE)
                heap[(o, WHOLE)] = (hl | {f"G:state:{m.cls}"}, ho)
        channel: str | None = None
        cslot = -1
        if m.sig in _INTENT_PARAMS:
            channel, cslot = f"G:icc:{m.cls}", _INTENT_PARAMS[m.sig]
        elif m.sig == _RESULT_CALLBACK:
            channel, cslot = "G:icc:result", 2
        elif m.sig == _MSG_CALLBACK:
            channel, cslot = f"G:icc:msg:{m.cls}", 0
        achan = _ASYNC_CALLBACKS.get(m.sig)
        if achan is not None and channel is None and not m.is_static and len(body.param_regs) >= 2 \
                and _ASYNC_TASK in self.p.supertypes(m.cls):
            channel, cslot = achan + m.cls, 0
        if channel is not None and not m.is_static and cslot + 1 < len(body.param_regs):
            reg = body.param_regs[cslot + 1][0]
            incoming = {channel, "G:icc:msg"} if m.sig == _MSG_CALLBACK else {channel}
            for o in regs.get(reg, NONE)[1]:
                hl, ho = heap.get((o, WHOLE), NONE)
                heap[(o, WHOLE)] = (hl | incoming, ho)
        nblocks = len(body.blocks)
        states: list[State | None] = [None] * nblocks
        states[0] = State(regs, heap, NONE)
        work = [0]
        queued = [False] * nblocks
        queued[0] = True
        rounds = 0
        insns = body.insns
        exc = body.exc
        while work:
            bi = heappop(work)  # lowest block first: forward order, fewer revisits
            queued[bi] = False
            entry = states[bi]
            assert entry is not None
            rounds += 1
            if rounds & 255 == 0 and self.over_budget():
                break
            st = entry.copy()
            first, last = body.blocks[bi]
            alive = True
            for k in range(first, last + 1):
                handlers = exc[k]
                if handlers:
                    op_k = insns[k][1]
                    if (op_k in _AGET or (op_k in _APUT and op_k != 0x4D)) \
                            and all(o[:2] == "n@" for o in st.regs.get(insns[k][3], NONE)[1]) \
                            and not self.may_raise(run, body, k, st, _AIOOBE):
                        handlers = ()  # a local array indexed within its known length: nothing to raise
                    elif op_k == _NEW_ARRAY:
                        size = _interval(st.regs.get(insns[k][3], NONE))
                        if size is not None and size[0] >= 0:
                            handlers = ()  # a known, non-negative size
                    handlers = tuple(hd for hd in handlers if hd[0] not in _INSN_EXCEPTIONS
                                     or self.may_raise(run, body, k, st, hd[0]))
                thrown = self.step(run, body, k, st)
                if handlers:
                    hst = st.copy()
                    hst.pending = thrown
                    for _typ, h in handlers:
                        self._flow(states, work, queued, body.block_of[h], hst)
                    if thrown[0] and all(t is not None for t, _ in handlers):
                        run.throws |= thrown[0]
                elif thrown[0]:
                    run.throws |= thrown[0]
                if insns[k][1] in _RETURN or insns[k][1] in (0x0E, _THROW):
                    alive = False
                    break
            if alive:
                for s in self.feasible(body, last, st):
                    self._flow(states, work, queued, body.block_of[s], st)
        if self.is_opaque(m):
            run.ret.clear()
        # Leaks and global writes: what does not depend on the caller is final now;
        # only the parameter-dependent part travels up in the summary.
        leaks: dict[SinkSite, Labels] = {}
        for site, labs in run.leaks.items():
            fixed = {x for x in labs if not _is_param(x)}
            if root:  # called by the framework too: a field path is whatever the field holds
                fixed |= self.root_paths(run, labs)
            if fixed:
                self.global_leaks.setdefault(site, set()).update(fixed)
                self.leak_roots.setdefault(site, set()).add(m.key)
                old = self.leak_at.get((site, m.key))
                self.leak_at[(site, m.key)] = fixed if old is None else old | fixed
            params = frozenset(x for x in labs if _is_param(x))
            if params:
                leaks[site] = params
        gwrites: dict[str, Labels] = {}
        for g, labs in run.gwrites.items():
            fixed = {x for x in labs if not _is_param(x)}
            if root:
                fixed |= self.root_paths(run, labs)
            if fixed:
                self.write_global(g, fixed, m.key)
            params = frozenset(x for x in labs if _is_param(x))
            if params:
                gwrites[g] = params
        if (_ASYNC_CALLBACKS.get(m.sig) == "G:async:in:" and run.ret
                and _ASYNC_TASK in self.p.supertypes(m.cls)):
            done = {x for x in run.ret if not _is_param(x)} | _unpath(run.ret)
            if done:
                for c in self.family(m.cls):
                    self.write_global(f"G:async:out:{c}", done, m.key)
        if m.sig == _STATE_SAVE and 1 in run.params_out:
            saved = {x for x in run.params_out[1] if not _is_param(x)} | _unpath(run.params_out[1])
            for c in self.p.supertypes(m.cls) | self.p.subtypes(m.cls):
                if c in self.p.classes:
                    self.write_global(f"G:state:{c}", saved, m.key)
        return Summary(
            ret=frozenset(run.ret), throws=frozenset(run.throws),
            params={i: frozenset(v) for i, v in run.params_out.items() if v},
            gwrites=gwrites, leaks=leaks,
            ret_consts=frozenset(run.ret_consts) if run.ret_consts else frozenset(),
            this_fields=None if run.this_fields is None else {
                g: frozenset(v) for g, v in run.this_fields.items()})

    def write_global(self, g: str, labels: set[Label], writer: str, via: SinkSite | None = None) -> None:
        """Record that method ``writer`` stores ``labels`` in global ``g`` (through send or
        storage site ``via``), for the fixpoint and for the leak paths (``labels`` is kept,
        not copied: the caller must not change it afterwards)."""
        self.global_writes.setdefault(g, set()).update(labels)
        ws = self.writers.setdefault(g, {})
        old = ws.get((writer, via))
        ws[(writer, via)] = labels if old is None else old | labels

    def first_callback(self, m: Method) -> bool:
        """Whether the framework calls ``m`` first on a component instance it has just made."""
        base = _FIRST_CALLBACKS.get(m.sig)
        return base is not None and not m.is_static and base in self.p.supertypes(m.cls)

    def root_paths(self, run: _MethodRun, labels: Iterable[Label]) -> set[Label]:
        """At a framework-called method: what its parameter field paths stand for (the
        fields' global labels; the constructed values for ``this`` in a first callback)."""
        out: set[Label] = set()
        for x in labels:
            if isinstance(x, str) and x[0] == "P" and "." in x:
                idx, _, gk = x.partition(".")
                if run.fresh_this and idx == "P0":
                    self.fresh_reads.add((run.m.key, gk))
                    out.add(f"{_FRESH}{run.m.key}|{gk}")
                else:
                    out.add(gk)
        return out

    def fresh_value(self, mkey: str, gk: str, methods: dict[str, Method]) -> set[Label]:
        """Labels field ``gk`` of ``this`` holds when the framework enters first callback
        ``mkey``: what the no-argument constructors of the classes it runs for store there
        (the global label when one is unknown, lets ``this`` escape or another hook runs first)."""
        m = methods.get(mkey)
        if m is None:
            return {gk}
        classes = [c for c in {m.cls} | self.p.subtypes(m.cls) if c in self.p.classes
                   and c in self.reach.live and (r := self.p.resolve(c, m.sig)) is not None and r.key == mkey]
        if not classes:
            return {gk}
        out: set[Label] = set()
        for c in classes:
            for hook in _BEFORE_FIRST:
                h = self.p.resolve(c, hook)
                if h is not None and h.code_off:
                    return {gk}
            s = self.summaries.get(f"{c}-><init>()V")
            if s is None or s.this_fields is None:
                return {gk}
            labs = s.this_fields.get(gk, EMPTY)
            out |= {x for x in labs if not _is_param(x)} | _unpath(labs)
        return out

    @staticmethod
    def feasible(body: Body, k: int, st: State) -> tuple[int, ...]:
        """Successors of a block's last instruction, minus branches that constants rule out."""
        succ = body.succ[k]
        _pc, op, a, b, c, _args = body.insns[k]
        if 0x32 <= op <= 0x3D and len(succ) == 2:
            x = _interval(st.regs.get(a, NONE))
            y = (0, 0) if op >= 0x38 else _interval(st.regs.get(b, NONE))
            if x is None or y is None:
                return succ
            taken = _compare(op if op < 0x38 else op - 6, x, y)
            if taken is None:
                return succ
            target = body.index[c]
            fall = succ[0] if succ[0] != target else succ[1]
            return (target,) if taken else (fall,)
        if op in (0x2B, 0x2C) and k in body.switch_cases:
            x = _interval(st.regs.get(a, NONE))
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

    @staticmethod
    def is_opaque(m: Method) -> bool:
        """Methods whose results say nothing about the data (hash codes, comparisons, sizes)."""
        return m.sig in _OPAQUE_RET

    @staticmethod
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

    def publish(self, run: _MethodRun, st: State) -> None:
        """Record the current field state as global writes and the contents of argument objects."""
        for (o, f), v in st.heap.items():
            if f == WHOLE:
                pi = run.param_objs.get(o)
                if pi is not None and v[0] and self.is_data_object(run, o):
                    extra = v[0] - {f"P{pi}"}
                    if extra:
                        run.params_out.setdefault(pi, set()).update(extra)
            elif f.startswith("G:"):
                labels = set(v[0])
                for o2 in v[1]:
                    w = st.heap.get((o2, WHOLE))
                    if w is not None and self.is_data_object(run, o2):
                        labels |= w[0]
                if labels:
                    run.gwrites.setdefault(f, set()).update(labels)

    def step(self, run: _MethodRun, body: Body, k: int, st: State) -> Val:
        """Apply instruction ``k`` to ``st``; return the value it may throw."""
        pc, op, a, b, c, args = body.insns[k]
        regs = st.regs
        if op in _MOVE:
            regs[a] = regs.get(b, NONE)
        elif op in _MOVE_RESULT:
            regs[a] = st.pending
            st.pending = NONE
        elif op in _INVOKE:
            return self.invoke(run, body, k, st)
        elif op in _IGET:
            fr = self.p.dex[run.m.dex].field(c)
            gk = self.field_key(fr.cls, fr.name)
            base = regs.get(b, NONE)
            labels: set[Label] = set()
            objs: set[str] = set()
            known = bool(base[1])
            for o in base[1]:
                hw = st.heap.get((o, gk))
                if hw is None and not self.is_fresh(st, o):
                    if fr.cls in self.p.classes and o in run.param_objs:
                        labels.add(self.path_label(run, o, gk, st))
                    else:
                        known = False
                elif hw is None:
                    continue
                else:
                    labels |= hw[0]
                    objs |= hw[1]
            if fr.cls not in self.p.classes:  # a framework object's field: part of its contents
                labels |= self.labels_of(run, st, (EMPTY, base[1]))
            elif not known:
                labels.add(gk)
            if not known or not objs:  # a value not followed here: an object of the field's type
                obj = f"f@{pc}"
                run.otype[obj] = fr.type
                objs.add(obj)
            objs |= {"c:" + x for x in self.field_consts.get(gk, ())}
            regs[a] = (frozenset(labels), frozenset(objs))
        elif op in _IPUT:
            fr = self.p.dex[run.m.dex].field(c)
            gk = self.field_key(fr.cls, fr.name)
            v = regs.get(a, NONE)
            base = regs.get(b, NONE)
            if v[1]:
                self.escape(run, st, v[1], stored=True)
            strong = len(base[1]) == 1
            if fr.cls not in self.p.classes:  # a framework object's field: part of its contents
                add = frozenset(self.labels_of(run, st, v))
                if add:
                    for o in base[1]:
                        w = st.heap.get((o, WHOLE), NONE)
                        st.heap[(o, WHOLE)] = (w[0] | add, w[1])
            else:
                for o in base[1]:
                    old = st.heap.get((o, gk))
                    st.heap[(o, gk)] = v if strong or old is None else (old[0] | v[0], old[1] | v[1])
        elif op in _SGET:
            fr = self.p.dex[run.m.dex].field(b)
            if fr.cls in self.clinit_writes:
                self.class_init(run, st, fr.cls)
            gk = self.field_key(fr.cls, fr.name)
            sw = st.heap.get((STATIC, gk))
            labels = set(sw[0]) if sw is not None else {gk}
            src = self.site_labels.get((run.m.key, pc))
            if src:
                labels |= src
            obj = f"s@{pc}"
            run.otype[obj] = fr.type
            consts = frozenset("c:" + x for x in self.field_consts.get(gk, ())) if sw is None else NO_OBJS
            regs[a] = (frozenset(labels), (sw[1] if sw is not None else NO_OBJS) | {obj} | consts)
        elif op in _SPUT:
            fr = self.p.dex[run.m.dex].field(b)
            if fr.cls in self.clinit_writes:
                self.class_init(run, st, fr.cls)
            self.escape(run, st, regs.get(a, NONE)[1], stored=True)
            st.heap[(STATIC, self.field_key(fr.cls, fr.name))] = regs.get(a, NONE)
        elif op in _CONST:
            if op <= 0x14:
                regs[a] = (EMPTY, frozenset({f"i:{b}"}))
            elif op == 0x1C:
                regs[a] = (EMPTY, frozenset({f"k:{self.p.dex[run.m.dex].type(b)}"}))
            else:
                regs[a] = NONE
        elif op in _CONST_STRING:
            src = self.site_labels.get((run.m.key, pc))
            text = self.p.dex[run.m.dex].string(b)
            regs[a] = (src or EMPTY, frozenset({"c:" + text[:512]}))
        elif op in _AGET:
            arr = regs.get(b, NONE)
            labels = self.labels_of(run, st, arr)
            objs = set()
            for o in arr[1]:
                e = st.heap.get((o, ELEMS))
                if e is not None:
                    objs |= e[1]
            if op == 0x46 and not objs:
                # an element we know nothing about: the inner array of a multi-dimensional
                # array created elsewhere; treat it as part of the outer one
                objs = {o for o in arr[1] if o[1] != ":"}
            regs[a] = (frozenset(labels), frozenset(objs))
        elif op in _APUT:
            v = regs.get(a, NONE)
            arr = regs.get(b, NONE)
            if v[1]:
                self.escape(run, st, v[1], stored=True)
            vl = frozenset(self.labels_of(run, st, v))
            for o in arr[1]:
                w = st.heap.get((o, WHOLE), NONE)
                st.heap[(o, WHOLE)] = (w[0] | vl, w[1])
                if v[1]:
                    e = st.heap.get((o, ELEMS), NONE)
                    st.heap[(o, ELEMS)] = (e[0], e[1] | v[1])
        elif op in _BINOP:
            regs[a] = (regs.get(b, NONE)[0] | regs.get(c, NONE)[0], NO_OBJS)
        elif op in _BINOP2:
            regs[a] = (regs.get(a, NONE)[0] | regs.get(b, NONE)[0], NO_OBJS)
        elif op in _BINLIT:
            src_v = regs.get(b, NONE)
            nums = [o for o in src_v[1] if o[:2] in ("i:", "r:")]
            rng = _interval(src_v) if op in (0xD0, 0xD8) and len(nums) == 1 else None
            regs[a] = (src_v[0], frozenset({f"r:{rng[0] + c}:{rng[1] + c}"}) if rng else NO_OBJS)
        elif op in _UNOP:
            regs[a] = (regs.get(b, NONE)[0], NO_OBJS)
        elif op in _CLEAR:
            regs[a] = NONE
        elif op == _NEW_INSTANCE:
            obj = f"n@{pc}"
            run.otype[obj] = self.p.dex[run.m.dex].type(b)
            if run.otype[obj] in self.clinit_writes:
                self.class_init(run, st, run.otype[obj])
            regs[a] = (EMPTY, frozenset({obj}))
            for key in [key for key in st.heap if key[0] == obj]:
                del st.heap[key]
            if run.otype[obj] not in self.p.classes:
                st.heap[(obj, _ESCAPED)] = NONE  # only app objects are followed field by field
                if _LIST in self.p.supertypes(run.otype[obj]):
                    st.heap[(obj, _SIZE)] = (EMPTY, frozenset({"i:0"}))
        elif op == _NEW_ARRAY:
            obj = f"n@{pc}"
            run.otype[obj] = self.p.dex[run.m.dex].type(c)
            size = _interval(regs.get(b, NONE))
            regs[a] = (EMPTY, frozenset({obj}))
            st.heap.pop((obj, WHOLE), None)
            st.heap.pop((obj, ELEMS), None)
            if size is not None and size[0] == size[1]:
                st.heap[(obj, _LEN)] = (EMPTY, frozenset({f"i:{size[0]}"}))
            else:
                st.heap.pop((obj, _LEN), None)
        elif op in _FILLED:
            obj = f"n@{pc}"
            labels = set()
            objs = set()
            for r in args:
                v = regs.get(r, NONE)
                labels |= self.labels_of(run, st, v)
                objs |= v[1]
            st.heap[(obj, WHOLE)] = (frozenset(labels), NO_OBJS)
            st.heap[(obj, ELEMS)] = (EMPTY, frozenset(objs))
            st.pending = (EMPTY, frozenset({obj}))
        elif op in _RETURN:
            rv = regs.get(a, NONE)
            self.record_this_fields(run, st)
            run.ret |= self.labels_of(run, st, rv)
            if run.ret_consts is not None:
                rconsts = {o for o in rv[1] if o[:2] in ("i:", "r:", "c:")}
                run.ret_consts = run.ret_consts | rconsts if rconsts and len(rconsts) == len(rv[1]) else None
            self.publish(run, st)
        elif op == 0x0E:
            self.record_this_fields(run, st)
            self.publish(run, st)
        elif op == _THROW:
            v = regs.get(a, NONE)
            self.publish(run, st)
            return (frozenset(self.labels_of(run, st, v)), v[1])
        return NONE

    # -- constants, intents and receivers --------------------------------------

    def storage_read(self, cls: str, name: str) -> str | None:
        """The storage channel a call reads (preferences, files, databases), if any."""
        key = (cls, name)
        got = self._store_cache.get(key, "")
        if got == "":
            got = None
            for c in ([cls] if name == "<init>" else sorted(self.p.supertypes(cls))):
                got = _STORAGE_READS.get((c, name))
                if got is not None:
                    break
            self._store_cache[key] = got
        return got

    def intent_targets(self, st: State, v: Val) -> frozenset[str]:
        """Where an Intent (or Message) may go: ``class:<desc>`` and ``action:<name>`` keys."""
        out: set[str] = set()
        for o in v[1]:
            for key, tag in (("@class", "class:"), ("@action", "action:")):
                w = st.heap.get((o, key))
                if w is not None:
                    out |= {tag + x[2:] for x in w[1] if x[1] == ":"}
        return frozenset(out)

    def _set_meta(self, st: State, objs: frozenset[str], key: str, values: Iterable[str]) -> None:
        vals = frozenset(values)
        if not vals:
            return
        for o in objs:
            old = st.heap.get((o, key), NONE)
            st.heap[(o, key)] = (EMPTY, frozenset(list(old[1] | vals)[:_MAX_CONSTS]))

    def library_special(self, run: _MethodRun, st: State, ref: MethodRef, static: bool,
                        vals: list[Val], pc: int = -1) -> frozenset[str]:
        """Constants computed by library calls, and Intent/IntentFilter/receiver bookkeeping."""
        cls, name = ref.cls, ref.name
        this = vals[0] if vals and not static else NONE
        args = vals if static else vals[1:]
        if cls in ("Landroid/content/Intent;", "Landroid/content/ComponentName;",
                   "Landroid/content/IntentFilter;"):
            for a in args:
                classes = [f"k:{k}" for k in _consts(a, "k")]
                strings = _consts(a, "c")
                if name in ("<init>", "setClass", "setClassName", "setComponent"):
                    self._set_meta(st, this[1], "@class", classes)
                    if name in ("setClassName",) or (name == "<init>" and cls.endswith("ComponentName;")):
                        self._set_meta(st, this[1], "@class",
                                       [f"k:L{x.replace('.', '/')};" for x in strings if "." in x])
                    for o in a[1]:  # copy an Intent / ComponentName target
                        for key in ("@class", "@action"):
                            w = st.heap.get((o, key))
                            if w is not None:
                                self._set_meta(st, this[1], key, w[1])
                if (name in ("<init>", "setAction", "addAction") and cls != "Landroid/content/ComponentName;"
                        and (name != "<init>" or a is args[0])):
                    self._set_meta(st, this[1], "@action", [f"c:{x}" for x in strings])
            return NO_OBJS
        if name in ("registerReceiver",) and len(args) >= 2:
            for o in args[0][1]:
                rcls = run.otype.get(o)
                if rcls is None:
                    continue
                for fo in args[1][1]:
                    w = st.heap.get((fo, "@action"))
                    for x in (w[1] if w is not None else ()):
                        if x.startswith("c:"):
                            self.dynamic_receivers.add((rcls, x[2:]))
            return NO_OBJS
        if name in ("getString", "getText") and args and (
                cls in ("Landroid/content/res/Resources;", "Landroid/content/Context;")
                or cls in self.p.classes or self.p.framework.ancestors(cls) & {"Landroid/content/Context;"}):
            return frozenset("c:" + self.strings[int(i)] for i in _consts(args[0], "i")
                             if int(i) in self.strings)
        if name == "getOutputStream" and not static and pc >= 0:
            supers = self.p.supertypes(cls)
            kind = ("network" if supers & {"Ljava/net/URLConnection;", "Ljava/net/Socket;"}
                    else "bluetooth" if "Landroid/bluetooth/BluetoothSocket;" in supers else None)
            if kind is not None:
                st.heap[(f"r@{pc}", "@kind")] = (EMPTY, frozenset({f"c:{kind}"}))
            return NO_OBJS
        if name == "<init>" and not static and cls in _MEMORY_STREAMS:
            self._set_meta(st, this[1], "@kind", ["c:memory"])
            return NO_OBJS
        if name == "<init>" and not static and args and (cls.startswith("Ljava/io/") or cls == _FORMATTER):
            # stream, writer and formatter wrappers go where what they wrap goes, and what is
            # written through them ends up in what they wrap
            for a in args:
                for o in a[1]:
                    w = st.heap.get((o, "@kind"))
                    if w is not None:
                        self._set_meta(st, this[1], "@kind", w[1])
                inner = frozenset(o for o in a[1] if o[1] != ":" and self.is_data_object(run, o))
                if inner:
                    for o in this[1]:
                        st.heap[(o, _WRAPS)] = (EMPTY, inner)
            return NO_OBJS
        if cls == "Ljava/util/Random;" and name == "nextInt" and len(args) == 1:
            bounds = _interval(args[0])
            if bounds is not None and bounds[0] == bounds[1] and bounds[0] > 0:
                return frozenset({f"r:0:{bounds[0] - 1}"})
            return NO_OBJS
        if cls == "Ljava/lang/ClassLoader;" and name == "loadClass" and args:
            return frozenset(f"k:L{x.replace('.', '/')};" for x in _consts(args[0], "c"))
        if cls == "Ljava/lang/reflect/Method;":
            meta = [x[2:] for o in this[1] for x in st.heap.get((o, "@method"), NONE)[1]]
            if name == "getDeclaringClass":
                return frozenset("k:" + x.split("|", 1)[0] for x in meta)
            if name == "getName":
                return frozenset("c:" + x.split("|", 1)[1] for x in meta)
            return NO_OBJS
        if cls == "Ljava/lang/reflect/Constructor;" and name == "newInstance":
            types = [x[2:] for o in this[1] for x in st.heap.get((o, "@class"), NONE)[1]]
            if len(types) == 1 and pc >= 0:
                run.otype[f"r@{pc}"] = types[0]
            return NO_OBJS
        if cls == "Ljava/lang/Class;":
            classes = _consts(this, "k")
            if name == "forName" and args:
                return frozenset(f"k:L{x.replace('.', '/')};" for x in _consts(args[0], "c"))
            if name == "newInstance" and len(classes) == 1 and pc >= 0:
                run.otype[f"r@{pc}"] = classes[0]
                return NO_OBJS
            if name in ("getMethod", "getDeclaredMethod") and args and pc >= 0:
                names = _consts(args[0], "c")
                metas = [f"m:{k}|{n}" for k in classes for n in names]
                if metas:
                    st.heap[(f"r@{pc}", "@method")] = (EMPTY, frozenset(metas[:_MAX_CONSTS]))
                return NO_OBJS
            if name in ("getConstructor", "getDeclaredConstructor") and pc >= 0 and classes:
                st.heap[(f"r@{pc}", "@class")] = (EMPTY, frozenset("k:" + k for k in classes))
                return NO_OBJS
            if name in ("getName", "getCanonicalName"):
                return frozenset(f"c:{k[1:-1].replace('/', '.')}" for k in _consts(this, "k"))
            if name == "getSimpleName":
                return frozenset(f"c:{k[1:-1].rsplit('/', 1)[-1]}" for k in _consts(this, "k"))
            return NO_OBJS
        if name == "getClass" and not static:
            otypes = {run.otype.get(o) for o in this[1]}
            return frozenset(f"k:{t}" for t in otypes if t and t.startswith("L"))
        if cls == "Ljava/lang/String;":
            strs = _consts(this, "c") if not static else []
            nums = [int(x) for a in args for x in _consts(a, "i")]
            out: set[str] = set()
            for x in strs[:_MAX_CONSTS]:
                if name == "substring" and nums:
                    ints = [int(y) for y in _consts(args[0], "i")]
                    ends = [int(y) for y in _consts(args[1], "i")] if len(args) > 1 else [len(x)]
                    out |= {f"c:{x[i:e]}" for i in ints for e in ends}
                elif name == "concat" and args:
                    out |= {f"c:{x}{y}" for y in _consts(args[0], "c")}
                elif name in ("trim", "toLowerCase", "toUpperCase", "intern", "toString"):
                    out.add("c:" + getattr(x, {"trim": "strip", "toLowerCase": "lower",
                                                "toUpperCase": "upper"}.get(name, "__str__"))())
                elif name == "replace" and len(args) == 2:
                    out |= {f"c:{x.replace(o, n)}" for o in _consts(args[0], "c")
                            for n in _consts(args[1], "c")}
            if static and name == "valueOf" and args:
                out |= {f"c:{y}" for y in _consts(args[0], "c")}
            return frozenset(list(out)[:_MAX_CONSTS])
        if cls in ("Ljava/lang/StringBuilder;", "Ljava/lang/StringBuffer;"):
            if name in ("<init>", "append") and not static:
                cur = [""] if name == "<init>" else [x[2:] for o in this[1]
                                                    for x in st.heap.get((o, "@str"), NONE)[1]]
                add = _consts(args[0], "c") + _consts(args[0], "i") if args else [""]
                if name == "<init>" and args and not add:
                    add = [""] if _consts(args[0], "i") else []
                new = {f"c:{x}{y}" for x in cur for y in add} if add and cur else set()
                for o in this[1]:
                    if new and len(new) <= _MAX_CONSTS:
                        st.heap[(o, "@str")] = (EMPTY, frozenset(new))
                    else:
                        st.heap.pop((o, "@str"), None)
                return this[1] if name == "append" else NO_OBJS
            if name == "toString":
                return frozenset(x for o in this[1] for x in st.heap.get((o, "@str"), NONE)[1])
        return NO_OBJS

    def reflective_call(self, run: _MethodRun, st: State, pc: int,
                        vals: list[Val]) -> tuple[set[Label], set[str]] | None:
        """``Method.invoke(receiver, args)`` on a method known by constant names."""
        metas = [x[2:] for o in vals[0][1] for x in st.heap.get((o, "@method"), NONE)[1]]
        if not metas:
            return None
        recv = vals[1]
        arr = vals[2] if len(vals) > 2 else NONE
        arg_labels = self.labels_of(run, st, arr)
        result: set[Label] = set()
        objs: set[str] = set()
        for meta in metas:
            desc, _, mname = meta.partition("|")
            if desc in self.p.classes:
                c: str | None = desc
                seen: set[str] = set()
                while c is not None and c in self.p.classes:
                    for m2 in self.p.classes[c].methods.values():
                        if m2.name != mname or m2.sig in seen:
                            continue
                        seen.add(m2.sig)
                        sm = self.summaries.get(m2.key)
                        if sm is None or sm.empty:
                            continue
                        self.calls_out(run, st)
                        nparams = len(split_params(m2.proto)) + (0 if m2.is_static else 1)
                        sub = _Sub(self, run, st, None, self.paths)
                        sub.update({f"P{i}": (self.labels_of(run, st, recv) if i == 0 and not m2.is_static
                                              else set(arg_labels)) for i in range(nparams)})
                        result |= _subst(sm.ret, sub)
                        for site, labs in sm.leaks.items():
                            run.leaks.setdefault(site, set()).update(_subst(labs, sub))
                        for g, labs in sm.gwrites.items():
                            run.gwrites.setdefault(g, set()).update(_subst(labs, sub))
                    c = self.p.classes[c].superclass
                continue
            for spec in self.kb.calls.get((desc, mname), ()):
                key = (run.m.key, pc, spec.id)
                idx = self.reflective_sources.get(key)
                if idx is None:
                    idx = len(self.sources)
                    loc = CodeLocation(descriptor_to_java(run.m.cls), run.m.name, run.m.proto, pc)
                    self.sources.append(PIAccess(
                        source_id=spec.id, api=f"{spec.api} (by reflection)", kind="call", pi=spec.pi,
                        location=loc, owner=self.owner(loc.cls), reachable=True, permission=spec.permission))
                    self.reflective_sources[key] = idx
                result.add(idx)
            sinks = self.kb.sinks_by_call.get((desc, mname), ())
            for sspec in sinks:
                tainted = self.deep_labels(run, st, arr) | (
                    self.deep_labels(run, st, recv) if "this" in sspec.args else set())
                if tainted:
                    site = SinkSite(run.m.key, pc, sspec.sink, f"{descriptor_to_java(desc)}.{mname}")
                    run.leaks.setdefault(site, set()).update(tainted)
            if sinks or self.kb.calls.get((desc, mname)):
                continue
            # any other library method: its usual rule, arguments taken from the array
            rule = self.lib.rule(desc, mname, "Ljava/lang/Object;")
            if rule.args_to_this and arg_labels:
                add = frozenset(arg_labels)
                for o in recv[1]:
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | add, w[1])
            if not rule.kill_ret:
                if rule.to_ret:
                    result |= arg_labels
                if rule.this_to_ret:
                    result |= self.labels_of(run, st, recv)
            if mname == "getIntent":
                result |= {f"G:icc:{run.otype[o]}" for o in recv[1] if run.otype.get(o) in self.p.classes}
        return result, objs

    def narrow(self, run: _MethodRun, targets: tuple[Method, ...], receivers: frozenset[str],
               sig: str) -> tuple[Method, ...]:
        """Dispatch targets the receiver objects' types allow (exact for allocations, else subtypes)."""
        keep: set[str] = set()
        for o in receivers:
            t = run.otype.get(o)
            if t is None or t not in self.p.classes:
                return targets
            impl = self.p.resolve(t, sig)
            if impl is not None:
                keep.add(impl.key)
            if not o.startswith("n@"):
                subs = self.p.subtypes(t)
                keep.update(m.key for m in targets if m.cls in subs)
        return tuple(m for m in targets if m.key in keep) or targets

    def construct(self, run: _MethodRun, st: State, ref: MethodRef, targets: tuple[Method, ...],
                  vals: list[Val]) -> str:
        """Apply a constructor's field stores to its receiver; return the receiver object if done."""
        recv = vals[0][1]
        if len(targets) != 1 or len(recv) != 1:
            return ""
        (o,) = recv
        if not (self.is_fresh(st, o) or (o == "p#0" and run.this_fields is not None)):
            return ""
        s = self.summaries.get(targets[0].key)
        if s is None or s.this_fields is None:
            return ""
        sub = _Sub(self, run, st, vals, self.paths)
        for gk, labs in s.this_fields.items():
            st.heap[(o, gk)] = (frozenset(_subst(labs, sub)), NO_OBJS)
        return o

    def may_raise(self, run: _MethodRun, body: Body, k: int, st: State | None, exc: str) -> bool:
        """Whether instruction ``k`` can raise ``exc``, one of the instruction-bound runtime exceptions."""
        _pc, op, a, b, c, _args = body.insns[k]
        if op in _AGET or op in _APUT:
            if exc == "Ljava/lang/ArrayStoreException;":
                return op == 0x4D
            if exc != _AIOOBE:
                return False
            if st is None:
                return True
            idx = _interval(st.regs.get(c, NONE))
            arrs = st.regs.get(b, NONE)[1]
            if idx is None or not arrs:
                return True
            for o in arrs:
                n = _consts(st.heap.get((o, _LEN), NONE), "i")
                if len(n) != 1 or not 0 <= idx[0] <= idx[1] < int(n[0]):
                    return True
            return False
        if op in _DIV_OPS:
            if exc != _ARITH:
                return False
            if st is None:
                return True
            div = (0 if op >= 0xD0 else c if op < 0xB0 else b)
            rng = (c, c) if op >= 0xD0 else _interval(st.regs.get(div, NONE))
            return rng is None or rng[0] <= 0 <= rng[1]
        if op in (_NEW_ARRAY, 0x24, 0x25):
            return exc == "Ljava/lang/NegativeArraySizeException;"
        if op == _THROW:
            return True
        if op in _INVOKE:
            if op >= 0xFA:
                return True
            ref = self.p.dex[run.m.dex].method(a)
            targets = call_targets(self.p, self.reach, ref, op)
            if not targets:  # library code: index errors only where it is handed arrays
                return exc == _AIOOBE and any(t.startswith("[") for t in ref.params)
            return any(self.method_may_raise(t, exc) for t in targets)
        return False

    def method_may_raise(self, m: Method, exc: str) -> bool:
        """Whether a call to ``m`` can end by raising ``exc`` (conservative on recursion)."""
        key = (m.key, exc)
        got = self._raises.get(key)
        if got is not None:
            return got
        self._raises[key] = True  # in progress: a cycle counts as "may"
        body = self.body(m)
        if body is None:  # native, or code that could not be decoded
            result = True
        else:
            above = self.p.framework.ancestors(exc)
            caught = {k for k in range(len(body.insns))
                      if any(t is None or t == exc or t in above for t, _h in body.exc[k])}
            result = any(k not in caught and self.may_raise(self._run_of(m), body, k, None, exc)
                         for k in range(len(body.insns)))
        self._raises[key] = result
        return result

    @staticmethod
    def _run_of(m: Method) -> _MethodRun:
        return _MethodRun(m)

    @staticmethod
    def wrapped(st: State, objs: frozenset[str]) -> set[str]:
        """Objects that wrappers in ``objs`` write through to (transitively, a few levels)."""
        out: set[str] = set()
        frontier = set(objs)
        for _depth in range(4):
            nxt: set[str] = set()
            for o in frontier:
                w = st.heap.get((o, _WRAPS))
                if w is not None:
                    nxt |= w[1] - out
            if not nxt:
                break
            out |= nxt
            frontier = nxt
        return out

    def keyed(self, run: _MethodRun, st: State, ref: MethodRef, vals: list[Val]) -> Val | None:
        """Entries of a local container filed by constant key or index: store, or load (returned).

        Applies to containers allocated in this method that have not escaped and
        were only filled under constant keys; the contents as a whole are kept
        as well, for everything else that reads them.
        """
        recv = vals[0][1]
        if len(recv) != 1:
            return None
        (o,) = recv
        if o[:2] != "n@" or (o, _UNKEYED) in st.heap:
            return None
        supers = self.p.supertypes(ref.cls)
        name = ref.name
        if _LIST in supers:
            size = _consts(st.heap.get((o, _SIZE), NONE), "i")
            if name == "add" and len(vals) == 2 and len(size) == 1:
                n = int(size[0])
                st.heap[(o, f"#{n}")] = vals[1]
                st.heap[(o, _SIZE)] = (EMPTY, frozenset({f"i:{n + 1}"}))
                return None
            idx = _consts(vals[1], "i") if len(vals) == 2 else []
            if name == "get" and len(idx) == 1:
                return st.heap.get((o, f"#{idx[0]}"), NONE)
        else:
            for sup, puts, gets in _KEYED:
                if sup not in supers:
                    continue
                key = _consts(vals[1], "c") if len(vals) >= 2 else []
                if len(key) != 1 or len(vals[1][1]) != 1:
                    break
                if name.startswith(puts) and len(vals) == 3:
                    st.heap[(o, f"k:{key[0]}")] = vals[2]
                    return None
                if name.startswith(gets) and len(vals) in (2, 3):
                    got = st.heap.get((o, f"k:{key[0]}"), NONE)
                    if len(vals) == 3:  # a default value
                        got = (got[0] | vals[2][0], got[1] | vals[2][1])
                    return got
                break
        if name != "<init>" or len(vals) > 1:
            rule = self.lib.rule(ref.cls, name, ref.ret)
            if rule.args_to_this or rule.copies:
                st.heap[(o, _UNKEYED)] = NONE
        return None

    def receivers_of(self, run: _MethodRun, target: Method, receivers: frozenset[str]) -> frozenset[str]:
        """The receiver objects whose (exact or declared) type may dispatch to ``target``."""
        out = set()
        for o in receivers:
            t = run.otype.get(o)
            if t is None or t not in self.p.classes:
                out.add(o)
            elif o.startswith("n@"):
                impl = self.p.resolve(t, target.sig)
                if impl is None or impl.key == target.key:
                    out.add(o)
            elif target.cls in self.p.subtypes(t) or (
                    (impl := self.p.resolve(t, target.sig)) is not None and impl.key == target.key):
                out.add(o)
        return frozenset(out)

    def native_call(self, run: _MethodRun, st: State, pc: int, targets: list[Method],
                    vals: list[Val]) -> set[Label]:
        """A call into native code: what its result may carry; data it may send is a leak.

        The result may be any function of the arguments, plus whatever PI the
        implementing libraries can read. Arguments leak when those libraries
        can reach a sink, or when no library is known to implement the method.
        """
        arg_labels: set[Label] = set()
        for v in vals:
            arg_labels |= self.deep_labels(run, st, v)
        result = set(arg_labels)
        for t in targets:
            b = self.native.get(f"{t.cls}->{t.name}")
            own: set[Label] = set()
            if b is None:
                b = NativeBinding(libraries=(), sources=(), sinks=())
            for sid in b.sources:
                key = (run.m.key, pc, sid)
                idx = self.native_sources.get(key)
                if idx is None:
                    spec = self.source_specs[sid]
                    loc = CodeLocation(descriptor_to_java(run.m.cls), run.m.name, run.m.proto, pc)
                    idx = len(self.sources)
                    self.sources.append(PIAccess(
                        source_id=sid, api=f"{spec.api} (in native code: {', '.join(b.libraries)})",
                        kind="native", pi=spec.pi, location=loc,
                        owner=self.owner(loc.cls),
                        reachable=True, permission=spec.permission))
                    self.native_sources[key] = idx
                own.add(idx)
            result |= own
            sends = not b.libraries or bool(b.sinks)
            data = arg_labels | (own if b.sinks else set())
            if data and sends:
                kind = "native"
                site = SinkSite(run.m.key, pc, kind, f"{descriptor_to_java(t.cls)}.{t.name} (native)")
                run.leaks.setdefault(site, set()).update(data)
        return result

    # -- calls -----------------------------------------------------------------

    def _call_plan(self, dex: int, idx: int, op: int) -> _Plan:
        """What an invoke of method ``idx`` with kind ``op`` needs that does not depend on the state."""
        ref = self.p.dex[dex].method(idx)
        static = op in _STATIC_INVOKES
        supers = self.p.supertypes(ref.cls)
        return (ref, static, self.storage_read(ref.cls, ref.name),
                ref.name == "getIntent" and ref.ret == "Landroid/content/Intent;" and not static,
                not static and ref.name in _ASYNC_SENDS and _ASYNC_TASK in supers,
                not static and ref.name in _BROADCAST_RESULT_ANY and _RECEIVER in supers,
                ref.name in _MSG_SENDS and not static and not supers.isdisjoint(_MSG_CARRIERS),
                static and ref.cls in self.clinit_writes,
                call_targets(self.p, self.reach, ref, op))

    def invoke(self, run: _MethodRun, body: Body, k: int, st: State) -> Val:
        pc, op, a, _b, _c, args = body.insns[k]
        if op >= 0xFA:  # invoke-polymorphic/custom: an unknown call
            labels: set[Label] = set()
            for r in args:
                labels |= self.labels_of(run, st, st.regs.get(r, NONE))
            st.pending = (frozenset(labels), frozenset({f"r@{pc}"}))
            return NONE
        plan = self._plans.get((run.m.dex, a, op))
        if plan is None:
            plan = self._plans[(run.m.dex, a, op)] = self._call_plan(run.m.dex, a, op)
        ref, static, store, get_intent, async_send, broadcast, msg_send, clinit, all_targets = plan
        vals = _fold_wide([st.regs.get(r, NONE) for r in args], ref.params, static)
        result_labels: set[Label] = set()
        ret_obj = f"r@{pc}"
        result_objs: set[str] = {ret_obj}
        run.otype[ret_obj] = ref.ret
        exc_labels: set[Label] = set()
        src = self.site_labels.get((run.m.key, pc))
        if src:
            result_labels |= src
            run.otype.pop(ret_obj, None)  # a source result is data as a whole (Cursor, Location …)
        if store is not None:
            if ref.name == "<init>" and vals:
                for o in vals[0][1]:
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | {store}, w[1])
            else:
                result_labels.add(store)
                run.otype.pop(ret_obj, None)
        if get_intent and vals:
            for o in vals[0][1]:
                otyp = run.otype.get(o)
                if otyp is not None and otyp in self.p.classes:
                    result_labels.add(f"G:icc:{otyp}")
        if async_send and vals:
            labels = self.deep_labels(run, st, vals[-1]) if len(vals) > 1 else set()
            if labels:
                tasks = {run.otype[o] for o in vals[0][1] if run.otype.get(o) in self.p.classes} or {ref.cls}
                for task in tasks:
                    for c in self.family(task):
                        run.gwrites.setdefault(_ASYNC_SENDS[ref.name] + c, set()).update(labels)
        if broadcast:
            if ref.name in _BROADCAST_RESULT_READS:
                result_labels.add(_BROADCAST_RESULT)
            else:
                labels = set()
                for v in vals[1:]:
                    labels |= self.deep_labels(run, st, v)
                if labels:
                    run.gwrites.setdefault(_BROADCAST_RESULT, set()).update(labels)
        sink_specs = self.sinks_for(ref.cls, ref.name)
        if msg_send and len(vals) >= 2:
            sink_specs = []
            labels = self.deep_labels(run, st, vals[1])
            if labels:
                handlers = [run.otype[o] for o in vals[0][1] if run.otype.get(o) in self.p.classes]
                for chan in ([f"G:icc:msg:{h}" for h in handlers] or ["G:icc:msg"]):
                    run.gwrites.setdefault(chan, set()).update(labels)
        reported: set[Label] = set()
        for spec in sink_specs:
            tainted: set[Label] = set()
            for ai in spec.args:
                idx = _arg_slot(ai, static)
                if 0 <= idx < len(vals):
                    tainted |= self.deep_labels(run, st, vals[idx])
            if tainted:
                sink_kind = spec.sink
                if not static and vals:
                    # a generic stream or writer: the kind is where the stream goes
                    kinds = {x[2:] for o in vals[0][1] for x in st.heap.get((o, "@kind"), NONE)[1]}
                    if len(kinds) == 1:
                        sink_kind = kinds.pop()
                if sink_kind == "memory":  # a buffer in memory: not a sink, the data stays
                    continue
                reported |= tainted
                site = SinkSite(run.m.key, pc, sink_kind, f"{descriptor_to_java(ref.cls)}.{ref.name}")
                run.leaks.setdefault(site, set()).update(tainted)
                kind = _ICC_SENDS.get(ref.name) if spec.sink == "ipc" else None
                if kind is not None:
                    slot = _arg_slot(spec.args[0], static) if spec.args else -1
                    carrier = vals[slot] if 0 <= slot < len(vals) else NONE
                    self.icc_sends[site] = (kind, self.intent_targets(st, carrier))
        if ref.cls == "Ljava/lang/reflect/Method;" and ref.name == "invoke" and len(vals) >= 2:
            refl = self.reflective_call(run, st, pc, vals)
            if refl is not None:
                rl, ro = refl
                st.pending = (frozenset(rl), frozenset(ro | {ret_obj}))
                st.heap[(ret_obj, WHOLE)] = (frozenset(rl), NO_OBJS)
                run.otype.pop(ret_obj, None)
                return NONE
        if clinit:
            self.class_init(run, st, ref.cls)
        targets = all_targets
        if len(targets) > 1 and not static and vals:
            targets = self.narrow(run, targets, vals[0][1], sig_of(ref))
        natives = [t for t in targets if t.access & ACC_NATIVE]
        if natives:
            result_labels |= self.native_call(run, st, pc, natives, vals)
        if targets and (ref.cls in self.containers or all(t.cls in self.containers for t in targets)):
            targets = ()
        if targets:
            self.publish(run, st)
            sub: _Sub | None = None
            consts_all: set[str] = set()
            consts_known = True
            for t in targets:
                s = self.summaries.get(t.key)
                if s is None or not s.ret_consts:
                    consts_known = False
                else:
                    consts_all |= s.ret_consts
                if s is None or s.empty:
                    continue
                if len(targets) > 1 and not static and len(vals[0][1]) > 1:
                    # each implementation sees only the receivers that dispatch to it
                    own = self.receivers_of(run, t, vals[0][1])
                    sub = _Sub(self, run, st, [(vals[0][0], own), *vals[1:]], self.paths)
                elif sub is None:
                    sub = _Sub(self, run, st, vals, self.paths)
                if s.ret:
                    result_labels |= _subst(s.ret, sub)
                if s.throws:
                    exc_labels |= _subst(s.throws, sub)
                for pi, labs in s.params.items():
                    if pi < len(vals):
                        add = frozenset(_subst(labs, sub))
                        for o in vals[pi][1]:
                            if self.is_data_object(run, o):
                                w = st.heap.get((o, WHOLE), NONE)
                                st.heap[(o, WHOLE)] = (w[0] | add, w[1])
                for g, labs in s.gwrites.items():
                    run.gwrites.setdefault(g, set()).update(_subst(labs, sub))
                for site, labs in s.leaks.items():
                    run.leaks.setdefault(site, set()).update(_subst(labs, sub))
            if consts_known and consts_all:
                result_objs |= consts_all
            # app code may change any field of the objects it was given, except what a
            # constructor is known to store in its fresh receiver
            passed = {o for v in vals for o in v[1]}
            self.calls_out(run, st)
            built = self.construct(run, st, ref, targets, vals) if ref.name == "<init>" and vals else ""
            passed.discard(built)
            if passed:
                for key in [key for key in st.heap
                            if key[0] in passed and key[1] not in (WHOLE, ELEMS, _ESCAPED)]:
                    del st.heap[key]
                self.escape(run, st, passed)
        else:
            keyed = self.keyed(run, st, ref, vals) if not static and vals else None
            if vals:  # what a library call is given, it may keep or hand to app code
                given = {o for v in (vals if static else vals[1:]) for o in v[1]}
                if any(not self.is_data_object(run, o) for o in given):
                    self.calls_out(run, st)  # an app object handed over: it may be called back
                if not static and ref.name != "<init>":  # framework code may call back into the app
                    given |= {o for o in vals[0][1] if not self.is_data_object(run, o)}
                self.escape(run, st, given)
            consts = self.library_special(run, st, ref, static, vals, pc)
            if consts:
                result_objs |= consts
            rule = self.lib.rule(ref.cls, ref.name, ref.ret)
            this_v = vals[0] if not static and vals else NONE
            arg_vs = vals if static else vals[1:]
            arg_labels: set[Label] = set()
            arg_objs: set[str] = set()
            for v in arg_vs:
                arg_labels |= self.labels_of(run, st, v)
                arg_objs |= v[1]
            if rule.args_to_this and not static and (arg_labels or (rule.container and arg_objs)):
                add = frozenset(arg_labels)
                for o in self.wrapped(st, this_v[1]) if add else ():
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | add, w[1])
                for o in this_v[1]:
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | add, w[1])
                    if rule.container and arg_objs:
                        e = st.heap.get((o, ELEMS), NONE)
                        st.heap[(o, ELEMS)] = (e[0], e[1] | frozenset(arg_objs))
            for frm, to in rule.copies:
                fi = frm + (0 if static else 1)
                ti = to + (0 if static else 1)
                if 0 <= fi < len(vals) and 0 <= ti < len(vals):
                    add = frozenset(self.labels_of(run, st, vals[fi]))
                    if add:
                        for o in vals[ti][1]:
                            w = st.heap.get((o, WHOLE), NONE)
                            st.heap[(o, WHOLE)] = (w[0] | add, w[1])
            if not rule.kill_ret and ref.ret != "V":
                if rule.to_ret:
                    result_labels |= arg_labels
                if rule.this_to_ret and not static:
                    result_labels |= self.labels_of(run, st, this_v)
                if rule.container and not static:
                    for o in this_v[1]:
                        ew = st.heap.get((o, ELEMS))
                        if ew is not None:
                            result_objs |= ew[1]
            if keyed is not None:  # an entry filed under a constant key: exactly what was put there
                result_labels = set(self.labels_of(run, st, keyed))
                result_objs = {ret_obj} | set(keyed[1])
        if reported and not targets:
            # data handed to a sink has left; the sink's result (a connection, a stream)
            # does not carry it on, or every later call on it would count again
            result_labels -= reported
        if ref.ret != "V":
            if ref.ret in _VALUE_TYPES or not ref.ret.startswith(("L", "[")):
                st.pending = (frozenset(result_labels),
                              frozenset(o for o in result_objs if o[1] == ":"))
            else:
                st.heap[(ret_obj, WHOLE)] = (frozenset(result_labels), NO_OBJS)
                st.pending = (EMPTY, frozenset(result_objs))
        else:
            st.pending = NONE
        return (frozenset(exc_labels), NO_OBJS) if exc_labels else NONE


def _interval(v: Val) -> tuple[int, int] | None:
    """The integer range a value is known to lie in (from ``i:`` and ``r:`` constants), if any."""
    if not v[1]:
        return None
    lo: int | None = None
    hi: int | None = None
    for o in v[1]:
        if o.startswith("i:"):
            a = b = int(o[2:])
        elif o.startswith("r:"):
            _, sa, sb = o.split(":")
            a, b = int(sa), int(sb)
        else:
            return None
        lo = a if lo is None else min(lo, a)
        hi = b if hi is None else max(hi, b)
    return (lo, hi) if lo is not None and hi is not None else None


def _compare(op: int, x: tuple[int, int], y: tuple[int, int]) -> bool | None:
    """Decide if-eq/ne/lt/ge/gt/le (0x32..0x37) on ranges: True, False, or None when unknown."""
    if op == 0x32 or op == 0x33:  # eq / ne
        if x[0] == x[1] == y[0] == y[1]:
            eq = True
        elif x[1] < y[0] or y[1] < x[0]:
            eq = False
        else:
            return None
        return eq if op == 0x32 else not eq
    if op == 0x34:  # lt
        return True if x[1] < y[0] else False if x[0] >= y[1] else None
    if op == 0x35:  # ge
        return True if x[0] >= y[1] else False if x[1] < y[0] else None
    if op == 0x36:  # gt
        return True if x[0] > y[1] else False if x[1] <= y[0] else None
    if op == 0x37:  # le
        return True if x[1] <= y[0] else False if x[0] > y[1] else None
    return None


def _consts(v: Val, prefix: str) -> list[str]:
    """Constant values of a kind (``c`` strings, ``i`` ints, ``k`` classes) a value may hold."""
    return [o[2:] for o in v[1] if o.startswith(prefix + ":")]


_ALL_PARAM_LABELS = frozenset(f"P{i}" for i in range(256))  # a method has at most 255 parameters


class _Sub(dict[str, set[Label]]):
    """What a callee's parameter labels stand for at one call site.

    ``P<i>`` is the caller's argument ``i``; ``P<i>.<field>`` is what the
    caller knows of that field of argument ``i``'s objects (computed on first
    use): its own heap entry, its own parameter path, nothing for a fresh
    object, else the field's global label. Without ``vals`` (reflective
    calls) paths fall back to the global label.
    """

    def __init__(self, an: _Analysis, run: _MethodRun, st: State, vals: list[Val] | None,
                 paths: set[str]) -> None:
        super().__init__()
        self.an, self.run, self.st, self.vals, self.paths = an, run, st, vals, paths
        if vals is not None:
            for i, v in enumerate(vals):
                self[f"P{i}"] = an.labels_of(run, st, v)

    def __missing__(self, key: str) -> set[Label]:
        idx, dot, gk = key.partition(".")
        out: set[Label] = set()
        if not dot:
            return out
        i = int(idx[1:])
        if self.vals is None or i >= len(self.vals) or not self.vals[i][1]:
            out.add(gk)
        else:
            an, run, st = self.an, self.run, self.st
            for o in self.vals[i][1]:
                hw = st.heap.get((o, gk))
                if hw is not None:
                    out |= an.labels_of(run, st, hw)
                elif an.is_fresh(st, o) or o[1] == ":":
                    continue
                else:
                    out.add(an.path_label(run, o, gk))
        self[key] = out
        return out


def _subst(labels: Labels, sub: _Sub) -> set[Label]:
    """Replace parameter labels by the caller's argument labels (``sub``)."""
    if labels.isdisjoint(_ALL_PARAM_LABELS) and labels.isdisjoint(sub.paths):
        return set(labels)
    out: set[Label] = set()
    for lab in labels:
        if isinstance(lab, str) and lab[0] == "P":
            out |= sub[lab]
        else:
            out.add(lab)
    return out


def _arg_slot(arg: int | str, static: bool) -> int:
    """Position in the argument list of a sink's data argument (``this`` or a parameter index)."""
    if arg == "this":
        return -1 if static else 0
    return int(arg) + (0 if static else 1)


def _fold_wide(vals: list[Val], params: tuple[str, ...], static: bool) -> list[Val]:
    """Argument values per parameter: wide (long/double) arguments take two registers."""
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


def _desc(java: str) -> str:
    return "L" + java.replace(".", "/") + ";"


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


def _sccs(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively, callees first."""
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


def _write_through(an: _Analysis, g: str, site: SinkSite) -> None:
    """What reaches send or storage site ``site`` is written to channel ``g``."""
    for r in an.leak_roots.get(site, ()):
        an.write_global(g, an.leak_at.get((site, r), set()), r, site)


def _resolve_icc(an: _Analysis, methods: dict[str, Method]) -> set[SinkSite]:
    """Turn sends to components of this app into channel writes; return those (internal) send sites."""
    p = an.p
    by_kind: dict[str, list[tuple[str, tuple[str, ...]]]] = {"activity": [], "service": [], "receiver": []}
    if an.app is not None:
        for comp in an.app.components:
            if not comp.enabled or comp.kind in ("provider", "instrumentation"):
                continue
            kind = "activity" if comp.kind == "activity-alias" else comp.kind
            name = comp.target if comp.kind == "activity-alias" and comp.target else comp.name
            actions = tuple(a for f in comp.intent_filters for a in f.actions)
            by_kind[kind].append((_desc(name), actions))
    for rcls, action in an.dynamic_receivers:
        by_kind["receiver"].append((rcls, (action,)))
    has_result_handler = any(k.endswith("->" + _RESULT_CALLBACK) for k in methods)
    internal: set[SinkSite] = set()
    for site, (kind, targets) in an.icc_sends.items():
        labels = an.global_leaks.get(site)
        if not labels:
            continue
        dests: set[str] = set()
        if kind == "result":
            if has_result_handler:
                dests.add("result")
        else:
            for t in targets:
                tag, _, value = t.partition(":")
                for desc, actions in by_kind.get(kind, ()):
                    if (tag == "class" and desc == value) or (tag == "action" and value in actions):
                        dests.add(desc)
        if not dests:
            # an app outside may answer: what was sent can come back with the result
            if kind == "activity" and has_result_handler and site.api.rsplit(".", 1)[-1] in _FOR_RESULT:
                _write_through(an, "G:icc:result", site)
            continue
        internal.add(site)
        for d in dests:
            c: str | None = d
            while c is not None:
                _write_through(an, f"G:icc:{c}", site)
                ci = p.classes.get(c)
                c = ci.superclass if ci is not None else None
    return internal


_ROUNDS = 8  # rounds over a recursive component before its summaries are taken as they are
_INBOUND_ID = "icc.inbound_intent"
# Platform actions with which any app hands data to an activity (share, open, edit …).
_DATA_ACTIONS = frozenset("android.intent.action." + a for a in (
    "SEND", "SEND_MULTIPLE", "SENDTO", "VIEW", "EDIT", "INSERT", "ATTACH_DATA", "PROCESS_TEXT"))


def _inbound(an: _Analysis, methods: dict[str, Method]) -> None:
    """Activities other apps hand data to: what their incoming intents carry is a source.

    An activity counts when it is exported with an intent filter for one of the platform's
    actions for sharing, opening or editing data (:data:`_DATA_ACTIONS`) and no code of the
    app outside the activity names its class or one of its actions: intents the app sends
    itself are followed as channels instead. The data's PI types are unknown, so the source
    carries none.
    """
    if an.app is None:
        return
    comps: dict[str, tuple[str, set[str]]] = {}  # activity class -> (Java name, filter actions)
    for comp in an.app.components:
        if not comp.enabled or not comp.exported or comp.kind not in ("activity", "activity-alias"):
            continue
        name = comp.target if comp.kind == "activity-alias" and comp.target else comp.name
        actions = {a for f in comp.intent_filters for a in f.actions}
        if actions & _DATA_ACTIONS:
            comps.setdefault(_desc(name), (name, set()))[1].update(actions)
    if not comps:
        return
    named: dict[str, set[str]] = {}  # string or class constant -> classes using it
    for m in methods.values():
        f = an.p.facts(m)
        for _pc, _reg, value in f.strings:
            named.setdefault(value, set()).add(m.cls)
        for c in f.const_classes:
            named.setdefault(c, set()).add(m.cls)
    for desc, (name, actions) in comps.items():
        inner = desc[:-1] + "$"
        users = set().union(*(named.get(x, set()) for x in (desc, name, *actions)))
        if any(u != desc and not u.startswith(inner) for u in users):
            continue
        loc = CodeLocation(name, "<intent>", "", -1)
        an.sources.append(PIAccess(source_id=_INBOUND_ID, api="android.content.Intent (from another app)",
                                   kind="intent", pi=(), location=loc,
                                   owner=an.owner(name), reachable=True))
        an.global_writes.setdefault(f"G:icc:{desc}", set()).add(len(an.sources) - 1)


def analyse(program: Program, kb: KnowledgeBase, reach: Reachability, access: Iterable[PIAccess],
            budget_s: float = 60.0, app: AppInfo | None = None,
            native: dict[str, NativeBinding] | None = None, max_rss_mb: float | None = None,
            owner: OwnerResolver | None = None) -> TaintResult:
    """Run the taint analysis over the reachable methods.

    ``native`` says, per native method (``<class descriptor>-><name>``), which
    libraries implement it and what they can read and send. The analysis
    stops, with what it found so far marked partial, when ``budget_s``
    seconds have passed or the process's resident memory exceeds
    ``max_rss_mb`` (checked after the first method, then every 32 methods and every 256 blocks).
    """
    started = time.monotonic()
    an = _Analysis(program, kb, reach, access, started + budget_s, app, native, max_rss_mb, owner)
    given = len(an.sources)
    methods: dict[str, Method] = {}
    for key in reach.methods:
        cls, sig = key.split("->", 1)
        ci = program.classes.get(cls)
        m = ci.methods.get(sig) if ci else None
        if m is not None and m.code_off and m.cls not in an.containers:
            methods[key] = m
    edges: dict[str, set[str]] = {}
    for key, m in methods.items():
        outs: set[str] = set()
        for call in program.facts(m).calls:
            for t in call_targets(program, reach, call.target, call.op):
                if t.key in methods:
                    outs.add(t.key)
        outs.update(k for k in reach.reflective.get(key, ()) if k in methods)
        edges[key] = outs
    # methods with reflective calls may read the summary of any method named by constants
    reflective = {k for k, m in methods.items()
                  if any(c.target.name == "invoke" and c.target.cls == "Ljava/lang/reflect/Method;"
                         for c in program.facts(m).calls)}
    analysed = 0
    covered = 0
    for comp in _sccs(sorted(methods), edges):
        if an.partial:
            break
        recursive = len(comp) > 1 or comp[0] in edges.get(comp[0], ())
        # In a recursive component a method is analysed again only when a summary it reads
        # (a callee's in the component, or any member's for reflective calls) changed since
        # its last analysis: with the same inputs it would give the same summary and record
        # the same leaks and writes again.
        members = set(comp)
        deps = {k: members if k in reflective else edges[k] & members for k in comp} if recursive else {}
        changed_at: dict[str, int] = {}
        done_at: dict[str, int] = {}
        for rnd in range(_ROUNDS if recursive else 1):
            changed = False
            for key in comp:
                if rnd and all(changed_at.get(d, -1) < done_at[key] for d in deps[key]):
                    continue
                s = an.analyse(methods[key])
                analysed += 1
                done_at[key] = analysed
                if analysed & 31 == 1:
                    an.over_budget()
                old = an.summaries.get(key)
                if old is None or old.key() != s.key():
                    an.summaries[key] = s
                    changed = True
                    changed_at[key] = analysed
            if not changed or an.over_budget(memory=False):
                break
        if not an.over_budget(memory=False):
            covered += len(comp)
    for mkey, gk in an.fresh_reads:
        an.global_writes[f"{_FRESH}{mkey}|{gk}"] = an.fresh_value(mkey, gk, methods)
    internal = _resolve_icc(an, methods)
    _inbound(an, methods)
    for site in an.global_leaks:
        chan = _STORAGE_CHANNELS.get(site.sink)
        if chan is not None:
            _write_through(an, chan, site)
    resolved = _solve_globals(an.global_writes)
    root_of = an.leak_roots
    paths = LeakPaths(an.summaries, edges, an.leak_at, an.writers, resolved,
                      [f"{_desc(a.location.cls)}->{a.location.method}{a.location.proto}"
                       if a.location.offset >= 0 or a.kind != "intent" else None for a in an.sources])
    leaks: list[Leak] = []
    for site, rlabs in an.global_leaks.items():
        if site in internal:
            continue
        concrete: set[int] = set()
        for lab in rlabs:
            if isinstance(lab, int):
                concrete.add(lab)
            elif lab.startswith("G:"):
                concrete |= resolved.get(lab, set())
        if concrete:
            roots = root_of.get(site, set())
            leaks.append(Leak(site, tuple(an.sources[i] for i in sorted(concrete)), tuple(sorted(roots)),
                              paths.path(site, roots, concrete)))
    leaks.sort(key=lambda lk: (lk.sink.method, lk.sink.pc))
    return TaintResult(leaks=leaks, analysed_methods=analysed, partial=an.partial,
                       seconds=round(time.monotonic() - started, 3), methods_total=len(methods),
                       methods_covered=covered, stopped_by=an.stopped_by, errors=an.errors,
                       found_sources=[a for a in an.sources[given:] if a.pi])


def _unpath(labels: Iterable[Label]) -> set[Label]:
    """The global field labels behind parameter field paths (``P0.G:x`` -> ``G:x``)."""
    return {x.partition(".")[2] for x in labels if isinstance(x, str) and x[0] == "P" and "." in x}


def _is_param(label: Label) -> bool:
    return isinstance(label, str) and label[0] == "P"


def _solve_globals(gvals: dict[str, set[Label]]) -> dict[str, set[int]]:
    """Resolve global labels to concrete sources (least fixpoint)."""
    resolved: dict[str, set[int]] = {g: {x for x in v if isinstance(x, int)} for g, v in gvals.items()}
    deps = {g: [x for x in v if isinstance(x, str) and x.startswith("G:") and x != g]
            for g, v in gvals.items()}
    changed = True
    while changed:
        changed = False
        for g, ds in deps.items():
            cur = resolved[g]
            before = len(cur)
            for dep in ds:
                cur |= resolved.get(dep, set())
            if len(cur) != before:
                changed = True
    return resolved
