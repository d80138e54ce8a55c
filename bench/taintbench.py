"""Score piflow's taint analysis on the TaintBench dev split (scoring convention from its README).

Each expected flow of ``truth/<app>_findings.json`` (TAF format) is looked for among the leaks that
``scan_apk(..., taint=True)`` reports, at three tiers, each including the one before:

- strict: a leak's sink call site is in the expected sink's class and method and calls the
  expected ``targetName``, and one of its sources is in the expected source's class and method
  and calls the expected source ``targetName``;
- equivalent: strict, or such a source (same class and method) is the same datum under another
  name: a provider read reported by its ``Uri`` constant, or at its query call naming the ``Uri``,
  where the truth names ``ContentResolver.query``/``managedQuery`` or ``Cursor.get*`` (a ``Uri`` of
  the provider the truth's statement names, when it names one), or one ``SmsMessage`` call for
  another on the same message, or one read of a broadcast's extras for another (the extra by its
  key where the truth names the ``getExtras`` bundle it is got from);
- sink-only: the sink matches as in strict, any source.

Classes are compared in one form for both sides (DEX ``Outer$Inner``/``Outer$1`` and Java
``Outer.Inner``/``Outer.AnonymousClass1`` all become ``Outer.Inner``/``Outer.1``); methods by name
(overloads are not told apart); a constructor's ``targetName`` is its class's simple name, as in
TaintBench. Line numbers are compared in two cases only, from the APK's line tables:

- anonymous classes are numbered by the decompiler the truth's statements come from, not always as
  javac numbers them: a source in another anonymous class of the same outer class matches when it
  is at the truth's ``lineNo``;
- a negative flow (``isNegative``) is hit when a leak matches it at the strict or equivalent tier,
  unless every source read that matched is at a line other than the negative's ``lineNo`` (then it
  is a positive twin in the same method that the leak reports, and the negative counts at the
  sink-only tier). How many negatives match by method and API name alone is printed too.

Recall is given over all expected flows and over those in scope: flows whose source is personal
information. That is decided per flow, by what its source reads, in ``bench/taintbench_scope.yaml``
(``pi`` and the reason, committed; a flow of the truth missing there is an error). The API rules
below cross-check it: from the truth's source alone, its API from the Jimple IR (``PI_SOURCES``),
or, for a provider read (``PROVIDER_READS``), the provider its statement or description names
(``PI_PROVIDERS``), for an intent extra the key its IR names (``PI_INTENT_EXTRAS``), for
``findViewById`` a cast to ``EditText`` (``USER_INPUT_VIEW``). The flows counted out of scope,
and those where the rules and the decision differ, are printed so that a reader can check the call.

Also counted per app: the leaks reported, and the repeats among them: leaks with the same source
sites (class, method, API) and the same sink method as an earlier leak of the app, i.e. another
sink call of the same request build-up (the entity, then ``execute``), counted beyond the first;
those that leave the app (scope ``outside``: not into its storage nor to its own components); and
the noise of the leaks: the source sites and the PI types each carries (mean/max per leak).
Implicit leaks (a sink that branches on PI decide, no PI data in it) are counted apart and are
not matched against the flows.

Usage: python bench/taintbench.py [--corpus DIR] [--json OUT] [--verbose] [--only SUBSTR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analyzer.kb.catalogue import KnowledgeBase
    from analyzer.model import CodeLocation, Leak, PIAccess

REPO = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("PIFLOW_SHARED", REPO.parent / "shared")) / "corpora" / "taintbench-dev"
SCOPE = REPO / "bench" / "taintbench_scope.yaml"
"""The per-flow decisions: what each expected flow's source reads (``pi``, null when not PI) and why."""
BUDGET_S = 600.0
"""Time budget of one scan (the slowest app of the split takes about 12 s)."""

TIERS = ("strict", "equivalent", "sink-only")

