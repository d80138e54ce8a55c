"""The rows of both lists from one check: its joined graph and its findings.

What counts as collected and as a present SDK is what rule ``o24-09-2`` reads
(:func:`analyzer.rules.queries.collected`, :func:`~analyzer.rules.queries.sdks_present`),
plus what only the declaration names. A row is decided by the evidence or
marked for a person (``review``): a scenario no component or SDK names, a
consent phase no start-up window or capture shows, a recipient with no
company, an SDK whose code is there but reads or sends no PI piflow sees.
Gaps against a declaration are the check's own findings, by rule id and
subject.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from analyzer.check.readback import graph_of
from analyzer.check.run import CheckResult
from analyzer.common.hosts import local_network
from analyzer.common.masking import mask_host
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.lists import text
from analyzer.lists.model import Lists, PartyRow, PIRow, Text
from analyzer.rules.queries import (
    PHASES,
    app_node,
    bare,
    collected,
    declared,
    edges,
    evidence_kinds,
    sdk_declared,
    sdks_present,
)

UNDECLARED_PI = "o24-09-2-undeclared-pi"
UNDECLARED_SDK = "o24-09-2-undeclared-sdk"
SHARING_BEYOND = "o24-10-sharing-beyond-declared"
UNDECLARED_RECIPIENT = "o24-10-undeclared-recipient"
GAP_RULES = (UNDECLARED_PI, UNDECLARED_SDK, SHARING_BEYOND, UNDECLARED_RECIPIENT)
"""The findings that say what a published list leaves out."""

_BEFORE_PHASES = ("pre-consent", "consent-refused")
_WIRE_STATUSES = ("confirmed", "observed")
_COMPONENT = {
    "activity": Text("界面", "screen"),
    "service": Text("后台服务", "service"),
    "receiver": Text("广播接收器", "broadcast receiver"),
    "provider": Text("内容提供器", "content provider"),
}
_MAX_PARTS = 3


def from_result(result: CheckResult, kb: KnowledgeBase) -> Lists:
    """Both lists of a check just run."""
    return build(result.graph, ((f.rule_id, f.subject) for f in result.findings), kb)


def from_document(doc: dict[str, Any], kb: KnowledgeBase) -> Lists:
    """Both lists of a saved ``piflow.check/2`` document (validated by :mod:`analyzer.check.readback`)."""
    return build(graph_of(doc), ((str(f["rule"]), str(f["subject"])) for f in doc["findings"]), kb)


def _method(site: str) -> str:
    """``Class.method`` (simple class name) of a call site ``pkg.Class.method(desc)@0x..`` or a method.

    >>> _method("com.umeng.commonsdk.UMConfigure.init(Landroid/content/Context;)V@0x18")
    'UMConfigure.init'
    """
    full = site.split("(", 1)[0]
    cls, _, meth = full.rpartition(".")
    return f"{cls.rsplit('.', 1)[-1]}.{meth}" if cls else full


def _site_class(site: str) -> str:
    return site.split("(", 1)[0].rpartition(".")[0]


def _join(parts: list[Text]) -> Text:
    seen: list[Text] = []
    for p in parts:
        if p not in seen:
            seen.append(p)
    more = len(seen) - _MAX_PARTS
    zh = "；".join(p.zh for p in seen[:_MAX_PARTS]) + (f"；等另 {more} 处" if more > 0 else "")
    en = "; ".join(p.en for p in seen[:_MAX_PARTS]) + (f"; and {more} more" if more > 0 else "")
    return Text(zh, en)


class _Index:
    """The graph's edges by kind and endpoint, read once."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self.out: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        self.into: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for u, v, d in g.edges(data=True):
            kind = str(d.get("kind", ""))
            self.out[(kind, u)].append((v, d))
            self.into[(kind, v)].append((u, d))

    def sdk_label(self, sdk: str) -> str:
        n = self.g.nodes[sdk]
        company = str(n.get("company") or "")
        label = str(n.get("label") or bare(sdk))
        return f"{label} ({company})" if company else label

    def who(self, owner: str) -> Text:
        if owner.startswith("sdk:") and owner in self.g:
            return Text(f"SDK：{self.sdk_label(owner)}", f"SDK: {self.sdk_label(owner)}")
        return text.APP

    def category(self, sdk: str) -> Text:
        return text.CATEGORY.get(str(self.g.nodes[sdk].get("category") or "other"), text.CATEGORY["other"])


