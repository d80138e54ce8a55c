"""Load and index piflow's knowledge base: PI taxonomy, source and sink APIs, SDK signatures.

The data lives in ``policies/`` as versioned YAML with a source header.
Loading validates every entry (unknown keys, unknown PI ids, duplicate ids
are errors that name the file and entry) and builds the lookup indexes the
analyses use: sources by (class, method), SDKs by package prefix and by
host suffix, and the facts of an SDK's own hosts (region, data country, role:
:meth:`KnowledgeBase.host_info`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from analyzer.common.descriptors import java_to_descriptor
from analyzer.errors import PolicyError
from analyzer.kb.packers import PackerSpec, load_packers
from analyzer.kb.resources import policies_dir
from analyzer.kb.wire import WireSchema, load_wire
from analyzer.kb.yamlfile import check_keys, load_yaml
from analyzer.model import PIType, Verification

# ---------------------------------------------------------------------------
# Specs
# ---------------------------------------------------------------------------

SOURCE_KINDS = ("call", "field", "content_uri", "settings_key", "callback", "intent_action")
SINK_KINDS = ("network", "log", "file", "external_storage", "shared_prefs", "sqlite", "sms",
              "ipc", "webview", "clipboard", "content_provider", "bluetooth", "script")
LEAK_KINDS = (*SINK_KINDS, "icc_implicit", "icc", "webview_js")
"""The kinds a leak may have: the catalogue's sink kinds, plus those the taint analysis
derives (an ``ipc`` send of an implicit intent, or of an intent to the app's own component;
what a JavaScript interface method returns)."""


@dataclass(frozen=True)
class Grant:
    """A permission that also lets a source return data, on some apps only."""

    permission: str
    """Its full name."""
    target_below: int | None = None
    """Only for apps targeting an API level below this (a legacy grant, e.g. call log by READ_CONTACTS)."""
    min_sdk_below: int | None = None
    """Only for apps that can run on a release below this (where it still granted the data)."""

    def applies(self, held: set[str], min_sdk: int | None, target_sdk: int | None) -> bool:
        """Whether an app requesting ``held`` with these API levels gets the data through this grant
        (an unknown level counts as the oldest: the manifest did not raise it)."""
        if self.permission not in held:
            return False
        if self.target_below is not None and (target_sdk or 1) >= self.target_below:
            return False
        return self.min_sdk_below is None or (min_sdk or 1) < self.min_sdk_below


@dataclass(frozen=True)
class SourceSpec:
    """One entry of ``policies/sources.yaml``."""

    id: str
    """Stable id."""
    kind: str
    """One of SOURCE_KINDS."""
    pi: tuple[str, ...]
    """PI type ids it yields."""
    cls: str | None = None
    """Java class name (call, field, settings_key, callback, content_uri with field)."""
    method: str | None = None
    """Method name (call, callback)."""
    params: tuple[str, ...] | None = None
    """Parameter Java types, None for any."""
    field: str | None = None
    """Static field name (field, content_uri)."""
    uri: str | None = None
    """URI prefix (content_uri)."""
    key: str | None = None
    """Settings key (settings_key)."""
    param: int | None = None
    """Parameter index carrying PI (callback)."""
    action: str | None = None
    """Intent action (intent_action)."""
    extras: tuple[str, ...] | None = None
    """intent_action: the extras of the broadcast that hold the PI, by key (None: any extra may)."""
    data: bool = True
    """intent_action: whether the broadcast's data (``Intent.getData``) holds PI."""
    permission: str | None = None
    """Permission the API needs."""
    permission_also: tuple[Grant, ...] = ()
    """Other permissions that let this source (only) return data, with their conditions."""
    own_uid_arg: int | None = None
    """A call yielding nothing personal when this argument (0-based, receiver excluded) is the app's
    own or its caller's uid (``analyzer.static.uids``)."""
    note: str = ""
    """Free text."""

    @property
    def api(self) -> str:
        """Human-readable API name."""
        if self.kind in ("call", "callback"):
            return f"{self.cls}.{self.method}"
        if self.kind == "field" or (self.kind == "content_uri" and self.field and self.cls):
            return f"{self.cls}.{self.field}"
        if self.kind == "content_uri":
            return str(self.uri)
        if self.kind == "settings_key":
            return f"{self.cls}.getString({self.key!r})"
        return str(self.action)

    def params_descriptor(self) -> tuple[str, ...] | None:
        """Parameter types as descriptors, or None for any."""
        return None if self.params is None else tuple(java_to_descriptor(p) for p in self.params)


