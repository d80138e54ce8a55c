"""Run a rule's test cases (``<id>.test.yaml``): small evidence fixtures built into real joined graphs.

A case gives the evidence in the shape each producer emits, and the same
graph writers and join as ``piflow check`` turn it into a graph::

    name: what the case shows
    given:
      static:                     # present → static evidence
        package: com.example.app
        manifest: {allow_backup: true, cleartext_permitted: true, password_fields: 1}
        sdks: [umeng-analytics]
        access: [{owner: sdk:umeng-analytics, pi: [device.imei], reachable: true, cls: com.umeng.X}]
        endpoints: [{owner: app, host: api.example.com, scheme: https}]
        pre_consent: [{kind: sdk_call, sdk: umeng-analytics, init: true} | {kind: pi_access, pi: [...]}
                      | {kind: permission_request, permissions: [android.permission.X]}]   # gate: "…" → gated
        consent_gates: [{flag: "pref `agreed`", preset: true, gated: 2, openers: [com.a.C$1.onClick]}]
        security: [{kind: trust_all_trust_manager, cls: com.a.T, used: true}]
        components: [{kind: provider, name: com.a.P, exported: true}]
        leaks: [{sink_kind: log, pi: [device.imei], owner: app, cls: com.a.Main,
                 destinations: [https://api.example.com]}]   # present → taint
      traffic:                    # present → traffic evidence
        phases: [pre-consent]
        profile: true
        sent: [{pi: device.imei, host: alog.umeng.com, phase: pre-consent, tls: false, sdk: umeng-analytics}]
      declaration: {app_type: ..., necessary_pi: [...], pi: [...], third_parties: [...], policy: {...}, …}
    expect: [subject, ...]        # must_match: exactly these subjects

``must_match`` cases must yield exactly ``expect``; ``must_not_match`` cases
must be evaluated and yield nothing; optional ``must_not_evaluate`` cases
(evidence the rule cannot judge) must come back as ``NotEvaluated``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from analyzer.declaration.model import (
    Consent,
    Declaration,
    DeclaredPI,
    DeclaredThirdParty,
    PolicyMention,
    PolicyText,
)
from analyzer.errors import PolicyError
from analyzer.graph import build as graph
from analyzer.graph.join import join
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.yamlfile import load_yaml
from analyzer.model import (
    CodeLocation,
    Confidence,
    ConsentGate,
    Leak,
    NotEvaluated,
    Owner,
    PIAccess,
    PreConsentHit,
    SecurityFact,
)
from analyzer.rules.pack import Rule, evaluate_rule
from analyzer.traffic.model import Attribution, Observation


def _owner(text: str, package: str) -> Owner:
    if text in ("", "app", f"app:{package}"):
        return Owner("app", package)
    kind, _, ident = text.partition(":")
    if kind != "sdk" or not ident:
        raise PolicyError(f"owner {text!r}: use app or sdk:ID")
    return Owner("sdk", ident)


def _list(v: Any) -> tuple[str, ...]:
    return tuple(v) if isinstance(v, list) else (v,) if v else ()


def _loc(cls: str, method: str = "run") -> CodeLocation:
    return CodeLocation(cls, method, "()V", 0)


def static_graph(s: dict[str, Any], kb: KnowledgeBase) -> tuple[nx.MultiDiGraph, str]:
    """The static part of a fixture, written with the graph writers the scan uses."""
    pkg = str(s.get("package", "com.example.app"))
    g = graph.new_graph()
    app = graph.add_app(g, pkg, **{k: v for k, v in (s.get("manifest") or {}).items()})
    graph.add_evidence(g, "static")
    for sdk in s.get("sdks", []):
        sid, reach = (sdk, True) if isinstance(sdk, str) else (sdk["id"], sdk.get("reachable", True))
        graph.add_sdk_bundle(g, app, Owner("sdk", sid), kb, 10, reach)
    for p in s.get("permissions", []):
        graph.add_permission(g, app, p, "dangerous")
    for c in s.get("components", []):
        graph.add_component(
            g,
            app,
            c.get("kind", "activity"),
            c["name"],
            bool(c.get("exported", False)),
            c.get("permission"),
            c.get("read_permission"),
        )
    for a in s.get("access", []):
        o = _owner(a.get("owner", "app"), pkg)
        cls = a.get("cls", f"{pkg}.Main" if o.kind == "app" else f"com.{o.id.replace('-', '.')}.Core")
        graph.add_access(
            g,
            [
                PIAccess(
                    a.get("api", "android.fixture.Api.get"),
                    a.get("api", "x.Api.get"),
                    "call",
                    _list(a["pi"]),
                    _loc(cls, a.get("method", "run")),
                    o,
                    bool(a.get("reachable", True)),
                )
            ],
            kb,
        )
    graph.add_endpoints(g, [graph_endpoint(e, pkg) for e in s.get("endpoints", [])], kb)
    hits = []
    for h in s.get("pre_consent", []):
        o = _owner(h.get("owner", "app"), pkg)
        hits.append(
            PreConsentHit(
                h["kind"],
                h.get("api", "x.Sdk.init"),
                _loc(f"{pkg}.App", "onCreate"),
                o,
                "application onCreate",
                (f"{pkg}.App.onCreate",),
                sdk=h.get("sdk", ""),
                sdk_init=bool(h.get("init", False)),
                pi=_list(h.get("pi")),
                source_id=h.get("source_id", "fixture"),
                permissions=_list(h.get("permissions")),
                gate=h.get("gate", ""),
            )
        )
    graph.add_pre_consent(g, hits, kb)
    graph.add_consent_presets(g, app, [
        ConsentGate(flags=(c["flag"],), openers=tuple(_list(c.get("openers"))), gated=int(c.get("gated", 1)),
                    preset=(_loc(f"{pkg}.App", "onCreate"),) if c.get("preset", True) else ())
        for c in s.get("consent_gates", [])])
    graph.add_security(
        g,
        [
            SecurityFact(
                f["kind"],
                f.get("cls", f"{pkg}.Weak"),
                _loc(f.get("cls", f"{pkg}.Weak"), f.get("method", "run")),
                _owner(f.get("owner", "app"), pkg),
                bool(f.get("reachable", True)),
                f.get("evidence", f["kind"]),
                used=bool(f.get("used", True)),
            )
            for f in s.get("security", [])
        ],
        kb,
    )
    if "leaks" in s:
        leaks = []
        for lk in s["leaks"]:
            o = _owner(lk.get("owner", "app"), pkg)
            cls = lk.get("cls", f"{pkg}.Main")
            src = PIAccess("fixture", "x.Api.get", "call", _list(lk["pi"]), _loc(cls), o, True)
            leaks.append(
                Leak(
                    lk["sink_kind"],
                    lk.get("api", "android.util.Log.i"),
                    _loc(cls, lk.get("method", "run")),
                    o,
                    (src,),
                    (cls,),
                    Confidence.MEDIUM,
                    destinations=tuple(_list(lk.get("destinations", []))),
                )
            )
        graph.add_leaks(g, leaks, kb)
        graph.add_evidence(g, "taint")
    return g, pkg


def graph_endpoint(e: dict[str, Any], pkg: str) -> Any:
    """An :class:`analyzer.model.Endpoint` from a fixture entry."""
    from analyzer.model import Endpoint

    scheme = e.get("scheme", "https")
    return Endpoint(
        e["host"],
        f"{scheme}://{e['host']}/",
        scheme,
        _loc(e.get("cls", f"{pkg}.Net")),
        _owner(e.get("owner", "app"), pkg),
        bool(e.get("reachable", True)),
    )


def observations(t: dict[str, Any], kb: KnowledgeBase, pkg: str) -> list[Observation]:
    """Observations from a fixture's ``traffic.sent`` list."""
    out = []
    for i, o in enumerate(t.get("sent", [])):
        host = o["host"]
        sdk = o.get("sdk", "")
        if sdk == "" and "sdk" not in o:
            spec = kb.sdk_for_host(host)
            sdk = spec.id if spec else ""
        company = kb.sdks[sdk].company if sdk in kb.sdks else ""
        att = Attribution(
            o.get("domain", ".".join(host.split(".")[-2:])),
            o.get("party", "third" if sdk else "unknown"),
            sdk,
            company,
        )
        tls = bool(o.get("tls", True))
        out.append(
            Observation(
                o["pi"],
                o.get("location", "query:x"),
                o.get("encoding", "plain"),
                "***",
                Confidence(o.get("confidence", "high")),
                o.get("detector", "profile:x"),
                f"f{i}",
                o.get("direction", "request"),
                "GET",
                f"{'https' if tls else 'http'}://{host}/p",
                host,
                att,
                o.get("phase", "consent-given"),
                float(i),
                tls,
                from_client=o.get("direction", "request") != "response",
            )
        )
    return out


