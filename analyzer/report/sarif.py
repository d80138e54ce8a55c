"""Render a ``piflow.check/2`` result as SARIF 2.1.0 for code-scanning views and CI.

One run; ``tool.driver.rules`` carries every rule of the pack with its
Order 24 article, verification marks, remediation help, tags and a
``security-severity``; one result per finding (suppressed findings as
results with an accepted external suppression). Locations: the APK (or
saved scan) as the artifact, the classes and methods of the evidence's call
sites as logical locations, and for traffic evidence the host with its URL
masked (the artifact is still the APK that sent it, or the capture when no
APK was given: code-scanning views need a physical location). Static taint
paths become ``codeFlows``: the source call site, each method the data
passes, the sink call site (read from the ``paths`` of the graph's
``leaks_to`` edges); pre-consent chains do the same from the entry
point to the read or call. ``partialFingerprints`` hash the rule id, the
subject and the evidence with bytecode offsets, counts and masked values
normalised away, so they stay stable across runs and rebuilds.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

import networkx as nx

from analyzer.check.readback import graph_of
from analyzer.common.masking import mask_endpoint
from analyzer.report.markdown import md_escape, one_line

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "piflowFinding/v1"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
MAX_FLOWS = 5
_SITE = re.compile(
    r"^(?P<cls>[^\s(]+)\.(?P<method>[^.\s(]+)(?P<proto>\([^)]*\)\S*?)(?:@(?P<off>0x[0-9a-f]+))?$"
)
_METHOD = re.compile(r"^[\w$]+(?:\.[\w$<>]+)+$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_OFFSET = re.compile(r"@0x[0-9a-f]+")
_COUNT = re.compile(r"\b\d+×")
_MASKED = re.compile(r"\S*\*{2,}\S*")


def _rule_name(rule_id: str) -> str:
    """``o24-09-1-pi-sent-before-consent`` → ``PiSentBeforeConsent`` (SARIF's friendly name)."""
    words = [w for w in rule_id.split("-")[1:] if not w.isdigit()]
    return "".join(w.capitalize() for w in words) or rule_id


def _cite(c: dict[str, str]) -> str:
    text = c.get("article") or c.get("cite", "")
    return text if c["verification"] == "V" else f"{text} [{c['verification']}]"


def _rule(r: dict[str, Any]) -> dict[str, Any]:
    art = r["order24"]
    basis = "; ".join(_cite(b) for b in r["basis"])
    full = f"{r['title']}. MIIT Order 24 {_cite(art)}; penalty {_cite(r['penalty'])}" + (
        f"; basis: {basis}." if basis else "."
    )
    needs = [*r["needs"], *(f"any:{n}" for n in r["needs_any"])]
    md = [
        f"**MIIT Order 24 {md_escape(_cite(art))}** · penalty {md_escape(_cite(r['penalty']))}",
        "",
        *([f"Basis: {md_escape(basis, 1000)}", ""] if basis else []),
        f"**Remediation:** {md_escape(r['remediation'], 2000)}",
        "",
        f"Evidence needed: {md_escape(', '.join(needs) or 'any')}. Marks: [V] verified against the source "
        "text, [V-partial] partly, [U] not verified.",
    ]
    article_tag = "order24-" + re.sub(r"[^0-9a-z]+", "-", art["article"].lower()).strip("-")
    return {
        "id": r["id"],
        "name": _rule_name(r["id"]),
        "shortDescription": {"text": r["title"]},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\nRemediation: {r['remediation']}", "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": LEVEL[r["severity"]]},
        "properties": {
            "order24": art["article"],
            "order24_verification": f"[{art['verification']}]",
            "penalty": r["penalty"]["article"],
            "penalty_verification": f"[{r['penalty']['verification']}]",
            "basis": [f"{b['cite']} [{b['verification']}]" for b in r["basis"]],
            "unverified_basis": r["unverified_basis"],
            "tags": ["privacy", "personal-information", "miit-order24", article_tag, *needs],
            "security-severity": SECURITY_SEVERITY[r["severity"]],
            "precision": {"high": "high", "medium": "medium", "low": "low"}[r["confidence"]],
            "problem.severity": {"error": "error", "warning": "warning"}.get(
                LEVEL[r["severity"]], "recommendation"
            ),
        },
    }


def _artifact_uri(path: str) -> str:
    p = PurePath(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


def _site_location(site: str) -> dict[str, Any] | None:
    m = _SITE.match(site)
    if not m:
        return None
    cls, method, proto = m["cls"], m["method"], m["proto"]
    out: dict[str, Any] = {
        "name": method,
        "fullyQualifiedName": f"{cls}.{method}{proto}",
        "decoratedName": f"{cls}.{method}{proto}",
        "kind": "function",
    }
    if m["off"]:
        out["properties"] = {"bytecodeOffset": int(m["off"], 16)}
    return out


def _logical(ref: str) -> list[dict[str, Any]]:
    """Logical locations for an evidence ref: a method with its class, or a host with its masked URL."""
    if not ref:
        return []
    if _URL.match(ref):
        url = mask_endpoint(ref)
        host = url.split("://", 1)[1].split("/", 1)[0]
        return [{"name": host, "fullyQualifiedName": url, "kind": "resource"}]
    fn = _site_location(ref)
    if fn is None:
        if not _METHOD.match(ref):
            return []
        fn = {"name": ref.rsplit(".", 1)[-1], "fullyQualifiedName": ref, "kind": "function"}
    cls = ref.split("(", 1)[0].rsplit(".", 1)[0]
    return [fn, {"name": cls.rsplit(".", 1)[-1], "fullyQualifiedName": cls, "kind": "type"}]


class _Ctx:
    """What a run's results share: the artifacts and the graph."""

    def __init__(self, doc: dict[str, Any], g: nx.MultiDiGraph) -> None:
        self.doc, self.g = doc, g
        self.artifacts: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        target = doc["inputs"]["target"]
        self.target = self.artifact(target, "analysisTarget") if target else None
        decl = doc["inputs"]["declaration"]
        self.declaration = self.artifact(decl, "analysisTarget") if decl else None
        caps = doc["inputs"]["captures"]
        # traffic evidence is about the app that sent it: the APK, else the (first) capture
        self.wire = self.target if self.target is not None else (
            self.artifact(caps[0], "analysisTarget") if caps else None
        )

    def artifact(self, path: str, role: str) -> int:
        uri = _artifact_uri(path)
        if uri not in self._index:
            self._index[uri] = len(self.artifacts)
            self.artifacts.append({"location": {"uri": uri}, "roles": [role]})
        return self._index[uri]

    def physical(self, index: int | None) -> dict[str, Any]:
        if index is None:
            return {}
        return {"physicalLocation": {"artifactLocation": {"uri": self.artifacts[index]["location"]["uri"],
                                                          "index": index}}}

    def location(self, ev: dict[str, Any], loc_id: int | None = None) -> dict[str, Any]:
        logical = _logical(ev["ref"])
        art = {"declaration": self.declaration, "traffic": self.wire}.get(ev["kind"], self.target)
        loc: dict[str, Any] = {
            **({"id": loc_id} if loc_id is not None else {}),
            **self.physical(art),
            "message": _text(ev["summary"], 1000),
        }
        if logical:
            loc["logicalLocations"] = logical
        return loc


def _text(s: str, limit: int = 1000) -> dict[str, str]:
    """A SARIF plain-text message: one line, URLs masked, and ``[``/``]`` escaped so that text from an
    APK or capture cannot form an embedded link (SARIF 2.1.0 §3.11.6)."""
    flat = one_line(_mask_urls(s), limit)
    return {"text": re.sub(r"\\(?=[\[\]])", r"\\\\", flat).replace("[", "\\[").replace("]", "\\]")}


def _mask_urls(text: str) -> str:
    return re.sub(r"\b[a-z][a-z0-9+.-]*://\S+", lambda m: mask_endpoint(m.group(0)), text, flags=re.I)


def _normalised(ev: dict[str, Any]) -> str:
    text = f"{ev['kind']}\x1f{ev['summary']}\x1f{ev['ref']}"
    return _MASKED.sub("*", _COUNT.sub("N×", _OFFSET.sub("", text)))


def partial_fingerprint(rule: str, subject: str, evidence: list[dict[str, Any]]) -> str:
    """Hash of rule id, subject and normalised evidence (no offsets, counts or masked values)."""
    parts = [rule, subject, *sorted({_normalised(e) for e in evidence})]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:32]


def _tfl(ctx: _Ctx, ref: str, text: str, kinds: list[str]) -> dict[str, Any]:
    loc: dict[str, Any] = {**ctx.physical(ctx.target), "message": _text(text, 500)}
    logical = _logical(ref) or [{"fullyQualifiedName": ref, "kind": "function"}]
    loc["logicalLocations"] = logical
    return {"location": loc, "kinds": kinds}


_PATH_KEYS = ("source", "source_api", "source_owner", "sink", "sink_api")


def _is_path(p: Any) -> bool:
    return (isinstance(p, dict) and all(isinstance(p.get(k), str) for k in _PATH_KEYS)
            and isinstance(p.get("methods"), list) and all(isinstance(x, str) for x in p["methods"]))


def _path_flows(ctx: _Ctx, paths: Any) -> list[dict[str, Any]]:
    """One code flow per taint path: source location → methods → sink location (→ where it sends)."""
    flows = []
    for p in (paths if isinstance(paths, list) else [])[:MAX_FLOWS]:
        if not _is_path(p):  # a saved result's graph attributes are not schema-checked
            continue
        dests = [d for d in p.get("destinations") or [] if isinstance(d, str)]
        to = f" to {', '.join(dests)}" if dests else ""
        locs = [_tfl(ctx, p["source"], f"source: {p['source_api']} ({p['source_owner']})", ["source"])]
        locs += [_tfl(ctx, meth, f"passes through {meth}", ["call"]) for meth in p["methods"]]
        locs.append(_tfl(ctx, p["sink"], f"sink: {p['sink_api']}{to}", ["sink"]))
        flows.append({"message": _text(f"{p['source_api']} → {p['sink_api']}{to}"),
                      "threadFlows": [{"locations": locs}]})
    return flows


def _leak_flows(ctx: _Ctx, subject: str) -> list[dict[str, Any]]:
    m = re.match(r"^(?P<owner>\S+): (?P<u>\S+) -> (?P<v>\S+)$", subject)
    if not m or not ctx.g.has_edge(m["u"], m["v"], key=f"leak:{m['owner']}"):
        return []
    return _path_flows(ctx, ctx.g.edges[m["u"], m["v"], f"leak:{m['owner']}"].get("paths"))


def _pi_flows(ctx: _Ctx, subject: str) -> list[dict[str, Any]]:
    """The taint paths behind the joined flows of a ``pi:X -> host:Y`` subject."""
    m = re.match(r"^(?P<u>pi:\S+) -> (?P<v>host:\S+)$", subject)
    if not m or not ctx.g.has_edge(m["u"], m["v"]):
        return []
    flows = []
    for d in ctx.g.get_edge_data(m["u"], m["v"]).values():
        if d.get("kind") == "flow":
            flows += _path_flows(ctx, d.get("paths"))
    return flows[:MAX_FLOWS]


def _chain_flows(ctx: _Ctx, subject: str) -> list[dict[str, Any]]:
    """Pre-consent chains (entry point → … → the read or call) of ``owner: pi:X`` and ``sdk:ID`` subjects."""
    m = re.match(r"^(?P<u>\S+): (?P<v>pi:\S+)$", subject)
    app = ctx.doc["app"]
    pairs = [(m["u"], m["v"])] if m else ([(app, subject)] if subject.startswith("sdk:") else [])
    flows = []
    for u, v in pairs:
        if not ctx.g.has_edge(u, v):
            continue
        for d in ctx.g.get_edge_data(u, v).values():
            if d.get("kind") not in ("accesses_before_consent", "calls_before_consent"):
                continue
            chains = d.get("chains")
            for chain in (chains if isinstance(chains, list) else [])[:MAX_FLOWS]:
                if not isinstance(chain, str):
                    continue
                methods = [c for c in chain.split(" > ") if c]
                locs = [
                    _tfl(ctx, meth, f"{'entry: ' if i == 0 else ''}{meth}", ["enter" if i == 0 else "call"])
                    for i, meth in enumerate(methods)
                ]
                if locs:
                    flows.append({"message": _text(f"before any user interaction: {chain}"),
                                  "threadFlows": [{"locations": locs}]})
    return flows[:MAX_FLOWS]


def _result(ctx: _Ctx, f: dict[str, Any], rule_index: dict[str, int], suppressed: dict[str, Any] | None
            ) -> dict[str, Any]:
    evidence = f.get("evidence", [])
    related = [ctx.location(e, i) for i, e in enumerate(evidence[1:], 1)]
    primary = ctx.location(evidence[0]) if evidence else {**ctx.physical(ctx.target)}
    if "message" not in primary:
        primary["message"] = _text(f["subject"], 500)
    if "logicalLocations" not in primary:
        primary["logicalLocations"] = [{"fullyQualifiedName": f["subject"], "kind": "object"}]
    out: dict[str, Any] = {
        "ruleId": f["rule"],
        "ruleIndex": rule_index[f["rule"]],
        "level": LEVEL[f["severity"]],
        "message": _text(f["message"], 2000),
        "locations": [primary],
        "partialFingerprints": {FINGERPRINT_KEY: partial_fingerprint(f["rule"], f["subject"], evidence)},
        "properties": {
            "subject": f["subject"],
            "fingerprint": f["fingerprint"],
            "severity": f["severity"],
            "confidence": f["confidence"],
            "order24": f["order24"]["article"],
        },
    }
    if related:
        out["relatedLocations"] = related
    flows = _leak_flows(ctx, f["subject"]) or _pi_flows(ctx, f["subject"]) or _chain_flows(ctx, f["subject"])
    if flows:
        out["codeFlows"] = flows
    if suppressed is not None:
        out["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": f"{suppressed['reason']} (until {suppressed['expires']})"}]
    return out


