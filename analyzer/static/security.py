"""Find the security facts rules need: trust-all TLS, WebView exposure, world-readable files, SD card.

Two passes over the program:

1. *Implementations*: app classes implementing ``X509TrustManager``,
   ``HostnameVerifier`` or ``WebViewClient.onReceivedSslError`` are judged by
   :mod:`analyzer.static.tls`.
2. *Call sites*: methods that call an API of interest are run through
   :mod:`analyzer.program.regflow`, which gives the constant arguments
   (``setJavaScriptEnabled(true)``, ``MODE_WORLD_READABLE``) and the classes
   an argument may be an instance of (``new TrustAll()`` in the array given to
   ``SSLContext.init``). Objects stored in a field in one method and read in
   another are followed through a field-based map (fields of the methods that
   allocate a weak implementation), and a method that installs one of its
   parameters makes its callers' arguments installed (three levels up).
   External-storage directories and
   ``/sdcard`` paths are followed inside the method, through ``File`` and
   string building, to file-output calls.

Every fact carries its code location, owner and reachability (see
:class:`analyzer.model.SecurityFact`); the kinds are :data:`FACT_KINDS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import DexError, DexFile, FieldRef, Insn, MethodRef
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor, split_params
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.owners import OwnerResolver
from analyzer.model import CodeLocation, SecurityFact
from analyzer.program.cfg import Body, build_body
from analyzer.program.hierarchy import Method, Program
from analyzer.program.reach import JS_INTERFACE_ANNOTATIONS, Reachability
from analyzer.program.regflow import Hooks, State, Value, analyse, walk
from analyzer.static.tls import (
    SSL_ERROR_HANDLERS,
    Verdict,
    accepted_issuers,
    proceeds,
    trust_check,
    verify_accepts_all,
)

FACT_KINDS: dict[str, str] = {
    "trust_all_trust_manager": "X509TrustManager whose checkServerTrusted returns without checking the chain",
    "trust_all_hostname_verifier": "HostnameVerifier whose verify returns true on every path",
    "allow_all_hostname_verifier": "library allow-all verifier: ALLOW_ALL_HOSTNAME_VERIFIER, "
                                   "AllowAllHostnameVerifier, NoopHostnameVerifier",
    "ssl_error_proceed": "SslErrorHandler.proceed() in onReceivedSslError (or elsewhere)",
    "javascript_interface": "WebView.addJavascriptInterface call site",
    "javascript_enabled": "WebSettings.setJavaScriptEnabled(true)",
    "file_access": "WebSettings.setAllowFileAccess(true)",
    "file_url_access": "WebSettings.setAllowFileAccessFromFileURLs(true)",
    "universal_file_url_access": "WebSettings.setAllowUniversalAccessFromFileURLs(true)",
    "webview_debugging": "WebView.setWebContentsDebuggingEnabled(true)",
    "world_readable_mode": "file, preferences, database or directory opened with MODE_WORLD_READABLE",
    "world_writable_mode": "file, preferences, database or directory opened with MODE_WORLD_WRITEABLE",
    "external_storage_write": "external-storage directory or /sdcard path used for file output in the method",
    "external_storage_access": "external-storage directory obtained (its use is not followed)",
}

_TRUST_MANAGER = "Ljavax/net/ssl/X509TrustManager;"
_HOSTNAME_VERIFIER = "Ljavax/net/ssl/HostnameVerifier;"
_WEBVIEW_CLIENTS = ("Landroid/webkit/WebViewClient;", "Lcom/tencent/smtt/sdk/WebViewClient;")
_WEBVIEWS = ("Landroid/webkit/WebView;", "Lcom/tencent/smtt/sdk/WebView;")
_WEB_SETTINGS = ("Landroid/webkit/WebSettings;", "Lcom/tencent/smtt/sdk/WebSettings;")
_JS_INTERFACE = JS_INTERFACE_ANNOTATIONS
_CONTEXT = "Landroid/content/Context;"
_ALLOW_ALL_FIELDS = {
    ("Lorg/apache/http/conn/ssl/SSLSocketFactory;", "ALLOW_ALL_HOSTNAME_VERIFIER"):
        "Lorg/apache/http/conn/ssl/AllowAllHostnameVerifier;",
    ("Lorg/apache/http/conn/ssl/NoopHostnameVerifier;", "INSTANCE"):
        "Lorg/apache/http/conn/ssl/NoopHostnameVerifier;",
}
_ALLOW_ALL_CLASSES = frozenset(_ALLOW_ALL_FIELDS.values())
_SETTINGS_KINDS = {"setJavaScriptEnabled": "javascript_enabled", "setAllowFileAccess": "file_access",
                   "setAllowFileAccessFromFileURLs": "file_url_access",
                   "setAllowUniversalAccessFromFileURLs": "universal_file_url_access"}
_MODE_APIS = frozenset(("openFileOutput", "getSharedPreferences", "openOrCreateDatabase", "getDir"))
_EXT_DIRS = frozenset(("getExternalStorageDirectory", "getExternalStoragePublicDirectory",
                       "getExternalFilesDir", "getExternalFilesDirs", "getExternalCacheDir",
                       "getExternalCacheDirs", "getExternalMediaDirs"))
_SDCARD = ("/sdcard", "/mnt/sdcard", "/storage/emulated/", "/storage/sdcard")
_FILE_OUT_CTORS = frozenset(("Ljava/io/FileOutputStream;", "Ljava/io/FileWriter;",
                             "Ljava/io/RandomAccessFile;", "Ljava/io/PrintWriter;", "Ljava/io/PrintStream;"))
_FILE_CREATE = frozenset(("createNewFile", "mkdir", "mkdirs", "createTempFile"))
_NIO_WRITES = frozenset(("write", "newOutputStream", "newBufferedWriter", "copy", "createFile"))
_VERIFIER_SETTERS = frozenset(("setHostnameVerifier", "setDefaultHostnameVerifier", "hostnameVerifier"))
_VERIFIER_TYPES = frozenset((_HOSTNAME_VERIFIER, "Lorg/apache/http/conn/ssl/X509HostnameVerifier;"))
_INTERESTING = (frozenset(("init", "sslSocketFactory", "setWebViewClient", "addJavascriptInterface",
                           "setWebContentsDebuggingEnabled", "proceed"))
                | _VERIFIER_SETTERS | frozenset(_SETTINGS_KINDS) | _MODE_APIS | _EXT_DIRS)
_MARK = "!"  # markers in value sets: "!ext@<pc>", "!sd@<pc>"


def _loc(m: Method, pc: int = -1) -> CodeLocation:
    return CodeLocation(descriptor_to_java(m.cls), m.name, m.proto, pc)


def _body(p: Program, m: Method) -> Body:
    return build_body(p.dex[m.dex], m.code_off, m.is_static, m.cls, split_params(m.proto))


def _entry(m: Method, body: Body) -> State:
    """``this`` is an instance of the class; object parameters carry a marker ``!p<i>``."""
    st: State = {}
    for i, (reg, typ) in enumerate(body.param_regs):
        if i == 0 and not m.is_static:
            st[reg] = frozenset((m.cls,))
        elif typ[0] in "L[":
            st[reg] = frozenset((f"!p{i}",))
    return st


def _arg_position(m: Method, i: int) -> int:
    """Index in an invoke's argument registers of parameter ``i`` of ``m`` (``this`` is 0)."""
    pos = 0 if m.is_static else 1
    params = split_params(m.proto)
    for t in params[:i - (0 if m.is_static else 1)]:
        pos += 2 if t in ("J", "D") else 1
    return pos