PI_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("device identifiers", r"android\.telephony\.TelephonyManager",
     "getDeviceId getImei getMeid getSubscriberId getSimSerialNumber getDeviceSoftwareVersion"
     " getNetworkOperator getNetworkOperatorName getNetworkCountryIso"),
    ("device identifiers", r"android\.net\.wifi\.WifiInfo", "getMacAddress getBSSID getSSID getIpAddress"),
    ("device identifiers", r"java\.net\.NetworkInterface", "getHardwareAddress"),
    ("device identifiers", r"android\.bluetooth\.BluetoothAdapter", "getAddress getName"),
    ("device identifiers", r"android\.provider\.Settings\$(Secure|System)", "getString"),  # android_id
    ("device identifiers", r"android\.os\.Build", "getSerial"),
    ("phone number, SIM data", r"android\.telephony\.TelephonyManager",
     "getLine1Number getVoiceMailNumber getSimOperator getSimOperatorName getSimCountryIso"),
    ("location", r"android\.location\.LocationManager",
     "getLastKnownLocation getCurrentLocation requestLocationUpdates requestSingleUpdate"),
    ("location", r"android\.location\.Location",
     "getLatitude getLongitude getAltitude getAccuracy getSpeed getBearing getTime"),
    ("location", r"android\.location\.(Address|Geocoder)", "*"),
    ("location", r"[\w.$]+", "onLocationChanged"),
    ("location", r"android\.telephony\.TelephonyManager",
     "getCellLocation getAllCellInfo getNeighboringCellInfo"),
    ("location", r"android\.telephony\.(gsm\.GsmCellLocation|cdma\.CdmaCellLocation)", "*"),
    ("location", r"android\.net\.wifi\.WifiManager", "getScanResults"),
    ("SMS", r"android\.telephony\.(gsm\.)?SmsMessage", "*"),
    ("calls", r"[\w.$]+", "onCallStateChanged"),
    ("accounts", r"android\.accounts\.AccountManager",
     "getAccounts getAccountsByType getAccountsByTypeAndFeatures getUserData getPassword peekAuthToken"
     " blockingGetAuthToken getAuthToken"),
    ("user input", r"[\w.$]*(EditText|TextView)", "getText"),
    ("installed apps", r"android\.content\.pm\.PackageManager",
     "getInstalledPackages getInstalledApplications queryIntentActivities"),
    ("installed apps", r"android\.app\.ActivityManager",
     "getRunningTasks getRunningAppProcesses getRunningServices getRecentTasks"),
    ("clipboard", r"android\.content\.ClipboardManager", "getPrimaryClip getText"),
    ("browser history", r"android\.provider\.Browser", "getAllVisitedUrls getAllBookmarks"),
    ("advertising id", r"com\.google\.android\.gms\.ads\.identifier\.AdvertisingIdClient(\$Info)?", "*"),
)
"""PI source APIs: (what, regex over the declaring class, method names or ``*``), matched against the
API the truth's source calls as its Jimple IR names it. A flow whose source calls one is in scope."""

PROVIDER_READS = (r"android\.content\.(ContentResolver|ContentProviderClient)\.query|[\w.$]+\.managedQuery"
                  r"|android\.database\.(Cursor|CursorWrapper|AbstractCursor)\.get\w+")
"""Reads from a content provider (as ``declaring.Class.method``): in scope when the provider is a PI one
(``PI_PROVIDERS``). They are also the reads the equivalent tier accepts under their ``Uri`` constant."""

PI_PROVIDERS = (r"ContactsContract|\bContacts\b|\b(Phone|Email|Data)\.CONTENT|RawContacts|StructuredPostal"
                r"|CallLog|\bCalls\.CONTENT|Telephony\.(Sms|Mms)|Browser\.(BOOKMARKS|SEARCHES)"
                r"|content://(sms|mms|call_log|com\.android\.contacts|contacts|icc|browser)"
                r"|\bcontacts?\b|\bcall ?logs?\b|\bsms(s|es)?\b|\btext messages?\b|\bbookmarks?\b")
"""A PI provider as a query's statement names it (its ``Uri``) or, for a ``Cursor.get*`` whose statement
does not say which cursor it reads, as the finding's description names it (case-insensitive)."""

PI_INTENT_EXTRAS = {
    "pdus": "SMS (SMS_RECEIVED pdus extra)",
    "incoming_number": "calls (PHONE_STATE incoming_number extra)",
    "android.intent.extra.PHONE_NUMBER": "calls (NEW_OUTGOING_CALL phone number extra)",
}
"""Extras in which the platform's broadcasts carry PI, by key: an ``Intent.get*Extra`` whose IR names one
of them is in scope. Other extras (what an app put there itself) are not: their data is PI only through
an earlier flow of the app, which TaintBench scores as a flow of its own."""

