"""Load rule packs (one strict YAML per rule) and evaluate them on a joined graph.

A pack is a folder (``policies/cn-miit-order24/``): one ``<id>.yaml`` per
rule whose ``id`` is the file stem, a ``<id>.test.yaml`` beside it with
``must_match`` / ``must_not_match`` cases (:mod:`analyzer.rules.cases`), and a
``pack.yaml`` with the pack's metadata and its manual checklist (articles
that need a human). Rule schema (unknown keys are rejected)::

    id, title {zh, en}, message {zh, en}          # message may use the check's {placeholders}
    order24 {article, verification}               # e.g. "Art 9(1)", V | V-partial | U
    penalty {article, verification}               # e.g. "Art 23"
    basis [{cite, verification}]                  # as REGULATION.md marks them
    severity, confidence
    needs [static | traffic | declaration | taint | policy_text]   # all required
    needs_any [...]                               # at least one required (optional)
    remediation {zh, en}
    check {fn, params}                            # a function of analyzer.rules.queries.CHECKS

A rule whose evidence is missing yields :class:`~analyzer.model.NotEvaluated`
with the reason, never a pass.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from analyzer.errors import PolicyError
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.resources import policies_dir
from analyzer.kb.yamlfile import check_keys, load_yaml
from analyzer.model import Confidence, Finding, NotEvaluated, Severity, Verification
from analyzer.rules import checks  # noqa: F401  (registers every check in CHECKS)
from analyzer.rules.queries import CHECKS, REQUIRED, Match, Missing

EVIDENCE_KINDS = ("static", "traffic", "declaration", "taint", "policy_text")
LANGS = ("zh", "en")
PACK_FILE = "pack.yaml"
DEFAULT_PACK = "cn-miit-order24"
MISSING_REASON = {
    "static": "no APK or saved scan was given",
    "traffic": "no capture was given (--capture)",
    "declaration": "no declaration was given (--declaration)",
    "taint": "the scan ran without taint analysis",
    "policy_text": "the declaration has no privacy-policy text",
}


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Cite:
    """A provision and whether its wording was verified (REGULATION.md legend)."""

    cite: str
    verification: Verification

    def __str__(self) -> str:
        return (
            self.cite
            if self.verification is Verification.VERIFIED
            else f"{self.cite} [{self.verification.value}]"
        )


@dataclass(frozen=True)
class Check:
    """The query a rule runs: a name from :data:`analyzer.rules.queries.CHECKS` and its parameters."""

    fn: str
    params: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Rule:
    """One rule of a pack."""

    id: str
    title: Text
    message: Text
    order24: Cite
    penalty: Cite
    basis: tuple[Cite, ...]
    severity: Severity
    confidence: Confidence
    needs: tuple[str, ...]
    remediation: Text
    check: Check
    needs_any: tuple[str, ...] = ()
    path: str = ""

    @property
    def unverified(self) -> bool:
        """Some cited provision is not verified against a source text."""
        return any(
            c.verification is not Verification.VERIFIED for c in (self.order24, self.penalty, *self.basis)
        )


@dataclass(frozen=True)
class ManualItem:
    """An article (or part of one) that only a person can check."""

    id: str
    order24: Cite
    title: Text
    what: Text


@dataclass(frozen=True)
class Pack:
    """A loaded rule pack."""

    name: str
    rules: tuple[Rule, ...]
    manual: tuple[ManualItem, ...]
    directory: Path


@dataclass(frozen=True)
class Report:
    """What a pack found on one graph."""

    findings: tuple[Finding, ...]
    not_evaluated: tuple[NotEvaluated, ...]
    evaluated: tuple[str, ...] = field(default=())
    """Ids of the rules that ran."""


def _text(v: Any, where: str) -> Text:
    if not isinstance(v, dict):
        raise PolicyError(f"{where}: expected {{zh, en}}")
    check_keys(v, set(LANGS), set(LANGS), where)
    if not all(isinstance(v[k], str) and v[k].strip() for k in LANGS):
        raise PolicyError(f"{where}: zh and en must be non-empty strings")
    return Text(v["zh"].strip(), v["en"].strip())


def _cite(v: Any, where: str, key: str = "cite") -> Cite:
    if not isinstance(v, dict):
        raise PolicyError(f"{where}: expected {{{key}, verification}}")
    check_keys(v, {key, "verification"}, {key, "verification"}, where)
    try:
        return Cite(str(v[key]), Verification(str(v["verification"])))
    except ValueError:
        raise PolicyError(f"{where}: verification must be V, V-partial or U") from None


def _check(v: Any, where: str) -> Check:
    if not isinstance(v, dict):
        raise PolicyError(f"{where}: expected {{fn, params}}")
    check_keys(v, {"fn", "params"}, {"fn"}, where)
    spec = CHECKS.get(str(v["fn"]))
    if spec is None:
        raise PolicyError(f"{where}: unknown check {v['fn']!r} (one of {', '.join(sorted(CHECKS))})")
    given = v.get("params") or {}
    if not isinstance(given, dict):
        raise PolicyError(f"{where}.params: expected a mapping")
    unknown = set(given) - set(spec.params)
    if unknown:
        raise PolicyError(f"{where}.params: unknown parameter(s) {sorted(unknown)} for {v['fn']}")
    params = {}
    for name, p in spec.params.items():
        val: Any = given.get(name, p.default)
        if val is REQUIRED:
            raise PolicyError(f"{where}.params: {v['fn']} needs {name}")
        ok = isinstance(val, p.type)
        if ok and isinstance(val, list):
            ok = all(isinstance(x, str) for x in val)
        if not ok or (p.type is bool) != isinstance(val, bool):
            raise PolicyError(f"{where}.params.{name}: expected {p.type.__name__}")
        items = val if isinstance(val, list) else [val]
        bad = [x for x in items if p.choices and x not in p.choices]
        if bad:
            raise PolicyError(f"{where}.params.{name}: {bad} not in {list(p.choices)}")
        params[name] = tuple(val) if isinstance(val, list) else val
    return Check(str(v["fn"]), tuple(sorted(params.items())))


RULE_KEYS = {
    "id",
    "title",
    "message",
    "order24",
    "penalty",
    "basis",
    "severity",
    "confidence",
    "needs",
    "needs_any",
    "remediation",
    "check",
}


def _kinds(v: Any, where: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(x in EVIDENCE_KINDS for x in v):
        raise PolicyError(f"{where}: expected a list of {', '.join(EVIDENCE_KINDS)}")
    return tuple(v)


def parse_rule(doc: Any, path: Path) -> Rule:
    """One rule from its YAML document (strict: unknown or missing keys are errors)."""
    where = path.name
    if not isinstance(doc, dict):
        raise PolicyError(f"{where}: a rule is a mapping")
    check_keys(doc, RULE_KEYS, RULE_KEYS - {"needs_any"}, where)
    if doc["id"] != path.name.removesuffix(".yaml"):
        raise PolicyError(f"{where}: id {doc['id']!r} is not the file stem")
    if not isinstance(doc["basis"], list) or not doc["basis"]:
        raise PolicyError(f"{where}: basis must be a non-empty list")
    try:
        severity, confidence = Severity(doc["severity"]), Confidence(doc["confidence"])
    except ValueError as e:
        raise PolicyError(f"{where}: {e}") from None
    rule = Rule(
        id=str(doc["id"]),
        title=_text(doc["title"], f"{where}.title"),
        message=_text(doc["message"], f"{where}.message"),
        order24=_cite(doc["order24"], f"{where}.order24", "article"),
        penalty=_cite(doc["penalty"], f"{where}.penalty", "article"),
        basis=tuple(_cite(b, f"{where}.basis[{i}]") for i, b in enumerate(doc["basis"])),
        severity=severity,
        confidence=confidence,
        needs=_kinds(doc["needs"], f"{where}.needs"),
        needs_any=_kinds(doc.get("needs_any", []), f"{where}.needs_any"),
        remediation=_text(doc["remediation"], f"{where}.remediation"),
        check=_check(doc["check"], f"{where}.check"),
        path=str(path),
    )
    allowed = set(CHECKS[rule.check.fn].placeholders) | {"pi_name"}
    for lang in LANGS:
        used = {f for _, f, _, _ in string.Formatter().parse(rule.message.get(lang)) if f}
        if used - allowed:
            raise PolicyError(
                f"{where}.message.{lang}: unknown placeholder(s) {sorted(used - allowed)} "
                f"(the check fills {sorted(allowed)})"
            )
    return rule


def _manual(doc: Any, where: str) -> tuple[ManualItem, ...]:
    if not isinstance(doc, list):
        raise PolicyError(f"{where}: manual must be a list")
    out = []
    for i, m in enumerate(doc):
        w = f"{where}.manual[{i}]"
        if not isinstance(m, dict):
            raise PolicyError(f"{w}: expected a mapping")
        check_keys(m, {"id", "order24", "title", "what"}, {"id", "order24", "title", "what"}, w)
        out.append(
            ManualItem(
                str(m["id"]),
                _cite(m["order24"], f"{w}.order24", "article"),
                _text(m["title"], f"{w}.title"),
                _text(m["what"], f"{w}.what"),
            )
        )
    return tuple(out)


def load_pack(directory: Path | None = None) -> Pack:
    """Every rule of a pack folder, sorted by id, and its manual checklist."""
    directory = directory or policies_dir() / DEFAULT_PACK
    if not directory.is_dir():
        raise PolicyError(f"{directory}: no such rule pack")
    meta = load_yaml(directory / PACK_FILE) if (directory / PACK_FILE).exists() else {}
    if not isinstance(meta, dict):
        raise PolicyError(f"{PACK_FILE}: expected a mapping")
    check_keys(meta, {"name", "checked", "sources", "manual"}, set(), PACK_FILE)
    rules = [
        parse_rule(load_yaml(p), p)
        for p in sorted(directory.glob("*.yaml"))
        if p.name != PACK_FILE and not p.name.endswith(".test.yaml")
    ]
    return Pack(
        str(meta.get("name", directory.name)),
        tuple(rules),
        _manual(meta.get("manual", []), PACK_FILE),
        directory,
    )


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _message(rule: Rule, m: Match, lang: str, kb: KnowledgeBase | None) -> str:
    vals = _Values(m.values)
    if "pi" in vals and kb is not None:
        names = [getattr(kb.taxonomy[p], lang) if p in kb.taxonomy else p for p in vals["pi"].split(", ")]
        vals["pi_name"] = ("、" if lang == "zh" else ", ").join(names)
    return rule.message.get(lang).format_map(vals)


def _missing(rule: Rule, have: set[str], cut: str = "", incomplete: str = "") -> str | None:
    """Why ``rule`` cannot be evaluated with the evidence kinds ``have`` (``cut``: the phase a
    scan's budget cut, when it was cut before its static results were complete; ``incomplete``:
    why the scan's static evidence is incomplete, e.g. a packer hides the code)."""
    reasons = dict(MISSING_REASON)
    if incomplete:
        reasons["static"] = reasons["taint"] = f"static evidence incomplete: {incomplete}"
    elif cut == "no code":  # a decoded folder with smali only
        reasons["static"] = reasons["taint"] = ("the input has no code piflow reads (smali only: decode with "
                                                "`apktool d -s` to keep the DEX files)")
    elif cut:
        reasons["static"] = reasons["taint"] = (f"the scan's budget ran out in its {cut} phase "
                                                "(give more with --budget or --max-memory)")
    lacking = [k for k in rule.needs if k not in have]
    if lacking:
        return "; ".join(dict.fromkeys(reasons[k] for k in lacking))
    if rule.needs_any and not have & set(rule.needs_any):
        return " and ".join(dict.fromkeys(reasons[k] for k in rule.needs_any))
    return None


def evaluate_rule(
    rule: Rule, g: nx.MultiDiGraph, lang: str = "en", kb: KnowledgeBase | None = None
) -> list[Finding] | NotEvaluated:
    """The findings of one rule on ``g``, or why it could not be evaluated."""
    reason = _missing(rule, set(g.graph.get("evidence", [])), str(g.graph.get("static_partial", "")),
                      str(g.graph.get("static_incomplete", "")))
    if reason is not None:
        return NotEvaluated(rule.id, reason)
    try:
        matches = CHECKS[rule.check.fn].fn(g, **dict(rule.check.params))
    except Missing as e:
        return NotEvaluated(rule.id, str(e))
    merged: dict[str, Match] = {}
    for m in matches:
        if m.subject in merged:
            old = merged[m.subject]
            m = Match(m.subject, old.values, old.evidence + m.evidence, old.confidence)
        merged[m.subject] = m
    articles = (f"Order24 {rule.order24}", f"penalty Order24 {rule.penalty}", *(str(b) for b in rule.basis))
    return [
        Finding(
            rule_id=rule.id,
            subject=m.subject,
            severity=rule.severity,
            confidence=min(rule.confidence, m.confidence) if m.confidence else rule.confidence,
            message=_message(rule, m, lang, kb),
            articles=articles,
            evidence=tuple(dict.fromkeys(m.evidence))[:10],
        )
        for m in merged.values()
    ]


def evaluate(
    pack: Pack | list[Rule] | tuple[Rule, ...],
    g: nx.MultiDiGraph,
    lang: str = "en",
    kb: KnowledgeBase | None = None,
) -> Report:
    """Run every rule of ``pack`` on ``g``."""
    rules = pack.rules if isinstance(pack, Pack) else tuple(pack)
    findings: list[Finding] = []
    skipped: list[NotEvaluated] = []
    ran: list[str] = []
    for rule in rules:
        res = evaluate_rule(rule, g, lang, kb)
        if isinstance(res, NotEvaluated):
            skipped.append(res)
        else:
            ran.append(rule.id)
            findings.extend(res)
    return Report(tuple(findings), tuple(skipped), tuple(ran))
