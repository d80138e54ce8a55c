"""Build piflow's flow graph, node by node and edge by edge: the only module that writes to it.

The graph is a networkx ``MultiDiGraph`` whose node ids are plain prefixed
strings, so graphs from different scans and captures merge and diff by id:

=================  ==========================================  ========================================
node id            kind                                        attributes
=================  ==========================================  ========================================
``app:PKG``        the app                                      label, version, sdk levels
``sdk:ID``         a bundled third-party SDK                    label, company, category
``company:NAME``   company behind an SDK or host                label, country
``pi:TYPE``        a PI type from the taxonomy                  label, label_zh, sensitive, kind_unknown
``perm:NAME``      an Android permission                        label, protection
``component:CLS``  a manifest component                         label, component, exported
``host:NAME``      a network host                               label, sdk, region, role, country,
                                                                country_source (below)
``weakness:K:CLS`` a security fact of kind K about class CLS    label, weakness (the kind)
``sink:KIND``      a taint sink kind (log, file, network, …)    label, scope (outside, storage, app)
``party:NAME``     a declared third party that is no SDK        label
``unresolved:KIND`` code the analysis cannot see: native, dynamic_code  label
``consent_flag:F`` a persisted consent flag window code presets  label
=================  ==========================================  ========================================

A host an SDK lists under ``hosts`` in ``policies/sdks.yaml`` carries the vendor's ``region`` (EU, US,
CN, …), its ``role`` (ingest, crash, push, …) and, where the vendor documents it, the ``country`` its
data is kept in, for hosts named in code and seen on the wire alike; ``country_source`` is ``kb`` for
that country, ``geoip`` for the server address's country from a GeoIP database, which wins.

The app node also carries ``frameworks`` (hybrid-app frameworks the scan names), manifest facts
(among them ``cleartext_permitted``, and from the
network security config ``cleartext_default`` and ``cleartext_domains``) and what a declaration states
(docs/ARCHITECTURE.md lists them); graph attributes ``evidence`` (kinds
present), ``phases`` (covered by the captures), ``app`` and ``profile``.

Edges (``kind`` attribute; the edge key is stable for the same fact):

- ``bundles`` app → sdk: the SDK's code is in the APK (classes, reachable).
- ``made_by`` sdk → company.
- ``accesses`` app|sdk → pi: code reads the PI; key is the source API id;
  ``sites`` lists code locations, ``reachable`` whether any of them is; ``source_kind`` ``js`` for a
  bridge read in a hybrid app's script (key ``accesses:js:<bridge>``, sites ``file:line:col.function``),
  ``dart`` for a plugin channel a Flutter snapshot names (site ``lib/<abi>/libapp.so:strings``).
- ``requests`` app → perm.
- ``declares`` app → component.
- ``contacts`` app|sdk → host: a URL for the host is a constant in code (a hybrid app's script literal
  or snapshot string too: its sites read ``file:line:col.function``); ``schemes`` lists http/https/…
- ``has_weakness`` app|sdk → weakness: the owner's code holds the fact
  (``sites``, ``evidence``, ``reachable``, ``unconditional``, ``used``, ``used_at``).
- ``calls_before_consent`` app → sdk: app code calls into the SDK before any
  user interaction (``apis``, ``sites``, ``chains``, ``entries``, ``init``).
- ``prompts_before_consent`` app|sdk → perm: code the window reaches asks for the runtime permission
  (``perm:unknown`` when its name is no constant there); ``apis``, ``sites``, ``chains``, ``entries``.
- ``accesses_before_consent`` app|sdk → pi: a PI source read before any user
  interaction; key ``before_consent:<source id>`` (``api``, ``sites``, ``chains``, ``entries``).
- ``behind_consent_gate`` app|sdk → sdk | perm | pi: the same three facts, but a consent flag still at
  its first-launch default keeps the site out of the window; key ``gated:<kind>:<api>``
  (``what``: sdk_call | permission_request | pi_access, ``apis``, ``sites``, ``chains``, ``entries``,
  ``gates``: ``behind pref `agreed`, set by com.a.Consent$1.onClick``).
- ``presets_consent`` app → ``consent_flag:<flag>``: window code sets a consent flag to a non-zero
  constant with no user action ("default consent"); ``flags``, ``sites``, ``openers``, ``gated``
  (window sites the flag would otherwise keep out).
- ``observed`` app|sdk → host: traffic to the host was captured (``sdk`` when
  the host matches the SDK's network signature, else the app).
- ``sent:<phase>`` (kind ``sent``) pi → host: the PI type was seen on the wire
  to the host in that consent phase; ``encodings``, ``locations``,
  ``detectors`` (lists), ``count``, ``first_seen``/``last_seen`` (Unix time),
  ``confidence`` (highest), ``cleartext`` (any without TLS), ``party``, ``endpoints``.
  Only what the app sends (requests, app-to-server WebSocket messages).
- ``received:<phase>`` (kind ``received``) host → pi: the same for PI the
  server handed the device (responses, server-to-app WebSocket messages).
- ``leak:<owner>`` (kind ``leaks_to``) pi → sink: taint sees the PI reach a sink
  of that kind in the owner's code, as data (implicit leaks are not recorded) (``scope``: ``outside``
  the app, its ``storage`` or the ``app`` itself, :data:`analyzer.model.LEAK_SCOPES`; ``apis``, ``sites``,
  ``source_owners``, ``paths``:
  up to 10 of ``{source, source_api, source_owner, methods, sink, sink_api, destinations}``, the
  source call site, the methods the data passes, source side first, the sink call site and the
  origins it sends to; ``destinations``: their union, :mod:`analyzer.static.destinations`;
  ``unbound``: some sink call of it sends where the code does not fix). A hybrid app's script that sends a
  bridge read's value in the same function gives one too (``apis`` ``js:fetch``, …), with or without
  ``--taint``.
- ``calls_unresolved:<api>`` (kind ``calls_unresolved``) app|sdk → unresolved: the owner's code calls
  a native method no bundled library implements, or loads code at run time (``api``, ``sites``, ``details``).
- ``declared`` app → pi | sdk | party: the declaration or the policy text names it
  (``sources``: declaration/policy, ``purposes``, ``pi``, ``domains``, ``name``, ``role``).
- ``flow:<owner>`` (kind ``flow``) pi → host: the joined flow (:mod:`analyzer.graph.join`),
  ``status`` confirmed | observed | traced | traced-unbound | potential (strongest first, see
  :mod:`analyzer.graph.join`), ``owner``, ``static`` (why code evidence holds), ``paths`` (the
  taint paths it rests on: ``leaks_to`` path entries), ``phases``, ``cleartext``.

List-valued attributes are kept as lists in memory and node-link JSON;
GraphML and GEXF, which only hold scalars, get them as JSON strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from analyzer.graph.io import export, load_json, save_json
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import (
    Confidence,
    ConsentGate,
    Endpoint,
    Leak,
    Owner,
    PIAccess,
    PreConsentHit,
    SecurityFact,
    Unresolved,
)

if TYPE_CHECKING:
    from analyzer.declaration.model import Declaration
    from analyzer.static.scan import ScanResult
    from analyzer.traffic.model import Observation

__all__ = ["export", "load_json", "save_json"]  # persistence lives in analyzer.graph.io

GRAPH_SCHEMA = 1


def new_graph() -> nx.MultiDiGraph:
    """An empty flow graph."""
    g = nx.MultiDiGraph()
    g.graph["piflow_graph_schema"] = GRAPH_SCHEMA
    return g


def _node(g: nx.MultiDiGraph, node_id: str, kind: str, **attrs: Any) -> str:
    if node_id in g:
        g.nodes[node_id].update({k: v for k, v in attrs.items() if v is not None})
    else:
        g.add_node(node_id, kind=kind, **{k: v for k, v in attrs.items() if v is not None})
    return node_id


def add_app(g: nx.MultiDiGraph, package: str, **attrs: Any) -> str:
    """Add (or update) the app node."""
    return _node(g, f"app:{package}", "app", label=package, **attrs)


def add_owner(g: nx.MultiDiGraph, owner: Owner, kb: KnowledgeBase | None = None) -> str:
    """Add the node for an app or SDK owner; SDKs get their company."""
    if owner.kind == "app":
        return add_app(g, owner.id)
    spec = kb.sdks.get(owner.id) if kb else None
    nid = _node(g, owner.node, "sdk", label=spec.name if spec else owner.id,
                company=spec.company if spec else None, category=spec.category if spec else None,
                country=spec.country if spec else None)
    if spec is not None:
        cid = _node(g, f"company:{spec.company}", "company", label=spec.company, country=spec.country)
        if not g.has_edge(nid, cid, key="made_by"):
            g.add_edge(nid, cid, key="made_by", kind="made_by")
    return nid


def add_pi(g: nx.MultiDiGraph, pi_id: str, kb: KnowledgeBase | None = None) -> str:
    """Add a PI-type node with its taxonomy labels."""
    t = kb.taxonomy.get(pi_id) if kb else None
    return _node(g, f"pi:{pi_id}", "pi", label=t.en if t else pi_id,
                 label_zh=t.zh if t else None,
                 sensitive=(t.gbt_sensitive or t.pipl28 is not None) if t else None,
                 kind_unknown=True if t and t.kind_unknown else None)


def add_sdk_bundle(g: nx.MultiDiGraph, app_node: str, owner: Owner, kb: KnowledgeBase,
                   classes: int, reachable: bool, proof: Iterable[str] = (),
                   accounts: Iterable[str] = ()) -> None:
    """Record that the APK bundles an SDK: what proves it, and the developer's accounts with the
    vendor its manifest and resources name (``name=value``, secrets already masked)."""
    sid = add_owner(g, owner, kb)
    g.add_edge(app_node, sid, key="bundles", kind="bundles", classes=classes, reachable=reachable,
               proof=list(proof), accounts=list(accounts))


def add_access(g: nx.MultiDiGraph, access: Iterable[PIAccess], kb: KnowledgeBase | None = None) -> None:
    """Record code that reads PI: one edge per (owner, PI type, source API)."""
    for a in access:
        src = add_owner(g, a.owner, kb)
        for p in a.pi:
            dst = add_pi(g, p, kb)
            key = f"accesses:{a.source_id}"
            if g.has_edge(src, dst, key=key):
                e = g.edges[src, dst, key]
                site = str(a.location)
                if site not in e["sites"]:
                    e["sites"].append(site)
                e["reachable"] = e["reachable"] or a.reachable
            else:
                g.add_edge(src, dst, key=key, kind="accesses", api=a.api, source_kind=a.kind,
                           sites=[str(a.location)], reachable=a.reachable,
                           permission=a.permission or "")


def _host_facts(g: nx.MultiDiGraph, hid: str, region: str, role: str, country: str, source: str) -> None:
    """Put a host's region, role and data country on its node; a GeoIP country is never replaced by the
    knowledge base's."""
    n = g.nodes[hid]
    for k, v in (("region", region), ("role", role)):
        if v:
            n[k] = v
    if country and (source == "geoip" or n.get("country_source") != "geoip"):
        n["country"], n["country_source"] = country, source


