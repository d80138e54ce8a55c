"""What the analysis of one app shares across methods: code, catalogues, summaries, global results, budget.

:class:`Context` is built once per analysis and handed to every part of the
engine; each concern keeps its own extra state in its handler (ICC sends in
:mod:`~analyzer.taint.android`, reflective sources in
:mod:`~analyzer.taint.reflection` …). :class:`MethodRun` is the state of one
method's analysis while it runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import DexError
from analyzer.common.descriptors import split_params
from analyzer.common.memory import rss_mb
from analyzer.kb.catalogue import KnowledgeBase, SinkSpec
from analyzer.kb.owners import OwnerResolver
from analyzer.model import PIAccess
from analyzer.program.cfg import Body, build_body
from analyzer.program.fieldclasses import field_classes
from analyzer.program.hierarchy import ClassInfo, Method, Program
from analyzer.program.reach import Reachability
from analyzer.taint.carriers import Carriers
from analyzer.taint.domain import EMPTY, Label, Labels, SinkSite, Summary, Thrown
from analyzer.taint.library import CONTAINER_INTERFACES, MODELLED_LIBRARIES, LibraryModel


def class_desc(java: str) -> str:
    """The descriptor of a class named in Java terms: ``com.a.B$C`` -> ``Lcom/a/B$C;``."""
    return "L" + java.replace(".", "/") + ";"


def method_key(java_cls: str, name: str, proto: str) -> str:
    """The key of a method named in Java terms (``com.a.B``, ``run``, ``()V``)."""
    return f"{class_desc(java_cls)}->{name}{proto}"


class MethodRun:
    """The state of one method's analysis: object types, what it returns, throws, writes and leaks."""

    __slots__ = ("classes", "fresh_this", "gwrites", "held", "implicit", "leaks", "m", "otype", "param_objs",
                 "params_out", "ret", "ret_consts", "stored", "this_fields", "throws")

    def __init__(self, m: Method, classes: dict[str, ClassInfo]) -> None:
        self.m = m
        self.classes = classes
        """The app's classes: objects of other types are data as a whole."""
        self.otype: dict[str, str] = {}
        self.param_objs: dict[str, int] = {}
        self.ret: set[Label] = set()
        self.ret_consts: set[str] | None = set()  # None once a return is not constant
        self.stored = False  # some local container was stored in a field or array
        # constructors: fields stored in this; None once this escapes
        self.this_fields: dict[str, set[Label]] | None = (
            {} if m.name == "<init>" and not m.is_static else None)
        self.throws: Thrown = {}
        self.fresh_this = False  # a first lifecycle callback: fields of this start as constructed
        self.params_out: dict[int, set[Label]] = {}
        self.gwrites: dict[str, set[Label]] = {}
        self.held: dict[str, str] = {}
        """Objects read from a field not followed here (``s@``/``f@``) → the field's global: what
        is added to a library object among them is the field's content for every reader."""
        self.leaks: dict[SinkSite, set[Label]] = {}
        self.implicit: Labels = EMPTY  # the implicit labels of the block being analysed (engine)