@dataclass(frozen=True)
class SinkSpec:
    """One entry of ``policies/sinks.yaml``."""

    id: str
    """Stable id."""
    cls: str
    """Java class name."""
    method: str
    """Method name."""
    sink: str
    """Sink kind (SINK_KINDS)."""
    args: tuple[int | str, ...]
    """Arguments that carry data: indices, or ``this``."""
    params: tuple[str, ...] | None = None
    """Parameter Java types, None for any."""
    note: str = ""
    """Free text."""


HOST_ROLES = ("ingest", "crash", "attribution", "ads", "push", "config", "auth", "deeplink", "dns",
              "cdn", "api")
"""What an SDK's host is for (``hosts:`` in ``policies/sdks.yaml``, whose header defines each word)."""

_REGION_RE = re.compile(r"^[A-Z]{2,6}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_HOST_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_POLICY_URL_RE = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(?:[/?#][^\s]*)?$")


@dataclass(frozen=True)
class HostInfo:
    """One entry of an SDK's ``hosts`` list: what the vendor says about a host (or a domain suffix)."""

    host: str
    """Host name or domain suffix it applies to (lower case)."""
    sdk: str
    """Id of the SDK that lists it."""
    role: str
    """What the host is for: one of :data:`HOST_ROLES`."""
    region: str = ""
    """The vendor's region or cluster the host serves (``EU``, ``US``, ``CN``, ``SG``, ``IN``, ``GLOBAL``);
    ``""`` when the vendor names none."""
    country: str = ""
    """ISO 3166-1 alpha-2 country where the vendor documents that region's data is stored or processed;
    ``""`` when it does not say."""


@dataclass(frozen=True)
class SDKSpec:
    """One entry of ``policies/sdks.yaml``."""

    id: str
    """Stable id."""
    name: str
    """Display name."""
    company: str
    """Company."""
    country: str
    """ISO 3166-1 alpha-2 country of the company."""
    category: str
    """Category."""
    code: tuple[str, ...]
    """Package prefixes (dotted)."""
    network: tuple[str, ...]
    """Host names or domain suffixes."""
    cn_market: bool = False
    """Common on the Chinese market."""
    website: str | None = None
    """Vendor website."""
    privacy_policy: str | None = None
    """The https URL of the privacy policy the vendor publishes for the SDK (optional)."""
    exodus: tuple[int, ...] = ()
    """Ids of the Exodus trackers whose signatures it restates."""
    init: tuple[str, ...] = ()
    """Initialisation methods as Java ``class.method`` names (optional; for pre-consent facts)."""
    entry: tuple[str, ...] = ()
    """Classes only an integration of the SDK brings (its init, client or manager classes; Java names).
    When given, the SDK is reported only where one of them is in the code (or its code is renamed),
    never for data classes other libraries bundle too."""
    manifest: tuple[str, ...] = ()
    """Names of the application ``<meta-data>`` it is configured by (``UMENG_APPKEY``): proof of the SDK,
    their values name the developer's account with the vendor."""
    resources: tuple[str, ...] = ()
    """Names of string resources naming that account (``google_app_id``); no proof on their own."""
    authorities: tuple[str, ...] = ()
    """Endings of the provider authorities its manifest adds (``.firebaseinitprovider``): proof of the SDK."""
    hosts: tuple[HostInfo, ...] = ()
    """Its own hosts with their region, data country and role; each also counts as a network signature."""


@dataclass(frozen=True)
class Switch:
    """Library code that runs only when the app switches a feature on."""

    code: tuple[str, ...]
    """Java class names of the code (nested classes included)."""
    feature: str
    """What the app has to switch on, in words."""
    on: tuple[tuple[str, str, int, frozenset[int]], ...]
    """(class descriptor, method, argument index without the receiver, values that switch it on)."""