def add_endpoints(g: nx.MultiDiGraph, endpoints: Iterable[Endpoint], kb: KnowledgeBase | None = None) -> None:
    """Record hosts named by URL constants in the code, with the SDK, region, role and data country the
    knowledge base gives them."""
    for ep in endpoints:
        src = add_owner(g, ep.owner, kb)
        hid = _node(g, f"host:{ep.host}", "host", label=ep.host)
        if kb is not None:
            sdk = kb.sdk_for_host(ep.host)
            if sdk is not None:
                cid = _node(g, f"company:{sdk.company}", "company", label=sdk.company,
                            country=sdk.country)
                g.nodes[hid]["sdk"] = sdk.id
                if not g.has_edge(hid, cid, key="operated_by"):
                    g.add_edge(hid, cid, key="operated_by", kind="operated_by")
                info = kb.host_info(ep.host)
                if info is not None:
                    _host_facts(g, hid, info.region, info.role, info.country, "kb" if info.country else "")
        key = "contacts"
        if g.has_edge(src, hid, key=key):
            e = g.edges[src, hid, key]
            if ep.scheme and ep.scheme not in e["schemes"]:
                e["schemes"].append(ep.scheme)
            if str(ep.location) not in e["sites"]:
                e["sites"].append(str(ep.location))
            e["reachable"] = e["reachable"] or ep.reachable
        else:
            g.add_edge(src, hid, key=key, kind="contacts", schemes=[ep.scheme] if ep.scheme else [],
                       sites=[str(ep.location)], reachable=ep.reachable)


