"""The checks on static evidence (code, manifest, taint) rules may name in their ``check``.

Same contract as :mod:`analyzer.rules.checks.declared`: ``(graph, **params) -> list[Match]``,
registered with its typed parameters and the placeholders it fills.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from analyzer.common.hosts import on_device
from analyzer.model import Confidence, Evidence
from analyzer.rules.checks.traffic import cleartext_pi
from analyzer.rules.queries import (
    CREDENTIALS,
    SINK_KINDS,
    STORAGE_WEAKNESSES,
    TLS_WEAKNESSES,
    Match,
    Missing,
    Param,
    app_node,
    bare,
    check,
    collected,
    declared,
    edges,
    evidence_kinds,
    leaks,
    site_class,
)

# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------


@check(("sdk", "owner", "entry", "api"), init_only=Param(bool, True))
def sdk_call_before_interaction(g: nx.MultiDiGraph, init_only: bool) -> list[Match]:
    """App code calls an SDK (its catalogued init methods if ``init_only``) before any user interaction."""
    out = []
    for u, v, d in edges(g, "calls_before_consent"):
        if init_only and not d.get("init"):
            continue
        ev = tuple(
            Evidence("static", f"{d['entries'][0] if d['entries'] else ''}: {c}") for c in d["chains"][:3]
        )
        out.append(
            Match(
                v,
                {
                    "sdk": bare(v),
                    "owner": u,
                    "entry": ", ".join(d["entries"][:3]),
                    "api": ", ".join(d["apis"][:3]),
                },
                ev,
            )
        )
    return out


@check(("pi", "owner", "entry", "api"))
def pi_read_before_interaction(g: nx.MultiDiGraph) -> list[Match]:
    """A catalogued PI source is read in code that runs before any user interaction."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, d in edges(g, "accesses_before_consent"):
        groups.setdefault((u, v), []).append(d)
    out = []
    for (owner, pi), eds in sorted(groups.items()):
        ev = tuple(Evidence("static", f"{c}", ref=d["sites"][0]) for d in eds for c in d["chains"][:1])
        out.append(
            Match(
                f"{owner}: {pi}",
                {
                    "pi": bare(pi),
                    "owner": owner,
                    "entry": ", ".join(sorted({e for d in eds for e in d["entries"]})),
                    "api": ", ".join(sorted({d["api"] for d in eds})),
                },
                ev,
            )
        )
    return out


@check(("permission", "owner", "entry", "api"))
def permission_prompt_before_interaction(g: nx.MultiDiGraph) -> list[Match]:
    """Code that runs before any user interaction asks for a runtime permission."""
    out = []
    for u, v, d in sorted(edges(g, "prompts_before_consent"), key=lambda t: (t[0], t[1])):
        ev = tuple(Evidence("static", c, ref=d["sites"][0]) for c in d["chains"][:2])
        name = bare(v)
        out.append(Match(f"{u}: {v}", {
            "permission": name if name != "unknown" else "a runtime permission",
            "owner": u, "entry": ", ".join(sorted(d["entries"])), "api": ", ".join(d["apis"])}, ev))
    return out


def path_evidence(pi: str, d: dict[str, Any], paths: list[dict[str, Any]] | None = None,
                  cap: int = 3) -> tuple[Evidence, ...]:
    """The taint paths of a ``leaks_to`` edge as evidence: the source call site and API, the
    methods the data passes, the sink call site and API (its sites alone when no path was kept)."""
    paths = (d.get("paths") or []) if paths is None else paths
    ev = []
    for p in paths[:cap]:
        methods = list(p.get("methods") or [])
        via = " → ".join(methods if len(methods) <= 6 else [*methods[:3], "…", *methods[-2:]])
        ev.append(Evidence("taint", f"{bare(pi)} read by {p['source_api']} at {p['source']}"
                                    f"{f' → {via}' if via else ''} → {p['sink_api']} at {p['sink']}",
                           ref=p["sink"]))
    return tuple(ev) or tuple(Evidence("taint", f"reaches {d['apis'][-1]}", ref=s) for s in d["sites"][:cap])