USER_INPUT_VIEW = r"\(\s*[\w.]*EditText\s*\)\s*(\w+\.)*findViewById"
"""``findViewById`` whose result the truth's statement casts to an ``EditText``: that field, as user input."""

PROVIDERS: tuple[tuple[str, str], ...] = (
    ("contacts", r"ContactsContract|\b(Contacts|People|Phone|Email|Data|RawContacts|StructuredPostal)\b"
                 r"|content://(com\.android\.contacts|contacts|icc)"),
    ("SMS", r"Telephony\.(Sms|Mms)|\b(Sms|Mms)\b|content://(sms|mms)"),
    ("call log", r"CallLog|\bCalls\b|content://call_log"),
    ("browser", r"\bBrowser\b|content://browser"),
)
"""Content providers, by the ``Uri`` constants and strings that name them. For the equivalent tier, a
leak's ``Uri`` stands for a query whose statement names a ``Uri`` of the same provider: in a chain of
queries in one method (``RawContacts``, then ``Data`` by ``raw_contact_id``), TaintBench may start the flow
at one query where piflow reports the ``Uri`` of another."""

EXTRA_READS = r"android\.content\.Intent\.(getExtras|get\w*Extra)|android\.os\.Bundle\.get\w*"
"""Reads of an intent's extras: the bundle, or an extra by key. For the equivalent tier, a read of a
broadcast's extras piflow reports (the extra by its key) is the datum another read of them names (the
bundle ``getExtras`` returns, from which the code then gets the extra)."""

SMS_CLASSES = ("android.telephony.SmsMessage", "android.telephony.gsm.SmsMessage")
"""Classes whose calls are one datum, the message, for the equivalent tier."""

_IR_CALL = re.compile(r"<([\w.$]+): [^>]*? ([\w<>$]+)\(")
_IR_EXTRA = re.compile(r"<android\.content\.Intent: \S+ get\w*Extra\(java\.lang\.String\)>\(\"([^\"]*)\"\)")


def norm_class(name: str) -> str:
    """One form for DEX and Java class names: ``a.B$C``, ``a.B.C`` -> ``a.B.C``;
    ``a.B$1``, ``a.B.AnonymousClass1`` -> ``a.B.1``."""
    return re.sub(r"\.AnonymousClass(\d+)\b", r".\1", name.replace("$", "."))


def java_method_name(signature: str, java_class: str) -> str:
    """The name in a Java signature: ``public static void f(String s)`` -> ``f``; a constructor
    ``public B(int i)`` of ``a.B`` -> ``<init>``; ``static {}`` -> ``<clinit>``."""
    if re.match(r"\s*static\s*\{", signature):
        return "<clinit>"
    head = signature.split("(", 1)[0].split()
    name = head[-1] if head else signature.strip()
    return "<init>" if name == java_class.rpartition(".")[2] else name


def api_name(api: str) -> str:
    """The called method's name as TaintBench's ``targetName`` gives it, from a piflow API such as
    ``android.util.Log.i``, ``a.B.<init>`` (then the class's simple name, ``B``),
    ``X.getString("android_id")`` or ``X.m (native)``."""
    cls, _, meth = api.split("(", 1)[0].strip().rpartition(".")
    return re.split(r"[.$]", cls)[-1] if meth == "<init>" else meth


def api_class(api: str) -> str:
    """Declaring class of a piflow API name."""
    return api.split("(", 1)[0].strip().rpartition(".")[0]


@dataclass(frozen=True)
class End:
    """One end (source or sink) of an expected flow."""

    cls: str
    """Normalised class (``norm_class``)."""
    method: str
    """Method name."""
    target: str
    """Called API's method name (``targetName``)."""
    api: str
    """Called API as the Jimple IR names it, ``declaring.Class.method`` (empty without IR)."""
    ir: str
    """The Jimple IR statement."""
    statement: str
    """The Java statement."""
    java_class: str
    """Class as the truth writes it."""
    line: int = 0
    """Source line (``lineNo``; 0 when not given)."""

    @staticmethod
    def parse(d: dict[str, Any]) -> End:
        """An end from its TAF object."""
        irs = d.get("IRs") or [{}]
        ir = str(irs[0].get("IRstatement", ""))
        m = _IR_CALL.search(ir)
        return End(cls=norm_class(d["className"]), method=java_method_name(d["methodName"], d["className"]),
                   target=d["targetName"], api=f"{m.group(1)}.{m.group(2)}" if m else "", ir=ir,
                   statement=d.get("statement", ""), java_class=d["className"],
                   line=int(d.get("lineNo") or 0))

    def __str__(self) -> str:
        return f"{self.java_class}.{self.method} -> {self.target}"