@dataclass
class KnowledgeBase:
    """All data files, loaded and indexed."""

    taxonomy: dict[str, PIType]
    """PI types by id."""
    sources: tuple[SourceSpec, ...]
    """Source APIs."""
    sinks: tuple[SinkSpec, ...]
    """Sink APIs."""
    sdks: dict[str, SDKSpec]
    """SDKs by id."""
    directory: Path
    """Where the data came from."""
    calls: dict[tuple[str, str], list[SourceSpec]] = field(default_factory=dict)
    """Call sources by (class descriptor, method name)."""
    fields: dict[tuple[str, str], SourceSpec] = field(default_factory=dict)
    """Field and content-URI-field sources by (class descriptor, field name)."""
    uris: tuple[SourceSpec, ...] = ()
    """Content-URI sources, longest prefix first."""
    settings: dict[str, list[SourceSpec]] = field(default_factory=dict)
    """Settings-key sources by key."""
    callbacks: dict[tuple[str, str], list[SourceSpec]] = field(default_factory=dict)
    """Callback sources by (interface/class descriptor, method name)."""
    actions: dict[str, SourceSpec] = field(default_factory=dict)
    """Intent-action sources by action."""
    sinks_by_call: dict[tuple[str, str], list[SinkSpec]] = field(default_factory=dict)
    """Sinks by (class descriptor, method name)."""
    satisfied_by: dict[str, tuple[Grant, ...]] = field(default_factory=dict)
    """Permissions that also let a source needing the key's permission return data."""
    by_id: dict[str, SourceSpec] = field(default_factory=dict)
    """Sources by id."""
    ungated: frozenset[str] = frozenset()
    """Permissions that do not decide whether a source returns data (``permissions.ungated``)."""
    switched: tuple[Switch, ...] = ()
    """Library code that runs only when the app switches a feature on (``switched`` in sources.yaml)."""
    meta_data: dict[str, str] = field(default_factory=dict)
    """SDK ids by the manifest meta-data name they are configured by."""
    string_names: dict[str, str] = field(default_factory=dict)
    """SDK ids by the string-resource name that names their account."""
    authority_endings: tuple[tuple[str, str], ...] = ()
    """(authority ending, SDK id) of the provider authorities SDKs add, longest first."""
    wire: dict[str, WireSchema] = field(default_factory=dict)
    """Wire schemas (``policies/wire/*.yaml``) by SDK id: what each field of its upload format holds."""
    packers: tuple[PackerSpec, ...] = ()
    """Packer, protector and obfuscator fingerprints (``policies/packers.yaml``)."""
    _code_prefix: dict[str, str] = field(default_factory=dict)
    _net_suffix: dict[str, str] = field(default_factory=dict)
    _host_info: dict[str, HostInfo] = field(default_factory=dict)

    def unheld(self, spec: SourceSpec | None, permission: str | None, held: Iterable[str],
               min_sdk: int | None = None, target_sdk: int | None = None) -> str:
        """``permission`` when a read of ``spec`` needing it returns nothing to an app requesting
        ``held`` with these API levels (neither it nor a grant that applies is requested, and it is
        not ungated); else ``""``."""
        if not permission or permission in self.ungated:
            return ""
        have = set(held)
        if permission in have:
            return ""
        grants = (*self.satisfied_by.get(permission, ()), *(spec.permission_also if spec else ()))
        if any(g.applies(have, min_sdk, target_sdk) for g in grants):
            return ""
        return permission

    def sdk_for_class(self, java_name: str) -> SDKSpec | None:
        """The SDK whose longest code prefix matches ``java_name`` on a package boundary."""
        name = java_name
        while name:
            sid = self._code_prefix.get(name)
            if sid is not None:
                return self.sdks[sid]
            cut = name.rfind(".")
            if cut <= 0:
                return None
            name = name[:cut]
        return None

    def sdk_prefix_for_class(self, java_name: str) -> str | None:
        """The matching code prefix itself (see :meth:`sdk_for_class`)."""
        name = java_name
        while name:
            if name in self._code_prefix:
                return name
            cut = name.rfind(".")
            if cut <= 0:
                return None
            name = name[:cut]
        return None

    def sdk_for_host(self, host: str) -> SDKSpec | None:
        """The SDK whose longest network signature matches ``host`` (exact or domain suffix)."""
        h = host.lower().rstrip(".")
        while h:
            sid = self._net_suffix.get(h)
            if sid is not None:
                return self.sdks[sid]
            cut = h.find(".")
            if cut < 0:
                return None
            h = h[cut + 1:]
        return None

    def host_info(self, host: str) -> HostInfo | None:
        """The facts (region, country, role) of the longest ``hosts`` entry matching ``host`` (exact or
        domain suffix) among those of the SDK :meth:`sdk_for_host` names; None when it lists none.

        ``o4507.ingest.de.sentry.io`` takes the entry ``ingest.de.sentry.io``, not ``ingest.sentry.io``.
        """
        sdk = self.sdk_for_host(host)
        if sdk is None or not sdk.hosts:
            return None
        h = host.lower().rstrip(".")
        while h:
            info = self._host_info.get(h)
            if info is not None and info.sdk == sdk.id:
                return info
            cut = h.find(".")
            if cut < 0:
                return None
            h = h[cut + 1:]
        return None

    def sdk_for_authority(self, authority: str) -> SDKSpec | None:
        """The SDK whose provider-authority ending ``authority`` has (``com.app.firebaseinitprovider``)."""
        for ending, sid in self.authority_endings:
            if authority.endswith(ending) and len(authority) > len(ending):
                return self.sdks[sid]
        return None


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