def _scenario(ix: _Index, pi: str) -> tuple[Text, bool]:
    """Where ``pi`` is collected, and whether the evidence decides it."""
    g = ix.g
    parts: list[Text] = []
    decided = True
    startup = {u for u, _ in ix.into[("accesses_before_consent", pi)]}
    readers: set[str] = set()
    for owner, d in ix.into[("accesses", pi)]:
        if not d.get("reachable"):
            continue
        where = _method(str((d.get("sites") or [""])[0]))
        if owner.startswith("sdk:") and owner in g:
            label, cat = str(g.nodes[owner].get("label") or bare(owner)), ix.category(owner)
            parts.append(Text(f"{label} 的{cat.zh}功能（{where}）", f"{label}: {cat.en} ({where})"))
            readers.add(owner)
            continue
        cls = _site_class(str((d.get("sites") or [""])[0])).split("$", 1)[0]
        comp = g.nodes.get(f"component:{cls}", {})
        if comp.get("kind") == "component":
            kind = _COMPONENT.get(str(comp.get("component")), Text("组件", "component"))
            short = cls.rsplit(".", 1)[-1]
            parts.append(Text(f"{kind.zh} {short}（{where}）", f"{kind.en} {short} ({where})"))
        elif owner in startup:
            parts.append(Text(f"应用启动时（{where}）", f"at app start-up ({where})"))
        else:
            parts.append(Text(f"代码 {where}（未对应到界面或功能）",
                              f"code {where} (no screen or feature named)"))
            decided = False
    read = bool(parts)
    for host, _d in ix.out[("sent", pi)]:
        sdk = str(g.nodes[host].get("sdk") or "")
        h = mask_host(bare(host))
        if sdk and f"sdk:{sdk}" in readers:
            continue
        if sdk and f"sdk:{sdk}" in g:
            s = f"sdk:{sdk}"
            label, cat = str(g.nodes[s].get("label") or sdk), ix.category(s)
            parts.append(Text(f"{label} 的{cat.zh}功能（发送至 {h}）", f"{label}: {cat.en} (sent to {h})"))
        elif not read:
            parts.append(Text(f"发送至 {h}（未对应到界面或功能）",
                              f"sent to {h} (no screen or feature named)"))
            decided = False
    if not parts:
        return text.FOR_A_PERSON, False
    return _join(parts), decided


def _when(ix: _Index, pi: str, evidence: tuple[str, ...], incomplete: str) -> tuple[str, Text]:
    """Before or after consent, and what says so (start-up window, capture phases, consent gates)."""
    g = ix.g
    before = ix.into[("accesses_before_consent", pi)]
    seen = {str(d.get("phase")) for _, d in ix.out[("sent", pi)]}
    phases = [p for p in PHASES if p in seen] + sorted(seen - set(PHASES))
    marked = [p for p in phases if p != "unmarked"]
    basis: list[Text] = []
    if before:
        chain = str((before[0][1].get("chains") or [""])[0]).split(" > ")
        where = " > ".join(dict.fromkeys(_method(c) for c in (chain[0], chain[-1]) if c))
        basis.append(Text(f"启动时、同意前的代码读取（{where}）",
                          f"read by code that runs at start-up, before the notice ({where})"))
    if marked:
        basis.append(Text(f"抓包阶段：{', '.join(marked)}", f"capture phases: {', '.join(marked)}"))
    if before or any(p in _BEFORE_PHASES for p in marked):
        return "before", _join(basis)
    if marked:
        return "after", _join(basis)
    gated = ix.into[("behind_consent_gate", pi)]
    if gated:
        return "after", Text("代码读取受同意标志控制", "read only behind the consent flag in code")
    if "code-read" in evidence or "co-located" in evidence or "code-path" in evidence:
        if incomplete:
            return "undecided", Text(f"静态证据不完整（{incomplete}）",
                                     f"static evidence incomplete ({incomplete})")
        if not phases:
            covered = "pre-consent" in (g.graph.get("phases") or [])
            return "after", Text(
                "启动窗口（同意前）代码未读取" + ("；抓包同意前阶段未见" if covered else "（仅静态分析）"),
                "not read by the start-up code before the notice"
                + ("; not seen in the pre-consent capture" if covered else " (static analysis only)"))
    if phases:
        return "undecided", Text("抓包未标记同意阶段", "capture phases not marked")
    return "undecided", text.FOR_A_PERSON