@dataclass
class Expected:
    """One finding of the truth and what was found for it."""

    app: str
    id: int
    negative: bool
    source: End
    sink: End
    description: str
    scope: str
    """What PI the source reads (empty: out of scope), as decided in ``SCOPE``."""
    why: str
    """The reason for that decision."""
    rules: str
    """What PI the API rules (``classify_scope``) say the source reads (empty: none)."""
    tier: str | None = None
    """Best tier found at, None when no leak has the expected sink."""
    leak: dict[str, Any] | None = None
    """The leak that matched at that tier."""

    @property
    def in_scope(self) -> bool:
        return bool(self.scope)


@dataclass
class AppResult:
    """Per-app counts."""

    app: str
    flows: list[Expected]
    leaks: int = 0
    repeats: int = 0
    outside: int = 0
    """Leaks that take the data out of the app (not into its storage nor to its own components)."""
    implicit: int = 0
    """Implicit leaks (branches on PI decide the sink), counted apart and not matched to flows."""
    seconds: float = 0.0
    sources: list[int] = field(default_factory=list)
    """Per leak: the source sites it carries."""
    pi: list[int] = field(default_factory=list)
    """Per leak: the PI types it carries."""
    all_leaks: list[dict[str, Any]] = field(default_factory=list)
    """Every leak reported, as plain data (for ``--json``)."""
    error: str = ""
    partial: str = ""
    found: Counter[str] = field(default_factory=Counter)
    """Expected (positive) flows found per tier, each tier counting those found at a stricter one."""
    negatives_hit: int = 0
    negatives_by_name: int = 0
    """Negatives a leak matches by class, method and API name alone (the README's convention), also
    those whose matched reads the line tables put at another line than the negative's."""


def classify_scope(source: End, description: str) -> tuple[str, bool]:
    """What PI the source reads ("" when it is not a PI source), and whether that is inferred from the
    truth's text (provider, extra key, view cast) rather than read off the API."""
    cls, _, name = source.api.rpartition(".")
    for what, cls_rx, names in PI_SOURCES:
        if re.fullmatch(cls_rx, cls) and (names == "*" or name in names.split()):
            return what, False
    if source.api and re.fullmatch(PROVIDER_READS, source.api):
        text = source.statement if "query" in source.target.lower() else f"{source.statement} {description}"
        m = re.search(PI_PROVIDERS, text, re.IGNORECASE)
        return (f"provider read ({m.group(0)})", True) if m else ("", False)
    extra = _IR_EXTRA.search(source.ir)
    if extra and extra.group(1) in PI_INTENT_EXTRAS:
        return PI_INTENT_EXTRAS[extra.group(1)], True
    if source.target == "findViewById" and re.search(USER_INPUT_VIEW, source.statement):
        return "user input (EditText)", True
    return "", False


