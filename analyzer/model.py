"""Value types shared by every part of piflow: PI types, evidence, flows, findings.

Everything here is a frozen dataclass or an enum with no behaviour beyond
ordering and fingerprinting, so producers (static, traffic, declarations),
the graph and the rules agree on one vocabulary and results serialise
trivially.

Severity and confidence are separate ordered scales (as in bandit): how bad
a finding would be, and how sure we are that it is real. A rule that could
not run for lack of evidence yields :class:`NotEvaluated`, never a pass.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


class _Ordered(enum.Enum):
    """An enum whose members compare by declaration order."""

    def _rank(self) -> int:
        return list(type(self)).index(self)

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() < other._rank()

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() <= other._rank()

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() > other._rank()

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() >= other._rank()


class Severity(_Ordered):
    """How much harm a finding describes, lowest first."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Confidence(_Ordered):
    """How sure the evidence makes us, lowest first."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Verification(enum.Enum):
    """Whether a legal statement was checked against a source text (REGULATION.md legend)."""

    VERIFIED = "V"
    PARTIAL = "V-partial"
    UNVERIFIED = "U"


@dataclass(frozen=True)
class PIType:
    """One kind of personal information from ``policies/taxonomy.yaml``."""

    id: str
    """Dotted id, e.g. ``device.imei``."""
    en: str
    """English name."""
    zh: str
    """Chinese name."""
    group: str
    """Top-level group, e.g. ``device``."""
    description: str
    """One sentence in our own words."""
    p24_basis: str
    """How Order 24 Art. 4 covers it: ``named``, ``identifiability`` or ``time_place``."""
    p24_term: str
    """The Art. 4 term it rests on."""
    p24_verified: Verification
    """Whether that mapping was verified against a source text."""
    gbt_category: str | None
    """GB/T 35273 Annex A category, if any."""
    gbt_sensitive: bool
    """Listed as sensitive PI in GB/T 35273 Annex B."""
    pipl28: str | None
    """PIPL Art. 28 sensitive category, if any."""
    immutable_device_id: bool
    """An identifier the user cannot reset (IMEI, serial, MAC, …)."""
    resettable: bool = False
    """A resettable identifier (OAID, GAID)."""
    kind_unknown: bool = False
    """Says where the data came from, not what it is (text the user typed into a field of no declared
    kind): listed with what the app collects, never judged against what a declaration names."""


@dataclass(frozen=True)
class CodeLocation:
    """A bytecode position: class, method, prototype and offset in 16-bit units."""

    cls: str
    """Java binary name of the class, e.g. ``com.a.Main$1``."""
    method: str
    """Method name."""
    proto: str
    """Prototype in descriptor form, e.g. ``(Landroid/os/Bundle;)V``."""
    offset: int = -1
    """Bytecode offset of the instruction, -1 for a whole method (callbacks)."""

    def __str__(self) -> str:
        at = f"@{self.offset:#x}" if self.offset >= 0 else ""
        return f"{self.cls}.{self.method}{self.proto}{at}"


@dataclass(frozen=True)
class Owner:
    """Who a piece of code belongs to: the app itself or a catalogued SDK."""

    kind: str
    """``app`` or ``sdk``."""
    id: str
    """The app's package name or the SDK id from ``policies/sdks.yaml``."""

    @property
    def node(self) -> str:
        """Graph node id of the owner."""
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class PIAccess:
    """A place in the code that reads a catalogued PI source."""

    source_id: str
    """Id of the matched entry in ``policies/sources.yaml``."""
    api: str
    """The API as Java names, e.g. ``android.telephony.TelephonyManager.getDeviceId``."""
    kind: str
    """Source kind: call, field, content_uri, settings_key, callback, intent_action, layout_input,
    user_input (the text of an editable view no layout declares a kind for), native."""
    pi: tuple[str, ...]
    """PI type ids it yields."""
    location: CodeLocation
    """Where in the code."""
    owner: Owner
    """App or SDK that holds the code."""
    reachable: bool
    """Whether the containing method is reachable from an entry point."""
    permission: str | None = None
    """The Android permission the API needs, if any."""
    only_compared: bool = False
    """The string or field read is only compared (``Build.FINGERPRINT.contains("generic")``), never
    kept, passed on or returned: it collects nothing (:mod:`analyzer.static.uses`)."""