def _pi_evidence(ix: _Index, pi: str) -> tuple[str, ...]:
    flows = ix.out[("flow", pi)]
    kinds = []
    if ix.out[("sent", pi)]:
        kinds.append("wire")
    if ix.out[("leaks_to", pi)] or any(d.get("paths") for _, d in flows):
        kinds.append("code-path")
    if any(d.get("status") == "potential" for _, d in flows):
        kinds.append("co-located")
    if any(d.get("reachable") for _, d in ix.into[("accesses", pi)]):
        kinds.append("code-read")
    return tuple(kinds) or ("declared-only",)


def _purpose(d: dict[str, Any] | None) -> Text:
    purposes = [str(p) for p in (d or {}).get("purposes") or [] if str(p).strip()]
    if not purposes:
        return text.PLACEHOLDER
    joined = "；".join(purposes)
    return Text(joined, joined)


def _pi_rows(ix: _Index, findings: dict[str, set[str]], decl: dict[str, dict[str, Any]] | None,
             kb: KnowledgeBase, incomplete: str) -> list[PIRow]:
    g = ix.g
    pis = set(collected(g)) | {n for n in (decl or {}) if n.startswith("pi:")}
    rows = []
    for pi in sorted(pis):
        node = g.nodes[pi]
        spec = kb.taxonomy.get(bare(pi))
        name = Text(str(node.get("label_zh") or (spec.zh if spec else bare(pi))),
                    str(node.get("label") or (spec.en if spec else bare(pi))))
        owners = {u for u, d in ix.into[("accesses", pi)] if d.get("reachable")}
        owners |= {str(d["owner"]) for _, d in ix.out[("flow", pi)]
                   if d.get("status") in _WIRE_STATUSES and d.get("owner")}
        owners |= {str(d["owner"]) for _, d in ix.out[("leaks_to", pi)] if d.get("owner")}
        for host, _ in ix.out[("sent", pi)]:
            sdk = str(g.nodes[host].get("sdk") or "")
            owners.add(f"sdk:{sdk}" if sdk and f"sdk:{sdk}" in g else app_node(g))
        owners.discard("")
        ordered = sorted(owners, key=lambda o: (o.startswith("sdk:"), o))
        by = [ix.who(o) for o in ordered]
        evidence = _pi_evidence(ix, pi)
        scenario, decided = _scenario(ix, pi)
        when, basis = _when(ix, pi, evidence, incomplete)
        review = tuple(k for k, bad in (("scenario", not decided), ("when", when == "undecided")) if bad)
        rows.append(PIRow(
            pi=bare(pi), name=name, purpose=_purpose((decl or {}).get(pi)), scenario=scenario,
            collectors=tuple(ordered),
            collected_by=_join(by) if by else text.FOR_A_PERSON,
            when=when, when_basis=basis, evidence=evidence, review=review,
            declared=None if decl is None else pi in decl,
            gaps=tuple(r for r in (UNDECLARED_PI,) if pi in findings.get(r, set())),
        ))
    return rows


def _domains(g: nx.MultiDiGraph, hosts: Iterable[str]) -> tuple[str, ...]:
    doms = {str(g.nodes[h].get("domain") or "").lower() for h in hosts} - {""}
    return tuple(sorted(d for d in doms if mask_host(d) == d))