def load_scope(path: Path = SCOPE) -> dict[str, dict[int, tuple[str, str]]]:
    """The per-flow decisions: app -> flow id -> (PI read, empty when none; reason)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {app: {int(i): (str(d.get("pi") or ""), str(d.get("why", ""))) for i, d in flows.items()}
            for app, flows in data.items()}


def load_truth(path: Path, app: str, decisions: dict[str, dict[int, tuple[str, str]]] | None = None
               ) -> list[Expected]:
    """The findings of one app, each positive one with its scope decision (``SCOPE``)."""
    decisions = load_scope() if decisions is None else decisions
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for f in data["findings"]:
        src, sink = End.parse(f["source"]), End.parse(f["sink"])
        desc, fid, negative = f.get("description", ""), int(f["ID"]), bool(f.get("isNegative", False))
        rules, _ = classify_scope(src, desc)
        scope, why = "", "negative flow"
        if not negative:
            if fid not in decisions.get(app, {}):
                sys.exit(f"{app} #{fid} has no scope decision in {SCOPE.name}: decide what its source reads")
            scope, why = decisions[app][fid]
        out.append(Expected(app=app, id=fid, negative=negative, source=src, sink=sink, description=desc,
                            scope=scope, why=why, rules=rules))
    return out


def uri_key(uri: str) -> str:
    """A provider ``Uri`` in one form for piflow's sources and the truth's statements: the provider it
    belongs to (``PROVIDERS``), else a constant by its class's simple name and field
    (``a.Foo$Bar.CONTENT_URI``, ``Bar.CONTENT_URI`` -> ``Bar.CONTENT_URI``), a string without its trailing
    slash."""
    for name, rx in PROVIDERS:
        if re.search(rx, uri):
            return name
    if uri.startswith("content://"):
        return uri.rstrip("/")
    cls, _, fld = uri.rpartition(".")
    return f"{re.split(r'[.$]', cls)[-1]}.{fld}"


def named_uris(statement: str) -> set[str]:
    """The provider ``Uri`` constants and strings a truth statement names (``uri_key`` form)."""
    return ({uri_key(m.group(0)) for m in re.finditer(r"\b[\w.]+\.[A-Z_]*URI\b", statement)}
            | {uri_key(m.group(1)) for m in re.finditer(r"\"(content://[^\"]*)\"", statement)})


def source_uri(api: str) -> str:
    """The provider ``Uri`` a provider-read source names: the constant itself, or the ``Uri`` a query
    site reports in parentheses (``android.content.ContentResolver.query(a.Calls.CONTENT_URI)``)."""
    return api.split("(", 1)[1].rsplit(")", 1)[0] if "(" in api else api


def _equivalent(s: PIAccess, src: End) -> bool:
    """``s``, at the expected source's class and method, reads the datum ``src`` reads, under another name:
    the ``Uri`` of a provider read (of the provider the truth's statement names, when it names one), or
    another call on the same ``SmsMessage``."""
    if s.kind == "content_uri" and src.api and re.fullmatch(PROVIDER_READS, src.api):
        named = named_uris(src.statement)
        return not named or uri_key(source_uri(s.api)) in named
    if s.kind == "intent_action" and re.fullmatch(EXTRA_READS, src.api):
        return bool(re.fullmatch(EXTRA_READS, s.api.split("(", 1)[0]))
    return api_class(s.api) in SMS_CLASSES and any(src.api.startswith(c + ".") for c in SMS_CLASSES)


def _same_class(cls: str, exp: End, loc: CodeLocation, lines: Lines | None) -> bool:
    """``cls`` (normalised) is the class of ``exp``; or both are anonymous classes of one outer class
    (``Outer.12``, ``Outer.13``) and the line tables put ``loc`` at ``exp``'s line: decompilers,
    which TaintBench's statements come from, number anonymous classes otherwise than javac does."""
    if cls == exp.cls:
        return True
    outer, _, n = cls.rpartition(".")
    e_outer, _, e_n = exp.cls.rpartition(".")
    return (lines is not None and bool(exp.line) and n.isdigit() and e_n.isdigit() and outer == e_outer
            and lines.line(loc) == exp.line)


def match(leak: Leak, exp: Expected, lines: Lines | None = None) -> tuple[str, list[PIAccess]] | None:
    """The best tier at which ``leak`` reports ``exp`` and the leak's sources that make it (all of
    them at the sink-only tier), or None when its sink does not match (its last sink call or one of
    its steps, the other sink calls of the same flow). With ``lines``, a source in another anonymous
    class of the expected one's outer class matches at the expected line (:func:`_same_class`)."""
    snk, src = exp.sink, exp.source
    apis = {api_name(leak.sink_api)} | {api_name(st.api) for st in leak.steps}  # steps: same method
    if not (norm_class(leak.sink.cls) == snk.cls and leak.sink.method == snk.method and snk.target in apis):
        return None
    here = [s for s in leak.sources if s.location.method == src.method
            and _same_class(norm_class(s.location.cls), src, s.location, lines)]
    strict = [s for s in here if api_name(s.api) == src.target]
    if strict:
        return "strict", strict
    equivalent = [s for s in here if _equivalent(s, src)]
    if equivalent:
        return "equivalent", equivalent
    return "sink-only", list(leak.sources)


def leak_json(leak: Leak, matched: list[PIAccess]) -> dict[str, Any]:
    """A leak as plain data, with the sources that matched the expected one."""
    def site(s: PIAccess) -> dict[str, str]:
        return {"api": s.api, "kind": s.kind, "at": str(s.location)}
    return {"sink": str(leak.sink), "sink_api": leak.sink_api,
            "matched_sources": [site(s) for s in matched], "sources": [site(s) for s in leak.sources]}


def repeats(leaks: list[Leak]) -> int:
    """Leaks with the same source sites and the same sink method as another leak, beyond the first."""
    keys = Counter((frozenset((s.location.cls, s.location.method, s.api) for s in lk.sources),
                    lk.sink.cls, lk.sink.method, lk.sink.proto) for lk in leaks)
    return sum(n - 1 for n in keys.values())


class Lines:
    """Source lines of bytecode offsets, from the line tables (``debug_info``) of an APK's DEX files."""

    def __init__(self, apk: Path) -> None:
        from analyzer.apk.dex import DexError, DexFile

        self._at: dict[tuple[str, str, str], tuple[DexFile, int]] = {}
        try:
            with zipfile.ZipFile(apk) as z:
                dexes = [DexFile(z.read(n), n) for n in z.namelist() if re.fullmatch(r"classes\d*\.dex", n)]
            for d in dexes:
                for c in d.classes():
                    for em in c.methods:
                        if em.code_off:
                            ref = d.method(em.method_idx)
                            self._at.setdefault((c.descriptor, ref.name, ref.proto), (d, em.code_off))
        except (OSError, zipfile.BadZipFile, DexError):
            self._at.clear()

    def line(self, loc: CodeLocation) -> int | None:
        """The source line of ``loc``'s instruction, None when its method has no line table."""
        got = self._at.get(("L" + loc.cls.replace(".", "/") + ";", loc.method, loc.proto))
        if got is None or loc.offset < 0:
            return None
        d, code_off = got
        data = d.data
        (debug_off,) = struct.unpack_from("<I", data, code_off + 8)
        if not debug_off:
            return None
        line, pos = _uleb(data, debug_off)
        nparams, pos = _uleb(data, pos)
        for _ in range(nparams):
            _, pos = _uleb(data, pos)
        addr, found = 0, None
        while pos < len(data):
            op = data[pos]
            pos += 1
            if op == 0x00:
                break
            if op == 0x01:
                n, pos = _uleb(data, pos)
                addr += n
            elif op == 0x02:
                n, pos = _sleb(data, pos)
                line += n
            elif op in (0x03, 0x04):
                for _ in range(3 if op == 0x03 else 4):
                    _, pos = _uleb(data, pos)
            elif op in (0x05, 0x06, 0x09):
                _, pos = _uleb(data, pos)
            elif op >= 0x0A:
                adj = op - 0x0A
                line += -4 + adj % 15
                addr += adj // 15
                if addr > loc.offset:
                    break
                found = line
        return found


def _uleb(buf: bytes, pos: int) -> tuple[int, int]:
    out, shift = 0, 0
    while True:
        b = buf[pos]
        pos += 1
        out |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return out, pos


def _sleb(buf: bytes, pos: int) -> tuple[int, int]:
    start = pos
    out, pos = _uleb(buf, pos)
    bits = 7 * (pos - start)
    return (out - (1 << bits) if out & (1 << (bits - 1)) else out), pos


def negative_elsewhere(lines: Lines, exp: Expected, matched: list[PIAccess]) -> bool:
    """A negative flow the leak matches by method and API only: every matched source read is at a line
    other than the negative's (the read the truth marks negative is not among the leak's sources).
    Positives and negatives share a method (a read that is sent, another that is only compared):
    method-level matching alone would count the leak of the positive against its negative twin."""
    if not exp.source.line:
        return False
    got = [lines.line(s.location) for s in matched]
    return bool(got) and None not in got and exp.source.line not in got


def score_app(apk: Path, flows: list[Expected], kb: KnowledgeBase) -> AppResult:
    """Scan one app and match its leaks against its flows."""
    from analyzer.errors import PiflowError
    from analyzer.static.scan import scan_apk

    res = AppResult(app=apk.stem, flows=flows)
    started = time.perf_counter()
    leaks: list[Leak] = []
    try:
        r = scan_apk(apk, kb, taint=True, budget_s=BUDGET_S)
        leaks = [lk for lk in r.leaks if not lk.implicit]
        res.implicit = len(r.leaks) - len(leaks)
        if r.stats.partial:
            res.partial = f"{r.stats.partial_phase} ({r.stats.partial_reason})"
    except PiflowError as e:
        res.error = str(e)
    res.seconds = round(time.perf_counter() - started, 1)
    res.leaks, res.repeats = len(leaks), repeats(leaks)
    res.sources = [len({(x.location, x.api) for x in lk.sources}) for lk in leaks]
    res.pi = [len(lk.pi) for lk in leaks]
    res.all_leaks = [leak_json(lk, []) for lk in leaks]
    lines = Lines(apk)
    res.outside = sum(lk.scope == "outside" for lk in leaks)
    for exp in flows:
        best: tuple[int, Leak, list[PIAccess]] | None = None
        named: list[tuple[Leak, list[PIAccess]]] = []
        for lk in leaks:
            m = match(lk, exp, lines)
            if m is not None and m[0] in TIERS[:2]:
                named.append((lk, m[1]))
            if m is not None and (best is None or TIERS.index(m[0]) < best[0]):
                best = (TIERS.index(m[0]), lk, m[1])
        if best is None:
            continue
        exp.tier, exp.leak = TIERS[best[0]], leak_json(best[1], best[2])
        if exp.negative and named:
            res.negatives_by_name += 1
            hit = [(lk, got) for lk, got in named if not negative_elsewhere(lines, exp, got)]
            if hit:
                exp.leak = leak_json(*hit[0])
            else:
                exp.tier = "sink-only"
        if exp.negative:
            res.negatives_hit += exp.tier in TIERS[:2]
        else:
            res.found.update(TIERS[best[0]:])
    return res


def score(corpus: Path, only: str = "", verbose: bool = False) -> list[AppResult]:
    """Scan every app of the corpus (those whose name contains ``only``) and score it."""
    from analyzer.kb.catalogue import load_kb

    kb = load_kb()
    results = []
    for truth in sorted((corpus / "truth").glob("*_findings.json")):
        app = truth.name.removesuffix("_findings.json")
        if only not in app:
            continue
        res = score_app(corpus / "apks" / f"{app}.apk", load_truth(truth, app), kb)
        results.append(res)
        if verbose:
            print_flows(res)
    return results


def print_flows(res: AppResult) -> None:
    """Each flow of one app, whether and at which tier it was found, and the leak (to stderr)."""
    print(f"{res.app}: {res.leaks} leaks, {res.seconds} s {res.error}{res.partial}", file=sys.stderr)
    for e in res.flows:
        kind = "NEG" if e.negative else ("PI " if e.in_scope else "   ")
        tier = e.tier or "-"
        if e.negative:
            tier = "HIT" if e.tier in TIERS[:2] else f"ok ({tier})"
        print(f"  {e.id:>3} {kind} {tier:<11} {e.source}  =>  {e.sink}", file=sys.stderr)
        if e.leak:
            shown = e.leak["matched_sources"][:3]
            more = len(e.leak["matched_sources"]) - len(shown)
            srcs = "; ".join(f"{s['api']} @{s['at']}" for s in shown)
            srcs += f"; … {more} more" if more > 0 else ""
            print(f"        leak {e.leak['sink_api']} @{e.leak['sink']} <- {srcs}", file=sys.stderr)


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.2f}" if d else "-"