def _extend(e: dict[str, Any], key: str, *values: str, cap: int = 50) -> None:
    for v in values:
        if v not in e[key] and len(e[key]) < cap:
            e[key].append(v)


def add_security(g: nx.MultiDiGraph, facts: Iterable[SecurityFact], kb: KnowledgeBase | None = None) -> None:
    """Record security facts: one ``weakness:<kind>:<class>`` node per (kind, class), one edge per owner."""
    for f in facts:
        src = add_owner(g, f.owner, kb)
        subject = f.subject or f.location.cls
        wid = _node(g, f"weakness:{f.kind}:{subject}", "weakness", label=f"{f.kind} {subject}",
                    weakness=f.kind)
        used_at = [str(u) for u in f.used_at]
        if g.has_edge(src, wid, key="has_weakness"):
            e = g.edges[src, wid, "has_weakness"]
            _extend(e, "sites", str(f.location))
            _extend(e, "evidence", f.evidence)
            _extend(e, "used_at", *used_at)
            e["reachable"] = e["reachable"] or f.reachable
            e["unconditional"] = e["unconditional"] or f.unconditional
            e["used"] = e["used"] or f.used
        else:
            g.add_edge(src, wid, key="has_weakness", kind="has_weakness", sites=[str(f.location)],
                       evidence=[f.evidence], reachable=f.reachable, unconditional=f.unconditional,
                       used=f.used, used_at=used_at)