_TAXONOMY_KEYS = {"id", "en", "zh", "group", "description", "p24", "gbt35273", "pipl28",
                  "immutable_device_id", "resettable", "kind_unknown", "note"}


def _load_taxonomy(path: Path) -> dict[str, PIType]:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("types"), list):
        raise PolicyError(f"{path.name}: expected a mapping with a 'types' list")
    out: dict[str, PIType] = {}
    for n, e in enumerate(doc["types"]):
        where = f"{path.name}: types[{n}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: not a mapping")
        check_keys(e, _TAXONOMY_KEYS, {"id", "en", "zh", "group", "p24", "immutable_device_id"}, where)
        tid = str(e["id"])
        if tid in out:
            raise PolicyError(f"{where}: duplicate id {tid}")
        p24 = e.get("p24") or {}
        gbt = e.get("gbt35273") or {}
        try:
            ver = Verification(str(p24.get("verified", "U")))
        except ValueError as err:
            raise PolicyError(f"{where}: p24.verified must be V, V-partial or U") from err
        out[tid] = PIType(
            id=tid, en=str(e["en"]), zh=str(e["zh"]), group=str(e["group"]),
            description=str(e.get("description", "")),
            p24_basis=str(p24.get("basis", "")), p24_term=str(p24.get("term", "")),
            p24_verified=ver,
            gbt_category=gbt.get("category"), gbt_sensitive=bool(gbt.get("sensitive", False)),
            pipl28=e.get("pipl28"), immutable_device_id=bool(e["immutable_device_id"]),
            resettable=bool(e.get("resettable", False)), kind_unknown=bool(e.get("kind_unknown", False)),
        )
    return out


_SOURCE_KEYS: dict[str, set[str]] = {
    "call": {"class", "method", "params", "returns"},
    "field": {"class", "field"},
    "content_uri": {"uri", "class", "field"},
    "settings_key": {"class", "key"},
    "callback": {"class", "method", "param", "params"},
    "intent_action": {"action", "extras", "data"},
}
_SOURCE_REQUIRED: dict[str, set[str]] = {
    "call": {"class", "method"}, "field": {"class", "field"}, "content_uri": {"uri"},
    "settings_key": {"class", "key"}, "callback": {"class", "method", "param"},
    "intent_action": {"action"},
}
_COMMON = {"id", "kind", "pi", "permission", "permission_also", "own_uid_arg", "note", "since_api",
           "removed_api"}


def _params(v: Any, where: str) -> tuple[str, ...] | None:
    if v is None or v == "any":
        return None
    if isinstance(v, list) and all(isinstance(p, str) for p in v):
        return tuple(v)
    raise PolicyError(f"{where}: params must be 'any' or a list of type names")