def _spread(xs: list[int]) -> str:
    """Mean and max of per-leak counts: ``2.3/14``."""
    return f"{sum(xs) / len(xs):.1f}/{max(xs)}" if xs else "-"


def table(results: list[AppResult]) -> str:
    """Markdown table per app, then the totals."""
    lines = ["| app | expected | in scope | strict | equivalent | sink-only | negatives hit | leaks | repeats"
             " | sources/leak | PI types/leak | s |", "|---" + "|---:" * 11 + "|"]
    for r in results:
        pos = [e for e in r.flows if not e.negative]
        note = f" (error: {r.error})" if r.error else (f" (partial: {r.partial})" if r.partial else "")
        lines.append(f"| {r.app}{note} | {len(pos)} | {sum(e.in_scope for e in pos)} | {r.found['strict']} | "
                     f"{r.found['equivalent']} | {r.found['sink-only']} | {r.negatives_hit}/"
                     f"{len(r.flows) - len(pos)} | {r.leaks} | {r.repeats} | {_spread(r.sources)} | "
                     f"{_spread(r.pi)} | {r.seconds} |")
    flows = [e for r in results for e in r.flows]
    pos = [e for e in flows if not e.negative]
    scoped = [e for e in pos if e.in_scope]
    lines += ["", f"| tier | found, all flows ({len(pos)}) | recall | found, in-scope flows ({len(scoped)}) "
              "| recall |", "|---|---:|---:|---:|---:|"]
    for i, t in enumerate(TIERS):
        a = sum(e.tier in TIERS[:i + 1] for e in pos)
        s = sum(e.tier in TIERS[:i + 1] for e in scoped)
        lines.append(f"| {t} | {a} | {_ratio(a, len(pos))} | {s} | {_ratio(s, len(scoped))} |")
    negs = [e for e in flows if e.negative]
    cut = "".join(f"; {r.app}: {r.error or 'partial ' + r.partial}" for r in results if r.error or r.partial)
    lines += ["", f"negatives hit: {sum(e.tier in TIERS[:2] for e in negs)} of {len(negs)} (matched by "
              f"method and API name alone: {sum(r.negatives_by_name for r in results)}); "
              f"leaks reported: {sum(r.leaks for r in results)}, of which repeats: "
              f"{sum(r.repeats for r in results)}, leaving the app: {sum(r.outside for r in results)}; "
              f"per leak (mean/max) sources {_spread([n for r in results for n in r.sources])}, PI types "
              f"{_spread([n for r in results for n in r.pi])}; implicit leaks (apart): "
              f"{sum(r.implicit for r in results)}; {len(results)} apps in "
              f"{sum(r.seconds for r in results):.1f} s{cut}"]
    return "\n".join(lines)


