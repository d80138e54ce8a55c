"""The checks that compare the evidence with what the app declares (and the PI inventory they start from).

Each check is a function ``(graph, **params) -> list[Match]`` registered with
the parameters it takes (name, type, default, allowed values) and the
placeholders its matches fill in a rule's message. A check that finds the
evidence it needs absent (a phase the capture never covered, a declaration
without an app type) raises :class:`~analyzer.rules.queries.Missing`; the engine
turns that into a ``NotEvaluated``, never a pass.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from analyzer.model import Evidence
from analyzer.rules.queries import (
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
    sdk_declared,
    sdks_present,
)

# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------


_HOW = {"static": ("the code", "代码"), "traffic": ("the traffic", "流量")}


@check(("pi", "how", "how_zh"))
def pi_inventory(g: nx.MultiDiGraph) -> list[Match]:
    """Every PI type the app collects (Order 24 Art 4), with how it was seen."""
    if not evidence_kinds(g) & {"static", "traffic"}:
        raise Missing("neither an APK / saved scan nor a capture was given")
    out = []
    for pi, ev in sorted(collected(g).items()):
        kinds = sorted({e.kind for e in ev})
        how = {"how": " and ".join(_HOW[k][0] for k in kinds), "how_zh": "和".join(_HOW[k][1] for k in kinds)}
        out.append(Match(pi, {"pi": bare(pi), **how}, tuple(ev[:5])))
    return out


@check(("pi", "app_type"))
def pi_beyond_necessary(g: nx.MultiDiGraph) -> list[Match]:
    """PI collected (read by reachable code, sent, or declared) outside the app type's necessary set."""
    a = g.nodes[app_node(g)]
    if not a.get("app_type"):
        raise Missing("the declaration names no app type")
    if "necessary_pi" not in a:
        raise Missing(
            f"no necessary-PI list for app type {a['app_type']!r} (policies/app-types.yaml missing)"
        )
    need = {f"pi:{p}" for p in a["necessary_pi"]}
    handled = collected(g)
    # what the operator says it collects counts too: declaring it is admitting to collecting it
    for pi, d in declared(g).items():
        if pi.startswith("pi:"):
            said = " and ".join(
                "the policy text" if s == "policy" else "the declaration" for s in d["sources"]
            )
            handled.setdefault(pi, []).append(
                Evidence("declaration", f"{said} says the app collects it", ref=str(a.get("declaration", "")))
            )
    return [
        Match(pi, {"pi": bare(pi), "app_type": str(a["app_type"])}, tuple(ev[:5]))
        for pi, ev in sorted(handled.items())
        if pi not in need and not _kind_unknown(g, pi)
    ]


@check(("item",), item=Param(str, choices=("privacy_policy", "complaint_channel", "account_deletion")))
def declaration_lacks(g: nx.MultiDiGraph, item: str) -> list[Match]:
    """No privacy policy / complaint channel / deletion path (for an app with accounts of its own) in the
    declaration, nor in the policy text."""
    app = app_node(g)
    a = g.nodes[app]
    if item == "privacy_policy":
        if a.get("privacy_policy_url") or a.get("policy_text"):
            return []
        return [_declared_match(g, item, "no privacy_policy_url and no policy text")]
    field_, flag = {
        "complaint_channel": ("complaint_channel", "policy_complaint"),
        "account_deletion": ("account_deletion", "policy_deletion"),
    }[item]
    if a.get(field_) or a.get(flag) is True:
        return []
    if a.get(flag) is None:
        raise Missing(f"the declaration states no {field_} and gives no policy text to search")
    if item == "account_deletion" and not _has_own_accounts(g):
        return []  # Art 9(4) is about the app's own accounts: none read, sent or declared
    return [_declared_match(g, item, f"no {field_} declared; the policy text describes none")]


def _kind_unknown(g: nx.MultiDiGraph, pi: str) -> bool:
    """Whether the PI type says only where the data came from (text typed into a field of no declared
    kind): it may be any type a declaration names, so no declaration can be judged against it."""
    return bool(g.nodes[pi].get("kind_unknown")) if pi in g else False


# PI that only exists when the app runs accounts of its own (not accounts on the device)
_OWN_ACCOUNT_PI = ("pi:account.id", "pi:account.password", "pi:account.token")


def _has_own_accounts(g: nx.MultiDiGraph) -> bool:
    seen = set(collected(g)) | set(declared(g))
    return any(p in seen for p in _OWN_ACCOUNT_PI)


def _declared_match(g: nx.MultiDiGraph, item: str, why: str) -> Match:
    app = app_node(g)
    return Match(
        app, {"item": item}, (Evidence("declaration", why, ref=str(g.nodes[app].get("declaration", ""))),)
    )


@check(
    ("item",),
    item=Param(str, choices=("default_checked", "not_withdrawable", "no_mechanism", "policy_not_zh_hans")),
)
def declared_flaw(g: nx.MultiDiGraph, item: str) -> list[Match]:
    """What the operator itself declares about consent and the policy: a box ticked by default, no way
    to withdraw, no (or only implied) consent, a policy text without Simplified Chinese."""
    a = g.nodes[app_node(g)]
    attr, bad, missing = {
        "default_checked": ("consent_default_checked", True, "whether the consent box is ticked by default"),
        "not_withdrawable": ("consent_withdrawable", False, "whether consent can be withdrawn"),
        "no_mechanism": ("consent_mechanism", None, "the consent mechanism"),
        "policy_not_zh_hans": ("policy_zh_hans", False, "a policy text to examine"),
    }[item]
    val = a.get(attr)
    if val is None or val == "":
        raise Missing(f"the declaration does not state {missing}")
    hit = val in ("none", "implied") if item == "no_mechanism" else val is bad
    return [_declared_match(g, item, f"declared {attr}: {val}")] if hit else []