def _java(desc: str) -> str:
    return descriptor_to_java(desc)


class _Finder(Hooks):
    def __init__(self, program: Program, app: AppInfo, reach: Reachability, owner: OwnerResolver) -> None:
        self.p = program
        self.reach = reach
        self.owner = owner
        self.out: list[SecurityFact] = []
        self.weak: dict[str, tuple[str, Method, Verdict, tuple[str, ...]]] = {}
        self.uses: dict[str, list[tuple[CodeLocation, bool]]] = defaultdict(list)
        self.fields: dict[tuple[str, str], frozenset[str]] = {}
        self.m: Method | None = None
        self.installers: dict[str, tuple[Method, set[int]]] = {}
        self.ext_origin: dict[str, str] = {}
        self.ext_written: dict[str, str] = {}

    # -- implementations ---------------------------------------------------------

    def implementations(self) -> None:
        p = self.p
        for cls in sorted(p.subtypes(_TRUST_MANAGER)):
            self._trust_manager(cls)
        for cls in sorted(p.subtypes(_HOSTNAME_VERIFIER)):
            m = p.classes[cls].methods.get("verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z")
            if m is not None and m.code_off:
                v = self._judge(m, verify_accepts_all)
                if v is not None and v.weak:
                    self.weak[cls] = ("trust_all_hostname_verifier", m, v, ())
        for base in _WEBVIEW_CLIENTS:
            for cls in sorted(p.subtypes(base)):
                for m in p.classes[cls].methods.values():
                    params = split_params(m.proto)
                    if (m.name == "onReceivedSslError" and m.code_off and len(params) == 3
                            and params[1] in SSL_ERROR_HANDLERS):
                        v = self._judge(m, proceeds)
                        if v is not None and v.weak:
                            self.weak[cls] = ("ssl_error_proceed", m, v, ())

    def _judge(self, m: Method, check: Callable[[Body, DexFile], Verdict]) -> Verdict | None:
        try:
            return check(_body(self.p, m), self.p.dex[m.dex])
        except DexError:
            return None

    def _trust_manager(self, cls: str) -> None:
        ci = self.p.classes[cls]
        servers = sorted((m for m in ci.methods.values() if m.name == "checkServerTrusted" and m.code_off),
                         key=lambda m: len(m.sig))
        found: tuple[Method, Verdict] | None = None
        for m in servers:
            v = self._judge(m, lambda b, d: trust_check(b, d, "checkServerTrusted"))
            better = found is None or (v is not None and v.unconditional and not found[1].unconditional)
            if v is not None and v.weak and better:
                found = (m, v)
        if found is None:
            return
        details: list[str] = []
        for m in ci.methods.values():
            if m.name == "checkClientTrusted" and m.code_off:
                cv = self._judge(m, lambda b, d: trust_check(b, d, "checkClientTrusted"))
                if cv is not None and cv.weak:
                    details.append("checkClientTrusted accepts without a check")
                    break
        gm = ci.methods.get("getAcceptedIssuers()[Ljava/security/cert/X509Certificate;")
        if gm is not None and gm.code_off:
            try:
                what = accepted_issuers(_body(self.p, gm))
            except DexError:
                what = ""
            if what:
                details.append(f"getAcceptedIssuers returns {what}")
        self.weak[cls] = ("trust_all_trust_manager", found[0], found[1], tuple(details))

    # -- regflow hooks -----------------------------------------------------------

    def string(self, pc: int, value: str) -> Value | None:
        if value.startswith(_SDCARD):
            self.ext_origin[f"!sd@{pc}"] = f"\"{value[:60]}\""
            return frozenset((f"!sd@{pc}",))
        return value

    def field(self, pc: int, ref: FieldRef) -> Value | None:
        special = _ALLOW_ALL_FIELDS.get((ref.cls, ref.name))
        if special is not None:
            return frozenset((special,))
        got = self.fields.get((ref.cls, ref.name))
        if got is not None:
            return got
        ci = self.p.classes.get(ref.type)
        if ci is not None and not ci.is_abstract:
            return frozenset((ref.type,))
        return None

    def store(self, ref: FieldRef, value: Value | None) -> None:
        if isinstance(value, frozenset) and value:
            key = (ref.cls, ref.name)
            self.fields[key] = self.fields.get(key, frozenset()) | value

    def call(self, pc: int, ref: MethodRef, op: int, args: tuple[int, ...], state: State) -> Value | None:
        if (ref.name in _EXT_DIRS and ref.ret in ("Ljava/io/File;", "[Ljava/io/File;")
                and self.p.external_declaring(ref.cls, ref.name)):
            self.ext_origin[f"!ext@{pc}"] = f"{_java(ref.cls)}.{ref.name}"
            return frozenset((f"!ext@{pc}",))
        if ref.cls in self.p.classes:
            ci = self.p.classes.get(ref.ret)
            return frozenset((ref.ret,)) if ci is not None and not ci.is_abstract else None
        marks: frozenset[str] = frozenset()
        for r in args:
            v = state.get(r)
            if isinstance(v, frozenset):
                marks |= {x for x in v if x.startswith(_MARK)}
        if not marks:
            return None
        if args and (ref.name == "<init>" or ref.name == "append"):
            old = state.get(args[0])
            state[args[0]] = (old if isinstance(old, frozenset) else frozenset()) | marks
        return marks

    # -- call sites --------------------------------------------------------------

    def call_sites(self) -> None:
        cands: list[Method] = []
        allocators: list[Method] = []
        weak = set(self.weak) | _ALLOW_ALL_CLASSES
        for m in self.p.methods():
            if not m.code_off:
                continue
            f = self.p.facts(m)
            if any(c.target.name in _INTERESTING for c in f.calls) or any(
                    s.startswith(_SDCARD) for _pc, _r, s in f.strings):
                cands.append(m)
            if f.object_field_writes and (not weak.isdisjoint(f.news) or any(
                    (c, n) in _ALLOW_ALL_FIELDS for _pc, c, n in f.field_reads)):
                allocators.append(m)
        for m in allocators:  # fill the field map first
            self._flow(m, None)
        for m in cands:
            self._flow(m, self._visit)
        done: set[str] = set()
        for _round in range(3):  # installers that take the object as a parameter, three levels up
            todo = {k: v for k, v in self.installers.items() if k not in done}
            if not todo:
                break
            done |= set(todo)
            names = {m.name for m, _i in todo.values()}
            for m in self.p.methods():
                if m.code_off and any(c.target.name in names for c in self.p.facts(m).calls):
                    self._flow(m, self._visit_installer_calls)

    def _flow(self, m: Method, visit: Callable[[int, Insn, State], None] | None) -> None:
        self.m = m
        self.ext_origin, self.ext_written = {}, {}
        try:
            body = _body(self.p, m)
            flow = analyse(body, self.p.dex[m.dex], self, _entry(m, body))
            if visit is not None:
                walk(flow, visit)
        except DexError:
            return
        if visit is not None:
            for mark, api in self.ext_origin.items():
                pc = int(mark.split("@")[1])
                sink = self.ext_written.get(mark)
                if sink is not None:
                    self._emit("external_storage_write", m, pc, f"{api} used for file output ({sink})")
                elif mark.startswith("!ext"):
                    self._emit("external_storage_access", m, pc, f"{api} called", unconditional=False)

    def _emit(self, kind: str, m: Method, pc: int, evidence: str, subject: str = "",
              unconditional: bool = True, details: tuple[str, ...] = ()) -> None:
        loc = _loc(m, pc)
        self.out.append(SecurityFact(kind=kind, subject=subject or loc.cls, location=loc,
                                     owner=self.owner(loc.cls), reachable=m.key in self.reach,
                                     evidence=evidence, unconditional=unconditional, details=details))

    def _visit(self, _k: int, insn: Insn, st: State) -> None:
        pc, op, a, b, _c, args = insn
        m = self.m
        assert m is not None
        p = self.p
        if op == 0x22 and p.dex[m.dex].type(b) in _ALLOW_ALL_CLASSES:
            desc = p.dex[m.dex].type(b)
            self._emit("allow_all_hostname_verifier", m, pc, f"new {_java(desc)}()", subject=_java(desc))
            return
        if op == 0x62:
            fr = p.dex[m.dex].field(b)
            if (fr.cls, fr.name) in _ALLOW_ALL_FIELDS:
                self._emit("allow_all_hostname_verifier", m, pc, f"reads {_java(fr.cls)}.{fr.name}",
                           subject=_java(_ALLOW_ALL_FIELDS[(fr.cls, fr.name)]))
            return
        if not (0x6E <= op <= 0x72 or 0x74 <= op <= 0x78):
            return
        ref = p.dex[m.dex].method(a)
        self._file_sink(ref, args, st, pc)
        name = ref.name
        if name not in _INTERESTING:
            return
        vals = [st.get(r) for r in args]
        here = (_loc(m, pc), m.key in self.reach)
        if name == "init" and ref.cls == "Ljavax/net/ssl/SSLContext;" and len(vals) == 4:
            self._use(vals[2], here)
        elif (name == "sslSocketFactory" and ref.params[-1:] == (_TRUST_MANAGER,)) or (
                name in _VERIFIER_SETTERS and ref.params and ref.params[-1] in _VERIFIER_TYPES):
            self._use(vals[-1], here)
        elif name == "setWebViewClient" and len(vals) == 2:
            self._use(vals[1], here)
        elif name == "addJavascriptInterface" and len(vals) == 3 and self._is(ref.cls, _WEBVIEWS):
            self._js_interface(m, pc, vals[1], vals[2])
        elif name in _SETTINGS_KINDS and len(vals) == 2 and vals[1] == 1 and self._is(ref.cls, _WEB_SETTINGS):
            self._emit(_SETTINGS_KINDS[name], m, pc, f"{_java(ref.cls)}.{name}(true)")
        elif name == "setWebContentsDebuggingEnabled" and vals == [1] and self._is(ref.cls, _WEBVIEWS):
            self._emit("webview_debugging", m, pc, f"{_java(ref.cls)}.{name}(true)")
        elif (name in _MODE_APIS and len(vals) >= 3 and isinstance(vals[2], int)
              and self._is(ref.cls, (_CONTEXT,))):
            mode = vals[2]
            target = (f"name={vals[1][:80]}",) if isinstance(vals[1], str) else ()
            for bit, kind, word in ((1, "world_readable_mode", "MODE_WORLD_READABLE"),
                                    (2, "world_writable_mode", "MODE_WORLD_WRITEABLE")):
                if mode & bit and mode >= 0:
                    self._emit(kind, m, pc, f"{name}(…, {mode:#x}) sets {word}", details=target)
        elif name == "proceed" and ref.cls in SSL_ERROR_HANDLERS and m.name != "proceed" and not (
                m.name == "onReceivedSslError" and self.weak.get(m.cls, ("",))[0] == "ssl_error_proceed"):
            self._emit("ssl_error_proceed", m, pc, f"SslErrorHandler.proceed() called in {m.name}",
                       unconditional=False)

    def _is(self, cls: str, bases: tuple[str, ...]) -> bool:
        sup = self.p.supertypes(cls)
        return any(b in sup for b in bases)

    def _use(self, value: Value | None, here: tuple[CodeLocation, bool]) -> None:
        if isinstance(value, frozenset):
            for cls in value:
                if not cls.startswith(_MARK):
                    self.uses[cls].append(here)
                elif cls.startswith("!p") and self.m is not None:
                    self.installers.setdefault(self.m.key, (self.m, set()))[1].add(int(cls[2:]))

    def _visit_installer_calls(self, _k: int, insn: Insn, st: State) -> None:
        """At a call to a method that installs its parameter, the argument is installed here."""
        pc, op, a, _b, _c, args = insn
        m = self.m
        if m is None or not (0x6E <= op <= 0x72 or 0x74 <= op <= 0x78):
            return
        ref = self.p.dex[m.dex].method(a)
        target = self.p.resolve(ref.cls, ref.name + ref.proto)
        got = self.installers.get(target.key) if target is not None else None
        if target is None or got is None:
            return
        for i in got[1]:
            pos = _arg_position(target, i)
            if pos < len(args):
                self._use(st.get(args[pos]), (_loc(m, pc), m.key in self.reach))

    def _file_sink(self, ref: MethodRef, args: tuple[int, ...], st: State, pc: int) -> None:
        if ref.cls in _FILE_OUT_CTORS and ref.name == "<init>":
            regs, what = args[1:], f"new {_java(ref.cls)}"
        elif ref.cls == "Ljava/io/File;" and ref.name in _FILE_CREATE:
            regs, what = args, f"File.{ref.name}"
        elif ref.cls == "Ljava/nio/file/Files;" and ref.name in _NIO_WRITES:
            regs, what = args, f"Files.{ref.name}"
        else:
            return
        for r in regs:
            v = st.get(r)
            if isinstance(v, frozenset):
                for mark in v:
                    if mark.startswith(_MARK):
                        self.ext_written.setdefault(mark, f"{what} at {pc:#x}")

    def _js_interface(self, m: Method, pc: int, obj: Value | None, name: Value | None) -> None:
        classes = sorted(c for c in obj if not c.startswith(_MARK)) if isinstance(obj, frozenset) else []
        subject = classes[0] if len(classes) == 1 else ""
        details: list[str] = [f"js_name={name}"] if isinstance(name, str) else []
        ci = self.p.classes.get(subject)
        c: str | None = subject
        while ci is not None and c is not None:
            try:
                ann = self.p.method_annotations(ci)
            except DexError:
                ann = {}
            details += [f"method={sig.split('(')[0]}" for sig, types in sorted(ann.items())
                        if not _JS_INTERFACE.isdisjoint(types)]
            c = ci.superclass
            ci = self.p.classes.get(c) if c else None
        what = f"new {_java(subject)}()" if subject else "an object of unknown class"
        self._emit("javascript_interface", m, pc, f"addJavascriptInterface({what}, …)",
                   subject=_java(subject) if subject else "", details=tuple(dict.fromkeys(details)))

    # -- results -----------------------------------------------------------------

    def finish(self) -> list[SecurityFact]:
        for cls, (kind, m, v, details) in sorted(self.weak.items()):
            used_at = self.uses.get(cls, [])
            loc = _loc(m)
            self.out.append(SecurityFact(
                kind=kind, subject=loc.cls, location=loc, owner=self.owner(loc.cls),
                reachable=m.key in self.reach, evidence=v.evidence, unconditional=v.unconditional,
                used_at=tuple(dict.fromkeys(u for u, _r in used_at)), used=any(r for _u, r in used_at),
                details=details))
        out = []
        for f in self.out:
            if f.kind == "allow_all_hostname_verifier":
                used_at = self.uses.get(java_to_descriptor(f.subject), [])
                f = replace(f, used_at=tuple(dict.fromkeys(u for u, _r in used_at)),
                            used=any(r for _u, r in used_at))
            out.append(f)
        return sorted(out, key=lambda f: (f.kind, str(f.location)))


def find_security_facts(program: Program, kb: KnowledgeBase, app: AppInfo, reach: Reachability,
                        owner: OwnerResolver | None = None) -> list[SecurityFact]:
    """Every security fact of :data:`FACT_KINDS` in the app, reachable or not."""
    finder = _Finder(program, app, reach, owner or OwnerResolver(kb, app.package))
    finder.implementations()
    finder.call_sites()
    return finder.finish()