def scope_notes(results: list[AppResult]) -> str:
    """The expected flows counted out of scope, and those counted in from the truth's text."""
    pos = [e for r in results for e in r.flows if not e.negative]
    out = [f"Out of scope (the source is not personal information; {SCOPE.name}):"]
    for e in pos:
        if not e.in_scope:
            out.append(f"  {e.app} #{e.id}: {e.source.api or e.source.target}: {e.why}")
    out.append("Decided otherwise than the API rules would (decision; rules):")
    out += [f"  {e.app} #{e.id}: {e.source.api or e.source.target}: {e.scope or '-'}; {e.rules or '-'}"
            for e in pos if bool(e.scope) != bool(e.rules)]
    return "\n".join(out)


def to_json(results: list[AppResult]) -> dict[str, Any]:
    """Per-app counts and per-flow results."""
    return {"apps": [{"app": r.app, "leaks": r.leaks, "repeats": r.repeats, "outside": r.outside,
                      "implicit": r.implicit,
                      "seconds": r.seconds,
                      "error": r.error, "partial": r.partial, "negatives_hit": r.negatives_hit,
                      "negatives_by_name": r.negatives_by_name,
                      "found": {t: r.found[t] for t in TIERS}, "all_leaks": r.all_leaks,
                      "flows": [{"id": e.id, "negative": e.negative, "in_scope": e.in_scope,
                                 "scope": e.scope, "why": e.why,
                                 "source": str(e.source), "source_api": e.source.api, "sink": str(e.sink),
                                 "sink_api": e.sink.api, "tier": e.tier, "leak": e.leak} for e in r.flows]}
                     for r in results]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--json", type=Path, help="write the per-flow results to this file")
    ap.add_argument("--verbose", action="store_true", help="print each expected flow and the tier found at")
    ap.add_argument("--only", default="", metavar="SUBSTR", help="only the apps whose name contains SUBSTR")
    args = ap.parse_args()
    results = score(args.corpus, args.only, args.verbose)
    if not results:
        sys.exit(f"no app in {args.corpus} matches {args.only!r}")
    print(table(results))
    print()
    print(scope_notes(results))
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
