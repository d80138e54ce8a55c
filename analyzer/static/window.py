"""The pre-consent window: the methods that can run before the user's first interaction.

An app that must ask for consent before collecting PI can only ask through
its UI, so whatever runs before the first user interaction runs before
consent. The window starts where Android starts an app on its own:

* the Application class: constructor, ``attachBaseContext``, ``onCreate``;
* every content provider in the manifest (SDKs initialise themselves
  through providers): constructor, ``attachInfo``, ``onCreate``;
* the launcher activity: constructor, ``onCreate``, ``onStart``, ``onResume``;
* activities and services those start with a class literal
  (``startActivity(new Intent(this, Main.class))`` from a splash screen);
* static initialisers of the classes the window touches.

From there a rapid type analysis *restricted to the window*: only objects
allocated in the window exist, so virtual calls dispatch to window-live
classes only. Framework callbacks are entered only where the window hands
an object to the framework: an argument whose declared type is a framework
callback interface (``Runnable``, ``LocationListener``, …) or callback class
(``TimerTask``, ``BroadcastReceiver``, …) and the receiver of
``Thread.start``/``AsyncTask.execute``/``Handler.send*``. User-interaction
callbacks (:data:`INTERACTION_TYPES`, ``onOptionsItemSelected``, layout
``android:onClick`` handlers, …) are never entered, whoever calls them.

Each window method keeps how it is reached (its caller and call site), so a
hit in it can show the chain from its entry. What each method does is the
program's facts, or the first launch's (:mod:`analyzer.static.gates`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import INVOKE_OPS, DexError, FieldRef, Insn
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor, split_params
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Method, MethodFacts, Program, sig_of
from analyzer.program.regflow import Hooks, State, Value, analyse, walk

_V = "Landroid/view/"
_W = "Landroid/widget/"
INTERACTION_TYPES = frozenset(
    [f"{_V}View$On{n};" for n in ("ClickListener", "LongClickListener", "TouchListener", "KeyListener",
                                  "ContextClickListener", "CreateContextMenuListener", "DragListener",
                                  "HoverListener", "FocusChangeListener")]
    + [f"Landroid/content/DialogInterface$On{n}Listener;"
       for n in ("Click", "MultiChoiceClick", "Cancel", "Dismiss", "Key")]
    + [f"{_W}AdapterView$OnItem{n}Listener;" for n in ("Click", "LongClick", "Selected")]
    + [f"{_W}{n};" for n in ("CompoundButton$OnCheckedChangeListener", "RadioGroup$OnCheckedChangeListener",
                             "TextView$OnEditorActionListener", "PopupMenu$OnMenuItemClickListener",
                             "PopupMenu$OnDismissListener", "Toolbar$OnMenuItemClickListener",
                             "ActionMenuView$OnMenuItemClickListener", "SeekBar$OnSeekBarChangeListener",
                             "RatingBar$OnRatingBarChangeListener", "NumberPicker$OnValueChangeListener",
                             "ExpandableListView$OnChildClickListener",
                             "ExpandableListView$OnGroupClickListener",
                             "ExpandableListView$OnGroupExpandListener",
                             "ExpandableListView$OnGroupCollapseListener", "SearchView$OnQueryTextListener",
                             "SearchView$OnSuggestionListener", "SearchView$OnCloseListener",
                             "TabHost$OnTabChangeListener",
                             "ShareActionProvider$OnShareTargetSelectedListener")]
    + [f"{_V}{n};" for n in ("MenuItem$OnMenuItemClickListener", "MenuItem$OnActionExpandListener",
                             "GestureDetector$OnGestureListener", "GestureDetector$OnDoubleTapListener",
                             "GestureDetector$OnContextClickListener",
                             "ScaleGestureDetector$OnScaleGestureListener",
                             "ActionMode$Callback", "KeyEvent$Callback")]
    + ["Landroid/text/TextWatcher;", "Landroid/app/DatePickerDialog$OnDateSetListener;",
       "Landroid/app/TimePickerDialog$OnTimeSetListener;", "Landroid/app/ActionBar$TabListener;",
       "Landroid/app/ActionBar$OnNavigationListener;",
       "Landroid/preference/Preference$OnPreferenceClickListener;",
       "Landroid/preference/Preference$OnPreferenceChangeListener;",
       "Landroid/inputmethodservice/KeyboardView$OnKeyboardActionListener;"])
"""Framework listener types whose callbacks only a user action triggers."""

INTERACTION_NAMES = frozenset((
    "onOptionsItemSelected", "onContextItemSelected", "onMenuItemSelected", "onTouchEvent",
    "dispatchTouchEvent", "dispatchKeyEvent", "onBackPressed", "onUserInteraction", "onTrackballEvent",
    "onGenericMotionEvent", "onRequestPermissionsResult", "onKeyDown", "onKeyUp", "onKeyLongPress",
))
"""Framework callbacks (by name) only a user action triggers."""
# Framework classes (not interfaces) whose overrides run as callbacks once an instance is handed over.
_CALLBACK_CLASSES = frozenset((
    "Ljava/lang/Thread;", "Ljava/util/TimerTask;", "Landroid/os/Handler;", "Landroid/os/AsyncTask;",
    "Landroid/content/BroadcastReceiver;", "Landroid/database/ContentObserver;",
    "Landroid/telephony/PhoneStateListener;", "Landroid/net/ConnectivityManager$NetworkCallback;",
    "Landroid/os/CountDownTimer;",
))
_STARTERS = frozenset(("start", "execute", "executeOnExecutor", "sendMessage", "sendMessageDelayed",
                       "sendMessageAtTime", "sendEmptyMessage", "sendEmptyMessageDelayed",
                       "sendEmptyMessageAtTime", "sendMessageAtFrontOfQueue", "schedule"))
_DATA_INTERFACES = frozenset(("Ljava/lang/CharSequence;", "Landroid/os/Parcelable;", "Ljava/io/Serializable;",
                              "Ljava/lang/Comparable;", "Ljava/lang/Cloneable;", "Ljava/lang/Iterable;",
                              "Ljava/util/Collection;", "Ljava/util/List;", "Ljava/util/Map;",
                              "Ljava/util/Set;"))
_ENTRIES = {
    "application": ("<init>()V", "attachBaseContext(Landroid/content/Context;)V", "onCreate()V"),
    "provider": ("<init>()V", "attachInfo(Landroid/content/Context;Landroid/content/pm/ProviderInfo;)V",
                 "onCreate()Z"),
    "activity": ("<init>()V", "onCreate(Landroid/os/Bundle;)V", "onStart()V", "onResume()V"),
    "service": ("<init>()V", "onCreate()V", "onStartCommand(Landroid/content/Intent;II)I",
                "onStart(Landroid/content/Intent;I)V", "onBind(Landroid/content/Intent;)Landroid/os/IBinder;",
                "onHandleIntent(Landroid/content/Intent;)V"),
}
_COMPONENT_STARTS = {"startActivity": "activity", "startActivities": "activity",
                     "startActivityForResult": "activity", "startService": "service",
                     "startForegroundService": "service", "bindService": "service"}
_COMPONENT_BASES = {"activity": "Landroid/app/Activity;", "service": "Landroid/app/Service;"}
_INVOKE_STATIC, _INVOKE_DIRECT, _INVOKE_SUPER = 0x71, 0x70, 0x6F


class ArgClasses(Hooks):
    """App classes each call argument of a method may be an instance of (computed on first use)."""

    def __init__(self, program: Program, m: Method) -> None:
        self.p = program
        self.m = m
        self.calls: dict[int, list[frozenset[str] | None]] | None = None

    def at(self, pc: int, index: int) -> frozenset[str] | None:
        """App classes argument register ``index`` of the call at ``pc`` may be; None when unknown."""
        if self.calls is None:
            self.calls = {}
            m = self.m
            try:
                body = build_body(self.p.dex[m.dex], m.code_off, m.is_static, m.cls, split_params(m.proto))
                entry: State = {} if m.is_static else {body.param_regs[0][0]: frozenset((m.cls,))}
                walk(analyse(body, self.p.dex[m.dex], self, entry), self._visit)
            except DexError:
                pass
        got = self.calls.get(pc)
        v = got[index] if got is not None and index < len(got) else None
        if not v:
            return None
        return frozenset(c for c in v if c in self.p.classes)

    def field(self, pc: int, ref: FieldRef) -> Value | None:
        ci = self.p.classes.get(ref.type)
        return frozenset((ref.type,)) if ci is not None and not ci.is_abstract else None

    def _visit(self, _k: int, insn: Insn, st: State) -> None:
        if insn[1] in INVOKE_OPS and self.calls is not None:
            values = (st.get(r) for r in insn[5])
            self.calls[insn[0]] = [v if isinstance(v, frozenset) else None for v in values]


class Window:
    def __init__(self, program: Program, app: AppInfo,
                 facts: Callable[[Method], MethodFacts] | None = None,
                 args: dict[str, ArgClasses] | None = None) -> None:
        self.p = program
        self.facts = facts or program.facts
        self.args = {} if args is None else args
        """Argument classes per method (they do not depend on ``facts``: windows may share them)."""
        self.fw = program.framework
        self.onclick = frozenset(f"{h}(Landroid/view/View;)V" for h in app.onclick_handlers)
        self.parent: dict[str, tuple[str | None, int]] = {}
        self.entry: dict[str, str] = {}
        self.methods: dict[str, Method] = {}
        self.live: set[str] = set()
        self.vcalls: dict[str, dict[str, tuple[str, int]]] = {}
        self.clinit_done: set[str] = set()
        self.queue: deque[Method] = deque()
        self._sigs: dict[str, tuple[str, ...]] = {}

    def interaction(self, m: Method) -> bool:
        if m.sig in self.onclick:
            return True
        if m.name in INTERACTION_NAMES and self.p.overrides_framework(m.cls, m.sig):
            return True
        hit = INTERACTION_TYPES & self.p.supertypes(m.cls)
        return bool(hit) and self.fw.declares_overridable(hit, m.sig)

    def add(self, m: Method | None, caller: str | None, pc: int, entry: str = "") -> None:
        if m is None or m.key in self.parent or not m.code_off or self.interaction(m):
            return
        self.parent[m.key] = (caller, pc)
        self.entry[m.key] = entry or (self.entry[caller] if caller else "")
        self.methods[m.key] = m
        self.queue.append(m)

    def clinit(self, cls: str, caller: str, pc: int) -> None:
        c: str | None = cls
        while c is not None and c not in self.clinit_done:
            self.clinit_done.add(c)
            ci = self.p.classes.get(c)
            if ci is None:
                return
            self.add(ci.methods.get("<clinit>()V"), caller, pc)
            c = ci.superclass

    def make_live(self, cls: str, caller: str | None, pc: int) -> None:
        if cls in self.live or cls not in self.p.classes:
            return
        self.live.add(cls)
        if caller is not None:
            self.clinit(cls, caller, pc)
        supers = self.p.supertypes(cls)
        c: str | None = cls
        while c is not None and c in self.p.classes:
            for sig in self.p.classes[c].methods:
                pending = self.vcalls.get(sig)
                if pending:
                    for recv, (k, at) in list(pending.items()):
                        if recv in supers:
                            self.add(self.p.resolve(cls, sig), k, at)
                            break
            c = self.p.classes[c].superclass

    def vcall(self, recv: str, sig: str, caller: str, pc: int) -> None:
        known = self.vcalls.setdefault(sig, {})
        if recv in known:
            return
        known[recv] = (caller, pc)
        for sub in self.p.subtypes(recv) & self.live:
            self.add(self.p.resolve(sub, sig), caller, pc)

    def callback_sigs(self, t: str) -> tuple[str, ...]:
        got = self._sigs.get(t)
        if got is None:
            sigs: set[str] = set()
            for a in self.fw.ancestors(t):
                fc = self.fw.classes.get(a)
                if fc is not None and a != "Ljava/lang/Object;":
                    sigs |= fc.methods
            got = tuple(sorted(sigs))
            self._sigs[t] = got
        return got

    def hand_over(self, m: Method, pc: int, t: str, recv: str, index: int, args: ArgClasses) -> None:
        """The framework gets an object of type ``t`` (argument ``index``): its callbacks of ``t`` may run.

        When the argument is a known allocation only that class's callbacks
        are entered; otherwise every window-live subtype of ``recv``'s.
        """
        known = args.at(pc, index)
        for s in self.callback_sigs(t):
            if known is not None:
                for cls in known:
                    self.make_live(cls, m.key, pc)
                    self.add(self.p.resolve(cls, s), m.key, pc)
            else:
                self.vcall(recv, s, m.key, pc)

    def handed_over(self, t: str) -> bool:
        fc = self.fw.classes.get(t)
        if fc is None or t in INTERACTION_TYPES or t in _DATA_INTERFACES:
            return False
        return fc.interface or t in _CALLBACK_CLASSES

    def component(self, kind: str, cls: str, caller: str | None, pc: int, entry: str) -> None:
        """Enter a component the framework creates: its lifecycle methods, then its class is live."""
        if cls not in self.p.classes:
            return
        anchor = caller
        for sig in _ENTRIES[kind]:
            m = self.p.resolve(cls, sig)
            self.add(m, caller, pc, entry)
            if anchor is None and m is not None and m.key in self.parent:
                anchor = m.key
        self.make_live(cls, anchor, pc)

    def run(self) -> None:
        p = self.p
        while self.queue:
            m = self.queue.popleft()
            f = self.facts(m)
            for t in f.news:
                self.make_live(t, m.key, -1)
            for cls in f.static_classes:
                self.clinit(cls, m.key, -1)
            args = self.args.get(m.key)
            if args is None:
                args = self.args[m.key] = ArgClasses(p, m)
            for call in f.calls:
                tgt = call.target
                sig = sig_of(tgt)
                if call.op == _INVOKE_STATIC:
                    self.clinit(tgt.cls, m.key, call.pc)
                    self.add(p.resolve(tgt.cls, sig), m.key, call.pc)
                elif call.op in (_INVOKE_DIRECT, _INVOKE_SUPER):
                    self.add(p.resolve(tgt.cls, sig), m.key, call.pc)
                else:
                    self.vcall(tgt.cls, sig, m.key, call.pc)
                if not p.external_declaring(tgt.cls, tgt.name):
                    continue  # an app method: followed above
                reg = 0 if call.op == _INVOKE_STATIC else 1  # argument register of each parameter
                for t in tgt.params:
                    if self.handed_over(t):
                        self.hand_over(m, call.pc, t, t, reg, args)
                    reg += 2 if t in ("J", "D") else 1
                if tgt.name in _STARTERS and call.op != _INVOKE_STATIC:
                    for base in _CALLBACK_CLASSES & p.supertypes(tgt.cls):
                        self.hand_over(m, call.pc, base, tgt.cls, 0, args)
                kind = _COMPONENT_STARTS.get(tgt.name)
                if kind is not None:
                    for c in f.const_classes:
                        if p.is_subtype(c, _COMPONENT_BASES[kind]):
                            self.component(kind, c, m.key, call.pc, f"{kind} {descriptor_to_java(c)}")

    def chain(self, key: str) -> tuple[str, ...]:
        out: list[str] = []
        k: str | None = key
        while k is not None and len(out) < 64:
            m = self.methods[k]
            out.append(f"{descriptor_to_java(m.cls)}.{m.name}")
            k = self.parent[k][0]
        return tuple(reversed(out))


def window_methods(program: Program, app: AppInfo, facts: Callable[[Method], MethodFacts] | None = None,
                   args: dict[str, ArgClasses] | None = None) -> Window:
    """The methods that can run before the first user interaction, with how each is reached
    (``facts``: what each method does, by default all its code; ``args``: a cache windows share)."""
    w = Window(program, app, facts, args)
    if app.application_class:
        w.component("application", java_to_descriptor(app.application_class), None, -1, "application")
    for comp in app.components:
        if comp.kind == "provider" and comp.enabled:
            w.component("provider", java_to_descriptor(comp.name), None, -1, f"provider {comp.name}")
    for name in app.launcher_activities:
        w.component("activity", java_to_descriptor(name), None, -1, f"launcher {name}")
    w.run()
    return w


