"""Which of an app's methods can run: entry points and a rapid-type-analysis call graph.

Entry points are what the Android framework calls on its own: the
Application class and every enabled manifest component (lifecycle and any
other framework method they override; a disabled one once reachable code
names it in ``setComponentEnabledSetting``), fragments layouts name (``<fragment
android:name>``), handlers named by ``android:onClick`` in layouts, static
initialisers of classes the code touches, and the methods web content may call
on an object given to ``WebView.addJavascriptInterface`` (``@JavascriptInterface``
ones; in an app that targets API 16 or lower, every public one). In a hybrid
app, scripts call native code by name: the classes they bind (a React Native
module, a Cordova service, a Flutter channel's handler:
:func:`analyzer.static.hybrid.natives.script_entries`) are made with their
handlers (``execute``, ``onMethodCall``), and a live React Native module's
``@ReactMethod`` methods run.

From there a worklist follows calls. Static and direct calls resolve up the
superclass chain; virtual and interface calls dispatch to every *live*
class — one instantiated in reachable code, named by a class literal, or
created by the framework — that is a subtype of the receiver type (rapid
type analysis, Bacon & Sweeney 1996). A live class whose method overrides a framework method makes
that method reachable too, because framework code may call it (listeners,
``Runnable.run``, ``AsyncTask.doInBackground`` …). Not so the lifecycle an
activity, service or provider class inherits when the manifest does not
declare it: the system never starts such a class, whatever the code names or
instantiates (a receiver registered in code needs no declaration).

This over-approximates what can run (no path sensitivity) and misses what
only reflection or native code reaches; those are reported by later stages.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import ACC_PUBLIC, DexError, MethodRef
from analyzer.common.descriptors import java_to_descriptor
from analyzer.program.hierarchy import Call, Method, Program, sig_of

_REFLECTION_CLASSES = frozenset(("Ljava/lang/Class;", "Ljava/lang/ClassLoader;"))
_REFLECTION_CALLS = frozenset(("forName", "loadClass", "getMethod", "getDeclaredMethod", "getMethods",
                               "getDeclaredMethods", "newInstance", "getConstructor",
                               "getDeclaredConstructor"))
# Methods web content may call on an object given to WebView.addJavascriptInterface.
JS_INTERFACE_ANNOTATIONS = frozenset(("Landroid/webkit/JavascriptInterface;",
                                      "Lcom/tencent/smtt/export/external/interfaces/JavascriptInterface;"))
REACT_METHOD = "Lcom/facebook/react/bridge/ReactMethod;"
"""Methods React Native's bridge calls from scripts on a live native module (found by reflection)."""
SCRIPT_HANDLERS = frozenset(("execute", "onMethodCall"))
"""Methods a hybrid framework calls on a class a script binds by name: a Cordova plugin's ``execute``
overloads (its ``PluginManager`` finds the class in ``config.xml``), a Flutter handler's ``onMethodCall``."""
JS_ANNOTATION_FROM = 17
"""From API 17 web content may call only the annotated methods of an exposed object; an app that
targets an older level exposes every public method (CVE-2012-6636)."""
_JS_EXPOSE = "addJavascriptInterface"
_INVOKE_STATIC = 0x71
_INVOKE_DIRECT = 0x70
_INVOKE_SUPER = 0x6F
_ENABLE_CALL = "setComponentEnabledSetting"
COMPONENT_BASES = frozenset(("Landroid/app/Activity;", "Landroid/app/Service;",
                             "Landroid/content/ContentProvider;"))
"""Components the system starts only when the manifest declares (and enables) them: the lifecycle
an app class inherits from one of these runs only for a declared class, never for one the code
merely instantiates or names (startActivity/startService to an undeclared class fails)."""