def add_pre_consent(g: nx.MultiDiGraph, hits: Iterable[PreConsentHit],
                    kb: KnowledgeBase | None = None) -> None:
    """Record SDK calls, permission prompts and PI reads that run before any user interaction."""
    for h in hits:
        src = add_owner(g, h.owner, kb)
        chain = " > ".join(h.chain)
        if h.kind == "sdk_call":
            sdk = add_owner(g, Owner("sdk", h.sdk), kb)
            targets = [(sdk, "calls_before_consent", "calls_before_consent")]
        elif h.kind == "permission_request":
            perms = h.permissions or ("unknown",)  # the names are not constants in the prompting method
            targets = [(_node(g, f"perm:{p}", "permission", label=p), "prompts_before_consent",
                        "prompts_before_consent") for p in perms]
        else:
            targets = [(add_pi(g, p, kb), f"before_consent:{h.source_id}", "accesses_before_consent")
                       for p in h.pi]
        if h.gate:  # not run on the first launch before the flag's writer: apart, with its gate
            for dst, _key, _kind in targets:
                key = f"gated:{h.kind}:{h.api}"
                if not g.has_edge(src, dst, key=key):
                    g.add_edge(src, dst, key=key, kind="behind_consent_gate", what=h.kind, apis=[], sites=[],
                               chains=[], entries=[], gates=[])
                e = g.edges[src, dst, key]
                _extend(e, "apis", h.api)
                _extend(e, "sites", str(h.location))
                _extend(e, "chains", chain, cap=20)
                _extend(e, "entries", h.entry)
                _extend(e, "gates", h.gate)
            continue
        for dst, key, kind in targets:
            if not g.has_edge(src, dst, key=key):
                attrs: dict[str, Any] = {"sites": [], "chains": [], "entries": []}
                if kind in ("calls_before_consent", "prompts_before_consent"):
                    attrs.update(apis=[], init=False)
                else:
                    attrs.update(api=h.api)
                g.add_edge(src, dst, key=key, kind=kind, **attrs)
            e = g.edges[src, dst, key]
            _extend(e, "sites", str(h.location))
            _extend(e, "chains", chain, cap=20)
            _extend(e, "entries", h.entry)
            if kind in ("calls_before_consent", "prompts_before_consent"):
                _extend(e, "apis", h.api)
                e["init"] = e["init"] or h.sdk_init


def add_consent_presets(g: nx.MultiDiGraph, app_node: str, gates: Iterable[ConsentGate]) -> None:
    """Record consent flags that window code sets with no user action (default consent)."""
    for gt in gates:
        if not gt.preset:
            continue
        dst = _node(g, f"consent_flag:{gt.flags[0]}", "consent_flag", label=gt.flags[0])
        g.add_edge(app_node, dst, key="presets_consent", kind="presets_consent", flags=list(gt.flags),
                   sites=[str(s) for s in gt.preset], openers=list(gt.openers), gated=gt.gated)


