"""The report's first screen: PI flows folded into PI type → collector → recipient, with evidence and phases.

A real app's graph has dozens of PI types, SDKs and sinks and hundreds of hosts; drawn node by node it is
unreadable. This module folds the ``piflow.check/2`` document into rows a reviewer reads as a table:

- one row per (PI type, collector, recipient): the *collector* is the code that takes the PI (the app
  or an SDK: a joined flow's owner, the reader of a PI no flow carries, the owner of a taint leak); the
  *recipient* is who gets it: the app's own servers (``first``), a named company behind a host or SDK
  with its country (``third``), the hosts no one is known to run (``unattributed``, listed with their
  domains), or places on the device (``device``: taint sinks such as the log, a file, the clipboard or
  another app's component), or nobody (``none``: a read nothing shows going anywhere). Hosts and sinks
  are folded into their recipient and counted;
- each row's *evidence*, strongest first (:data:`EVIDENCE`): ``wire`` (seen in captured traffic: a
  ``confirmed`` or ``observed`` flow), ``code`` (a taint path: ``traced``, ``traced-unbound``, or a
  leak to a sink), ``colocated`` (``potential``: the collector's code reads the PI and names the host,
  nothing binds the two), ``none`` (the collector reads the PI and nothing shows it going anywhere);
- its consent *phases*: the phases the wire saw it in, plus ``pre-consent-code`` when the collector's
  code reads the PI before any user interaction;
- the findings about it (by fingerprint and Order 24 article) and the graph edges behind it (ids of
  :func:`analyzer.report.html.view.graph_parts`), which the page's drill-down shows: taint paths,
  captured requests, code reads.

Pure functions on the document, like :mod:`analyzer.report.html.view`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from typing import Any

from analyzer.check.document import article_key
from analyzer.common.hosts import on_device
from analyzer.report.html.view import Parts, graph_parts, node_label, prefix, sink_label

EVIDENCE = ("wire", "code", "colocated", "none")
"""Strength of a row's evidence, strongest first."""
STATUS_EVIDENCE = {
    "confirmed": "wire",
    "observed": "wire",
    "traced": "code",
    "traced-unbound": "code",
    "potential": "colocated",
}
"""Evidence of a joined flow by its status (:data:`analyzer.graph.join.STATUSES`)."""
PARTIES = ("third", "unattributed", "first", "device")
"""Kinds of recipient, in the order rows are shown (who else gets the PI first)."""
PRE_CONSENT_CODE = "pre-consent-code"
"""The phase token of a read the collector's code makes before any user interaction."""
_READS = ("accesses", "accesses_before_consent")
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "co", "ac"}


def domain_of(host: str) -> str:
    """The registrable-looking domain a host is grouped under (no public suffix list: two labels, three
    under a second-level ``com.cn``-style suffix); an IP address stays itself.

    >>> [domain_of(h) for h in ("a.b.alog.umeng.com", "x.api.sina.com.cn", "10.0.0.2", "localhost")]
    ['umeng.com', 'sina.com.cn', '10.0.0.2', 'localhost']
    """
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    n = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-n:])


def _first_party(host: str, app: Mapping[str, Any]) -> bool:
    doms = [str(d).lower().lstrip(".") for d in app.get("first_party_domains") or []]
    h = host.lower()
    return any(h == d or h.endswith("." + d) for d in doms if d)


_DEVICE = {"id": "device", "label": "", "party": "device", "country": ""}
"""The recipient of taint leaks to sinks other than a bound network call, and of hosts that are the
device itself (loopback): places on the device."""


def recipient(
    host_id: str, ids: Mapping[str, Mapping[str, Any]], company_of: Mapping[str, str], app: Mapping[str, Any]
) -> dict[str, str]:
    """Who receives what is sent to the host: ``{"id", "label", "party", "country"}``.

    The company that runs the host (``operated_by``) or makes the SDK whose network signature it
    matches; the app's own servers when the capture calls the host first party or the declaration lists
    its domain; else nobody known: all such hosts of a row are one ``unattributed`` recipient (a capture's
    ``third`` party without a company among them), listed by host and domain.
    """
    h = ids.get(host_id, {"id": host_id})
    if on_device(node_label(h, "en")):
        return dict(_DEVICE)  # localhost, a loopback address: it never leaves the device
    sdk = f"sdk:{h['sdk']}" if h.get("sdk") else ""
    comp = company_of.get(host_id) or company_of.get(sdk, "")
    country = str(h.get("country") or "")
    if h.get("party") == "first" or _first_party(node_label(h, "en"), app):
        return {"id": "first", "label": "", "party": "first", "country": country}
    if comp:
        c = ids.get(comp, {"id": comp})
        return {
            "id": comp,
            "label": node_label(c, "en"),
            "party": "third",
            "country": str(c.get("country") or country),
        }
    return {"id": "unattributed", "label": "", "party": "unattributed", "country": country}