def declaration(d: dict[str, Any]) -> tuple[Declaration, list[str] | None]:
    """A :class:`Declaration` from a fixture, and the fixture's necessary-PI list (if it gives one)."""
    pol = d.get("policy")
    text = None
    if pol is not None:
        ments = [PolicyMention("pi", p, p, p, i) for i, p in enumerate(pol.get("pi", []))]
        ments += [
            PolicyMention("third_party", p, p, p, 100 + i) for i, p in enumerate(pol.get("third_parties", []))
        ]
        text = PolicyText(
            pol.get("language", "zh"),
            1000,
            tuple(ments),
            bool(pol.get("complaint", False)),
            bool(pol.get("deletion", False)),
            pol.get("language", "zh") == "zh",
        )
    pis = tuple(
        DeclaredPI(p) if isinstance(p, str) else DeclaredPI(p["pi"], _list(p.get("purposes")))
        for p in d.get("pi", [])
    )
    tps = tuple(
        DeclaredThirdParty(
            t["name"],
            t.get("sdk"),
            _list(t.get("domains")),
            _list(t.get("pi")),
            _list(t.get("purposes")),
            t.get("role"),
        )
        for t in d.get("third_parties", [])
    )
    decl = Declaration(
        "fixture.yaml",
        d.get("package"),
        d.get("app_type"),
        pis,
        tps,
        _list(d.get("first_party_domains")),
        d.get("privacy_policy_url"),
        text,
        Consent(**d["consent"]) if d.get("consent") else None,
        d.get("complaint_channel"),
        d.get("account_deletion"),
    )
    nec = d.get("necessary_pi")
    return decl, list(nec) if nec is not None else None


