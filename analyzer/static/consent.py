"""Find SDK calls and PI reads that can run before the user's first interaction (the pre-consent window).

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

Each hit keeps the chain of methods that leads to it from its entry.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import replace

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import INVOKE_OPS, DexError, FieldRef, Insn
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor, split_params
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.owners import OwnerResolver
from analyzer.model import CodeLocation, ConsentGate, PIAccess, PreConsentHit
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Method, MethodFacts, Program, sig_of
from analyzer.program.regflow import Hooks, State, Value, analyse, walk
from analyzer.static.gates import FirstLaunch, Written, describe

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

_INTERACTION_NAMES = frozenset((
    "onOptionsItemSelected", "onContextItemSelected", "onMenuItemSelected", "onTouchEvent",
    "dispatchTouchEvent", "dispatchKeyEvent", "onBackPressed", "onUserInteraction", "onTrackballEvent",
    "onGenericMotionEvent", "onRequestPermissionsResult", "onKeyDown", "onKeyUp", "onKeyLongPress",
))
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


class _ArgClasses(Hooks):
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


class _Window:
    def __init__(self, program: Program, app: AppInfo,
                 facts: Callable[[Method], MethodFacts] | None = None,
                 args: dict[str, _ArgClasses] | None = None) -> None:
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
        if m.name in _INTERACTION_NAMES and self.p.overrides_framework(m.cls, m.sig):
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

    def hand_over(self, m: Method, pc: int, t: str, recv: str, index: int, args: _ArgClasses) -> None:
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
                args = self.args[m.key] = _ArgClasses(p, m)
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
                   args: dict[str, _ArgClasses] | None = None) -> _Window:
    """The methods that can run before the first user interaction, with how each is reached
    (``facts``: what each method does, by default all its code; ``args``: a cache windows share)."""
    w = _Window(program, app, facts, args)
    if app.application_class:
        w.component("application", java_to_descriptor(app.application_class), None, -1, "application")
    for comp in app.components:
        if comp.kind == "provider" and comp.enabled:
            w.component("provider", java_to_descriptor(comp.name), None, -1, f"provider {comp.name}")
    for name in app.launcher_activities:
        w.component("activity", java_to_descriptor(name), None, -1, f"launcher {name}")
    w.run()
    return w


# Where a runtime-permission prompt is asked for: the framework's and the support libraries' entry points
_PROMPT_CLASSES = frozenset({
    "Landroid/app/Activity;", "Landroid/app/Fragment;", "Landroid/content/Context;",
    "Landroidx/core/app/ActivityCompat;", "Landroid/support/v4/app/ActivityCompat;",
    "Landroidx/fragment/app/Fragment;", "Landroid/support/v4/app/Fragment;",
})


def _permission_prompts(program: Program, m: Method, here: str, owner: OwnerResolver,
                        w: _Window, key: str) -> list[PreConsentHit]:
    """``requestPermissions`` calls in window method ``m``, with the permission names it holds."""
    facts = program.facts(m)
    out = []
    for call in facts.calls:
        tgt = call.target
        if tgt.name != "requestPermissions":
            continue
        lands = {tgt.cls} | set(program.external_declaring(tgt.cls, tgt.name))
        if not lands & _PROMPT_CLASSES:
            continue
        # the String[] is built from constants in the same method in nearly every app
        perms = tuple(sorted({v for _, _, v in facts.strings if v.startswith("android.permission.")}))
        out.append(PreConsentHit(
            kind="permission_request", api=f"{descriptor_to_java(tgt.cls)}.{tgt.name}",
            location=CodeLocation(here, m.name, m.proto, call.pc), owner=owner(here),
            entry=w.entry[key], chain=w.chain(key), permissions=perms))
    return out


_ROUNDS = 12  # rounds of the first-launch window before giving up on gates (values only grow: 2-4 suffice)


class _FirstRun:
    """The window of the first launch: flags at their defaults plus what window code writes."""

    def __init__(self, program: Program, app: AppInfo, consent: frozenset[str],
                 ignore: frozenset[str] = frozenset(), args: dict[str, _ArgClasses] | None = None) -> None:
        self.written: dict[str, Written] = {}
        self.fl = FirstLaunch(program, self.written, ignore, consent)
        self.window: _Window | None = None
        for _ in range(_ROUNDS):
            w = window_methods(program, app, self.fl.facts, args)
            new: dict[str, Written] = {}
            for key, m in w.methods.items():
                r = self.fl.result(m)
                for flag, (const, origins), pc in r.writes if r is not None else ():
                    wr = new.setdefault(flag, Written())
                    preset = const not in (None, 0, "") and not origins
                    if preset and flag in ignore:
                        continue
                    if const is None:
                        wr.unknown = True
                    else:
                        wr.consts.add(const)
                    wr.origins |= origins
                    if preset:
                        wr.preset.append((key, pc))
            changed = {f for f in new.keys() | self.written.keys()
                       if (f not in new) != (f not in self.written) or not new[f].same(self.written[f])}
            self.written.clear()
            self.written.update(new)
            if not changed or not self.fl.invalidate(changed):  # no window method reads what changed
                self.window = w
                return

    def gate(self, full: _Window, key: str, pc: int) -> frozenset[str]:
        """Flags that keep site ``pc`` of window method ``key`` from running on the first launch (empty:
        it runs, or nothing the analysis can name keeps it out)."""
        w = self.window
        if w is None:
            return frozenset()
        k: str | None = key
        while k is not None:
            if k in w.methods:
                r = self.fl.result(w.methods[k])
                return r.cut.get(pc, frozenset()) if r is not None else frozenset()
            k, pc = full.parent[k]
        return frozenset()


def _interactions(program: Program, w: _Window) -> list[Method]:
    """Methods only a user action runs (listener callbacks, layout ``onClick`` handlers, …) of the
    objects the window creates: consent is asked for before it is given, so the consent screen and its
    listeners are made in the window."""
    out = []
    for cls in sorted(w.live):
        ci = program.classes[cls]
        listener = bool(INTERACTION_TYPES & program.supertypes(ci.descriptor))
        for m in ci.methods.values():
            if m.code_off and (listener or m.sig in w.onclick or m.name in _INTERACTION_NAMES) \
                    and w.interaction(m):
                out.append(m)
    return out


def _openers(program: Program, w: _Window) -> dict[str, set[str]]:
    """For each flag interaction code writes, the interaction methods that write it (themselves or
    through app calls, 3 deep)."""
    out: dict[str, set[str]] = defaultdict(set)
    fl = FirstLaunch(program, {})
    for m in _interactions(program, w):
        name = f"{descriptor_to_java(m.cls)}.{m.name}"
        todo, seen = [(m, 0)], {m.key}
        while todo:
            cur, depth = todo.pop()
            r = fl.result(cur)
            for flag, _v, _pc in r.writes if r is not None else ():
                out[flag].add(name)
            if depth >= 3:
                continue
            for call in program.facts(cur).calls:
                callee = program.resolve(call.target.cls, sig_of(call.target))
                if callee is not None and callee.key not in seen and callee.code_off:
                    seen.add(callee.key)
                    todo.append((callee, depth + 1))
    return out


def _gate_text(flags: frozenset[str], openers: dict[str, set[str]]) -> str:
    who = sorted({o for f in flags for o in openers.get(f, ())})
    by = ", ".join(who[:3]) + (" …" if len(who) > 3 else "")
    return "behind " + ", ".join(describe(f) for f in sorted(flags)) + f", set by {by}"


def find_consent(program: Program, kb: KnowledgeBase, app: AppInfo, access: list[PIAccess],
                 owner: OwnerResolver | None = None) -> tuple[list[PreConsentHit], list[ConsentGate]]:
    """SDK calls from app code, permission prompts and PI reads the pre-consent window reaches, and the
    consent flags the first launch branches on.

    A hit that a flag at its first-launch value keeps out of the window has
    ``gate`` set when an interaction method writes the flag (or one its value
    comes from): the site runs only once that writer, normally a consent
    dialog's click handler, has run. A flag no user action writes (an extra
    whoever starts the launcher supplies, a field a deserialiser sets) gates
    nothing. A flag that window code itself sets to
    a non-zero constant ("default consent") closes no gate; it is returned
    with ``preset`` sites when, without those writes, it would gate a hit.
    """
    w = window_methods(program, app)
    owner = owner or OwnerResolver(kb, app.package)
    sites: list[tuple[PreConsentHit, str, int]] = []
    for key, m in w.methods.items():
        here = descriptor_to_java(m.cls)
        prompts = _permission_prompts(program, m, here, owner, w, key)
        sites.extend((h, key, h.location.offset) for h in prompts)
        if owner(here).kind != "app":
            continue
        for call in program.facts(m).calls:
            tgt = call.target
            tcls = descriptor_to_java(tgt.cls)
            to = owner(tcls)
            if to.kind != "sdk":
                continue
            api = f"{tcls}.{tgt.name}"
            sites.append((PreConsentHit(
                kind="sdk_call", api=api, location=CodeLocation(here, m.name, m.proto, call.pc),
                owner=owner(here), entry=w.entry[key], chain=w.chain(key), sdk=to.id,
                sdk_init=api in kb.sdks[to.id].init), key, call.pc))
    for a in access:
        loc = a.location
        key = f"{java_to_descriptor(loc.cls)}->{loc.method}{loc.proto}"
        if key in w.methods:
            sites.append((PreConsentHit(kind="pi_access", api=a.api, location=loc, owner=a.owner,
                                        entry=w.entry[key], chain=w.chain(key), pi=a.pi,
                                        source_id=a.source_id), key, loc.offset))
    gates: list[ConsentGate] = []
    openers = _openers(program, w) if sites else {}
    consent = frozenset(openers)
    first = _FirstRun(program, app, consent, args=w.args) if consent else None
    gated = {i: first.gate(w, key, pc) for i, (_h, key, pc) in enumerate(sites)} if first else {}
    # default consent: a stored flag (a field set true in the window is the app's state, not consent)
    stored = ("pref:", "mmkv:", "file:")
    presets = frozenset(f for f, wr in first.written.items()
                        if wr.preset and f in consent and f.startswith(stored)) if first else frozenset()
    would: dict[str, int] = defaultdict(int)
    if first is not None and presets:
        without = _FirstRun(program, app, consent, presets, w.args)
        for i, (_h, key, pc) in enumerate(sites):
            if not gated[i]:
                for f in without.gate(w, key, pc) & presets:
                    would[f] += 1
    for i, fs in gated.items():  # a consent gate is one a user action opens; other flags prove nothing
        if fs and not any(f in openers for f in fs):
            gated[i] = frozenset()
    out = [replace(h, gate=_gate_text(gated[i], openers)) if gated.get(i) else h
           for i, (h, _k, _pc) in enumerate(sites)]
    behind: dict[frozenset[str], int] = defaultdict(int)
    for fs in gated.values():
        if fs:
            behind[fs] += 1
    for fs, n in sorted(behind.items(), key=lambda t: sorted(t[0])):
        gates.append(ConsentGate(flags=tuple(describe(f) for f in sorted(fs)),
                                 openers=tuple(sorted({o for f in fs for o in openers.get(f, ())})), gated=n))
    assert first is not None or not would
    for f, n in sorted(would.items()):
        locs = []
        for key, pc in first.written[f].preset if first else ():
            pm = w.methods.get(key) or program.method(key)
            if pm is not None:
                locs.append(CodeLocation(descriptor_to_java(pm.cls), pm.name, pm.proto, pc))
        gates.append(ConsentGate(flags=(describe(f),), openers=tuple(sorted(openers.get(f, ()))),
                                 preset=tuple(locs), gated=n))
    return sorted(out, key=lambda h: (h.kind, str(h.location), h.api)), gates


def find_pre_consent(program: Program, kb: KnowledgeBase, app: AppInfo, access: list[PIAccess],
                     owner: OwnerResolver | None = None) -> list[PreConsentHit]:
    """The hits of :func:`find_consent` (gated ones with their ``gate``)."""
    return find_consent(program, kb, app, access, owner)[0]
