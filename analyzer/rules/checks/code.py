"""The checks on static evidence (code, manifest, taint) rules may name in their ``check``.

Same contract as :mod:`analyzer.rules.checks.declared`: ``(graph, **params) -> list[Match]``,
registered with its typed parameters and the placeholders it fills.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from analyzer.model import Evidence
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
    """Taint analysis sees PI reach a sink of one of ``sink_kinds`` (e.g. ``log``)."""
    out = []
    for u, v, d in sorted(leaks(g, sink_kinds), key=lambda t: (t[2]["owner"], t[0], t[1])):
        out.append(
            Match(
                f"{d['owner']}: {u} -> {v}",
                {"pi": bare(u), "sink": bare(v), "owner": d["owner"], "api": ", ".join(d["apis"][:3])},
                tuple(Evidence("taint", f"reaches {d['apis'][0]}", ref=s) for s in d["sites"][:3]),
            )
        )
    return out


@check(("component", "kind", "pi"))
def exported_component_pi(g: nx.MultiDiGraph) -> list[Match]:
    """An exported component with no permission whose code reads PI (providers) or hands PI to IPC (taint)."""
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