class Context:
    """The analysis-wide state: the program and catalogues, the source reads, summaries and global results."""

    def __init__(self, program: Program, kb: KnowledgeBase, reach: Reachability,
                 access: Iterable[PIAccess], deadline: float, app: AppInfo | None = None,
                 max_rss_mb: float | None = None, owner: OwnerResolver | None = None) -> None:
        self.p = program
        self.kb = kb
        self.reach = reach
        self.app = app
        self.owner = owner or OwnerResolver(kb, app.package if app is not None else "")
        self.lib = LibraryModel(program.framework)
        self.deadline = deadline
        self.max_rss_mb = max_rss_mb
        self.partial = False
        self.stopped_by = ""
        self.errors: list[str] = []
        self.source_specs = {spec.id: spec for spec in kb.sources}
        self.paths: set[str] = set()  # every P<i>.<field> label made so far
        self.fresh_reads: set[tuple[str, str]] = set()  # (first callback, field) read at entry
        # the source reads: their index is their label; reflection, native code and inbound
        # intents add more while the analysis runs
        self.sources: list[PIAccess] = []
        self.site_labels: dict[tuple[str, int], frozenset[int]] = {}
        self.callback_labels: dict[str, list[tuple[int, int]]] = {}
        params_by_id = {s.id: s.param for s in kb.sources if s.param is not None}
        # a broadcast's intent and a provider's Uri hold PI without being it: the reads through them
        # are the sources (:mod:`~analyzer.taint.carriers`); the action string itself carries nothing
        self.carriers = Carriers(self.add_source, self.owner, self.paths)
        for a in access:
            if not a.reachable or (a.kind == "intent_action" and a.location.offset >= 0):
                continue
            idx = len(self.sources)
            self.sources.append(a)
            if a.kind in ("intent_action", "content_uri"):
                self.carriers.add(idx, a, kb.by_id.get(a.source_id))
            mkey = method_key(a.location.cls, a.location.method, a.location.proto)
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
        self.store_keys: dict[SinkSite, set[str]] = {}
        """Preference write sites: the constant keys written (``?``: a key not known)."""
        self.unknown_streams: set[SinkSite] = set()
        """File sink sites on a generic stream or writer of unknown origin: a leak, but nothing the
        app is known to read back (a socket's stream handed around looks the same)."""
        self.sink_steps: dict[SinkSite, set[SinkSite]] = {}
        """Sink sites -> further calls of the same method in their flow: the puts of data into the
        ContentValues row the site writes (steps of its leak)."""
        self.sink_follows: dict[SinkSite, set[SinkSite]] = {}
        """Sink sites -> the sink calls of the same method on what they returned, which send their
        data on without being handed it (connect or getOutputStream on the connection an
        openConnection of data returned)."""
        self.global_writes: dict[str, set[Label]] = {}
        self.leak_roots: dict[SinkSite, set[str]] = {}
        # for the leak paths: concrete labels per (sink site, method where they became so),
        # and per global the methods (and send or storage sites) that write it
        self.leak_at: dict[tuple[SinkSite, str], set[Label]] = {}
        self.writers: dict[str, dict[tuple[str, SinkSite | None], set[Label]]] = {}
        self.bodies: dict[str, Body | None] = {}
        self._owner_cache: dict[tuple[str, str], str] = {}
        self._sink_cache: dict[tuple[str, str], list[SinkSpec]] = {}
        self._allocations: dict[str, int] | None = None
        self._one_instance: dict[str, bool] = {}
        self.strings = app.string_resources if app is not None else {}
        # fields only ever assigned constant strings, and those strings
        blocked: set[str] = set()
        found: dict[str, set[str]] = {}
        for (fcls, fname), (any_other, values) in program.object_field_writes().items():
            gk = self.field_key(fcls, fname)
            if any_other:
                blocked.add(gk)
            if values:
                found.setdefault(gk, set()).update(values)
        self.field_consts = {g: frozenset(v) for g, v in found.items() if g not in blocked and len(v) <= 8}
        # fields that hold only objects of one app class (every store an allocation of it or null):
        # what is read from them is of that class, for dispatch
        held = field_classes(program, sorted(reach.methods), self.field_key)
        self.field_class: dict[str, str] = {str(gk): next(iter(cs)) for gk, cs in held.items()
                                            if len(cs) == 1 and next(iter(cs)) in program.classes}
        # app classes modelled by their container interface's contract, not analysed
        # and bundled libraries modelled by their API (MODELLED_LIBRARIES), whose objects are data
        modelled = frozenset(c for c in program.classes if c.startswith(MODELLED_LIBRARIES))
        self.containers = modelled | frozenset(c for c in program.classes
                                               if not program.supertypes(c).isdisjoint(CONTAINER_INTERFACES))
        self._run_classes = ({c: ci for c, ci in program.classes.items() if c not in modelled}
                             if modelled else program.classes)
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

    def run(self, m: Method) -> MethodRun:
        """A fresh per-method state for ``m``."""
        return MethodRun(m, self._run_classes)

    def add_source(self, access: PIAccess) -> int:
        """Record a source read found during the analysis; its label."""
        self.sources.append(access)
        return len(self.sources) - 1

    def over_budget(self, memory: bool = True) -> bool:
        """Whether the time (and with ``memory`` the memory) budget has run out; then results are partial."""
        if not self.partial:
            if time.monotonic() > self.deadline:
                self.partial, self.stopped_by = True, "time"
            elif memory and self.max_rss_mb is not None and rss_mb() > self.max_rss_mb:
                self.partial, self.stopped_by = True, "memory"
        return self.partial

    def body(self, m: Method) -> Body | None:
        """The control-flow graph of ``m`` (None for native or undecodable code), built once."""
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
        """The catalogued sinks a call of ``cls.name`` is (also through the framework class declaring it)."""
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

    def one_instance(self, cls: str) -> bool:
        """Whether the reachable code allocates at most one object of app class ``cls`` or its
        subclasses (none: the framework makes it, a component): then the fields of every instance
        are one object's, as in an allocation-site model."""
        got = self._one_instance.get(cls)
        if got is None:
            if self._allocations is None:
                self._allocations = {}
                for key in self.reach.methods:
                    m = self.p.method(key)
                    if m is not None and m.code_off:
                        for t in self.p.facts(m).news:
                            self._allocations[t] = self._allocations.get(t, 0) + 1
            allocs = self._allocations
            got = sum(allocs.get(c, 0) for c in self.p.subtypes(cls) | {cls}) <= 1
            self._one_instance[cls] = got
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

    def family(self, cls: str) -> list[str]:
        """App classes above and below ``cls`` (who may declare a callback an instance of it gets)."""
        out = [c for c in self.p.supertypes(cls) | self.p.subtypes(cls) if c in self.p.classes]
        return sorted(out)[:64]

    def write_global(self, g: str, labels: set[Label], writer: str, via: SinkSite | None = None) -> None:
        """Record that method ``writer`` stores ``labels`` in global ``g`` (through send or
        storage site ``via``), for the fixpoint and for the leak paths (``labels`` is kept,
        not copied: the caller must not change it afterwards)."""
        self.global_writes.setdefault(g, set()).update(labels)
        ws = self.writers.setdefault(g, {})
        old = ws.get((writer, via))
        ws[(writer, via)] = labels if old is None else old | labels