def _load_sources(path: Path, taxonomy: dict[str, PIType], doc: Any) -> tuple[SourceSpec, ...]:
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        raise PolicyError(f"{path.name}: expected a mapping with a 'sources' list")
    seen: set[str] = set()
    out = []
    for n, e in enumerate(doc["sources"]):
        where = f"{path.name}: sources[{n}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: not a mapping")
        kind = e.get("kind")
        if kind not in _SOURCE_KEYS:
            raise PolicyError(f"{where}: kind must be one of {', '.join(SOURCE_KINDS)}")
        check_keys(e, _COMMON | _SOURCE_KEYS[kind], {"id", "kind", "pi"} | _SOURCE_REQUIRED[kind], where)
        sid = str(e["id"])
        where = f"{path.name}: {sid}"
        if sid in seen:
            raise PolicyError(f"{where}: duplicate id")
        seen.add(sid)
        pi = e["pi"]
        if not isinstance(pi, list) or not pi:
            raise PolicyError(f"{where}: pi must be a non-empty list")
        unknown = [p for p in pi if p not in taxonomy]
        if unknown:
            raise PolicyError(f"{where}: PI id(s) not in the taxonomy: {unknown}")
        out.append(SourceSpec(
            id=sid, kind=kind, pi=tuple(pi), cls=e.get("class"), method=e.get("method"),
            params=_params(e.get("params"), where), field=e.get("field"), uri=e.get("uri"),
            key=e.get("key"), param=e.get("param"), action=e.get("action"),
            extras=_extras(e.get("extras"), where), data=bool(e.get("data", True)),
            permission=e.get("permission"),
            permission_also=_grants(e["permission_also"], where) if "permission_also" in e else (),
            own_uid_arg=_arg_index(e.get("own_uid_arg"), where),
            note=str(e.get("note") or ""),
        ))
    return tuple(out)


def _extras(v: Any, where: str) -> tuple[str, ...] | None:
    if v is None:
        return None
    if not isinstance(v, list) or not all(isinstance(k, str) and k for k in v):
        raise PolicyError(f"{where}: extras must be a list of extra keys")
    return tuple(v)


def _arg_index(v: Any, where: str) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise PolicyError(f"{where}: own_uid_arg must be an argument index (0 or more)")
    return v


def _grants(v: Any, where: str) -> tuple[Grant, ...]:
    """A list of permission names or ``{permission, target_below, min_sdk_below}`` mappings."""
    if not isinstance(v, list):
        raise PolicyError(f"{where}: expected a list of permissions")
    out = []
    for e in v:
        if isinstance(e, str):
            out.append(Grant(e))
            continue
        if not isinstance(e, dict) or not isinstance(e.get("permission"), str):
            raise PolicyError(f"{where}: a grant is a permission name or a mapping with 'permission'")
        check_keys(e, {"permission", "target_below", "min_sdk_below"}, {"permission"}, where)
        levels = [e.get("target_below"), e.get("min_sdk_below")]
        if not all(x is None or (isinstance(x, int) and not isinstance(x, bool) and x > 0) for x in levels):
            raise PolicyError(f"{where}: API levels must be positive integers")
        out.append(Grant(e["permission"], *levels))
    return tuple(out)


def _load_switched(path: Path, doc: Any) -> tuple[Switch, ...]:
    """The ``switched`` section of the source catalogue."""
    sec = doc.get("switched", []) if isinstance(doc, dict) else []
    if not isinstance(sec, list):
        raise PolicyError(f"{path.name}: 'switched' must be a list")
    out = []
    for i, item in enumerate(sec):
        where = f"{path.name}: switched[{i}]"
        if not isinstance(item, dict):
            raise PolicyError(f"{where}: expected a mapping")
        check_keys(item, {"code", "feature", "switches", "note"}, {"code", "feature", "switches"}, where)
        code, on = item["code"], item["switches"]
        if not isinstance(code, list) or not code or not isinstance(on, list) or not on:
            raise PolicyError(f"{where}: code and switches must be non-empty lists")
        calls = []
        for j, c in enumerate(on):
            if not isinstance(c, dict):
                raise PolicyError(f"{where}.switches[{j}]: expected a mapping")
            check_keys(c, {"call", "arg", "values"}, {"call", "arg", "values"}, f"{where}.switches[{j}]")
            cls, _, name = str(c["call"]).rpartition(".")
            if not cls or not isinstance(c["arg"], int) or not isinstance(c["values"], list):
                raise PolicyError(f"{where}.switches[{j}]: call is class.method, arg an index, values a list")
            calls.append(("L" + cls.replace(".", "/") + ";", name, int(c["arg"]),
                          frozenset(int(v) for v in c["values"])))
        out.append(Switch(code=tuple(str(x) for x in code), feature=str(item["feature"]), on=tuple(calls)))
    return tuple(out)