@dataclass(frozen=True)
class Endpoint:
    """A URL or host name found as a constant in the code."""

    host: str
    """Lower-case host name."""
    url: str
    """The constant as found (a URL, or the bare host)."""
    scheme: str
    """``http``, ``https``, ``ws``, ``wss`` or ``""`` when no scheme was given."""
    location: CodeLocation
    """Where the constant is loaded."""
    owner: Owner
    """App or SDK that holds the code."""
    reachable: bool
    """Whether the containing method is reachable."""


@dataclass(frozen=True)
class SDKAccount:
    """The developer's account with an SDK's vendor, as the APK configures it (not the user's PI)."""

    source: str
    """``meta-data`` (of the manifest's ``<application>``) or ``resource`` (a string resource)."""
    name: str
    """The meta-data or resource name (``UMENG_APPKEY``, ``google_app_id``)."""
    value: str
    """Its value: an app key, app id, DSN or database URL; secrets in it masked (a DSN's password, a value
    whose name says secret or token)."""


@dataclass(frozen=True)
class SDKHit:
    """A catalogued third-party SDK found in the APK: by its code signature, or by the manifest entries
    its integration writes (``manifest`` and ``authorities`` in ``policies/sdks.yaml``)."""

    sdk_id: str
    """Id in ``policies/sdks.yaml``."""
    name: str
    """Display name."""
    company: str
    """Company behind it."""
    country: str
    """ISO country code of the company."""
    category: str
    """SDK category (analytics, ads, push, …)."""
    classes: int
    """Number of classes matching its code signature."""
    reachable: bool
    """Whether any of its methods is reachable from an entry point."""
    matched_prefixes: tuple[str, ...]
    """The package prefixes that matched."""
    proof: tuple[str, ...] = ()
    """What proves it: its entry classes found in the code (``entry`` in ``policies/sdks.yaml``), or else
    the first classes matching its code prefixes; then its manifest entries (``meta-data NAME``,
    ``provider AUTHORITY``). Without classes (``classes`` 0) the manifest entries alone: a configured
    integration whose code is stripped, renamed or loaded at run time."""
    accounts: tuple[SDKAccount, ...] = ()
    """The developer's accounts with the vendor the manifest and string resources name."""


@dataclass(frozen=True)
class SinkStep:
    """A further sink call of a flow (see :attr:`Leak.steps`)."""

    api: str
    """The sink API, e.g. ``org.apache.http.client.methods.HttpPost.<init>``."""
    site: CodeLocation
    """The call site."""
    follows: bool = False
    """A call on what the flow's sink call returned that sends the data on without being handed
    it (``connect`` on the connection ``URL.openConnection`` gave)."""


STORAGE_KINDS = frozenset(("shared_prefs", "sqlite", "file"))
"""Leak kinds where the data stays on the device in the app's own storage (its preferences,
databases and files; rule o24-13 tells world-readable files apart). External storage, which
other apps read, is not one of them."""
IN_APP_KINDS = frozenset(("icc",))
"""Leak kinds where the data stays in the app (an intent to one of its own components)."""
LEAK_SCOPES = ("outside", "storage", "app")
"""Where a leak takes the data: out of the app, into its storage, to another part of it."""


def leak_scope(kind: str) -> str:
    """The scope (:data:`LEAK_SCOPES`) of a leak of sink kind ``kind``."""
    return "app" if kind in IN_APP_KINDS else "storage" if kind in STORAGE_KINDS else "outside"


