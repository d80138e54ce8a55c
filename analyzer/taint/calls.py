"""Calls: what an invoke does to the state, through a plan made once per call site.

A :class:`CallPlan` holds everything about an invoke that does not depend on
the state: the callee, the app methods it may dispatch to, the catalogued
sinks it is, the Android channel hooks and the constant-computing handler
that apply to it, how taint moves through it when no app code runs. It is
made the first time the site is analysed and reused on every later visit, so
the concerns (channels, reflection, native code, constants) are chosen once,
not tested on every call.

At a call, in order: the source read it is (if any), the channel hooks, the
sinks it reaches (a leak per sink site), then either the summaries of the
app methods it may run (substituting the caller's arguments, :mod:`~analyzer.taint.substitution`)
or the library model (:mod:`~analyzer.taint.library`). A library source called on an
object (``WifiInfo.getMacAddress``) gives what its entry says it reads, not everything the
object holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from analyzer.apk.dex import ACC_NATIVE, MethodRef
from analyzer.apk.opcodes import (
    STATIC_INVOKES,
    UNKNOWN_INVOKES,
)
from analyzer.common.descriptors import descriptor_to_java
from analyzer.kb.catalogue import SinkSpec
from analyzer.model import CodeLocation
from analyzer.program.cfg import Body
from analyzer.program.hierarchy import Method, sig_of
from analyzer.program.reach import call_targets
from analyzer.taint import constants
from analyzer.taint.android import CONTENT_VALUES, ICC_SENDS, INTENT_CLASSES, Android, Hook
from analyzer.taint.carriers import LIST, OPEN, Read, names_photos, path_step, read_of
from analyzer.taint.constants import Constants
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import (
    ELEMS,
    EMPTY,
    ESCAPED,
    KIND,
    NO_OBJS,
    NONE,
    VALUE_TYPES,
    WHOLE,
    Label,
    Labels,
    SinkSite,
    State,
    Thrown,
    Val,
    consts,
    explicit_only,
    implicit,
    is_param,
    thrown_labels,
)
from analyzer.taint.heap import (
    calls_out,
    class_init,
    deep_labels,
    escape,
    is_data_object,
    is_fresh,
    labels_of,
    publish,
    set_meta,
    wrapped,
)
from analyzer.taint.library import Rule, keyed
from analyzer.taint.native import Native
from analyzer.taint.reflection import REFLECT_METHOD, Reflection
from analyzer.taint.substitution import Sub, guarded, subst

PROVIDER_FILTERS = frozenset(("query", "delete"))
"""Provider calls whose data is a filter (selection, its arguments): given to the platform's own
PI provider (a contact's id to look up its numbers), they disclose nothing; the data stays on
the device, in the store it was read from or that holds it."""

RET_VOID, RET_VALUE, RET_OBJECT = 0, 1, 2

CONTENT_TESTS = frozenset(("equals", "equalsIgnoreCase", "contentEquals", "regionMatches", "startsWith",
                           "endsWith", "contains", "matches", "containsKey", "containsValue"))
"""Library predicates that test a value's content: their result carries it implicitly (a presence
or size test, ``isEmpty``, ``hasNext``, carries none, as a null test does not)."""
OBJECT = "Ljava/lang/Object;"
MEGAMORPHIC = 16
"""App implementations a call on an object of unknown class may run beyond which it runs library
code only: ``Object.toString`` on an ``Object`` would otherwise return what every ``toString``
override of the app and its libraries formats (a ``LocationResult``'s locations)."""

Special = Callable[[MethodRun, State, MethodRef, bool, Val, list[Val], int], frozenset[str]]
"""What a library call computes besides taint (constants, metadata), chosen per call site from
:mod:`~.android`, :mod:`~.reflection` and :mod:`~.constants`:
(run, state, callee, static, this, arguments, pc) -> constant objects of its result."""


@dataclass(frozen=True, slots=True)
class CallPlan:
    """What an invoke at one call site needs that does not depend on the state."""

    ref: MethodRef
    """The method named at the site."""
    static: bool
    """``invoke-static``: no receiver among the arguments."""
    sig: str
    """The callee's name and prototype (for dispatch on the receiver's type)."""
    api: str
    """The callee in Java terms, as a sink site names it."""
    targets: tuple[Method, ...]
    """App methods it may dispatch to (empty: library code)."""
    native: bool
    """Some target is a native method."""
    sinks: tuple[SinkSpec, ...]
    """The catalogued sinks it is (none for a message to the app's own handler)."""
    icc_kind: str | None
    """For an intent send, the kind of component it starts."""
    hooks: tuple[Hook, ...]
    """Android channel hooks, in order (storage read, getIntent, AsyncTask, broadcast result, message)."""
    special: Special | None
    """What it computes besides taint when it runs library code (constants, metadata)."""
    reflective: bool
    """``Method.invoke``."""
    clinit: bool
    """A static call that may run its class's initialiser."""
    rule: Rule
    """How taint moves through it as library code."""
    ret: int
    """:data:`RET_VOID`, :data:`RET_VALUE` (the data is the reference) or :data:`RET_OBJECT`."""
    read: Read | None = None
    """How it reads through a carrier (an extra, an intent's data, a provider query), if it does."""
    path_step: bool = False
    """It builds a path from its arguments: a constant naming the photo folder makes a photo handle."""


def arg_slot(arg: int | str, static: bool) -> int:
    """Position in the argument list of a sink's data argument (``this`` or a parameter index)."""
    if arg == "this":
        return -1 if static else 0
    return int(arg) + (0 if static else 1)


def fold_wide(vals: list[Val], params: tuple[str, ...], static: bool) -> list[Val]:
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


def within_library(caller: str, sink_cls: str) -> bool:
    """Whether a sink call is made by the bundled library that declares the sink, to itself (Rhino's
    own code calling ``Function.call``): the library running, not data the app hands it. The app's
    call into the library is the sink site; the data is already in the library there. (Framework
    classes are never analysed, so this only concerns libraries bundled as DEX classes.)"""
    pkg = sink_cls.rpartition(".")[0]
    return bool(pkg) and caller.startswith(pkg + ".")


class Calls:
    """The invokes of one analysis: call plans, and applying summaries or library models."""

    def __init__(self, cx: Context, android: Android, reflection: Reflection, native: Native) -> None:
        self.cx = cx
        self.android = android
        self.reflection = reflection
        self.native = native
        self.constants = Constants(cx)
        self._plans: dict[tuple[int, int, int], CallPlan] = {}
        self.thrown: Thrown = {}
        """The exceptions the last call may throw, by class (its value's labels are their union)."""
        self._known_ancestry: dict[str, bool] = {}

    # -- the plan --------------------------------------------------------------------

    def plan(self, dex: int, idx: int, code: int) -> CallPlan:
        """The plan of an invoke of method ``idx`` of DEX ``dex`` with opcode ``code`` (made once)."""
        got = self._plans.get((dex, idx, code))
        if got is None:
            got = self._plans[(dex, idx, code)] = self._make_plan(dex, idx, code)
        return got

    def _make_plan(self, dex: int, idx: int, code: int) -> CallPlan:
        cx = self.cx
        ref = cx.p.dex[dex].method(idx)
        static = code in STATIC_INVOKES
        targets = call_targets(cx.p, cx.reach, ref, code)
        message = self.android.is_message_send(ref, static)
        ret = (RET_VOID if ref.ret == "V" else
               RET_VALUE if ref.ret in VALUE_TYPES or not ref.ret.startswith(("L", "[")) else RET_OBJECT)
        sinks = () if message else tuple(cx.sinks_for(ref.cls, ref.name))
        # a sink called through an app subclass (ClipboardReceiver.setResultData) is named by the
        # framework class that declares it
        named = sinks[0].cls if sinks and ref.cls in cx.p.classes else descriptor_to_java(ref.cls)
        return CallPlan(
            ref=ref, static=static, sig=sig_of(ref), api=f"{named}.{ref.name}",
            targets=targets, native=any(t.access & ACC_NATIVE for t in targets),
            sinks=sinks,
            icc_kind=ICC_SENDS.get(ref.name), hooks=self.android.hooks_for(ref, static),
            special=self._special(ref, static),
            reflective=ref.cls == REFLECT_METHOD and ref.name == "invoke",
            clinit=static and ref.cls in cx.clinit_writes,
            rule=cx.lib.rule(ref.cls, ref.name, ref.ret), ret=ret,
            read=read_of(ref, static, cx.p.supertypes(ref.cls)), path_step=path_step(ref))

    def _special(self, ref: MethodRef, static: bool) -> Special | None:
        """The handler of what a library call computes besides taint; the first that applies."""
        cls, name = ref.cls, ref.name
        if cls in INTENT_CLASSES:
            return self.android.intent_meta
        if name == "registerReceiver":
            return self.android.register_receiver
        if name == "addJavascriptInterface":
            return self.android.js_interface
        if name == "put" and cls == CONTENT_VALUES:
            return self.android.row_put
        if self.constants.is_resource_getter(ref):
            return self.constants.resource_string
        if name == "getOutputStream" and not static:
            return self.constants.output_stream
        if name == "<init>" and not static and cls in constants.MEMORY_STREAMS:
            return constants.memory_stream
        if name == "<init>" and not static and (cls.startswith("Ljava/io/") or cls == constants.FORMATTER):
            return constants.wrapper
        if cls == "Ljava/util/Random;" and name == "nextInt":
            return constants.random_int
        if cls == "Ljava/lang/ClassLoader;" and name == "loadClass":
            return self.reflection.load_class
        if cls == REFLECT_METHOD:
            return self.reflection.method_meta
        if cls == "Ljava/lang/reflect/Constructor;" and name == "newInstance":
            return self.reflection.new_instance
        if cls == "Ljava/lang/Class;":
            return self.reflection.class_ops
        if name == "getClass" and not static:
            return self.reflection.get_class
        if cls == "Ljava/lang/String;":
            return constants.string_op
        if cls in constants.STRING_BUILDERS:
            return constants.string_builder
        return None

    # -- dispatch --------------------------------------------------------------------

    def narrow(self, run: MethodRun, targets: tuple[Method, ...], receivers: frozenset[str],
               sig: str) -> tuple[Method, ...]:
        """Dispatch targets the receiver objects' types allow (exact for allocations, else subtypes)."""
        p = self.cx.p
        keep: set[str] = set()
        for o in receivers:
            t = run.otype.get(o)
            if t is None or t not in p.classes:
                return targets
            impl = p.resolve(t, sig)
            if impl is not None:
                keep.add(impl.key)
            if not o.startswith("n@"):
                subs = p.subtypes(t)
                keep.update(m.key for m in targets if m.cls in subs)
        return tuple(m for m in targets if m.key in keep) or targets

    def receivers_of(self, run: MethodRun, target: Method, receivers: frozenset[str]) -> frozenset[str]:
        """The receiver objects whose (exact or declared) type may dispatch to ``target``."""
        p = self.cx.p
        out = set()
        for o in receivers:
            t = run.otype.get(o)
            if t is None or t == OBJECT:
                out.add(o)
            elif t not in p.classes:
                # a library type declared: only app classes that are one can be the receiver
                if target.cls in p.subtypes(t) or not self._ancestry_known(target.cls):
                    out.add(o)
            elif o.startswith("n@"):
                impl = p.resolve(t, target.sig)
                if impl is None or impl.key == target.key:
                    out.add(o)
            elif target.cls in p.subtypes(t) or (
                    (impl := p.resolve(t, target.sig)) is not None and impl.key == target.key):
                out.add(o)
        return frozenset(out)

    def _untyped(self, run: MethodRun, receivers: frozenset[str]) -> bool:
        """Whether nothing is known of the receivers' classes (declared Object, or no type)."""
        return all(run.otype.get(o) in (None, OBJECT) for o in receivers)

    def _ancestry_known(self, cls: str) -> bool:
        """Whether every library supertype of app class ``cls`` is known to the framework model
        (else a library type it extends through an unknown class may be missing from its supertypes)."""
        got = self._known_ancestry.get(cls)
        if got is None:
            fw = self.cx.p.framework
            got = self._known_ancestry[cls] = all(t in fw.classes for t in self.cx.p.external_supertypes(cls))
        return got

    def _unchecked(self, cls: str) -> bool:
        """Whether exception class ``cls`` is unchecked (a RuntimeException or an Error)."""
        p = self.cx.p
        return p.is_subtype(cls, "Ljava/lang/RuntimeException;") or p.is_subtype(cls, "Ljava/lang/Error;")

    def _library_receivers(self, run: MethodRun, plan: CallPlan, targets: tuple[Method, ...],
                           vals: list[Val]) -> list[Val] | None:
        """The arguments of a virtual call restricted to the receivers that are library objects, or
        None when there are none.

        A receiver is a library object when it carries taint itself (a reference to an app
        object never does), or when its type is a library type no app method the call may run
        belongs to: ``Object.toString`` on the ``Editable`` that ``getText`` returned runs the
        library's ``toString``, whatever app classes override it. A receiver of unknown type, or
        of a type app classes extend (``Object``), that carries nothing goes to the app methods only;
        a method an app class declares (``Processor.encodeUtf8`` on a field's value) has no library
        code at all."""
        if plan.static or not vals:
            return None
        p = self.cx.p
        if plan.ref.cls in p.classes and not p.external_declaring(plan.ref.cls, plan.ref.name):
            return None  # the method named is the app's own: no library code can implement it
        labels, objs = vals[0]
        lib = set()
        for o in objs:
            t = run.otype.get(o)
            if t is None or t in p.classes:
                continue
            subs = p.subtypes(t)
            if not any(m.cls in subs for m in targets):
                lib.add(o)
        return [(labels, frozenset(lib)), *vals[1:]] if lib or labels else None

    def construct(self, run: MethodRun, st: State, targets: tuple[Method, ...], vals: list[Val]) -> str:
        """Apply a constructor's field stores to its receiver; return the receiver object if done."""
        recv = vals[0][1]
        if len(targets) != 1 or len(recv) != 1:
            return ""
        (o,) = recv
        if not (is_fresh(st, o) or (o == "p#0" and run.this_fields is not None)):
            return ""
        s = self.cx.summaries.get(targets[0].key)
        if s is None or s.this_fields is None:
            return ""
        sub = Sub(self.cx, run, st, vals)
        for gk, labs in s.this_fields.items():
            st.heap[(o, gk)] = (frozenset(subst(labs, sub)), NO_OBJS)
        return o

    # -- the invoke ------------------------------------------------------------------

    def invoke(self, run: MethodRun, body: Body, k: int, st: State) -> Val:
        """Apply the invoke at instruction ``k`` to ``st``; return the value it may throw."""
        cx = self.cx
        pc, code, a, _b, _c, args = body.insns[k]
        if code >= UNKNOWN_INVOKES:  # invoke-polymorphic/custom: an unknown call
            labels: set[Label] = set()
            for r in args:
                labels |= labels_of(run, st, st.regs.get(r, NONE))
            st.pending = (frozenset(labels), frozenset({f"r@{pc}"}))
            return NONE
        plan = self._plans.get((run.m.dex, a, code))
        if plan is None:
            plan = self.plan(run.m.dex, a, code)
        ref, static = plan.ref, plan.static
        vals = fold_wide([st.regs.get(r, NONE) for r in args], ref.params, static)
        result_labels: set[Label] = set()
        ret_obj = f"r@{pc}"
        result_objs: set[str] = {ret_obj}
        run.otype[ret_obj] = ref.ret
        exc_labels: Thrown = {}
        self.thrown = exc_labels
        src = cx.site_labels.get((run.m.key, pc))
        if src:
            result_labels |= src
            run.otype.pop(ret_obj, None)  # a source result is data as a whole (Cursor, Location …)
        for hook in plan.hooks:
            got = hook(run, st, pc, ref, vals)
            if got:
                result_labels |= got
        reported = self._sinks(run, st, pc, plan, vals)
        if plan.reflective and len(vals) >= 2:
            refl = self.reflection.invoke(run, st, pc, vals)
            if refl is not None:
                rl, ro = refl
                st.pending = (frozenset(rl), frozenset(ro | {ret_obj}))
                st.heap[(ret_obj, WHOLE)] = (frozenset(rl), NO_OBJS)
                run.otype.pop(ret_obj, None)
                return NONE
        if plan.clinit:
            class_init(cx, run, st, ref.cls)
        targets = plan.targets
        if len(targets) > 1 and not static and vals:
            targets = self.narrow(run, targets, vals[0][1], plan.sig)
            if len(targets) > MEGAMORPHIC and self._untyped(run, vals[0][1]):
                targets = ()  # an object of unknown class: not every override of the app at once
        if plan.native:
            natives = [t for t in targets if t.access & ACC_NATIVE]
            if natives:
                result_labels |= self.native.call(run, st, pc, natives, vals)
        if targets and (ref.cls in cx.containers or all(t.cls in cx.containers for t in targets)):
            targets = ()
        if targets:
            self._app_call(run, st, plan, targets, vals, result_labels, result_objs, exc_labels)
            lib_vals = self._library_receivers(run, plan, targets, vals)
            if lib_vals is not None:  # e.g. Object.toString on a text object: library code runs too
                self._library_call(run, st, pc, plan, lib_vals, result_labels, result_objs)
        else:
            keyed_v = self._library_call(run, st, pc, plan, vals, result_labels, result_objs)
            if keyed_v is not None:  # an entry filed under a constant key: exactly what was put there
                result_labels = set(labels_of(run, st, keyed_v))
                cx.paths.update(x for x in keyed_v[0] if isinstance(x, str) and is_param(x))  # a given entry
                result_objs = {ret_obj} | set(keyed_v[1])
            if src and not static and vals:
                result_labels = self._getter_result(run, st, src, result_labels, vals)
            if plan.path_step:
                result_labels |= self._photo_folder(run, st, pc, plan, vals)
            if plan.read is not None:
                got = self._read(run, st, pc, plan, plan.read, vals)
                if got and plan.ref.name == "<init>":  # a loader: what it will load is in it
                    for o in vals[0][1]:
                        w = st.heap.get((o, WHOLE), NONE)
                        st.heap[(o, WHOLE)] = (w[0] | got, w[1])
                result_labels |= got
                if plan.read.what == OPEN:
                    self._opened(st, plan, vals, result_labels)
        if reported and not targets:
            # data handed to a sink has left; the sink's result (a connection, a stream)
            # does not carry it on, or every later call on it would count again: the sink calls
            # on it in this method are steps of this one's leak (see _sinks)
            result_labels -= reported
            if plan.ret == RET_OBJECT:
                set_meta(st, frozenset((ret_obj,)), "@sent", [f"s:{pc}"])
        if plan.ret == RET_VALUE:
            st.pending = (frozenset(result_labels), frozenset(o for o in result_objs if o[1] == ":"))
        elif plan.ret == RET_OBJECT:
            st.heap[(ret_obj, WHOLE)] = (frozenset(result_labels), NO_OBJS)
            st.pending = (EMPTY, frozenset(result_objs))
        else:
            st.pending = NONE
        return (frozenset(thrown_labels(exc_labels)), NO_OBJS) if exc_labels else NONE

    def _read(self, run: MethodRun, st: State, pc: int, plan: CallPlan, read: Read,
              vals: list[Val]) -> set[Label]:
        """A read through the carriers the object read holds: a source at this call for each."""
        if read.slot >= len(vals):
            return set()
        labels = labels_of(run, st, vals[read.slot])
        m = run.m
        loc = CodeLocation(descriptor_to_java(m.cls), m.name, m.proto, pc)
        if read.what in (LIST, OPEN) and any(names_photos(x) for x in consts(vals[read.slot], "c")):
            labels = labels | {self.cx.carriers.photo_folder(loc)}  # a constant path into the folder
        if not labels:
            return set()
        keys: tuple[str, ...] | None = None
        if read.key_slot is not None and read.key_slot < len(vals):
            kv = vals[read.key_slot]
            found = consts(kv, "c")
            keys = tuple(sorted(found)) if found and len(found) == len(kv[1]) else None
        carriers = self.cx.carriers
        return carriers.through(carriers.site(m.key, loc, plan.api, read.what, keys), labels)

    def _photo_folder(self, run: MethodRun, st: State, pc: int, plan: CallPlan,
                      vals: list[Val]) -> set[Label]:
        """A path-building call given a constant that names the photo folder (``append("DCIM")``,
        ``new File(root, "DCIM")``, ``getExternalStoragePublicDirectory(DIRECTORY_DCIM)``): its
        result, and the builder or ``File`` it builds, are photo handles (:mod:`~.carriers`)."""
        if not any(names_photos(x) for v in vals for x in consts(v, "c")):
            return set()
        m = run.m
        lab = self.cx.carriers.photo_folder(CodeLocation(descriptor_to_java(m.cls), m.name, m.proto, pc))
        if plan.ref.name in ("<init>", "append") and vals:  # the builder or File made (not a String)
            add = frozenset((lab,))
            for o in vals[0][1]:
                if o[1] != ":":
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | add, w[1])
        return {lab}

    def _opened(self, st: State, plan: CallPlan, vals: list[Val], result_labels: set[Label]) -> None:
        """A stream (or image) opened on a photo is its content, no handle to the folder: the
        stream made, or the result, drops the photo-folder label its path gave it."""
        photos = self.cx.carriers.photos
        if photos is None:
            return
        result_labels.discard(photos)
        for o in vals[0][1] if plan.ref.name == "<init>" and vals else ():
            w = st.heap.get((o, WHOLE))
            if w is not None and photos in w[0]:
                st.heap[(o, WHOLE)] = (w[0] - {photos}, w[1])

    def _getter_result(self, run: MethodRun, st: State, src: Labels, result: set[Label],
                       vals: list[Val]) -> set[Label]:
        """A library source called on an object another source returned (``WifiInfo.getMacAddress``
        on the connection info, ``Location.getLatitude`` on the last known location) gives what its
        entry says it reads: the receiver's reads of other PI types stay in the object, its reads of
        the same types are where the value comes from (kept), and so are labels whose reads are not
        known here (a parameter's, a channel's)."""
        sources = self.cx.sources
        mine = {p for lab in src if isinstance(lab, int) and lab >= 0 for p in sources[lab].pi}
        given: set[Label] = set()
        for v in vals[1:]:
            given |= labels_of(run, st, v)
        return {lab for lab in result if lab in src or lab in given or not isinstance(lab, int)
                or lab < 0 or set(sources[lab].pi) <= mine}

    def _sinks(self, run: MethodRun, st: State, pc: int, plan: CallPlan, vals: list[Val]) -> set[Label]:
        """Record the leaks of a call that is a sink; the labels it reported."""
        reported: set[Label] = set()
        static = plan.static
        caller = descriptor_to_java(run.m.cls)
        for spec in plan.sinks:
            if within_library(caller, spec.cls):
                continue
            tainted: set[Label] = set()
            for ai in spec.args:
                idx = arg_slot(ai, static)
                if 0 <= idx < len(vals):
                    got = deep_labels(self.cx, run, st, vals[idx])
                    if len(vals[idx][1]) == 1 and next(iter(vals[idx][1]))[:2] in ("c:", "i:"):
                        got = explicit_only(got)  # one constant whatever the branches decide
                    tainted |= got
            tainted |= run.implicit  # a sink call that a branch on PI decides discloses it implicitly
            if not static and vals and "this" in spec.args:
                self._sink_step(run, st, pc, plan, vals[0])
            if not tainted:
                continue
            if spec.sink == "content_provider" and plan.ref.name in PROVIDER_FILTERS \
                    and self._device_provider(run, st, vals, static):
                continue
            sink_kind = spec.sink
            kinds: set[str] = set()
            if not static and vals:
                # a generic stream or writer: the kind is where the stream goes
                kinds = {x[2:] for o in vals[0][1] for x in st.heap.get((o, KIND), NONE)[1]}
                if len(kinds) == 1:
                    sink_kind = next(iter(kinds))
            if sink_kind == "memory":  # a buffer in memory: not a sink, the data stays
                continue
            reported |= tainted
            site = SinkSite(run.m.key, pc, sink_kind, plan.api)
            if sink_kind == "file" and not kinds and plan.ref.cls not in constants.FILE_STREAMS:
                self.cx.unknown_streams.add(site)
            if sink_kind == "shared_prefs" and not static and len(vals) > 1:
                keys = consts(vals[1], "c")  # putString(key, value): the entry's key
                self.cx.store_keys.setdefault(site, set()).update(keys if len(keys) == len(vals[1][1])
                                                                  and keys else ["?"])
            run.leaks.setdefault(site, set()).update(tainted)
            for ai in spec.args:  # a ContentValues row: where data was put into it
                idx = arg_slot(ai, static)
                if 0 <= idx < len(vals) and CONTENT_VALUES in plan.ref.params:
                    self.android.row_write(site, st, vals[idx])
            if spec.sink == "ipc" and plan.icc_kind is not None:
                slot = arg_slot(spec.args[0], static) if spec.args else -1
                carrier = vals[slot] if 0 <= slot < len(vals) else NONE
                # sendBroadcast(intent, receiverPermission) with a permission named
                nxt = slot + 1 - (0 if static else 1)  # the parameter after the intent
                restricted = (plan.icc_kind == "receiver" and slot + 1 < len(vals)
                              and plan.ref.params[nxt:nxt + 1] == ("Ljava/lang/String;",)
                              and bool(consts(vals[slot + 1], "c")))
                self.android.record_send(site, plan.icc_kind, st, carrier, restricted)
        return reported

    def _device_provider(self, run: MethodRun, st: State, vals: list[Val], static: bool) -> bool:
        """Whether the ``Uri`` a provider call is given is only ever the platform's PI provider
        (contacts, call log, SMS …: a catalogued ``Uri`` carrier, :mod:`~.carriers`)."""
        idx = arg_slot(0, static)
        if not 0 <= idx < len(vals):
            return False
        # a framework's static field (Contacts.CONTENT_URI) is a global the app never writes
        labels = {x for x in labels_of(run, st, vals[idx])
                  if not (isinstance(x, str) and x.startswith("G:L") and x[2:].partition(";")[0] + ";"
                          not in self.cx.p.classes)}
        by_label = self.cx.carriers.by_label
        return bool(labels) and all(isinstance(x, int) and x in by_label and by_label[x].provider
                                    for x in labels)

    def _sink_step(self, run: MethodRun, st: State, pc: int, plan: CallPlan, recv: Val) -> None:
        """A sink call on what an earlier sink call of data in this method returned (``connect`` on
        the connection of ``URL.openConnection``): a step of that call's leak."""
        for o in recv[1]:
            for x in st.heap.get((o, "@sent"), NONE)[1]:
                first = int(x[2:])
                for site in [s for s in run.leaks if s.pc == first]:
                    self.cx.sink_follows.setdefault(site, set()).add(replace(site, pc=pc, api=plan.api))

    def _app_call(self, run: MethodRun, st: State, plan: CallPlan, targets: tuple[Method, ...],
                  vals: list[Val], result_labels: set[Label], result_objs: set[str],
                  exc_labels: Thrown) -> None:
        """A call of app code: apply the summaries of the methods it may run."""
        cx = self.cx
        static = plan.static
        publish(run, st)
        sub: Sub | None = None
        sub_narrowed = False
        consts_all: set[str] = set()
        consts_known = True
        # a call the receiver does not tie to one implementation: what the implementations raise
        # unchecked (an index error deep in a protobuf encoder) is not taken to reach every site
        # that may run one of them (each Runnable.run of the app at every run() call)
        poly = not static and len(targets) > 1 and vals != [] and \
            sum(1 for t in targets if self.receivers_of(run, t, vals[0][1])) > 1
        # a call on a parameter's object that several implementations may answer: which one runs
        # is the caller's to say (the class of the object it passes)
        guard = None
        if poly and len({run.param_objs.get(o) for o in vals[0][1]}) == 1:
            guard = run.param_objs.get(next(iter(vals[0][1])))
        for t in targets:
            s = cx.summaries.get(t.key)
            if s is None or not s.ret_consts:
                consts_known = False
            else:
                consts_all |= s.ret_consts
            if s is None or s.empty:
                continue
            if len(targets) > 1 and not static and vals[0][1]:
                # each implementation sees only the receivers that dispatch to it
                own = self.receivers_of(run, t, vals[0][1])
                if not own:
                    continue
                if own != vals[0][1]:
                    sub = Sub(cx, run, st, [(vals[0][0], own), *vals[1:]])
                elif sub is None or sub_narrowed:
                    sub = Sub(cx, run, st, vals)
                sub_narrowed = own != vals[0][1]
            elif sub is None:
                sub = Sub(cx, run, st, vals)
            if s.ret:
                got = subst(s.ret, sub)
                if guard is not None:  # what this implementation returns, if the parameter runs it
                    got = guarded(cx, guard, t.key, got)
                result_labels |= got
            for typ, labs in s.throws.items():
                if not (poly and typ and self._unchecked(typ)):
                    exc_labels.setdefault(typ, set()).update(subst(labs, sub))
            for pi, labs in s.params.items():
                if pi < len(vals):
                    add = frozenset(subst(labs, sub))
                    for o in vals[pi][1]:
                        if is_data_object(run, o):
                            w = st.heap.get((o, WHOLE), NONE)
                            st.heap[(o, WHOLE)] = (w[0] | add, w[1])
            for g, labs in s.gwrites.items():
                run.gwrites.setdefault(g, set()).update(subst(labs, sub))
            for site, labs in s.leaks.items():
                run.leaks.setdefault(site, set()).update(subst(labs, sub))
        if consts_known and consts_all:
            result_objs |= consts_all
        # app code may change any field of the objects it was given, except what a
        # constructor is known to store in its fresh receiver
        passed = {o for v in vals for o in v[1]}
        calls_out(run, st)
        built = self.construct(run, st, targets, vals) if plan.ref.name == "<init>" and vals else ""
        passed.discard(built)
        if passed:
            for key in [key for key in st.heap
                        if key[0] in passed and key[1] not in (WHOLE, ELEMS, ESCAPED)]:
                del st.heap[key]
            escape(run, st, passed)

    def _library_call(self, run: MethodRun, st: State, pc: int, plan: CallPlan, vals: list[Val],
                      result_labels: set[Label], result_objs: set[str]) -> Val | None:
        """A call of library code: its model; the entry of a local keyed container it reads, if any."""
        cx = self.cx
        ref, static = plan.ref, plan.static
        keyed_v = keyed(cx.p, cx.lib, st, ref, vals) if not static and vals else None
        if vals:  # what a library call is given, it may keep or hand to app code
            given = {o for v in (vals if static else vals[1:]) for o in v[1]}
            if any(not is_data_object(run, o) for o in given):
                calls_out(run, st)  # an app object handed over: it may be called back
            if not static and ref.name != "<init>":  # framework code may call back into the app
                given |= {o for o in vals[0][1] if not is_data_object(run, o)}
            escape(run, st, given)
        this_v = vals[0] if not static and vals else NONE
        arg_vs = vals if static else vals[1:]
        if plan.special is not None:
            found = plan.special(run, st, ref, static, this_v, arg_vs, pc)
            if found:
                result_objs |= found
        rule = plan.rule
        arg_labels: set[Label] = set()
        arg_objs: set[str] = set()
        for v in arg_vs:
            arg_labels |= labels_of(run, st, v)
            arg_objs |= v[1]
        if rule.args_to_this and not static and (arg_labels or (rule.container and arg_objs)):
            add = frozenset(arg_labels)
            for o in wrapped(st, this_v[1]) if add else ():
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
                add = frozenset(labels_of(run, st, vals[fi]))
                if add:
                    for o in vals[ti][1]:
                        w = st.heap.get((o, WHOLE), NONE)
                        st.heap[(o, WHOLE)] = (w[0] | add, w[1])
        if rule.kill_ret and ref.ret == "Z" and ref.name in CONTENT_TESTS:
            # a test of the data's content (equals, startsWith): one bit of it, implicitly
            tested = arg_labels if static else arg_labels | labels_of(run, st, this_v)
            result_labels |= implicit(tested)
        if not rule.kill_ret and plan.ret != RET_VOID:
            if rule.to_ret:
                result_labels |= arg_labels
            if rule.this_to_ret and not static:
                result_labels |= labels_of(run, st, this_v)
            if rule.container and not static:
                for o in this_v[1]:
                    ew = st.heap.get((o, ELEMS))
                    if ew is not None:
                        result_objs |= ew[1]
        return keyed_v