def _load_permissions(path: Path, doc: Any) -> tuple[dict[str, tuple[Grant, ...]], frozenset[str]]:
    """The ``permissions`` section of the source catalogue: (satisfied_by, ungated)."""
    sec = doc.get("permissions") if isinstance(doc, dict) else None
    if sec is None:  # every permission decides
        return {}, frozenset()
    if not isinstance(sec, dict):
        raise PolicyError(f"{path.name}: 'permissions' must be a mapping")
    check_keys(sec, {"satisfied_by", "ungated"}, {"satisfied_by", "ungated"}, f"{path.name}: permissions")
    alts = sec["satisfied_by"]
    if not isinstance(alts, dict):
        raise PolicyError(f"{path.name}: permissions.satisfied_by maps a permission to a list of grants")
    ungated = sec["ungated"]
    if not isinstance(ungated, list) or not all(
            isinstance(e, dict) and isinstance(e.get("permission"), str)
            and str(e.get("reason") or "").strip() for e in ungated):
        raise PolicyError(f"{path.name}: permissions.ungated items need a permission and a reason")
    grants = {str(k): _grants(v, f"{path.name}: permissions.satisfied_by.{k}") for k, v in alts.items()}
    return grants, frozenset(e["permission"] for e in ungated)


def _load_sinks(path: Path) -> tuple[SinkSpec, ...]:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("sinks"), list):
        raise PolicyError(f"{path.name}: expected a mapping with a 'sinks' list")
    seen: set[str] = set()
    out = []
    for n, e in enumerate(doc["sinks"]):
        where = f"{path.name}: sinks[{n}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: not a mapping")
        check_keys(e, {"id", "class", "method", "params", "sink", "args", "note"},
                    {"id", "class", "method", "sink", "args"}, where)
        sid = str(e["id"])
        if sid in seen:
            raise PolicyError(f"{path.name}: {sid}: duplicate id")
        seen.add(sid)
        if e["sink"] not in SINK_KINDS:
            raise PolicyError(f"{path.name}: {sid}: sink must be one of {', '.join(SINK_KINDS)}")
        args = e["args"]
        if not isinstance(args, list) or not all(a == "this" or isinstance(a, int) for a in args):
            raise PolicyError(f"{path.name}: {sid}: args must list indices or 'this'")
        out.append(SinkSpec(id=sid, cls=str(e["class"]), method=str(e["method"]), sink=e["sink"],
                            args=tuple(args), params=_params(e.get("params"), where),
                            note=str(e.get("note") or "")))
    return tuple(out)


_SDK_KEYS = {"id", "name", "company", "country", "category", "cn_market", "code", "network",
             "exodus", "website", "privacy_policy", "description", "init", "entry", "manifest", "resources",
             "authorities", "hosts"}
_HOST_KEYS = {"host", "region", "country", "role"}


def _host_name(v: Any) -> bool:
    """Whether ``v`` is a lower-case host name of two labels or more (no scheme, port, path or wildcard)."""
    if not isinstance(v, str) or not v or len(v) > 253:
        return False
    labels = v.split(".")
    return len(labels) >= 2 and all(_HOST_LABEL_RE.match(label) for label in labels) and not v.isdigit()


def _hosts(e: dict[str, Any], sid: str, where: str) -> tuple[HostInfo, ...]:
    """The optional ``hosts`` list: ``{host, role, region?, country?}`` mappings, each host once."""
    raw = e.get("hosts") or []
    if not isinstance(raw, list):
        raise PolicyError(f"{where}: hosts must be a list of {{host, role, region, country}} mappings")
    out: list[HostInfo] = []
    seen: set[str] = set()
    for i, h in enumerate(raw):
        at = f"{where}: hosts[{i}]"
        if not isinstance(h, dict):
            raise PolicyError(f"{at}: expected a mapping with host and role")
        check_keys(h, _HOST_KEYS, {"host", "role"}, at)
        name, role = h["host"], h["role"]
        region, country = h.get("region", ""), h.get("country", "")
        if not _host_name(name):
            raise PolicyError(f"{at}: host {name!r} is not a lower-case host name or domain suffix")
        if name in seen:
            raise PolicyError(f"{at}: host {name} is listed twice")
        seen.add(name)
        if role not in HOST_ROLES:
            raise PolicyError(f"{at}: {name}: role {role!r} is not one of {', '.join(HOST_ROLES)}")
        if region != "" and not (isinstance(region, str) and _REGION_RE.match(region)):
            raise PolicyError(f"{at}: {name}: region {region!r} is not a short upper-case code "
                              "(EU, US, CN, SG)")
        if (country != "" and not (isinstance(country, str) and _COUNTRY_RE.match(country))) \
                or country in ("EU", "ZZ"):
            raise PolicyError(f"{at}: {name}: country {country!r} is not an ISO 3166-1 alpha-2 country code")
        out.append(HostInfo(host=name, sdk=sid, role=role, region=region, country=country))
    return tuple(out)