@dataclass(frozen=True)
class Leak:
    """PI that static analysis sees reaching a sink call site."""

    sink_kind: str
    """Sink kind: network, log, file, sms, ipc, …"""
    sink_api: str
    """The sink API, e.g. ``android.util.Log.i``."""
    sink: CodeLocation
    """The sink call site."""
    sink_owner: Owner
    """App or SDK holding the sink call."""
    sources: tuple[PIAccess, ...]
    """The source reads whose data arrives at the sink."""
    path: tuple[str, ...]
    """Methods the data passes through, source side first (Java names)."""
    confidence: Confidence
    """How sure the analysis is."""
    steps: tuple[SinkStep, ...] = ()
    """The other sink calls of the same flow: in the same method, of the same kind, reached by
    the same sources (a request built up over ``HttpPost.<init>``, ``setEntity``, ``execute``),
    in code order; ``sink`` is the last of them."""
    destinations: tuple[str, ...] = ()
    """For network sinks: where the sink call sends, as origins ``scheme://host[:port]``
    (``http://api.example.com``), resolved from the URL, host and socket constants that reach the
    call (:mod:`analyzer.static.destinations`); empty when the code does not fix it."""
    receivers: tuple[str, ...] = ()
    """For an intent: the app's own components that receive it (Java class names); for an
    implicit one (sink kind ``icc_implicit``) any other app whose intent filter matches may
    receive it as well, one of kind ``icc`` goes to them only."""
    implicit: bool = False
    """The PI reaches the sink only implicitly: code that branches on it decides that the sink
    runs or what it sends, no PI value flows into it (confidence low; not a disclosure of data)."""
    scope: str = ""
    """Where the data goes (:data:`LEAK_SCOPES`): ``outside`` the app, into its ``storage`` or
    to another part of the ``app``; set from ``sink_kind`` when not given (the scan makes the
    storage of a class that opens it world-readable or -writable ``outside``)."""

    def __post_init__(self) -> None:
        if not self.scope:
            object.__setattr__(self, "scope", leak_scope(self.sink_kind))

    @property
    def pi(self) -> tuple[str, ...]:
        """PI types that arrive."""
        return tuple(sorted({p for s in self.sources for p in s.pi}))


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence behind a flow or finding."""

    kind: str
    """``static``, ``traffic`` or ``declaration``."""
    summary: str
    """What it shows, human-readable, with PI values masked."""
    location: CodeLocation | None = None
    """Code location for static evidence."""
    ref: str = ""
    """Pointer into the capture or declaration for non-static evidence."""


@dataclass(frozen=True)
class Flow:
    """PI moving from a source to a sink (static path or observed on the wire)."""

    pi: tuple[str, ...]
    """PI type ids carried."""
    source: str
    """Graph node id the data comes from."""
    sink: str
    """Graph node id it reaches (a sink kind or a host)."""
    owner: Owner
    """Who causes the flow."""
    status: str
    """``confirmed`` (wire and code), ``observed`` (wire only), ``traced`` (a taint path to a sink bound to
    the host), ``traced-unbound`` (to a sink whose host the code does not fix) or ``potential`` (co-occurrence
    only): :mod:`analyzer.graph.join`."""
    evidence: tuple[Evidence, ...] = ()
    """Why we believe it."""


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one subject, with the article it cites."""

    rule_id: str
    """Stable rule id, e.g. ``cn-miit-o24-09-pi-before-consent``."""
    subject: str
    """Graph node or edge the finding is about (no line numbers, no timestamps)."""
    severity: Severity
    """How bad."""
    confidence: Confidence
    """How sure."""
    message: str
    """What was found, in plain words."""
    articles: tuple[str, ...] = ()
    """Cited provisions, e.g. ``Order24 Art 9(1)``."""
    evidence: tuple[Evidence, ...] = ()
    """Evidence the finding rests on."""
    fingerprint: str = field(default="")
    """Stable id across runs and app versions (derived from rule and subject)."""

    def __post_init__(self) -> None:
        if not self.fingerprint:
            object.__setattr__(self, "fingerprint", fingerprint(self.rule_id, self.subject))


@dataclass(frozen=True)
class NotEvaluated:
    """A rule that could not run, and why (never to be read as a pass)."""

    rule_id: str
    """The rule."""
    reason: str
    """What evidence was missing."""