@check(("flag", "owner", "site", "gated"))
def consent_preset_in_code(g: nx.MultiDiGraph) -> list[Match]:
    """Code that runs before any user interaction sets a consent flag with no user action, so the
    checks guarded by it pass on the first launch."""
    out = []
    for u, v, d in sorted(edges(g, "presets_consent"), key=lambda t: (t[0], t[1])):
        ev = tuple(Evidence("static", f"sets {', '.join(d['flags'])} with no user action", ref=s)
                   for s in d["sites"][:3])
        site = d["sites"][0] if d["sites"] else ""
        out.append(Match(f"{u}: {v}", {"flag": d["flags"][0], "owner": u, "site": site,
                                       "gated": str(d.get("gated", 0))}, ev))
    return out


@check(("pi", "sink", "owner", "api"), sink_kinds=Param(list, choices=SINK_KINDS))
def leak_to_sink(g: nx.MultiDiGraph, sink_kinds: list[str]) -> list[Match]:
    """Taint analysis sees PI reach a sink of one of ``sink_kinds`` (e.g. ``log``); the evidence
    names each path (source site, methods, sink site)."""
    out = []
    for u, v, d in sorted(leaks(g, sink_kinds), key=lambda t: (t[2]["owner"], t[0], t[1])):
        out.append(
            Match(
                f"{d['owner']}: {u} -> {v}",
                {"pi": bare(u), "sink": bare(v), "owner": d["owner"], "api": ", ".join(d["apis"][:3])},
                path_evidence(u, d),
            )
        )
    return out


CLEARTEXT_SCHEMES = ("http", "ws")


def cleartext_allowed(app: dict[str, Any], host: str) -> bool:
    """Whether the app's network security config (or manifest) lets cleartext reach ``host``:
    a ``<domain-config>`` permitting it for the host or a parent domain, else the base config's
    default, else the manifest's effective ``usesCleartextTraffic``."""
    if any(host == dom or host.endswith("." + dom) for dom in app.get("cleartext_domains") or ()):
        return True
    if app.get("cleartext_default") is not None:
        return bool(app["cleartext_default"])
    return bool(app.get("cleartext_permitted", True))


def static_cleartext(g: nx.MultiDiGraph) -> list[Match]:
    """Taint paths to a network sink whose destinations include an ``http://``/``ws://`` origin:
    one match per (PI, host), subject as the traffic check's; a host on the device itself (a local
    agent on ``127.0.0.1``) is none, nothing crosses a network. Medium confidence where the network
    security config lets cleartext reach the host, low where it forbids it (the platform's
    stacks then refuse the request; a library that ignores the config still sends it)."""
    app = g.nodes[app_node(g)] if app_node(g) in g else {}
    found: dict[tuple[str, str], tuple[dict[str, Any], list[dict[str, Any]], str]] = {}
    for u, _v, d in leaks(g, ("network",)):
        paths = d.get("paths") or []
        per_path = [(p, p.get("destinations") or []) for p in paths]
        if not any(dests for _p, dests in per_path):  # no path says where: the edge's union
            per_path = [(p, d.get("destinations") or []) for p in paths or [{}]]
        for p, dests in per_path:
            for origin in dests:
                parts = urlsplit(str(origin))
                host = parts.hostname or ""
                if parts.scheme.lower() not in CLEARTEXT_SCHEMES or not host or on_device(host):
                    continue
                _, got, _ = found.setdefault((u, host), (d, [], origin))
                if p and p not in got:
                    got.append(p)
    out = []
    for (pi, host), (d, paths, origin) in sorted(found.items()):
        node = g.nodes.get(f"host:{host}", {})
        allowed = cleartext_allowed(app, host)
        ev = (Evidence("taint", f"{d['owner']} sends it to {origin} (a cleartext origin the code fixes)"),
              *path_evidence(pi, d, paths))
        if not allowed:
            ev += (Evidence("static", f"the network security config forbids cleartext to {host}: "
                                      "Android's own HTTP stacks refuse the request"),)
        out.append(Match(
            f"{pi} -> host:{host}",
            {"pi": bare(pi), "host": host, "sdk": str(node.get("sdk") or ""),
             "party": str(node.get("party") or ""), "phase": "",
             "how": "taint path in code, not seen in a capture"},
            ev, Confidence.MEDIUM if allowed else Confidence.LOW))
    return out