@dataclass
class Reachability:
    """Result of the reachability analysis."""

    methods: set[str] = field(default_factory=set)
    """Keys of reachable methods."""
    live: set[str] = field(default_factory=set)
    """Classes that can be instantiated."""
    entry_points: list[str] = field(default_factory=list)
    """Keys of the methods the framework calls first."""
    reasons: dict[str, str] = field(default_factory=dict)
    """For each entry point: why (component, callback, onClick …)."""
    edges: int = 0
    """Call-graph edges followed."""
    framework_called: set[str] = field(default_factory=set)
    """Methods the framework may call directly (entry points and callbacks)."""
    reflective: dict[str, set[str]] = field(default_factory=dict)
    """Caller key -> keys of the methods it may call by reflection with constant names."""
    enabled_in_code: set[str] = field(default_factory=set)
    """Components the manifest disables that reachable code names in a
    ``PackageManager.setComponentEnabledSetting`` call: the app may enable them, so they can run."""
    _targets: dict[tuple[str, str, bool], tuple[Method, ...]] = field(default_factory=dict)

    def __contains__(self, key: str) -> bool:
        return key in self.methods


class _RTA:
    def __init__(self, program: Program, resource_strings: tuple[str, ...] = (), target_sdk: int = 1) -> None:
        self.p = program
        self.resource_strings = resource_strings
        self.public_js = target_sdk < JS_ANNOTATION_FROM
        self.result = Reachability()
        self.queue: deque[Method] = deque()
        # (sig) -> receiver types of reachable virtual calls with that signature
        self.vcalls: dict[str, set[str]] = {}
        self.clinit_done: set[str] = set()
        self._strings_of: dict[str, frozenset[str]] = {}
        self._names_of: dict[str, frozenset[str]] = {}
        self.declared: frozenset[str] | None = None
        """Classes the manifest declares as enabled components (None: unknown, all count)."""

    def add(self, m: Method | None, reason: str | None = None) -> None:
        if m is None or m.key in self.result.methods:
            return
        self.result.methods.add(m.key)
        if reason is not None:
            self.result.framework_called.add(m.key)
            self.result.entry_points.append(m.key)
            self.result.reasons[m.key] = reason
        self.queue.append(m)

    def clinit(self, cls: str) -> None:
        c: str | None = cls
        while c is not None and c not in self.clinit_done:
            self.clinit_done.add(c)
            ci = self.p.classes.get(c)
            if ci is None:
                return
            self.add(ci.methods.get("<clinit>()V"))
            c = ci.superclass

    def make_live(self, cls: str, reason: str | None = None) -> None:
        if cls in self.result.live or cls not in self.p.classes:
            return
        self.result.live.add(cls)
        self.clinit(cls)
        supers = self.p.supertypes(cls)
        seen: set[str] = set()
        undeclared = self.undeclared_component(cls)
        c: str | None = cls
        while c is not None and c in self.p.classes:
            js, react = self.js_methods(c)
            for sig, m in self.p.classes[c].methods.items():
                if sig in seen or m.is_static or m.name.startswith("<"):
                    continue
                seen.add(sig)
                impl = self.p.resolve(cls, sig)
                if impl is None:
                    continue
                pending = self.vcalls.get(sig)
                if sig in js:  # web content may call it (if the object is given to a WebView)
                    self.result.framework_called.add(impl.key)
                    self.add(impl, f"JavaScript interface method {sig}")
                elif sig in react:  # the app's scripts may call it
                    self.result.framework_called.add(impl.key)
                    self.add(impl, f"React Native method {sig}")
                elif pending and not pending.isdisjoint(supers):
                    self.add(impl)
                elif self.p.overrides_framework(cls, sig) and not (
                        undeclared and self.p.framework.declares_overridable(undeclared, sig)):
                    self.result.framework_called.add(impl.key)
                    self.add(impl, reason and f"{reason}: framework callback {sig}")
            c = self.p.classes[c].superclass
        # default methods of interfaces the class implements
        for t in supers:
            ti = self.p.classes.get(t)
            if ti is not None and ti.is_interface:
                for sig, m in ti.methods.items():
                    if m.code_off and not m.is_static and sig not in seen:
                        seen.add(sig)
                        impl = self.p.resolve(cls, sig)
                        pending = self.vcalls.get(sig)
                        if impl is not None and ((pending and not pending.isdisjoint(supers))
                                                 or self.p.overrides_framework(cls, sig)):
                            if self.p.overrides_framework(cls, sig):
                                self.result.framework_called.add(impl.key)
                            self.add(impl)

    def undeclared_component(self, cls: str) -> frozenset[str]:
        """The framework superclasses whose callbacks never run for ``cls``: those of an activity,
        service or provider class the manifest does not declare (and enable); else empty. Methods
        of interfaces the app class itself implements (listeners, ``Runnable``) still count."""
        if self.declared is None or cls in self.declared:
            return frozenset()
        ext = self.p.external_supertypes(cls)
        if COMPONENT_BASES.isdisjoint(ext):
            return frozenset()
        c: str | None = cls
        while c is not None and c in self.p.classes:
            c = self.p.classes[c].superclass
        return frozenset({c}) if c is not None else frozenset()

    def exposed(self, calls: list[Call]) -> None:
        """In an app that targets API 16 or lower: every public instance method of an object given
        to ``addJavascriptInterface`` here is one web content may call. The object's class is the
        app class the call just before the exposure returns (``getApi()``) or, else, the class its
        register was last constructed as (``<init>`` on it): the usual ways an exposed object is
        made (registers are not followed; an object read from a field is not seen)."""
        made: dict[int, str] = {}
        returned: str | None = None  # the app class the call just before returns
        for c in calls:
            if c.target.name == _JS_EXPOSE and len(c.args) >= 2:
                cls = returned or made.get(c.args[1])
                if cls is not None and cls in self.p.classes:
                    self.make_live(cls)
                    self.public_methods(cls)
            elif c.target.name == "<init>" and c.args:
                made[c.args[0]] = c.target.cls
                returned = None
            else:
                ret = c.target.ret
                returned = ret if ret in self.p.classes else None

    def public_methods(self, cls: str) -> None:
        """Make the public instance methods of ``cls`` (its own and inherited app ones) reachable as
        methods web content may call."""
        c: str | None = cls
        seen: set[str] = set()
        while c is not None and c in self.p.classes:
            for sig, m in self.p.classes[c].methods.items():
                if sig in seen or m.is_static or m.name.startswith("<") or not m.access & ACC_PUBLIC:
                    continue
                seen.add(sig)
                impl = self.p.resolve(cls, sig)
                if impl is not None:
                    self.result.framework_called.add(impl.key)
                    self.add(impl, f"JavaScript interface method {sig} (API 16 or lower: every public one)")
            c = self.p.classes[c].superclass

    def js_methods(self, cls: str) -> tuple[frozenset[str], frozenset[str]]:
        """Signatures of ``cls``'s methods annotated ``@JavascriptInterface``, and of those annotated
        ``@ReactMethod``."""
        ci = self.p.classes[cls]
        if not ci.annotations_off:
            return frozenset(), frozenset()
        try:
            ann = self.p.method_annotations(ci)
        except DexError:
            return frozenset(), frozenset()
        js = frozenset(sig for sig, types in ann.items() if not JS_INTERFACE_ANNOTATIONS.isdisjoint(types))
        return js, frozenset(sig for sig, types in ann.items() if REACT_METHOD in types)

    def virtual_call(self, recv: str, sig: str) -> None:
        known = self.vcalls.setdefault(sig, set())
        if recv in known:
            return
        known.add(recv)
        for sub in self.p.subtypes(recv) & self.result.live:
            self.add(self.p.resolve(sub, sig))
        # the declared type's own (possibly inherited) implementation when it is abstractly live
        # is covered by the loop above; nothing to do for framework receivers.

    def reflection(self, m: Method, names: set[str]) -> None:
        """Classes named by constants become live; methods named by constants in them reachable.

        Class names come from the method's own strings, the other strings of its
        class (a name is often kept in a field set elsewhere) and string
        resources when the code reads them; method names are looked up only in
        the classes so named, in class literals of the method, and in the
        method's own class hierarchy (``getClass().getMethod(…)``).
        """
        f = self.p.facts(m)
        strings = set(names) | self._class_strings(m.cls)
        classes: set[str] = {m.cls} | set(f.const_classes)
        for text in strings:
            if "." in text and " " not in text:
                desc = "L" + text.replace(".", "/") + ";"
                if desc in self.p.classes:
                    classes.add(desc)
                    self.make_live(desc)
        wanted = {t for t in names if t.isidentifier()}
        if not wanted:
            return
        for desc in classes:
            for sub in self.p.subtypes(desc) | {desc}:
                c: str | None = sub
                while c is not None and c in self.p.classes:
                    if not self._method_names(c).isdisjoint(wanted):
                        for meth in self.p.classes[c].methods.values():
                            if meth.name in wanted and meth.code_off:
                                self.add(meth)
                                self.result.reflective.setdefault(m.key, set()).add(meth.key)
                    c = self.p.classes[c].superclass

    def _class_strings(self, cls: str) -> frozenset[str]:
        """Every constant string in the methods of ``cls`` (cached: reflection asks per call site)."""
        got = self._strings_of.get(cls)
        if got is None:
            ci = self.p.classes.get(cls)
            got = frozenset(s for other in ci.methods.values()
                            for _pc, _r, s in self.p.facts(other).strings) if ci is not None else frozenset()
            self._strings_of[cls] = got
        return got

    def _method_names(self, cls: str) -> frozenset[str]:
        """Names of the methods ``cls`` declares (cached)."""
        got = self._names_of.get(cls)
        if got is None:
            got = frozenset(meth.name for meth in self.p.classes[cls].methods.values())
            self._names_of[cls] = got
        return got

    def run(self) -> None:
        p = self.p
        while self.queue:
            m = self.queue.popleft()
            f = p.facts(m)
            if any(c.target.cls in _REFLECTION_CLASSES and c.target.name in _REFLECTION_CALLS
                   for c in f.calls):
                extra = set(self.resource_strings) if any(
                    c.target.name in ("getString", "getText") for c in f.calls) else set()
                self.reflection(m, {s for _pc, _r, s in f.strings} | extra)
            for t in f.news:
                self.make_live(t)
            for cls in f.static_classes:
                self.clinit(cls)
            for t in f.const_classes:
                # A class literal is how code hands a class to something that will
                # instantiate it reflectively (Intent targets, WorkManager, Room …).
                ci = p.classes.get(t)
                if ci is not None and not ci.is_abstract:
                    self.make_live(t)
                else:
                    self.clinit(t)
            if self.public_js and any(c.target.name == _JS_EXPOSE for c in f.calls):
                self.exposed(f.calls)
            for call in f.calls:
                self.result.edges += 1
                tgt = call.target
                sig = sig_of(tgt)
                if call.op == _INVOKE_STATIC:
                    self.clinit(tgt.cls)
                    self.add(p.resolve(tgt.cls, sig))
                elif call.op in (_INVOKE_DIRECT, _INVOKE_SUPER):
                    self.add(p.resolve(tgt.cls, sig))
                else:
                    self.virtual_call(tgt.cls, sig)