def add_permission(g: nx.MultiDiGraph, app_node: str, name: str, protection: str) -> None:
    """Record a requested permission."""
    pid = _node(g, f"perm:{name}", "permission", label=name, protection=protection)
    g.add_edge(app_node, pid, key="requests", kind="requests")


def add_component(g: nx.MultiDiGraph, app_node: str, kind: str, name: str, exported: bool,
                  permission: str | None, read_permission: str | None = None) -> None:
    """Record a manifest component."""
    cid = _node(g, f"component:{name}", "component", label=name, component=kind,
                exported=exported, permission=permission or "", read_permission=read_permission or "")
    g.add_edge(app_node, cid, key="declares", kind="declares")


def add_evidence(g: nx.MultiDiGraph, *kinds: str) -> None:
    """Record which kinds of evidence the graph holds (``static``, ``traffic``, ``taint``, …)."""
    g.graph["evidence"] = sorted(set(g.graph.get("evidence", [])) | set(kinds))


def add_phases(g: nx.MultiDiGraph, phases: Iterable[str]) -> None:
    """Record the consent phases the captures covered (marked, or seen in an observation)."""
    g.graph["phases"] = sorted(set(g.graph.get("phases", [])) | set(phases))


def add_unresolved(g: nx.MultiDiGraph, calls: Iterable[Unresolved], kb: KnowledgeBase | None = None) -> None:
    """Record calls into code the analysis cannot see, so they are shown rather than dropped."""
    labels = {"native": "native code (no bundled library implements it)",
              "dynamic_code": "code loaded at run time"}
    for u in calls:
        src = add_owner(g, u.owner, kb)
        dst = _node(g, f"unresolved:{u.kind}", "unresolved", label=labels.get(u.kind, u.kind))
        key = f"calls_unresolved:{u.api}"
        if not g.has_edge(src, dst, key=key):
            g.add_edge(src, dst, key=key, kind="calls_unresolved", api=u.api, sites=[], details=[])
        e = g.edges[src, dst, key]
        _extend(e, "sites", str(u.location), cap=20)
        _extend(e, "details", u.detail, cap=5)


def add_leaks(g: nx.MultiDiGraph, leaks: Iterable[Leak], kb: KnowledgeBase | None = None) -> None:
    """Record taint leaks: ``leaks_to`` edges pi → ``sink:<kind>``, one per sink owner.

    An implicit leak (branches on PI decide the sink, no PI data reaches it) is no disclosure of
    the data: it stays in the scan's leaks, apart, and is not recorded here."""
    for lk in leaks:
        if lk.implicit:
            continue
        owner = add_owner(g, lk.sink_owner, kb)
        sid = _node(g, f"sink:{lk.sink_kind}", "sink", label=lk.sink_kind, scope=lk.scope)
        for p in lk.pi:
            pid, key = add_pi(g, p, kb), f"leak:{owner}"
            if not g.has_edge(pid, sid, key=key):
                g.add_edge(pid, sid, key=key, kind="leaks_to", owner=owner, scope=lk.scope, apis=[], sites=[],
                           source_owners=[], paths=[], destinations=[], confidence=lk.confidence.value)
            e = g.edges[pid, sid, key]
            _extend(e, "apis", *(st.api for st in lk.steps), lk.sink_api)
            _extend(e, "destinations", *lk.destinations)
            e["unbound"] = e.get("unbound", False) or not lk.destinations
            _extend(e, "sites", str(lk.sink))
            _extend(e, "source_owners", *sorted({s.owner.node for s in lk.sources}))
            for s in lk.sources:
                if p in s.pi or not s.pi:
                    _add_path(e, s, lk)


def _add_path(e: dict[str, Any], src: PIAccess, lk: Leak, cap: int = 10) -> None:
    path = {"source": str(src.location), "source_api": src.api, "source_owner": src.owner.node,
            "methods": list(lk.path), "sink": str(lk.sink), "sink_api": lk.sink_api,
            "destinations": list(lk.destinations)}
    paths = e.setdefault("paths", [])
    if path not in paths and len(paths) < cap:
        paths.append(path)