@check(("pi", "host", "sdk", "party", "phase", "how"), include_potential=Param(bool, False))
def pi_over_cleartext(g: nx.MultiDiGraph, include_potential: bool) -> list[Match]:
    """PI sent over cleartext: seen in a capture (``sent`` edges without TLS; high), or on a taint
    path to a network sink whose destination is an ``http://``/``ws://`` origin (medium; low where
    the network security config forbids cleartext to the host). One match per (PI, host): a
    capture that shows the same PI going to the same host in cleartext confirms the static path,
    whose evidence joins the traffic match at the rule's (high) confidence."""
    out: dict[str, Match] = {}
    for m in cleartext_pi(g, include_potential):
        phase = m.values.get("phase", "")
        how = f"seen in a capture, phase {phase}" if phase else "http:// host named in code"
        out[m.subject] = Match(m.subject, {**m.values, "how": how}, m.evidence, m.confidence)
    if "taint" in evidence_kinds(g):
        for m in static_cleartext(g):
            old = out.get(m.subject)
            if old is None:
                out[m.subject] = m
            elif old.confidence is None:  # captured: the code path is why, the capture the proof
                out[m.subject] = Match(m.subject, old.values, old.evidence + m.evidence, None)
            else:
                best = max(old.confidence, m.confidence or Confidence.LOW)
                out[m.subject] = Match(m.subject, m.values, m.evidence + old.evidence, best)
    return [out[k] for k in sorted(out)]


@check(("component", "kind", "pi"))
def exported_component_pi(g: nx.MultiDiGraph) -> list[Match]:
    """An exported component with no permission whose code reads PI (providers) or hands PI to IPC
    (taint: ``ipc`` and ``content_provider`` sinks; an implicit intent, ``icc_implicit``, is its own
    Art 10 rule's)."""
    reads: dict[str, set[str]] = {}
    for _, v, d in edges(g, "accesses"):
        for s in d["sites"]:
            reads.setdefault(site_class(s), set()).add(bare(v))
    hands: dict[str, set[str]] = {}
    for u, _, d in leaks(g, ("ipc", "content_provider")):
        for s in d["sites"]:
            hands.setdefault(site_class(s), set()).add(bare(u))
    out = []
    for _, c, _ in edges(g, "declares"):
        n = g.nodes[c]
        if not n.get("exported") or n.get("permission") or n.get("read_permission"):
            continue
        cls = bare(c)
        mine = [k for k in {*reads, *hands} if k == cls or k.startswith(cls + "$")]
        pis = set().union(*(hands.get(k, set()) for k in mine))
        if n.get("component") == "provider":
            pis |= set().union(*(reads.get(k, set()) for k in mine))
        if pis:
            out.append(
                Match(
                    c,
                    {"component": cls, "kind": str(n.get("component")), "pi": ", ".join(sorted(pis))},
                    (Evidence("static", f"exported {n.get('component')} without a permission"),),
                )
            )
    return out


@check(("weakness", "cls", "owner"), kinds=Param(list, choices=TLS_WEAKNESSES + STORAGE_WEAKNESSES))
def weakness(g: nx.MultiDiGraph, kinds: list[str]) -> list[Match]:
    """Reachable security facts of ``kinds`` (an implementation counts only where it is installed)."""
    out = []
    for u, v, d in edges(g, "has_weakness"):
        kind = str(g.nodes[v].get("weakness"))
        if kind not in kinds or not d.get("reachable"):
            continue
        if kind in ("trust_all_trust_manager", "trust_all_hostname_verifier") and not d.get("used"):
            continue
        out.append(
            Match(
                v,
                {"weakness": kind, "cls": v.split(":", 2)[2], "owner": u},
                tuple(Evidence("static", e, ref=s) for e, s in zip(d["evidence"], d["sites"], strict=False)),
            )
        )
    return out


