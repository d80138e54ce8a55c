"""The Android platform's channels: intents, messages, AsyncTask, saved state, storage, the lifecycle.

Data that the framework carries from one piece of app code to another is a
*channel*, a global label (``G:icc:<component>``, ``G:icc:msg:<handler>``,
``G:async:in:<task>``, ``G:state:<activity>``, ``G:args:<fragment>``, ``G:store:prefs`` …):

* at a send (``startActivity``, ``sendMessage``, ``execute``,
  ``setResultData``, a fragment's ``setArguments``, a preference or file write) the data is written to the
  channel (:meth:`Android.hooks_for` chooses a call site's hooks once);
* at the receiving callback (``onNewIntent``, ``handleMessage``,
  ``doInBackground``, ``onCreate(Bundle)``, ``getArguments``, a preference read) the parameter
  or result carries the channel's label (:meth:`Android.entry`);
* after all methods are summarised, intent sends are matched to the app's
  components by class or action (:meth:`Android.resolve_icc`); sends that
  reach no component of the app leave it (they stay leaks). An *implicit*
  intent (built with no component, class or package) is a leak of its own,
  kind ``icc_implicit``, even when a component of the app receives it too:
  any other app whose filter matches may get it (:meth:`Android.implicit`).

Also here: what a ``@JavascriptInterface`` method of an object given to
``addJavascriptInterface`` returns to web content (a sink of kind
``webview_js``), activities other apps hand data to (a source of unknown PI), and
the first lifecycle callback of a component, where ``this`` holds what its
constructor stored.
"""

from __future__ import annotations

from collections.abc import Callable

from analyzer.apk.dex import DexError, MethodRef
from analyzer.common.descriptors import descriptor_to_java
from analyzer.model import CodeLocation, PIAccess
from analyzer.program.cfg import Body
from analyzer.program.hierarchy import Method
from analyzer.program.reach import JS_INTERFACE_ANNOTATIONS
from analyzer.taint.context import Context, MethodRun, class_desc
from analyzer.taint.domain import (
    EMPTY,
    NO_OBJS,
    NONE,
    WHOLE,
    Label,
    Labels,
    SinkSite,
    State,
    Val,
    consts,
    is_param,
    unpath,
)
from analyzer.taint.heap import deep_labels, labels_of, set_meta