def _sdk_row(ix: _Index, s: str, findings: dict[str, set[str]], decl: dict[str, dict[str, Any]] | None,
             kb: KnowledgeBase) -> PartyRow:
    g = ix.g
    sid = bare(s)
    node = g.nodes[s]
    pis: set[str] = {v for v, d in ix.out[("accesses", s)] if d.get("reachable")}
    hosts: set[str] = set()
    wire = path = colocated = False
    for u, v, d in edges(g, "flow"):
        if d.get("owner") == s:
            pis.add(u)
            hosts.add(v)
            path = path or bool(d.get("paths"))
            colocated = colocated or d.get("status") == "potential"
    for u, v, _ in edges(g, "sent"):
        if g.nodes[v].get("sdk") == sid:
            pis.add(u)
            hosts.add(v)
            wire = True
    for u, _, d in edges(g, "leaks_to"):
        if d.get("owner") == s:
            pis.add(u)
            path = True
    kinds = [k for k, on in (("wire", wire), ("code-path", path), ("co-located", colocated),
                             ("code-read", any(d.get("reachable") for _, d in ix.out[("accesses", s)])))
             if on]
    if not kinds:
        kinds = ["bundled"] if ix.into[("bundles", s)] or ix.out[("observed", s)] else ["declared-only"]
    said = sdk_declared(g, s, decl) if decl is not None else None
    spec = kb.sdks.get(sid)
    gap_pi = tuple(sorted(bare(sub.split(": ", 1)[1]) for sub in findings.get(SHARING_BEYOND, set())
                          if sub.startswith(f"{s}: ")))
    gaps = tuple(r for r, on in ((UNDECLARED_SDK, s in findings.get(UNDECLARED_SDK, set())),
                                 (SHARING_BEYOND, bool(gap_pi))) if on)
    return PartyRow(
        key=s, name=Text(str(node.get("label") or sid), str(node.get("label") or sid)),
        company=str(node.get("company") or ""), country=str(node.get("country") or ""),
        pi=tuple(sorted(bare(p) for p in pis)), purpose=_purpose(said),
        how="sdk" if pis else "undecided",
        hosts=tuple(sorted(mask_host(bare(h)) for h in hosts)), domains=_domains(g, hosts),
        privacy_policy=(spec.privacy_policy or "") if spec else "",
        evidence=tuple(kinds), review=() if pis else ("pi", "how"),
        declared=None if decl is None else said is not None, gaps=gaps, gap_pi=gap_pi,
    )


def _host_rows(ix: _Index, findings: dict[str, set[str]], decl: dict[str, dict[str, Any]] | None,
               first: set[str]) -> tuple[list[PartyRow], set[str]]:
    """Recipients no SDK signature names: PI the capture shows sent to a host not the app's own, or a
    taint path of the app's code takes to one (``traced`` flows; never a loopback or private address)."""
    g = ix.g
    groups: dict[str, dict[str, set[str]]] = {}
    seen = [(u, v, "wire") for u, v, _ in edges(g, "sent")]
    seen += [(u, v, "code-path") for u, v, d in edges(g, "flow")
             if d.get("status") == "traced" and str(d.get("owner", "")).startswith("app:")]
    for u, v, kind in seen:
        h = g.nodes[v]
        dom = str(h.get("domain") or bare(v)).lower()
        if h.get("sdk") or h.get("party") == "first" or dom in first or local_network(bare(v)):
            continue
        grp = groups.setdefault(dom, {"pi": set(), "hosts": set(), "kinds": set()})
        grp["pi"].add(bare(u))
        grp["hosts"].add(v)
        grp["kinds"].add(kind)
    rows, covered = [], set()
    for dom, grp in sorted(groups.items()):
        companies = {bare(c) for h in grp["hosts"] for c, _ in ix.out[("operated_by", h)]}
        countries = {str(g.nodes[h].get("country") or "") for h in grp["hosts"]} - {""}
        said = None
        if decl is not None:
            for n, d in decl.items():
                if dom in {x.lower() for x in d.get("domains") or []}:
                    said = d
                    covered.add(n)
                    break
        company = ", ".join(sorted(companies))
        unknown = any(g.nodes[h].get("party") != "third" for h in grp["hosts"])
        rows.append(PartyRow(
            key=f"host:{dom}", name=Text(mask_host(dom), mask_host(dom)), company=company,
            country=", ".join(sorted(countries)), pi=tuple(sorted(grp["pi"])), purpose=_purpose(said),
            how="direct", hosts=tuple(sorted(mask_host(bare(h)) for h in grp["hosts"])),
            domains=_domains(g, grp["hosts"]), privacy_policy="",
            evidence=tuple(k for k in ("wire", "code-path") if k in grp["kinds"]),
            review=("company",) if not company or unknown else (),
            declared=None if decl is None else said is not None,
            gaps=(UNDECLARED_RECIPIENT,) if grp["hosts"] & findings.get(UNDECLARED_RECIPIENT, set()) else (),
        ))
    return rows, covered