_NONE = {"id": "none", "label": "", "party": "none", "country": ""}
"""The recipient of a read nothing shows going anywhere."""


def _phases(e: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for k in ("phase", "phases"):
        v = e.get(k)
        out += [str(p) for p in v] if isinstance(v, list) else ([str(v)] if v else [])
    return out


def _named(
    finding: Mapping[str, Any], path: Mapping[str, Any]
) -> tuple[set[str], set[str], set[str], set[str]]:
    """(PI types, hosts, sinks, collectors) a finding is about: its subject's and its evidence's nodes.

    Nothing when its subject names none of them (a permission, a security weakness: no flow's finding).
    """
    nodes = set(path.get("nodes", []))
    subject = str(finding.get("subject", ""))
    tokens = set(subject.replace(" -> ", ": ").split(": "))
    if not any(prefix(t) in ("pi", "host", "sink", "app", "sdk") for t in tokens):
        return set(), set(), set(), set()
    owners = {t for t in tokens if prefix(t) in ("app", "sdk")} | {n for n in nodes if prefix(n) == "sdk"}
    sinks = {t for t in tokens if prefix(t) == "sink"}
    return set(path.get("pis", [])), {n for n in nodes if prefix(n) == "host"}, sinks, owners


class _Row:
    __slots__ = (
        "cleartext",
        "collector",
        "countries",
        "edges",
        "evidence",
        "hosts",
        "phases",
        "pi",
        "rec",
        "sinks",
    )

    def __init__(self, pi: str, collector: str, rec: Mapping[str, str]) -> None:
        self.pi, self.collector, self.rec = pi, collector, dict(rec)
        self.hosts: dict[str, str] = {}
        self.sinks: set[str] = set()
        self.evidence: set[str] = set()
        self.phases: set[str] = set()
        self.cleartext = False
        self.edges: list[str] = []
        self.countries: set[str] = {rec["country"]} - {""}


def flow_rows(
    doc: Mapping[str, Any],
    lang: str,
    findings: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]] = (),
    parts: Parts | None = None,
) -> list[dict[str, Any]]:
    """The aggregated flows of the document, one dict per (PI type, collector, recipient).

    ``findings`` pairs each finding with its :func:`analyzer.report.html.view.finding_path`; a finding
    belongs to a row when it names the row's PI type (or none) and one of its sinks (and its collector
    when it names one), else one of its hosts, else its collector, else (a finding on the PI type alone)
    every row of the PI type. ``parts`` is :func:`graph_parts` of
    ``doc`` when the caller has it.
    """
    nodes, edges = parts or graph_parts(doc)
    ids = {str(n["id"]): n for n in nodes}
    app_id = str(((doc.get("graph") or {}).get("graph") or {}).get("app") or doc.get("app") or "")
    app = ids.get(app_id, {})
    company_of = {
        str(e["source"]): str(e["target"]) for e in edges if e.get("kind") in ("made_by", "operated_by")
    }
    rows: dict[tuple[str, str, str], _Row] = {}
    by_pc: dict[tuple[str, str], list[_Row]] = {}  # (PI type, collector) → its rows

    def row(pi: str, collector: str, rec: Mapping[str, str]) -> _Row:
        key = (pi, collector, rec["id"])
        if key not in rows:
            rows[key] = _Row(pi, collector, rec)
            by_pc.setdefault((pi, collector), []).append(rows[key])
        return rows[key]

    sent: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for e in edges:
        if e.get("kind") == "sent":
            sent.setdefault((str(e["source"]), str(e["target"])), []).append(e)
    carried: set[tuple[str, str]] = set()  # (pi, collector) some flow or leak carries
    for e in edges:
        kind, s, t = e.get("kind"), str(e["source"]), str(e["target"])
        if kind == "flow":
            owner = str(e.get("owner") or app_id)
            ev = STATUS_EVIDENCE.get(str(e.get("status")), "colocated")
            rec = recipient(t, ids, company_of, app)
            r = row(s, owner, rec)
            r.countries.update({rec["country"]} - {""})
            r.hosts[t] = _stronger(r.hosts.get(t), ev)
            r.evidence.add(ev)
            r.phases.update(_phases(e))
            # cleartext to the device itself (loopback) crosses no network
            r.cleartext = r.cleartext or (bool(e.get("cleartext")) and rec["party"] != "device")
            r.edges.append(e["_id"])
            for se in sent.get((s, t), []):
                if se["_id"] not in r.edges:
                    r.edges.append(se["_id"])
            carried.add((s, owner))
    flows_of = set(carried)
    for e in edges:
        kind, s, t = e.get("kind"), str(e["source"]), str(e["target"])
        if kind != "leaks_to":
            continue
        owner = str(e.get("owner") or app_id)
        if t in ("sink:network", "sink:webview") and (s, owner) in flows_of:
            for r in by_pc[(s, owner)]:  # the taint leak behind the flows it binds or leaves unbound
                if r.rec["party"] != "device":
                    r.edges.append(e["_id"])
            continue
        r = row(s, owner, _DEVICE)
        r.sinks.add(t)
        r.evidence.add("code")
        r.edges.append(e["_id"])
        carried.add((s, owner))
    for e in edges:  # reads: what the collector's code does with the PI, before consent or not
        kind, s, t = e.get("kind"), str(e["source"]), str(e["target"])
        if kind not in _READS or prefix(t) != "pi":
            continue
        if (t, s) not in carried:
            r = row(t, s, _NONE)
            r.evidence.add("none")
        for r in by_pc[(t, s)]:
            r.edges.append(e["_id"])
            if kind == "accesses_before_consent":
                r.phases.add(PRE_CONSENT_CODE)
    linked = _link(rows.values(), findings)
    out = []
    for i, r in enumerate(sorted(rows.values(), key=_order)):
        coll = ids.get(r.collector, {"id": r.collector})
        pi = ids.get(r.pi, {"id": r.pi})
        fps = linked.get(id(r), [])
        hosts = sorted(r.hosts.items(), key=lambda kv: (EVIDENCE.index(kv[1]), kv[0]))
        out.append(
            {
                "id": f"r{i}",
                "pi": r.pi,
                "pi_label": node_label(pi, lang),
                "collector": r.collector,
                "collector_label": node_label(coll, lang),
                "collector_kind": prefix(r.collector),
                "recipient": r.rec["id"],
                "recipient_label": r.rec["label"],
                "party": r.rec["party"],
                "countries": sorted(r.countries),
                "hosts": [{"host": h.split(":", 1)[-1], "evidence": ev} for h, ev in hosts],
                "domains": sorted({domain_of(h.split(":", 1)[-1]) for h in r.hosts}),
                "sinks": [sink_label(ids.get(k, {"id": k}), lang) for k in sorted(r.sinks)],
                "evidence": min(r.evidence, key=EVIDENCE.index),
                "evidences": sorted(r.evidence, key=EVIDENCE.index),
                "phases": sorted(r.phases),
                "cleartext": r.cleartext,
                "findings": [fp for fp, _ in fps],
                "articles": sorted({a for _, a in fps}),
                "edges": r.edges,
            }
        )
    return out