def _names(e: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """An optional list of non-empty names without blanks (``manifest``, ``resources``, ``authorities``)."""
    names = e.get(key) or []
    if not isinstance(names, list) or not all(isinstance(n, str) and n and n == n.strip() and " " not in n
                                              for n in names):
        raise PolicyError(f"{where}: {key} must be a list of names without blanks")
    if key == "authorities" and not all(n.startswith(".") and len(n) > 1 for n in names):
        raise PolicyError(f"{where}: authorities are endings that start with a dot (.firebaseinitprovider)")
    return tuple(names)


def _privacy_policy(e: dict[str, Any], where: str) -> str | None:
    """The optional ``privacy_policy``: one https URL without spaces."""
    v = e.get("privacy_policy")
    if v is None:
        return None
    if not isinstance(v, str) or not _POLICY_URL_RE.match(v):
        raise PolicyError(f"{where}: privacy_policy must be one https URL")
    return v


def _exodus(e: dict[str, Any], where: str) -> tuple[int, ...]:
    """The optional ``exodus`` id or list of ids (positive integers)."""
    raw = e.get("exodus")
    ids = [] if raw is None else raw if isinstance(raw, list) else [raw]
    if not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids):
        raise PolicyError(f"{where}: exodus must be a positive tracker id or a list of them")
    return tuple(ids)


def _sdk_entry(e: dict[str, Any], code: tuple[str, ...], where: str) -> tuple[str, ...]:
    """The SDK's entry classes: Java class names inside its own code prefixes."""
    entry = e.get("entry") or []
    if not isinstance(entry, list) or not all(isinstance(c, str) for c in entry):
        raise PolicyError(f"{where}: entry must be a list of class names")
    for c in entry:
        if not any(c.startswith(p + ".") for p in code):
            raise PolicyError(f"{where}: entry class {c} is outside the SDK's code prefixes")
    return tuple(entry)


def _sdk_init(e: dict[str, Any], code: tuple[str, ...], where: str) -> tuple[str, ...]:
    """The optional ``init`` list: ``class.method`` names whose class lies under one of ``code``."""
    init = e.get("init", [])
    if not isinstance(init, list) or not all(isinstance(x, str) for x in init):
        raise PolicyError(f"{where}: init must be a list of class.method names")
    for name in init:
        cls, _, method = name.rpartition(".")
        if not cls or not method.isidentifier():
            raise PolicyError(f"{where}: init entry {name!r} is not a class.method name")
        if not any(cls == p or cls.startswith(p + ".") for p in code):
            raise PolicyError(f"{where}: init entry {name!r} is outside the SDK's code prefixes")
    return tuple(init)