def from_scan(result: ScanResult, kb: KnowledgeBase) -> nx.MultiDiGraph:
    """The flow graph of one static scan (taint leaks too when the scan ran the taint analysis)."""
    g = new_graph()
    info = result.app
    app = add_app(g, info.package, version=info.version_name or "", version_code=info.version_code or "",
                  min_sdk=info.min_sdk or 0, target_sdk=info.target_sdk or 0, apk_sha256=result.sha256,
                  allow_backup=info.allow_backup, debuggable=info.debuggable,
                  cleartext_permitted=info.uses_cleartext_traffic,
                  cleartext_default=info.network_security.cleartext_default,
                  cleartext_domains=list(info.network_security.cleartext_domains),
                  password_fields=len(info.password_view_ids),
                  frameworks=[f.name for f in result.frameworks] or None)
    for perm in info.permissions:
        add_permission(g, app, perm.name, perm.protection)
    for comp in info.components:
        add_component(g, app, comp.kind, comp.name, comp.exported, comp.permission, comp.read_permission)
    for hit in result.sdks:
        add_sdk_bundle(g, app, Owner("sdk", hit.sdk_id), kb, hit.classes, hit.reachable, hit.proof,
                       [f"{a.name}={a.value}" for a in hit.accounts])
    add_access(g, result.access, kb)
    add_endpoints(g, result.endpoints, kb)
    add_security(g, result.security, kb)
    add_pre_consent(g, result.pre_consent, kb)
    add_consent_presets(g, app, result.consent_gates)
    add_unresolved(g, result.unresolved, kb)
    add_leaks(g, result.script_leaks, kb)  # read-then-send in a hybrid app's scripts: no taint analysis ran
    packed = not result.stats.static_complete  # code a packer hides: what was read is no verdict
    if result.packers:
        g.graph["packers"] = [{"id": h.packer_id, "name": h.name, "kind": h.kind,
                               "evidence": list(h.evidence[:10]), "opaque_files": len(h.opaque_files)}
                              for h in result.packers]
    if packed:
        g.graph["static_incomplete"] = result.stats.incomplete_reason
    elif result.stats.partial_phase in ("", "taint"):  # a budget cut before the end: no static verdicts
        add_evidence(g, "static")
    else:
        g.graph["static_partial"] = ("no code" if result.stats.partial_reason == "no code"
                                     else result.stats.partial_phase)
    if result.stats.taint_methods or result.leaks:
        add_leaks(g, result.leaks, kb)
        if not packed:
            add_evidence(g, "taint")
        g.graph["taint_partial"] = result.stats.partial
    return g


def _merge_seen(e: dict[str, Any], o: Observation) -> None:
    for attr, val in (("encodings", o.encoding), ("locations", o.location), ("detectors", o.detector),
                      ("endpoints", o.endpoint)):
        _extend(e, attr, val, cap=20)
    e["count"] += 1
    e["first_seen"] = min(e["first_seen"], o.timestamp)
    e["last_seen"] = max(e["last_seen"], o.timestamp)
    if Confidence(e["confidence"]) < o.confidence:
        e["confidence"] = o.confidence.value
    e["cleartext"] = e["cleartext"] or not o.tls


def add_observations(g: nx.MultiDiGraph, observations: Iterable[Observation], kb: KnowledgeBase | None = None,
                     app: str = "") -> None:
    """Record PI seen on the wire: ``sent:<phase>`` edges pi → host for what the app sends,
    ``received:<phase>`` edges host → pi for PI in responses, ``observed`` edges app|sdk → host."""
    for o in observations:
        a = o.attribution
        hid = _node(g, f"host:{o.host}", "host", label=o.host, domain=a.domain or None, party=a.party,
                    sdk=a.sdk or None)
        _host_facts(g, hid, a.region, a.role, a.country, a.country_source or ("geoip" if a.country else ""))
        owner = add_owner(g, Owner("sdk", a.sdk), kb) if a.sdk else add_app(g, app or "unknown")
        if a.company:
            cid = _node(g, f"company:{a.company}", "company", label=a.company)
            if not g.has_edge(hid, cid, key="operated_by"):
                g.add_edge(hid, cid, key="operated_by", kind="operated_by")
        if not g.has_edge(owner, hid, key="observed"):
            g.add_edge(owner, hid, key="observed", kind="observed")
        pid = add_pi(g, o.pi, kb)
        # what the app gives away is pi -> host; what a server hands the device is host -> pi
        # (responses and server-to-app WebSocket messages)
        kind = "sent" if o.from_client else "received"
        u, v, key = (pid, hid, f"sent:{o.phase}") if o.from_client else (hid, pid, f"received:{o.phase}")
        if not g.has_edge(u, v, key=key):
            g.add_edge(u, v, key=key, kind=kind, phase=o.phase, encodings=[], locations=[], detectors=[],
                       endpoints=[], count=0, first_seen=o.timestamp, last_seen=o.timestamp,
                       confidence=o.confidence.value, cleartext=False, party=a.party)
        _merge_seen(g.edges[u, v, key], o)
    add_evidence(g, "traffic")