@check(("pi", "sink", "owner", "cls"))
def pi_to_shared_storage(g: nx.MultiDiGraph) -> list[Match]:
    """Taint shows PI written to a file by a class that writes external storage or world-readable files."""
    weak: dict[str, str] = {}
    for _, v, d in edges(g, "has_weakness"):
        if g.nodes[v].get("weakness") in STORAGE_WEAKNESSES and d.get("reachable"):
            for s in d["sites"]:
                weak.setdefault(site_class(s), str(g.nodes[v]["weakness"]))
    out = []
    for u, v, d in sorted(
        leaks(g, ("file", "external_storage", "shared_prefs", "sqlite")),
        key=lambda t: (t[2]["owner"], t[0], t[1]),
    ):
        hit = [s for s in d["sites"] if site_class(s) in weak or bare(v) == "external_storage"]
        if hit:
            cls = site_class(hit[0])
            out.append(
                Match(
                    f"{d['owner']}: {u} -> {v}",
                    {"pi": bare(u), "sink": bare(v), "owner": d["owner"], "cls": cls},
                    (
                        Evidence(
                            "taint",
                            f"written by {d['apis'][0]} ({weak.get(cls, 'external storage')})",
                            ref=hit[0],
                        ),
                    ),
                )
            )
    return out


@check(("app",))
def backup_with_credentials(g: nx.MultiDiGraph) -> list[Match]:
    """``android:allowBackup`` is on and the app handles credentials (password fields, password/token PI)."""
    app = app_node(g)
    a = g.nodes[app]
    if not a.get("allow_backup"):
        return []
    why = [f"{a['password_fields']} password input fields"] if a.get("password_fields") else []
    why += [f"handles {c}" for c in CREDENTIALS if f"pi:{c}" in collected(g) or f"pi:{c}" in declared(g)]
    return (
        [Match(app, {"app": bare(app)}, tuple(Evidence("static", f"allowBackup=true; {w}") for w in why))]
        if why
        else []
    )


@check(("permission", "app_type", "pi"), permissions=Param(list))
def permission_beyond_app_type(g: nx.MultiDiGraph, permissions: list[str]) -> list[Match]:
    """A high-risk permission the manifest requests although the declared app type needs none of the PI it
    is for. ``permissions`` items read ``android.permission.X=pi.a|pi.b`` (the PI the permission is for)."""
    a = g.nodes[app_node(g)]
    if not a.get("app_type"):
        raise Missing("the declaration names no app type")
    if "necessary_pi" not in a:
        raise Missing(f"no necessary-PI list for app type {a['app_type']!r}")
    need = set(a["necessary_pi"])
    guards = {}
    for item in permissions:
        name, _, pis = item.partition("=")
        guards[name.strip()] = {p.strip() for p in pis.split("|") if p.strip()}
    used: dict[str, list[str]] = {}
    for u, v, d in edges(g, "accesses"):
        if d.get("reachable") and d.get("permission"):
            used.setdefault(d["permission"], []).append(f"{u} reads {bare(v)} via {d['api']}")
    out = []
    for _, perm, d in g.out_edges(app_node(g), data=True):
        name = bare(perm)
        if d.get("kind") != "requests" or name not in guards or guards[name] & need:
            continue
        ev = [Evidence("static", f"the manifest requests {name}")]
        ev += [Evidence("static", line) for line in sorted(set(used.get(name, [])))[:3]]
        out.append(Match(perm, {"permission": name, "app_type": str(a["app_type"]),
                                "pi": ", ".join(sorted(guards[name]))}, tuple(ev)))
    return sorted(out, key=lambda m: m.subject)