# Inter-component communication: sends and the component kind they start.
ICC_SENDS: dict[str, str] = {
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
MSG_SENDS = frozenset(("sendMessage", "sendMessageDelayed", "sendMessageAtTime",
                       "sendMessageAtFrontOfQueue", "dispatchMessage", "send"))
MSG_CARRIERS = frozenset(("Landroid/os/Handler;", "Landroid/os/Messenger;"))
MSG_CALLBACK = "handleMessage(Landroid/os/Message;)V"
# Callbacks whose Intent parameter (0-based, without this) carries what was sent to the component.
INTENT_PARAMS: dict[str, int] = {
    "onNewIntent(Landroid/content/Intent;)V": 0,
    "onStartCommand(Landroid/content/Intent;II)I": 0,
    "onStart(Landroid/content/Intent;I)V": 0,
    "onBind(Landroid/content/Intent;)Landroid/os/IBinder;": 0,
    "onUnbind(Landroid/content/Intent;)Z": 0,
    "onRebind(Landroid/content/Intent;)V": 0,
    "onHandleIntent(Landroid/content/Intent;)V": 0,
    "onReceive(Landroid/content/Context;Landroid/content/Intent;)V": 1,
}
RESULT_CALLBACK = "onActivityResult(IILandroid/content/Intent;)V"
# Activity starts that deliver a result to onActivityResult.
FOR_RESULT = frozenset(("startActivityForResult", "startActivityFromChild", "startActivityFromFragment",
                        "startActivityIfNeeded"))
# Saved instance state: written in onSaveInstanceState, read back by these (Bundle parameter index).
STATE_SAVE = "onSaveInstanceState(Landroid/os/Bundle;)V"
STATE_READS: dict[str, int] = {
    "onCreate(Landroid/os/Bundle;)V": 0, "onRestoreInstanceState(Landroid/os/Bundle;)V": 0,
    "onPostCreate(Landroid/os/Bundle;)V": 0, "onViewStateRestored(Landroid/os/Bundle;)V": 0,
    "onActivityCreated(Landroid/os/Bundle;)V": 0,
    "onCreateView(Landroid/view/LayoutInflater;Landroid/view/ViewGroup;Landroid/os/Bundle;)"
    "Landroid/view/View;": 2,
    "onViewCreated(Landroid/view/View;Landroid/os/Bundle;)V": 1,
}
# Storage the app reads back: what a sink of this kind stores, readers of the channel get.
PREFS = "G:store:prefs"
"""The preferences channel; ``G:store:prefs:<key>`` holds what is put under a constant key (``?``:
under a key not known), the channel itself everything."""
STORAGE_CHANNELS = {"shared_prefs": PREFS, "file": "G:store:file",
                    "sqlite": "G:store:sqlite", "external_storage": "G:store:file"}
STORAGE_READS: dict[tuple[str, str], str] = {
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
# AsyncTask: the framework hands execute()'s arguments to doInBackground, its result to
# onPostExecute and publishProgress()'s arguments to onProgressUpdate (channel, parameter index).
ASYNC_TASK = "Landroid/os/AsyncTask;"
ASYNC_CALLBACKS: dict[str, str] = {
    "doInBackground([Ljava/lang/Object;)Ljava/lang/Object;": "G:async:in:",
    "onPostExecute(Ljava/lang/Object;)V": "G:async:out:",
    "onProgressUpdate([Ljava/lang/Object;)V": "G:async:progress:",
}
ASYNC_SENDS = {"execute": "G:async:in:", "executeOnExecutor": "G:async:in:",
               "publishProgress": "G:async:progress:"}
# Ordered broadcasts: what one receiver sets as result data, the next one reads.
RECEIVER = "Landroid/content/BroadcastReceiver;"
BROADCAST_RESULT = "G:icc:broadcast-result"
BROADCAST_RESULT_WRITES = frozenset(("setResultData", "setResultExtras", "setResult"))
BROADCAST_RESULT_READS = frozenset(("getResultData", "getResultExtras"))
INTENT_CLASSES = frozenset(("Landroid/content/Intent;", "Landroid/content/ComponentName;",
                            "Landroid/content/IntentFilter;"))
# Implicit intents: an intent with no component and no package set can go to any app whose filter
# matches (Intent.setPackage / setClass / setClassName / setComponent, or a Class
# given to the constructor, make it explicit). Sends through LocalBroadcastManager stay in the
# process; a broadcast that names a receiver permission reaches only apps that hold it; an implicit
# intent to start or bind a service throws for an app that targets Android 5 (API 21) or later.
IMPLICIT_SERVICES_UNTIL = 21
EXPLICIT_SETTERS = frozenset(("setPackage", "setClass", "setClassName", "setComponent"))
LOCAL_SENDERS = ("androidx.localbroadcastmanager.content.LocalBroadcastManager.",
                 "android.support.v4.content.LocalBroadcastManager.")
# JavaScript interfaces: methods web content calls on an object given to addJavascriptInterface.
WEBVIEWS = frozenset(("Landroid/webkit/WebView;", "Lcom/tencent/smtt/sdk/WebView;"))
JS_RETURN_API = "android.webkit.JavascriptInterface (return value)"
# Before Android 4.2 (API 17) web content may call every public method of the object, annotated
# or not; an app that targets an older level keeps that behaviour on newer devices.
JS_ANNOTATION_FROM = 17
ACC_PUBLIC = 0x1
# A row built up in ContentValues is written by the call it is given to (SQLiteDatabase.insert,
# ContentResolver.update …): each put of data into it is a step of that write.
CONTENT_VALUES = "Landroid/content/ContentValues;"
ROW_PUT_API = "android.content.ContentValues.put"
# The first lifecycle callback the framework calls on a component instance it has just
# created (with the framework type that makes it so): there the fields of ``this`` still hold
# what the constructor stored, whatever other callbacks write later. Hooks the framework may
# call before it are listed apart; an app override of one voids the rule.
FIRST_CALLBACKS: dict[str, str] = {
    "onCreate(Landroid/os/Bundle;)V": "Landroid/app/Activity;",
    "onCreate(Landroid/os/Bundle;Landroid/os/PersistableBundle;)V": "Landroid/app/Activity;",
    "onCreate()V": "Landroid/app/Service;",
    "onCreate()Z": "Landroid/content/ContentProvider;",
}
BEFORE_FIRST = ("attachBaseContext(Landroid/content/Context;)V",
                "attachInfo(Landroid/content/Context;Landroid/content/pm/ProviderInfo;)V",
                "onApplyThemeResource(Landroid/content/res/Resources$Theme;IZ)V")
# Fragments: the Bundle an app hands one with setArguments is what getArguments returns in the
# callbacks the framework calls on it (a channel per fragment class, ``G:args:<class>``).
FRAGMENTS = frozenset(("Landroid/app/Fragment;", "Landroid/support/v4/app/Fragment;",
                       "Landroidx/fragment/app/Fragment;"))
FRAGMENT_ARGS = "G:args:"
INBOUND_ID = "icc.inbound_intent"
# Platform actions with which any app hands data to an activity (share, open, edit …).
DATA_ACTIONS = frozenset("android.intent.action." + a for a in (
    "SEND", "SEND_MULTIPLE", "SENDTO", "VIEW", "EDIT", "INSERT", "ATTACH_DATA", "PROCESS_TEXT"))

Hook = Callable[[MethodRun, State, int, MethodRef, list[Val]], "set[Label] | None"]
"""A call site's channel behaviour: (run, state, pc, callee, argument values) -> labels of the result."""


class Android:
    """The channel model of one analysis, with the ICC sends and receivers it has seen."""

    def __init__(self, cx: Context) -> None:
        self.cx = cx
        # ICC: send sites -> (component kind, target keys such as "class:Lx;" / "action:a")
        self.icc_sends: dict[SinkSite, tuple[str, frozenset[str]]] = {}
        # the sends of an intent built here with no component or package: other apps may get it
        self.implicit_sends: set[SinkSite] = set()
        # classes whose objects are given to WebView.addJavascriptInterface ("" for an unknown one)
        self.js_classes: set[str] = set()
        # the addJavascriptInterface calls (a sink site of kind webview_js each) and the classes of
        # the objects they expose ("" for an unknown one)
        self.js_exposures: dict[SinkSite, set[str]] = {}
        self._js_sigs: dict[str, frozenset[str]] = {}
        # receivers registered in code: (receiver class, action)
        self.dynamic_receivers: set[tuple[str, str]] = set()
        self._store_cache: dict[tuple[str, str], str | None] = {}

    # -- a method's entry and exit -----------------------------------------------

    def first_callback(self, m: Method) -> bool:
        """Whether the framework calls ``m`` first on a component instance it has just made."""
        base = FIRST_CALLBACKS.get(m.sig)
        return base is not None and not m.is_static and base in self.cx.p.supertypes(m.cls)

    def entry(self, m: Method, body: Body, regs: dict[int, Val], heap: dict[tuple[str, str], Val]) -> None:
        """What the framework hands a callback: saved state, an intent, a message, AsyncTask data."""
        sslot = STATE_READS.get(m.sig)
        if sslot is not None and not m.is_static and sslot + 1 < len(body.param_regs):
            reg = body.param_regs[sslot + 1][0]
            for o in regs.get(reg, NONE)[1]:
                hl, ho = heap.get((o, WHOLE), NONE)
                heap[(o, WHOLE)] = (hl | {f"G:state:{m.cls}"}, ho)
        channel: str | None = None
        cslot = -1
        if m.sig in INTENT_PARAMS:
            channel, cslot = f"G:icc:{m.cls}", INTENT_PARAMS[m.sig]
        elif m.sig == RESULT_CALLBACK:
            channel, cslot = "G:icc:result", 2
        elif m.sig == MSG_CALLBACK:
            channel, cslot = f"G:icc:msg:{m.cls}", 0
        achan = ASYNC_CALLBACKS.get(m.sig)
        if achan is not None and channel is None and not m.is_static and len(body.param_regs) >= 2 \
                and ASYNC_TASK in self.cx.p.supertypes(m.cls):
            channel, cslot = achan + m.cls, 0
        if channel is not None and not m.is_static and cslot + 1 < len(body.param_regs):
            reg = body.param_regs[cslot + 1][0]
            incoming = {channel, "G:icc:msg"} if m.sig == MSG_CALLBACK else {channel}
            for o in regs.get(reg, NONE)[1]:
                hl, ho = heap.get((o, WHOLE), NONE)
                heap[(o, WHOLE)] = (hl | incoming, ho)

    def exit(self, run: MethodRun) -> None:
        """What a callback hands on: doInBackground's result, the state onSaveInstanceState saved."""
        m, cx = run.m, self.cx
        if (ASYNC_CALLBACKS.get(m.sig) == "G:async:in:" and run.ret
                and ASYNC_TASK in cx.p.supertypes(m.cls)):
            done = {x for x in run.ret if not is_param(x)} | unpath(run.ret)
            if done:
                for c in cx.family(m.cls):
                    cx.write_global(f"G:async:out:{c}", done, m.key)
        if m.sig == STATE_SAVE and 1 in run.params_out:
            saved = {x for x in run.params_out[1] if not is_param(x)} | unpath(run.params_out[1])
            for c in cx.p.supertypes(m.cls) | cx.p.subtypes(m.cls):
                if c in cx.p.classes:
                    cx.write_global(f"G:state:{c}", saved, m.key)

    # -- call sites ----------------------------------------------------------------

    def storage_read(self, cls: str, name: str) -> str | None:
        """The storage channel a call reads (preferences, files, databases), if any."""
        key = (cls, name)
        got = self._store_cache.get(key, "")
        if got == "":
            got = None
            for c in ([cls] if name == "<init>" else sorted(self.cx.p.supertypes(cls))):
                got = STORAGE_READS.get((c, name))
                if got is not None:
                    break
            self._store_cache[key] = got
        return got

    def hooks_for(self, ref: MethodRef, static: bool) -> tuple[Hook, ...]:
        """The channel hooks of a call of ``ref``, in the order they apply (chosen once per site)."""
        supers = self.cx.p.supertypes(ref.cls)
        hooks: list[Hook] = []
        store = self.storage_read(ref.cls, ref.name)
        if store is not None:
            hooks.append(self._storage_hook(store))
        if ref.name == "getIntent" and ref.ret == "Landroid/content/Intent;" and not static:
            hooks.append(self._get_intent)
        if not static and ref.name in ASYNC_SENDS and ASYNC_TASK in supers:
            hooks.append(self._async_send)
        if not static and ref.name in BROADCAST_RESULT_READS and RECEIVER in supers:
            hooks.append(self._broadcast_read)
        elif not static and ref.name in BROADCAST_RESULT_WRITES and RECEIVER in supers:
            hooks.append(self._broadcast_write)
        if self.is_message_send(ref, static):
            hooks.append(self._message_send)
        if not static and ref.name in ("setArguments", "getArguments") and not supers.isdisjoint(FRAGMENTS):
            hooks.append(self._set_arguments if ref.name == "setArguments" else self._get_arguments)
        return tuple(hooks)

    def is_message_send(self, ref: MethodRef, static: bool) -> bool:
        """A Handler/Messenger send: the message goes to the app's own handler, not out of the app."""
        return (ref.name in MSG_SENDS and not static
                and not self.cx.p.supertypes(ref.cls).isdisjoint(MSG_CARRIERS))

    @staticmethod
    def _storage_hook(store: str) -> Hook:
        def read(run: MethodRun, st: State, pc: int, ref: MethodRef, vals: list[Val]) -> set[Label] | None:
            if ref.name == "<init>" and vals:  # a reader constructed on the store
                for o in vals[0][1]:
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | {store}, w[1])
                return None
            run.otype.pop(f"r@{pc}", None)
            if store == PREFS and ref.name != "getAll" and len(vals) > 1:
                keys = consts(vals[1], "c")  # getString(key, default): what was put under that key
                if keys and len(keys) == len(vals[1][1]):
                    keyed: set[Label] = {f"{store}:{k}" for k in keys}
                    return keyed | {f"{store}:?"}
            return {store}

        return read

    def _get_intent(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                    vals: list[Val]) -> set[Label] | None:
        if not vals:
            return None
        classes = self.cx.p.classes
        return {f"G:icc:{t}" for o in vals[0][1] if (t := run.otype.get(o)) is not None and t in classes}

    def _async_send(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                    vals: list[Val]) -> set[Label] | None:
        if not vals:
            return None
        cx = self.cx
        labels = deep_labels(cx, run, st, vals[-1]) if len(vals) > 1 else set()
        if labels:
            tasks = {run.otype[o] for o in vals[0][1] if run.otype.get(o) in cx.p.classes} or {ref.cls}
            for task in tasks:
                for c in cx.family(task):
                    run.gwrites.setdefault(ASYNC_SENDS[ref.name] + c, set()).update(labels)
        return None

    def _broadcast_read(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                        vals: list[Val]) -> set[Label] | None:
        return {BROADCAST_RESULT}

    def _broadcast_write(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                         vals: list[Val]) -> set[Label] | None:
        labels: set[Label] = set()
        for v in vals[1:]:
            labels |= deep_labels(self.cx, run, st, v)
        if labels:
            run.gwrites.setdefault(BROADCAST_RESULT, set()).update(labels)
        return None

    def _message_send(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                      vals: list[Val]) -> set[Label] | None:
        if len(vals) < 2:
            return None
        labels = deep_labels(self.cx, run, st, vals[1])
        if labels:
            handlers = [run.otype[o] for o in vals[0][1] if run.otype.get(o) in self.cx.p.classes]
            for chan in ([f"G:icc:msg:{h}" for h in handlers] or ["G:icc:msg"]):
                run.gwrites.setdefault(chan, set()).update(labels)
        return None

    def _fragments(self, run: MethodRun, ref: MethodRef, this: Val) -> list[str]:
        """The app fragment classes a receiver may be (its declared class when none is known)."""
        classes = self.cx.p.classes
        known = {t for o in this[1] if (t := run.otype.get(o)) is not None and t in classes}
        if not known and ref.cls in classes:
            known = {ref.cls}
        return sorted(known)

    def _set_arguments(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                       vals: list[Val]) -> set[Label] | None:
        if len(vals) < 2:
            return None
        labels = deep_labels(self.cx, run, st, vals[1])
        if labels:
            for frag in self._fragments(run, ref, vals[0]) or ["?"]:
                for c in (self.cx.family(frag) if frag != "?" else ["?"]):
                    run.gwrites.setdefault(FRAGMENT_ARGS + c, set()).update(labels)
        return None

    def _get_arguments(self, run: MethodRun, st: State, pc: int, ref: MethodRef,
                       vals: list[Val]) -> set[Label] | None:
        if not vals:
            return None
        got: set[Label] = {FRAGMENT_ARGS + c for c in self._fragments(run, ref, vals[0])}
        got.add(FRAGMENT_ARGS + "?")  # a Bundle set on a fragment of unknown class
        return got

    def record_send(self, site: SinkSite, kind: str, st: State, carrier: Val,
                    restricted: bool = False) -> None:
        """An intent send reached by data: where it may go is resolved after the fixpoint.
        ``restricted``: a broadcast sent with a receiver permission."""
        self.icc_sends[site] = (kind, self.intent_targets(st, carrier))
        if (kind != "result" and not restricted and not site.api.startswith(LOCAL_SENDERS)
                and not (kind == "service" and self._target_sdk() >= IMPLICIT_SERVICES_UNTIL)
                and self.implicit(st, carrier)):
            self.implicit_sends.add(site)

    def _target_sdk(self) -> int:
        app = self.cx.app
        return (app.target_sdk or app.min_sdk or 1) if app is not None else 1

    @staticmethod
    def implicit(st: State, v: Val) -> bool:
        """Whether the Intent ``v`` is implicit: built in this method (so its setters were seen)
        and given no component, class or package."""
        objs = v[1]
        return bool(objs) and all(
            o.startswith("n@") and (o, "@explicit") not in st.heap and (o, "@class") not in st.heap
            for o in objs)

    @staticmethod
    def intent_targets(st: State, v: Val) -> frozenset[str]:
        """Where an Intent (or Message) may go: ``class:<desc>`` and ``action:<name>`` keys."""
        out: set[str] = set()
        for o in v[1]:
            for key, tag in (("@class", "class:"), ("@action", "action:")):
                w = st.heap.get((o, key))
                if w is not None:
                    out |= {tag + x[2:] for x in w[1] if x[1] == ":"}
        return frozenset(out)

    # -- constants: intent targets and receivers registered in code ----------------

    @staticmethod
    def intent_meta(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                    args: list[Val], pc: int) -> frozenset[str]:
        """Intent, ComponentName and IntentFilter: the classes and actions they are given."""
        cls, name = ref.cls, ref.name
        if cls == "Landroid/content/Intent;" and (
                name in EXPLICIT_SETTERS or (name == "<init>" and "Ljava/lang/Class;" in ref.params)):
            set_meta(st, this[1], "@explicit", ["c:1"])
        if name == "<init>" and ref.params == ("Landroid/content/Intent;",) and args \
                and not all(o.startswith("n@") for o in args[0][1]):
            set_meta(st, this[1], "@explicit", ["c:?"])  # a copy of an intent not built here: unknown
        for a in args:
            classes = [f"k:{k}" for k in consts(a, "k")]
            strings = consts(a, "c")
            if name in ("<init>", "setClass", "setClassName", "setComponent"):
                set_meta(st, this[1], "@class", classes)
                if name in ("setClassName",) or (name == "<init>" and cls.endswith("ComponentName;")):
                    named = [f"k:L{x.replace('.', '/')};" for x in strings if "." in x]
                    set_meta(st, this[1], "@class", named)
                for o in a[1]:  # copy an Intent / ComponentName target
                    for key in ("@class", "@action", "@explicit"):
                        w = st.heap.get((o, key))
                        if w is not None:
                            set_meta(st, this[1], key, w[1])
            if (name in ("<init>", "setAction", "addAction") and cls != "Landroid/content/ComponentName;"
                    and (name != "<init>" or a is args[0])):
                set_meta(st, this[1], "@action", [f"c:{x}" for x in strings])
        return NO_OBJS

    def register_receiver(self, run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                          args: list[Val], pc: int) -> frozenset[str]:
        """``registerReceiver(receiver, filter)``: the receiver gets the filter's actions."""
        if len(args) < 2:
            return NO_OBJS
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

    def js_interface(self, run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                     args: list[Val], pc: int) -> frozenset[str]:
        """``addJavascriptInterface(object, name)``: web content may call the object's class; the
        call is where what those methods return leaves to the page (a ``webview_js`` sink site)."""
        if args and not static and not self.cx.p.supertypes(ref.cls).isdisjoint(WEBVIEWS):
            types = {run.otype.get(o) or "" for o in args[0][1]} or {""}
            self.js_classes.update(types)
            site = SinkSite(run.m.key, pc, "webview_js", f"{descriptor_to_java(ref.cls)}.{ref.name}")
            self.js_exposures.setdefault(site, set()).update(types)
        return NO_OBJS

    def js_annotated(self, m: Method) -> bool:
        """Whether ``m`` is annotated ``@JavascriptInterface`` (the platform's or Tencent X5's)."""
        if m.is_static:
            return False
        sigs = self._js_sigs.get(m.cls)
        if sigs is None:
            ci = self.cx.p.classes.get(m.cls)
            try:
                ann = self.cx.p.method_annotations(ci) if ci is not None and ci.annotations_off else {}
            except DexError:
                ann = {}
            sigs = self._js_sigs[m.cls] = frozenset(
                k for k, t in ann.items() if not JS_INTERFACE_ANNOTATIONS.isdisjoint(t))
        return m.sig in sigs

    def js_callable(self, m: Method) -> bool:
        """Whether web content may call ``m`` on an object of its class: annotated, or (in an app
        that targets Android 4.1 or older) any public instance method but a constructor."""
        if self.js_annotated(m):
            return True
        return (self._target_sdk() < JS_ANNOTATION_FROM and not m.is_static
                and bool(m.access & ACC_PUBLIC) and not m.name.startswith("<"))

    def js_exposed_by(self, key: str) -> list[SinkSite]:
        """The ``addJavascriptInterface`` calls through which web content may call method ``key``
        (read after the fixpoint): they expose an object of its class, of a subclass that inherits
        it, or of one of its supertypes (a declared type); an object of unknown class exposes the
        annotated methods only."""
        m = self.cx.p.method(key)
        if m is None or not self.js_exposures or not self.js_callable(m):
            return []
        related = self.cx.p.supertypes(m.cls) | self.cx.p.subtypes(m.cls) | {m.cls}
        annotated = self.js_annotated(m)
        return sorted((site for site, types in self.js_exposures.items()
                       if not types.isdisjoint(related) or ("" in types and annotated)),
                      key=lambda s: (s.method, s.pc))

    def js_method(self, key: str) -> bool:
        """Whether web content may call method ``key`` (see :meth:`js_exposed_by`)."""
        return bool(self.js_exposed_by(key))

    def js_return(self, run: MethodRun, root: bool) -> None:
        """A method web content may call hands its result to the page: recorded at the method (kind
        ``webview_js``), moved after the fixpoint to the calls that expose its object
        (:meth:`js_exposed_by`). Called by the app only (an unannotated method of an old app):
        what it returns of its own, not what its callers pass it."""
        ret = run.ret if root else {x for x in run.ret if not is_param(x)}
        if ret and self.js_callable(run.m):
            run.leaks.setdefault(SinkSite(run.m.key, 0, "webview_js", JS_RETURN_API), set()).update(ret)

    @staticmethod
    def row_put(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                args: list[Val], pc: int) -> frozenset[str]:
        """``ContentValues.put(key, value)`` of data: the row remembers where (see :meth:`row_write`)."""
        if len(args) > 1 and labels_of(run, st, args[1]):
            set_meta(st, this[1], "@puts", [f"p:{pc}"])
        return NO_OBJS

    def row_write(self, site: SinkSite, st: State, v: Val) -> None:
        """Sink ``site`` writes the row ``v``: the puts of data into it (in this method) are its steps."""
        puts = {int(x[2:]) for o in v[1] for x in st.heap.get((o, "@puts"), NONE)[1]}
        self.cx.sink_steps.setdefault(site, set()).update(
            SinkSite(site.method, pc, site.sink, ROW_PUT_API) for pc in puts)

    # -- after the fixpoint ----------------------------------------------------------

    def write_through(self, g: str, site: SinkSite) -> None:
        """What reaches send or storage site ``site`` is written to channel ``g``."""
        cx = self.cx
        for r in cx.leak_roots.get(site, ()):
            cx.write_global(g, cx.leak_at.get((site, r), set()), r, site)

    def private_result(self, site: SinkSite) -> bool:
        """A broadcast result that goes back to the app itself: set in a receiver the manifest does
        not export, or in one the app's own code sends its broadcasts to (its action named outside
        it, as DroidBench's ordered intents are). A receiver registered in code, or an
        exported one only others call (adb's ``am broadcast`` of a test helper), answers others."""
        if not site.api.startswith("android.content.BroadcastReceiver.setResult") or self.cx.app is None:
            return False
        desc = site.method.split("->", 1)[0]
        cls = descriptor_to_java(desc)
        for c in self.cx.app.components:
            if c.kind == "receiver" and c.name == cls:
                actions = {a for f in c.intent_filters for a in f.actions}
                return not c.exported or self._named_elsewhere(desc, actions)
        return False

    def _named_elsewhere(self, desc: str, actions: set[str]) -> bool:
        """Whether reachable code outside class ``desc`` (and its nested classes) names one of
        ``actions`` (a class constant is no sign: the app may only register the receiver with it)."""
        p = self.cx.p
        inner = desc[:-1] + "$"
        for key in self.cx.reach.methods:
            if key.startswith((desc + "->", inner)):
                continue
            m = p.method(key)
            if m is None or not m.code_off:
                continue
            f = p.facts(m)
            if any(v in actions for _pc, _r, v in f.strings):
                return True
        return False

    def write_storage(self) -> None:
        """What reaches a preference, file or database write can be read back by the app (not what
        a stream of unknown origin gets: it may be a socket's)."""
        for site in self.cx.global_leaks:
            chan = STORAGE_CHANNELS.get(site.sink)
            if chan is not None and site not in self.cx.unknown_streams:
                self.write_through(chan, site)
                for key in self.cx.store_keys.get(site, ()):  # and under the entry's key
                    self.write_through(f"{chan}:{key}", site)

    def resolve_icc(self, methods: dict[str, Method]) -> dict[SinkSite, tuple[str, ...]]:
        """Turn sends to components of this app into channel writes; return those (internal) send
        sites, each with the app classes it reaches (Java names)."""
        cx = self.cx
        p = cx.p
        by_kind: dict[str, list[tuple[str, tuple[str, ...]]]] = {
            "activity": [], "service": [], "receiver": []}
        if cx.app is not None:
            for comp in cx.app.components:
                if comp.kind in ("provider", "instrumentation"):
                    continue
                kind = "activity" if comp.kind == "activity-alias" else comp.kind
                name = comp.target if comp.kind == "activity-alias" and comp.target else comp.name
                if not comp.enabled and class_desc(name) not in cx.reach.enabled_in_code:
                    continue
                actions = tuple(a for f in comp.intent_filters for a in f.actions)
                by_kind[kind].append((class_desc(name), actions))
        for rcls, action in self.dynamic_receivers:
            by_kind["receiver"].append((rcls, (action,)))
        has_result_handler = any(k.endswith("->" + RESULT_CALLBACK) for k in methods)
        internal: dict[SinkSite, tuple[str, ...]] = {}
        for site, (kind, targets) in self.icc_sends.items():
            labels = cx.global_leaks.get(site)
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
                if kind == "activity" and has_result_handler and site.api.rsplit(".", 1)[-1] in FOR_RESULT:
                    self.write_through("G:icc:result", site)
                continue
            internal[site] = tuple(sorted(descriptor_to_java(d) if d != "result" else d for d in dests))
            for d in dests:
                c: str | None = d
                while c is not None:
                    self.write_through(f"G:icc:{c}", site)
                    ci = p.classes.get(c)
                    c = ci.superclass if ci is not None else None
        return internal

    def inbound(self, methods: dict[str, Method]) -> None:
        """Activities other apps hand data to: what their incoming intents carry is a source.

        An activity counts when it is exported with an intent filter for one of the platform's
        actions for sharing, opening or editing data (:data:`DATA_ACTIONS`) and no code of the
        app outside the activity names its class or one of its actions: intents the app sends
        itself are followed as channels instead. The data's PI types are unknown, so the source
        carries none.
        """
        cx = self.cx
        if cx.app is None:
            return
        comps: dict[str, tuple[str, set[str]]] = {}  # activity class -> (Java name, filter actions)
        for comp in cx.app.components:
            if not comp.enabled or not comp.exported or comp.kind not in ("activity", "activity-alias"):
                continue
            name = comp.target if comp.kind == "activity-alias" and comp.target else comp.name
            actions = {a for f in comp.intent_filters for a in f.actions}
            if actions & DATA_ACTIONS:
                comps.setdefault(class_desc(name), (name, set()))[1].update(actions)
        if not comps:
            return
        named: dict[str, set[str]] = {}  # string or class constant -> classes using it
        for m in methods.values():
            f = cx.p.facts(m)
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
            idx = cx.add_source(PIAccess(
                source_id=INBOUND_ID, api="android.content.Intent (from another app)", kind="intent", pi=(),
                location=loc, owner=cx.owner(name), reachable=True))
            cx.global_writes.setdefault(f"G:icc:{desc}", set()).add(idx)

    def registered_broadcasts(self) -> None:
        """Receivers registered in code for a system broadcast that carries PI: their intent channel
        holds that broadcast, a carrier whose extras are read where the receiver reads them
        (:mod:`~analyzer.taint.carriers`). A receiver the scan already gives the broadcast (its
        ``onReceive`` tests the action) is skipped."""
        cx = self.cx
        have = {(a.location.cls, a.source_id) for i, a in enumerate(cx.sources) if i in cx.carriers.by_label}
        for rcls, action in sorted(self.dynamic_receivers):
            spec = cx.kb.actions.get(action)
            m = cx.p.resolve(rcls, "onReceive(Landroid/content/Context;Landroid/content/Intent;)V")
            if spec is None or m is None or not m.code_off:
                continue
            loc = CodeLocation(descriptor_to_java(m.cls), m.name, m.proto, -1)
            if (loc.cls, spec.id) in have:
                continue
            have.add((loc.cls, spec.id))
            access = PIAccess(source_id=spec.id, api=action, kind="intent_action", pi=spec.pi, location=loc,
                              owner=cx.owner(loc.cls), reachable=True, permission=spec.permission)
            idx = cx.add_source(access)
            cx.carriers.add(idx, access, spec)
            c: str | None = rcls
            while c is not None and c in cx.p.classes:
                cx.global_writes.setdefault(f"G:icc:{c}", set()).add(idx)
                c = cx.p.classes[c].superclass

    def fresh_value(self, mkey: str, gk: str, methods: dict[str, Method]) -> set[Label]:
        """Labels field ``gk`` of ``this`` holds when the framework enters first callback
        ``mkey``: what the no-argument constructors of the classes it runs for store there
        (the global label when one is unknown, lets ``this`` escape or another hook runs first)."""
        cx = self.cx
        m = methods.get(mkey)
        if m is None:
            return {gk}
        classes = [c for c in {m.cls} | cx.p.subtypes(m.cls) if c in cx.p.classes
                   and c in cx.reach.live and (r := cx.p.resolve(c, m.sig)) is not None and r.key == mkey]
        if not classes:
            return {gk}
        out: set[Label] = set()
        for c in classes:
            for hook in BEFORE_FIRST:
                h = cx.p.resolve(c, hook)
                if h is not None and h.code_off:
                    return {gk}
            s = cx.summaries.get(f"{c}-><init>()V")
            if s is None or s.this_fields is None:
                return {gk}
            labs: Labels = s.this_fields.get(gk, EMPTY)
            out |= {x for x in labs if not is_param(x)} | unpath(labs)
        return out