def case_graph(given: dict[str, Any], kb: KnowledgeBase) -> nx.MultiDiGraph:
    """The joined graph of one case's ``given`` evidence."""
    if "static" in given:
        g, pkg = static_graph(given["static"] or {}, kb)
    else:
        g, pkg = graph.new_graph(), ""
    t = given.get("traffic")
    obs = observations(t, kb, pkg) if t is not None else None
    if t is not None:
        g.graph["profile"] = bool(t.get("profile", True))
    decl, nec = declaration(given["declaration"]) if "declaration" in given else (None, None)
    return join(g, kb, pkg, obs, decl, (t or {}).get("phases", []), nec)


def run_cases(rule: Rule, kb: KnowledgeBase, path: Path | None = None) -> list[str]:
    """Problems with the rule's test cases (empty: all pass)."""
    path = path or Path(rule.path).with_suffix(".test.yaml")
    doc = load_yaml(path)
    if not isinstance(doc, dict) or set(doc) - {"must_match", "must_not_match", "must_not_evaluate"}:
        return [f"{path.name}: expected must_match / must_not_match (/ must_not_evaluate) only"]
    problems = []
    for section in ("must_match", "must_not_match", "must_not_evaluate"):
        cases = doc.get(section) or []
        if not cases and section != "must_not_evaluate":
            problems.append(f"{path.name}: no {section} case")
        for case in cases:
            name = f"{path.name}: {section} {case.get('name', '?')!r}"
            try:
                res = evaluate_rule(rule, case_graph(case.get("given") or {}, kb), "en", kb)
            except (KeyError, TypeError, ValueError, PolicyError) as e:
                problems.append(f"{name}: bad fixture ({type(e).__name__}: {e})")
                continue
            if section == "must_not_evaluate":
                if not isinstance(res, NotEvaluated):
                    problems.append(f"{name}: evaluated (findings: {sorted(f.subject for f in res)})")
                continue
            if isinstance(res, NotEvaluated):
                problems.append(f"{name}: not evaluated ({res.reason})")
                continue
            got = sorted(f.subject for f in res)
            want = sorted(case.get("expect") or []) if section == "must_match" else []
            if section == "must_match" and not want:
                problems.append(f"{name}: must_match case without expect")
            elif got != want:
                problems.append(f"{name}: expected {want}, got {got}")
    return problems