@check(("pi",))
def undeclared_pi(g: nx.MultiDiGraph) -> list[Match]:
    """PI the app collects that neither the declaration nor the policy text names (a type of unknown
    kind, the text of a field no layout types, excepted)."""
    decl = declared(g)
    return [
        Match(pi, {"pi": bare(pi)}, tuple(ev[:5]))
        for pi, ev in sorted(collected(g).items())
        if pi not in decl and not _kind_unknown(g, pi)
    ]


@check(("sdk", "company"))
def undeclared_sdk(g: nx.MultiDiGraph) -> list[Match]:
    """An SDK in the APK or on the wire that the declaration and the policy text do not name."""
    decl = declared(g)
    return [
        Match(s, {"sdk": bare(s), "company": str(g.nodes[s].get("company", ""))}, tuple(ev))
        for s, ev in sdks_present(g).items()
        if sdk_declared(g, s, decl) is None
    ]


@check(("sdk", "company"))
def sdk_without_role(g: nx.MultiDiGraph) -> list[Match]:
    """A declared SDK in the APK or on the wire with no declared role (entrusted, joint, independent)."""
    decl = declared(g)
    out = []
    for s, ev in sdks_present(g).items():
        d = sdk_declared(g, s, decl)
        if d is not None and not d.get("role"):
            out.append(Match(s, {"sdk": bare(s), "company": str(g.nodes[s].get("company", ""))}, tuple(ev)))
    return out


@check(("recipient", "pi", "company"))
def sharing_beyond_declared(g: nx.MultiDiGraph) -> list[Match]:
    """PI a declared third party gets (on the wire, or read by its SDK's reachable code) that the
    declaration does not list as shared with it."""
    decl = declared(g)
    # recipient node → (the PI declared as shared with it, its declared domains)
    lists: dict[str, tuple[set[str], set[str]]] = {}
    for n, d in decl.items():
        if g.nodes[n].get("kind") in ("sdk", "third_party") and d.get("pi"):
            lists[n] = (set(d["pi"]), {x.lower() for x in d.get("domains", [])})
    for n, kind in g.nodes(data="kind"):
        if kind == "sdk" and n not in lists:
            via = sdk_declared(g, n, decl)  # declared as a party named like the SDK or its company
            if via is not None and via.get("pi"):
                lists[n] = (set(via["pi"]), {x.lower() for x in via.get("domains", [])})
    if not lists:
        raise Missing("the declaration lists no PI per third party")
    got: dict[tuple[str, str], list[Evidence]] = {}
    for u, v, d in edges(g, "sent"):
        h = g.nodes[v]
        dom = str(h.get("domain") or bare(v)).lower()
        for n, (allowed, domains) in lists.items():
            ours = (h.get("sdk") and n == f"sdk:{h['sdk']}") or dom in domains
            if ours and bare(u) not in allowed:
                got.setdefault((n, u), []).append(
                    Evidence("traffic", f"sent to {bare(v)} in phase {d['phase']}",
                             ref=(d.get("endpoints") or [""])[0])
                )
    for u, v, d in edges(g, "accesses"):
        if d.get("reachable") and u in lists and bare(v) not in lists[u][0]:
            got.setdefault((u, v), []).append(
                Evidence("static", f"{u} reads it via {d['api']}", ref=d["sites"][0])
            )
    return [
        Match(f"{n}: {pi}",
              {"recipient": str(g.nodes[n].get("label") or bare(n)), "pi": bare(pi),
               "company": str(g.nodes[n].get("company", ""))},
              tuple(ev[:5]))
        for (n, pi), ev in sorted(got.items())
    ]


@check(("host", "pi", "sdk", "company"))
def undeclared_recipient(g: nx.MultiDiGraph) -> list[Match]:
    """PI sent to a host that is neither first party nor a declared third party (by SDK or domain)."""
    a, decl = g.nodes[app_node(g)], declared(g)
    first = {x.lower() for x in a.get("first_party_domains", [])}
    domains = {x.lower() for d in decl.values() for x in d.get("domains", [])}
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for u, v, d in edges(g, "sent"):
        groups.setdefault(v, []).append((u, d))
    out = []
    for host, eds in sorted(groups.items()):
        h = g.nodes[host]
        dom = str(h.get("domain") or bare(host)).lower()
        if dom in first or h.get("party") == "first" or dom in domains:
            continue
        sdk = f"sdk:{h['sdk']}" if h.get("sdk") else ""
        if sdk and sdk in g and sdk_declared(g, sdk, decl) is not None:
            continue
        pis = sorted({bare(u) for u, _ in eds})
        ev = tuple(
            Evidence("traffic", f"{bare(u)} in phase {d['phase']}", ref=(d.get("endpoints") or [""])[0])
            for u, d in eds[:5]
        )
        out.append(
            Match(
                host,
                {
                    "host": bare(host),
                    "pi": ", ".join(pis),
                    "sdk": sdk and bare(sdk),
                    "company": str(g.nodes[sdk].get("company", "")) if sdk and sdk in g else "",
                },
                ev,
            )
        )
    return out