_LIFECYCLE_HINT = {
    "activity": "activity", "activity-alias": "activity", "service": "service",
    "receiver": "receiver", "provider": "provider", "instrumentation": "instrumentation",
}


def reachable(program: Program, app: AppInfo, script_classes: dict[str, str] | None = None) -> Reachability:
    """Compute the reachable methods of ``program`` given the manifest facts in ``app`` (``script_classes``:
    descriptor → why, the native classes a hybrid app's scripts call into by name)."""
    rta = _RTA(program, tuple(app.string_resources.values()), app.target_sdk or app.min_sdk or 1)
    roots: list[tuple[str, str]] = []
    if app.application_class:
        roots.append((java_to_descriptor(app.application_class), "application"))
    for comp in app.components:
        if not comp.enabled:
            continue
        name = comp.target if comp.kind == "activity-alias" and comp.target else comp.name
        roots.append((java_to_descriptor(name), f"{_LIFECYCLE_HINT[comp.kind]} {name}"))
    rta.declared = frozenset(cls for cls, _reason in roots)
    # A layout's <fragment android:name> is made by the framework when the layout is inflated.
    roots.extend((java_to_descriptor(f), f"layout fragment {f}") for f in sorted(app.layout_fragments))
    for cls, reason in roots:
        _root(rta, cls, reason)
    for cls, reason in sorted((script_classes or {}).items()):
        _script_root(rta, cls, reason)
    # android:onClick handlers: public void name(View) on a live activity (or any live class).
    if app.onclick_handlers:
        for cls in list(rta.result.live):
            for h in app.onclick_handlers:
                m = program.resolve(cls, f"{h}(Landroid/view/View;)V")
                if m is not None:
                    rta.result.framework_called.add(m.key)
                    rta.add(m, f"layout android:onClick=\"{h}\"")
    rta.run()
    disabled = {java_to_descriptor(c.target if c.kind == "activity-alias" and c.target else c.name): c
                for c in app.components if not c.enabled and c.kind in _LIFECYCLE_HINT}
    while disabled and (enabled := _enabled_in_code(rta, disabled)):
        for cls in enabled:
            comp = disabled.pop(cls)
            rta.result.enabled_in_code.add(cls)
            rta.declared = rta.declared | {cls}
            rta.result.live.discard(cls)  # live before as a plain class: now its lifecycle runs
            _root(rta, cls, f"{_LIFECYCLE_HINT[comp.kind]} {comp.name} (disabled, enabled in code)")
        rta.run()
    return rta.result