def render_sarif(doc: dict[str, Any]) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a ``piflow.check/2`` document."""
    g = graph_of(doc)
    ctx = _Ctx(doc, g)
    rules = [_rule(r) for r in doc["rules"]]
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(ctx, f, rule_index, None) for f in doc["findings"]]
    for s in doc["suppressed"]:
        r = doc["rules"][rule_index[s["rule"]]]
        f = {"severity": r["severity"], "confidence": r["confidence"], "order24": r["order24"], **s}
        results.append(_result(ctx, f, rule_index, s))
    notes = [
        {"level": "note", "message": _text(f"not evaluated (not a pass): {n['reason']}"),
         "associatedRule": {"id": n["rule"], "index": rule_index[n["rule"]]}}
        for n in doc["not_evaluated"] if n["rule"] in rule_index
    ]
    notes += [{"level": "warning", "message": _text(w, 1000)} for w in doc["warnings"]]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "piflow", "version": doc["tool"]["version"],
                            "semanticVersion": doc["tool"]["version"], "rules": rules,
                            "properties": {"pack": doc["pack"]}}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
        "artifacts": ctx.artifacts,
        "results": results,
        "language": {"zh": "zh-CN", "en": "en-US"}[doc["lang"]],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "app": doc["app"],
            "evidence": doc["evidence"],
            "phases": doc["phases"],
            "manual": [
                f"{m['order24']} [{m['verification']}] {m['title']}: {m['what']}" for m in doc["manual"]
            ],
            "resultSchema": doc["schema"],
        },
    }
    if not ctx.artifacts:
        del run["artifacts"]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