def from_observations(observations: Iterable[Observation], kb: KnowledgeBase | None = None,
                      app: str = "") -> nx.MultiDiGraph:
    """The flow graph of captured traffic."""
    g = new_graph()
    add_observations(g, observations, kb, app)
    return g


def _declare(g: nx.MultiDiGraph, app: str, dst: str, source: str, **attrs: Any) -> None:
    if not g.has_edge(app, dst, key="declared"):
        g.add_edge(app, dst, key="declared", kind="declared", sources=[], purposes=[], pi=[], domains=[],
                   name="", role="")
    e = g.edges[app, dst, "declared"]
    _extend(e, "sources", source)
    for k in ("purposes", "pi", "domains"):
        _extend(e, k, *attrs.get(k, ()))
    for k in ("name", "role"):
        if attrs.get(k) and not e[k]:
            e[k] = attrs[k]


def add_declaration(g: nx.MultiDiGraph, app: str, decl: Declaration, kb: KnowledgeBase | None = None,
                    necessary_pi: Iterable[str] | None = None) -> None:
    """Record what the operator declares: ``declared`` edges app → pi, sdk or ``party:NAME``,
    app attributes for the policy, complaint channel, account deletion, app type and its necessary PI."""
    pol = decl.policy
    _node(g, app, "app", declared=True, declaration=decl.source, app_type=decl.app_type or "",
          privacy_policy_url=decl.privacy_policy_url or "", policy_text=pol is not None,
          policy_language=pol.language if pol else "",
          policy_complaint=pol.has_complaint_channel if pol else None,
          policy_deletion=pol.has_account_deletion if pol else None,
          policy_zh_hans=pol.has_simplified_chinese if pol else None,
          complaint_channel=decl.complaint_channel or "", account_deletion=decl.account_deletion or "",
          first_party_domains=sorted(decl.first_party_domains),
          consent_mechanism=decl.consent.mechanism if decl.consent and decl.consent.mechanism else "",
          consent_default_checked=decl.consent.default_checked if decl.consent else None,
          consent_withdrawable=decl.consent.withdrawable if decl.consent else None)
    if necessary_pi is not None:
        g.nodes[app]["necessary_pi"] = sorted(necessary_pi)
    for d in decl.pi:
        _declare(g, app, add_pi(g, d.pi, kb), "declaration", purposes=d.purposes)
    for t in decl.third_parties:
        dst = (add_owner(g, Owner("sdk", t.sdk), kb) if t.sdk
               else _node(g, f"party:{t.name}", "third_party", label=t.name))
        _declare(g, app, dst, "declaration", name=t.name, role=t.role or "", purposes=t.purposes,
                 pi=t.pi, domains=t.domains)
    if pol is not None:
        for m in pol.mentions:
            if m.kind == "pi":
                _declare(g, app, add_pi(g, m.id, kb), "policy")
            elif kb is not None and m.id in kb.sdks:
                _declare(g, app, add_owner(g, Owner("sdk", m.id), kb), "policy", name=m.id)
            else:
                _declare(g, app, _node(g, f"party:{m.id}", "third_party", label=m.id), "policy", name=m.id)
        add_evidence(g, "policy_text")
    add_evidence(g, "declaration")


def add_host(g: nx.MultiDiGraph, host: str) -> str:
    """Add (or find) the node of a host (one a taint path's destination names, say)."""
    return _node(g, f"host:{host}", "host", label=host)


def add_flow(g: nx.MultiDiGraph, pi_node: str, host_node: str, owner: str, status: str,
             **attrs: Any) -> None:
    """Record one joined PI flow pi → host for ``owner`` with its status
    (``confirmed``, ``observed``, ``traced``, ``traced-unbound`` or ``potential``)."""
    g.add_edge(pi_node, host_node, key=f"flow:{owner}", kind="flow", owner=owner, status=status, **attrs)