def _script_root(rta: _RTA, cls: str, reason: str) -> None:
    """A class scripts call into by name (:data:`SCRIPT_HANDLERS`, ``@ReactMethod``): the framework makes it
    (its no-argument constructor, when it has one) and calls its handlers."""
    if cls not in rta.p.classes:
        return
    rta.make_live(cls, reason)
    rta.add(rta.p.resolve(cls, "<init>()V"), reason)
    c: str | None = cls
    while c is not None and c in rta.p.classes:
        for sig, m in rta.p.classes[c].methods.items():
            if m.name in SCRIPT_HANDLERS and not m.is_static and m.code_off:
                impl = rta.p.resolve(cls, sig)
                if impl is not None:
                    rta.result.framework_called.add(impl.key)
                    rta.add(impl, f"{reason}: {m.name}")
        c = rta.p.classes[c].superclass


def _root(rta: _RTA, cls: str, reason: str) -> None:
    """Make the component class ``cls`` an entry point: the framework instantiates it through its
    no-argument constructor and calls its lifecycle."""
    ci = rta.p.classes.get(cls)
    if ci is None:
        return
    rta.add(ci.methods.get("<init>()V"), reason + ": constructor")
    rta.make_live(cls, reason)


def _enabled_in_code(rta: _RTA, disabled: Mapping[str, object]) -> set[str]:
    """The disabled components a reachable method calling ``setComponentEnabledSetting`` names (by
    class literal or Java class name): the app may turn them on (the new state is not followed)."""
    found: set[str] = set()
    for key in rta.result.methods:
        m = rta.p.method(key)
        if m is None:
            continue
        f = rta.p.facts(m)
        if not any(c.target.name == _ENABLE_CALL for c in f.calls):
            continue
        named = set(f.const_classes) | {java_to_descriptor(s) for _pc, _r, s in f.strings
                                        if "." in s and " " not in s}
        found |= named & disabled.keys()
    return found


def call_targets(program: Program, reach: Reachability, ref: MethodRef, op: int) -> tuple[Method, ...]:
    """App methods an invoke of ``ref`` (with invoke kind ``op``) may run, as RTA sees it."""
    base = op - 6 if 0x74 <= op <= 0x78 else op
    virtual = base in (0x6E, 0x72)
    sig = sig_of(ref)
    key = (ref.cls, sig, virtual)
    got = reach._targets.get(key)
    if got is not None:
        return got
    if not virtual:
        m = program.resolve(ref.cls, sig)
        result: tuple[Method, ...] = (m,) if m is not None and m.key in reach.methods else ()
    else:
        found: dict[str, Method] = {}
        for sub in program.subtypes(ref.cls) & reach.live:
            m = program.resolve(sub, sig)
            if m is not None and m.key in reach.methods:
                found[m.key] = m
        result = tuple(found[k] for k in sorted(found))
    reach._targets[key] = result
    return result