def _load_sdks(path: Path) -> dict[str, SDKSpec]:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("sdks"), list):
        raise PolicyError(f"{path.name}: expected a mapping with an 'sdks' list")
    out: dict[str, SDKSpec] = {}
    for n, e in enumerate(doc["sdks"]):
        where = f"{path.name}: sdks[{n}]"
        if not isinstance(e, dict):
            raise PolicyError(f"{where}: not a mapping")
        check_keys(e, _SDK_KEYS, {"id", "name", "company", "country", "category", "code"}, where)
        sid = str(e["id"])
        if sid in out:
            raise PolicyError(f"{path.name}: {sid}: duplicate id")
        code = tuple(e.get("code") or ())
        out[sid] = SDKSpec(
            id=sid, name=str(e["name"]), company=str(e["company"]), country=str(e["country"]),
            category=str(e["category"]), code=code,
            network=tuple(e.get("network") or ()), cn_market=bool(e.get("cn_market", False)),
            website=e.get("website"), privacy_policy=_privacy_policy(e, f"{path.name}: {sid}"),
            exodus=_exodus(e, f"{path.name}: {sid}"),
            init=_sdk_init(e, code, f"{path.name}: {sid}"),
            entry=_sdk_entry(e, code, f"{path.name}: {sid}"),
            manifest=_names(e, "manifest", f"{path.name}: {sid}"),
            resources=_names(e, "resources", f"{path.name}: {sid}"),
            authorities=_names(e, "authorities", f"{path.name}: {sid}"),
            hosts=_hosts(e, sid, f"{path.name}: {sid}"),
        )
    claimed: dict[str, str] = {}
    for spec in out.values():
        for name in (*spec.network, *(h.host for h in spec.hosts)):
            other = claimed.setdefault(str(name).lower(), spec.id)
            if other != spec.id and (name in {h.host for h in spec.hosts}
                                     or str(name).lower() in {h.host for h in out[other].hosts}):
                raise PolicyError(f"{path.name}: host {name} is claimed by {other} and {spec.id}")
    for key in ("manifest", "resources", "authorities"):
        owners: dict[str, str] = {}
        for spec in out.values():
            for name in getattr(spec, key):
                if name in owners:
                    raise PolicyError(f"{path.name}: {key} name {name} is listed by {owners[name]} "
                                      f"and {spec.id}")
                owners[name] = spec.id
    return out


def _index(kb: KnowledgeBase) -> None:
    kb.by_id = {s.id: s for s in kb.sources}
    for s in kb.sources:
        if s.kind == "call":
            kb.calls.setdefault((java_to_descriptor(str(s.cls)), str(s.method)), []).append(s)
        elif s.kind == "field":
            kb.fields[(java_to_descriptor(str(s.cls)), str(s.field))] = s
        elif s.kind == "content_uri" and s.cls and s.field:
            kb.fields.setdefault((java_to_descriptor(s.cls), s.field), s)
        elif s.kind == "settings_key":
            kb.settings.setdefault(str(s.key), []).append(s)
        elif s.kind == "callback":
            kb.callbacks.setdefault((java_to_descriptor(str(s.cls)), str(s.method)), []).append(s)
        elif s.kind == "intent_action":
            kb.actions[str(s.action)] = s
    kb.uris = tuple(sorted((s for s in kb.sources if s.kind == "content_uri"),
                           key=lambda s: -len(str(s.uri))))
    for k in kb.sinks:
        kb.sinks_by_call.setdefault((java_to_descriptor(k.cls), k.method), []).append(k)
    for sdk in kb.sdks.values():
        for prefix in sdk.code:
            kb._code_prefix.setdefault(prefix, sdk.id)
        for host in sdk.network:
            kb._net_suffix.setdefault(host.lower(), sdk.id)
        for info in sdk.hosts:  # a host with facts is a network signature of its SDK too
            kb._net_suffix.setdefault(info.host, sdk.id)
            kb._host_info[info.host] = info
        kb.meta_data.update(dict.fromkeys(sdk.manifest, sdk.id))
        kb.string_names.update(dict.fromkeys(sdk.resources, sdk.id))
    kb.authority_endings = tuple(sorted(((a, s.id) for s in kb.sdks.values() for a in s.authorities),
                                        key=lambda p: (-len(p[0]), p[0])))


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Load every data file from ``directory`` (default: :func:`policies_dir`)."""
    return _load_kb_cached(Path(directory or policies_dir()).resolve())


@lru_cache(maxsize=4)
def _load_kb_cached(directory: Path) -> KnowledgeBase:
    taxonomy = _load_taxonomy(directory / "taxonomy.yaml")
    sources = directory / "sources.yaml"
    source_doc = load_yaml(sources)
    kb = KnowledgeBase(
        taxonomy=taxonomy,
        sources=_load_sources(sources, taxonomy, source_doc),
        sinks=_load_sinks(directory / "sinks.yaml"),
        sdks=_load_sdks(directory / "sdks.yaml"),
        directory=directory,
    )
    kb.satisfied_by, kb.ungated = _load_permissions(sources, source_doc)
    kb.switched = _load_switched(sources, source_doc)
    _index(kb)
    kb.wire = load_wire(directory / "wire", kb)
    kb.packers = load_packers(directory / "packers.yaml")
    return kb


def pi_sort_key(pi_ids: Iterable[str]) -> list[str]:
    """PI ids in a stable display order."""
    return sorted(set(pi_ids))