def build(g: nx.MultiDiGraph, findings: Iterable[tuple[str, str]], kb: KnowledgeBase) -> Lists:
    """Both lists from a joined graph and the (rule id, subject) of its unsuppressed findings."""
    ix = _Index(g)
    by_rule: dict[str, set[str]] = defaultdict(set)
    for rule, subject in findings:
        if rule in GAP_RULES:
            by_rule[rule].add(subject)
    app = app_node(g)
    a = g.nodes[app] if app in g else {}
    decl = declared(g) if "declaration" in evidence_kinds(g) else None
    incomplete = str(g.graph.get("static_incomplete") or "")
    partial = str(g.graph.get("static_partial") or ("taint" if g.graph.get("taint_partial") else ""))
    pi_rows = _pi_rows(ix, by_rule, decl, kb, incomplete or (
        f"the scan's budget ran out in its {partial} phase" if g.graph.get("static_partial") else ""))
    owners = {str(d.get("owner", "")) for _, _, d in edges(g, "flow")}
    sdks = set(sdks_present(g)) | {o for o in owners if o.startswith("sdk:") and o in g}
    parties = sorted((_sdk_row(ix, s, by_rule, decl, kb) for s in sdks),
                     key=lambda r: (not r.pi, r.company.lower(), r.key))
    first = {str(x).lower() for x in a.get("first_party_domains") or []}
    host_rows, covered = _host_rows(ix, by_rule, decl, first)
    parties += host_rows
    if decl is not None:
        by_sdk = [sdk_declared(g, s, decl) for s in sdks]
        for n, d in sorted(decl.items()):
            if g.nodes[n].get("kind") != "third_party" or n in covered or any(d is x for x in by_sdk):
                continue
            if any(sdk_declared(g, s, {n: d}) is not None for s in sdks):
                continue  # a party named like an SDK present (the policy names its company): the SDK's row
            pis = tuple(sorted(str(p) for p in d.get("pi") or []))
            name = str(d.get("name") or bare(n))
            parties.append(PartyRow(
                key=n, name=Text(name, name), company="", country="", pi=pis, purpose=_purpose(d),
                how="server" if pis else "undecided", hosts=(), domains=tuple(d.get("domains") or ()),
                privacy_policy="", evidence=("declared-only",),
                review=("how",), declared=True))
    first_seen = sorted(first | {str(g.nodes[v].get("domain") or "") for _, v, _ in edges(g, "sent")
                                 if g.nodes[v].get("party") == "first"} - {""})
    used = {r.pi: r.name for r in pi_rows}
    for r in parties:
        for pi in r.pi:
            spec = kb.taxonomy.get(pi)
            if pi not in used and spec is not None:
                used[pi] = Text(spec.zh, spec.en)
    return Lists(
        pi_names=tuple(sorted(used.items())),
        app=bare(app), pi=tuple(pi_rows), parties=tuple(parties),
        declaration=str(a.get("declaration") or "") if decl is not None else "",
        phases=tuple(p for p in PHASES if p in set(g.graph.get("phases") or ())),
        evidence=tuple(g.graph.get("evidence") or ()),
        first_party=tuple(first_seen), static_incomplete=incomplete, partial=partial,
    )