def _stronger(a: str | None, b: str) -> str:
    return b if a is None or EVIDENCE.index(b) < EVIDENCE.index(a) else a


def _order(r: _Row) -> tuple[Any, ...]:
    party = r.rec["party"]
    return (
        r.pi,
        PARTIES.index(party) if party in PARTIES else len(PARTIES),
        min(EVIDENCE.index(e) for e in r.evidence),
        r.collector,
        r.rec["id"],
    )


def _link(
    rows: Iterable[_Row], findings: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]
) -> dict[int, list[tuple[str, str]]]:
    """Row (by ``id()``) → [(fingerprint, article)] of the findings about it."""
    rows = list(rows)
    out: dict[int, list[tuple[str, str]]] = {}
    for f, path in findings:
        pis, hosts, sinks, owners = _named(f, path)
        if not pis and not hosts and not owners:
            continue
        fp, art = (
            str(f.get("fp") or f.get("fingerprint", "")),
            str((f.get("order24") or {}).get("article", "?")),
        )
        for r in rows:
            if pis and r.pi not in pis:
                continue
            if sinks:
                hit = not sinks.isdisjoint(r.sinks) and (not owners or r.collector in owners)
            elif hosts:
                hit = not hosts.isdisjoint(r.hosts)
            elif owners:
                hit = r.collector in owners
            else:
                hit = True
            if hit:
                out.setdefault(id(r), []).append((fp, art))
    return out


