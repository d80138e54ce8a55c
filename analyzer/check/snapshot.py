"""A check result reduced to what stays the same across builds: the unit ``diff`` and ``--baseline`` compare.

A :class:`Snapshot` holds, per category, items keyed by what a rebuild of
the same code keeps (PI type id; ``pi -> host:NAME`` or ``pi -> sink:KIND``
with its owner; SDK id; host name; permission name; rule id + subject for
findings) with the few attributes whose change matters. Code offsets and
times never enter a snapshot, so a rebuild of the same code diffs empty. A
snapshot comes from a ``piflow.check/N`` document (its ``graph`` carries the
node-link graph) or from a baseline file (``piflow.baseline/1``,
:func:`baseline_doc`), which is a snapshot written in stable order.

>>> snap = Snapshot("app:a", {"findings": {"r1 app:a": {"severity": "high"}}})
>>> sorted(snap.category("findings")), snap.category("sdks")
(['r1 app:a'], {})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from analyzer.common.masking import mask_endpoint
from analyzer.errors import InputError
from analyzer.model import Finding, Severity

BASELINE_SCHEMA = "piflow.baseline/1"
CATEGORIES = ("pi", "flows", "sdks", "hosts", "permissions", "findings")
"""The categories of a snapshot, in report order."""


@dataclass(frozen=True)
class Snapshot:
    """The comparable content of one check result."""

    app: str
    """The app node id (``app:PKG``), or ``""``."""
    items: Mapping[str, Mapping[str, Mapping[str, Any]]]
    """Category → key → attributes (plain JSON values)."""
    incomplete: str = ""
    """Why the result's static evidence is incomplete (a packer hides the app's code): what it lacks
    is unknown, not gone. Empty when complete."""

    def category(self, name: str) -> Mapping[str, Mapping[str, Any]]:
        """The items of one category (empty when the result has none)."""
        return self.items.get(name, {})


def new_findings(findings: Iterable[Finding], base: Snapshot) -> tuple[list[Finding], list[Finding]]:
    """``findings`` split into those new against ``base`` and those it already has.

    A finding is new when its rule id + subject is not in the baseline, or is
    there with another severity.
    """
    known = base.category("findings")
    new: list[Finding] = []
    old: list[Finding] = []
    for f in findings:
        k = known.get(f"{f.rule_id} {f.subject}")
        (old if k is not None and k.get("severity") == f.severity.value else new).append(f)
    return new, old


def _bare(node: str) -> str:
    return node.partition(":")[2]


def _evidence(items: Iterable[Mapping[str, Any]]) -> list[str]:
    """Evidence as ``kind: summary`` lines, no code offsets or capture refs (they move between builds)."""
    return sorted({f"{e.get('kind', '')}: {mask_endpoint(str(e.get('summary', '')))}" for e in items})


def _need(doc: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    val = doc.get(key)
    if not isinstance(val, kind):
        raise InputError(f"{where}: not a piflow check result ({key!r} missing or not a {kind.__name__})")
    return val


def snapshot_from_check(doc: Mapping[str, Any], where: str = "result") -> Snapshot:
    """The snapshot of a ``piflow.check/N`` document (with its node-link ``graph``).

    A document of the right schema whose parts have the wrong shapes is an
    :class:`InputError` naming the file, as a wrong schema is.
    """
    try:
        return _snapshot_from_check(doc, where)
    except (AttributeError, TypeError, KeyError, ValueError) as e:
        why = f"{type(e).__name__}: {str(e)[:120]}"
        raise InputError(f"{where}: malformed piflow check result ({why})") from None


def _snapshot_from_check(doc: Mapping[str, Any], where: str) -> Snapshot:
    graph = _need(doc, "graph", dict, where)
    nodes = {str(n["id"]): n for n in _need(graph, "nodes", list, where) if isinstance(n, dict) and "id" in n}
    links = [e for e in _need(graph, "edges", list, where) if isinstance(e, dict)]
    pi: dict[str, dict[str, Any]] = {}
    sdks: dict[str, dict[str, Any]] = {}
    hosts: dict[str, dict[str, Any]] = {}
    perms: dict[str, dict[str, Any]] = {}
    flows: dict[str, dict[str, Any]] = {}
    for nid, n in nodes.items():
        kind = n.get("kind")
        if kind == "pi":
            pi[_bare(nid)] = {"label": n.get("label", ""), "owners": []}
        elif kind == "sdk":
            sdks[_bare(nid)] = {"label": n.get("label", ""), "company": n.get("company", ""),
                                "reachable": False}
        elif kind == "host":
            hosts[_bare(nid)] = {k: n.get(k, "") for k in ("sdk", "party", "country")}
            hosts[_bare(nid)].update({k: n[k] for k in ("region", "role") if n.get(k)})  # only where known
        elif kind == "permission":
            perms[_bare(nid)] = {}
    for e in links:
        kind, u, v = e.get("kind"), str(e.get("source", "")), str(e.get("target", ""))
        if kind == "accesses" and _bare(v) in pi and u not in pi[_bare(v)]["owners"]:
            pi[_bare(v)]["owners"].append(u)
        elif kind == "bundles" and _bare(v) in sdks:
            sdks[_bare(v)]["reachable"] = sdks[_bare(v)]["reachable"] or bool(e.get("reachable"))
        elif kind in ("flow", "leaks_to"):
            owner = str(e.get("owner", ""))
            flows[f"{_bare(u)} -> {v} ({owner})"] = {
                "pi": _bare(u),
                "to": v,
                "owner": owner,
                "status": e.get("status", "leak" if kind == "leaks_to" else ""),
                "cleartext": bool(e.get("cleartext", False)),
                "phases": sorted(e.get("phases") or []),
            }
    for f in flows.values():  # PI seen only on the wire is owned by whoever its flows name
        if f["pi"] in pi and f["owner"] and f["owner"] not in pi[f["pi"]]["owners"]:
            pi[f["pi"]]["owners"].append(f["owner"])
    for p in pi.values():
        p["owners"] = sorted(p["owners"])
    findings: dict[str, dict[str, Any]] = {}
    for f in _need(doc, "findings", list, where):
        if not isinstance(f, dict) or "rule" not in f or "subject" not in f:
            raise InputError(f"{where}: a finding without rule and subject")
        findings[f"{f['rule']} {f['subject']}"] = {
            "rule": f["rule"],
            "subject": f["subject"],
            "severity": Severity(f.get("severity", "info")).value,
            "fingerprint": f.get("fingerprint", ""),
            "article": (f.get("order24") or {}).get("article", ""),
            "title": f.get("title", ""),
            "evidence": _evidence(f.get("evidence") or []),
        }
    app = str(doc.get("app") or graph.get("graph", {}).get("app", ""))
    attrs = graph.get("graph") if isinstance(graph.get("graph"), dict) else {}
    return Snapshot(
        app,
        {"pi": pi, "flows": flows, "sdks": sdks, "hosts": hosts, "permissions": perms, "findings": findings},
        str(attrs.get("static_incomplete") or ""),
    )


# --------------------------------------------------------------------------- baseline files


def baseline_doc(snap: Snapshot) -> dict[str, Any]:
    """A snapshot as a ``piflow.baseline/1`` document: sorted, no times, masked evidence, committable."""
    doc: dict[str, Any] = {"schema": BASELINE_SCHEMA, "app": snap.app}
    for cat in CATEGORIES:
        items = snap.category(cat)
        doc[cat] = [{"key": k, **{a: items[k][a] for a in sorted(items[k])}} for k in sorted(items)]
    return doc


def snapshot_from_baseline(doc: Mapping[str, Any], where: str = "baseline") -> Snapshot:
    """Read a ``piflow.baseline/1`` document back."""
    if doc.get("schema") != BASELINE_SCHEMA:
        raise InputError(f"{where}: not a piflow baseline (schema {doc.get('schema')!r})")
    items: dict[str, dict[str, dict[str, Any]]] = {}
    for cat in CATEGORIES:
        rows = doc.get(cat, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("key"), str)
                                                 for r in rows):
            raise InputError(f"{where}: {cat!r} must be a list of objects with a 'key'")
        items[cat] = {r["key"]: {k: v for k, v in r.items() if k != "key"} for r in rows}
    for key, f in items["findings"].items():
        try:
            Severity(f.get("severity"))
        except ValueError:
            raise InputError(f"{where}: finding {key!r} has no valid severity") from None
    return Snapshot(str(doc.get("app", "")), items)


def snapshot_from_doc(doc: Any, where: str) -> Snapshot:
    """A snapshot from a check document or a baseline, told apart by their ``schema``."""
    if not isinstance(doc, dict):
        raise InputError(f"{where}: not a piflow check result or baseline (not a JSON object)")
    schema = str(doc.get("schema", ""))
    if schema == BASELINE_SCHEMA:
        return snapshot_from_baseline(doc, where)
    if schema.startswith("piflow.check/"):
        return snapshot_from_check(doc, where)
    raise InputError(f"{where}: not a piflow check result or baseline (schema {schema!r})")