def fingerprint(rule_id: str, subject: str) -> str:
    """A stable 16-hex-digit id for (rule, subject): no line numbers or times go in.

    >>> fingerprint("r1", "pi:device.imei") == fingerprint("r1", "pi:device.imei")
    True
    >>> len(fingerprint("r1", "pi:device.imei"))
    16
    """
    return hashlib.sha256(f"{rule_id}\x1f{subject}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SecurityFact:
    """A security-relevant construct in the code (TLS, WebView, file modes); see ``security.FACT_KINDS``."""

    kind: str
    """What was found, e.g. ``trust_all_trust_manager`` (see ``analyzer.static.security.FACT_KINDS``)."""
    subject: str
    """Java name of the class the fact is about: the implementing class, the JavaScript
    interface class (``""`` when not a constant allocation) or the class holding the call."""
    location: CodeLocation
    """The implementing method (offset -1) or the call site."""
    owner: Owner
    """App or SDK holding the code at ``location``."""
    reachable: bool
    """Whether the method at ``location`` is reachable from an entry point."""
    evidence: str
    """Why, in a few words (e.g. ``checkServerTrusted body is return-void``)."""
    unconditional: bool = True
    """False when the weakness holds only on some paths (e.g. ``proceed()`` behind a branch)."""
    used_at: tuple[CodeLocation, ...] = ()
    """Where an implementation is installed: ``SSLContext.init``, ``setHostnameVerifier``,
    ``setWebViewClient`` call sites holding an instance of it."""
    used: bool = False
    """Whether any site in :attr:`used_at` is reachable."""
    details: tuple[str, ...] = ()
    """Extra facts: the JavaScript name and ``@JavascriptInterface`` methods, a file name, a mode."""


@dataclass(frozen=True)
class PreConsentHit:
    """An SDK call or PI read that can run before the user has interacted with the app."""

    kind: str
    """``sdk_call`` (app code calls into an SDK), ``pi_access`` (a catalogued source read) or
    ``permission_request`` (a runtime-permission prompt, app or SDK code)."""
    api: str
    """The called SDK method or the source API, Java names."""
    location: CodeLocation
    """The call site or source read."""
    owner: Owner
    """App or SDK holding the code at ``location``."""
    entry: str
    """The lifecycle method the chain starts from, e.g. ``application onCreate``."""
    chain: tuple[str, ...]
    """Methods from the entry to the one holding the site (``cls.method``), entry first."""
    sdk: str = ""
    """For ``sdk_call``: the SDK id called into."""
    sdk_init: bool = False
    """For ``sdk_call``: the method is a catalogued initialisation method of that SDK."""
    pi: tuple[str, ...] = ()
    """For ``pi_access``: PI types read."""
    source_id: str = ""
    """For ``pi_access``: the source entry id in ``policies/sources.yaml``."""
    permissions: tuple[str, ...] = ()
    """For ``permission_request``: permission names held as constants in the prompting method."""
    gate: str = ""
    """Set when a consent flag at its first-launch value keeps the site from running before consent:
    the flag and the interaction methods that write it, e.g. ``behind pref `agreed`, set by
    com.a.Consent$1.onClick``. Such a hit is reported apart and not flagged."""


@dataclass(frozen=True)
class ConsentGate:
    """A persistent flag (pref key, MMKV key, intent extra, app field) the pre-consent window branches on."""

    flags: tuple[str, ...]
    """The flag and those its value comes from, for people (``pref `agreed```, ``field `com.a.App.ok```)."""
    openers: tuple[str, ...]
    """Interaction methods (``cls.method``) that write it: the consent the gate waits for."""
    gated: int = 0
    """Window sites (SDK calls, PI reads, prompts) it keeps out (with ``preset``: would keep out)."""
    preset: tuple[CodeLocation, ...] = ()
    """Window code that sets the flag to a non-zero constant with no interaction ("default consent"):
    the gate is then open on the first launch and closes nothing."""


@dataclass(frozen=True)
class Unresolved:
    """A call into code the static analysis cannot see (see :mod:`analyzer.static.unresolved`)."""

    kind: str
    """``native`` (a native method no bundled library implements) or ``dynamic_code``
    (code loaded at run time: a DEX class loader, ``DexFile``, a native library by path)."""
    api: str
    """The method called, Java names."""
    location: CodeLocation
    """The call site."""
    owner: Owner
    """App or SDK holding the call."""
    detail: str
    """Why it is unresolved, in words."""


@dataclass(frozen=True)
class PackerHit:
    """A packer, protector or obfuscator recognised in an APK (``policies/packers.yaml``)."""

    packer_id: str
    """Id in ``policies/packers.yaml``."""
    name: str
    """Product name."""
    vendor: str
    """Company behind it."""
    kind: str
    """``packer``, ``protector`` or ``obfuscator`` (only the last leaves the code readable)."""
    evidence: tuple[str, ...]
    """What matched, each ``class:``, ``application:``, ``library:`` or ``file:`` and the name found."""
    opaque_files: tuple[str, ...] = ()
    """Entries of the APK (assets) whose bytes look encrypted: high entropy, no known file format."""

    @property
    def hides_code(self) -> bool:
        """Whether the app's real code is out of the static scan's sight."""
        return self.kind != "obfuscator"