def headline(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The numbers of the first screen: PI types that leave the device; the named third parties, whether
    the app's own servers get any, the domains of unattributed hosts; countries, hosts, collectors; flows
    seen on the wire and flows before consent (on the wire or read by code)."""
    rows = list(rows)
    out = [r for r in rows if r["party"] in ("first", "third", "unattributed")]
    return {
        "rows": len(rows),
        "pis_out": len({r["pi"] for r in out}),
        "pis": len({r["pi"] for r in rows}),
        "third": len({r["recipient"] for r in out if r["party"] == "third"}),
        "first": any(r["party"] == "first" for r in out),
        "unattributed": len({d for r in out if r["party"] == "unattributed" for d in r["domains"]}),
        "countries": sorted({c for r in out for c in r["countries"]}),
        "hosts": len({h["host"] for r in out for h in r["hosts"]}),
        "collectors": len({r["collector"] for r in rows}),
        "wire": sum(1 for r in out if r["evidence"] == "wire"),
        "pre_consent": sum(
            1 for r in rows if "pre-consent" in r["phases"] or PRE_CONSENT_CODE in r["phases"]
        ),
    }


def recipients(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Who gets PI from the device, at a glance: one entry per recipient that is not the device or
    nobody (named third parties, the app's servers, unattributed hosts), strongest evidence first, then
    most PI types: ``{"id", "party", "label", "countries", "pis", "hosts", "evidence", "pre_consent"}``.
    ``label`` is the company's name (empty for the two unnamed kinds, which the page names)."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["party"] not in ("first", "third", "unattributed"):
            continue
        e = out.setdefault(
            r["recipient"],
            {
                "id": r["recipient"],
                "party": r["party"],
                "label": r["recipient_label"],
                "countries": set(),
                "pis": set(),
                "hosts": set(),
                "evidence": r["evidence"],
                "pre_consent": False,
            },
        )
        e["countries"].update(r["countries"])
        e["pis"].add(r["pi"])
        e["hosts"].update(h["host"] for h in r["hosts"])
        if EVIDENCE.index(r["evidence"]) < EVIDENCE.index(e["evidence"]):
            e["evidence"] = r["evidence"]
        e["pre_consent"] = e["pre_consent"] or "pre-consent" in r["phases"] or PRE_CONSENT_CODE in r["phases"]
    ranked = sorted(out.values(), key=lambda e: (EVIDENCE.index(e["evidence"]), -len(e["pis"]), e["label"]))
    return [
        {**e, "countries": sorted(e["countries"]), "pis": len(e["pis"]), "hosts": len(e["hosts"])}
        for e in ranked
    ]


def articles(findings: Iterable[Mapping[str, Any]], severities: Iterable[str]) -> list[dict[str, Any]]:
    """Findings by Order 24 article, in article order: count, severities, the rules' titles."""
    sev = list(severities)
    groups: dict[str, dict[str, Any]] = {}
    for f in findings:
        a = str((f.get("order24") or {}).get("article", "?"))
        g = groups.setdefault(
            a, {"article": a, "count": 0, "severities": dict.fromkeys(sev, 0), "titles": []}
        )
        g["count"] += 1
        s = str(f.get("severity", "info"))
        g["severities"][s] = g["severities"].get(s, 0) + 1
        if f.get("title") and f["title"] not in g["titles"]:
            g["titles"].append(f["title"])
    return [groups[a] for a in sorted(groups, key=article_key)]
