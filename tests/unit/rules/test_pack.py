"""The rule loader is strict, the engine reports missing evidence as NotEvaluated, fingerprints are stable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.errors import PolicyError
from analyzer.kb.catalogue import load_kb
from analyzer.model import NotEvaluated
from analyzer.rules.cases import case_graph
from analyzer.rules.pack import evaluate, evaluate_rule, load_pack, parse_rule

KB = load_kb()
GOOD: dict[str, Any] = {
    "id": "x-rule",
    "title": {"zh": "标题", "en": "Title"},
    "message": {"zh": "{pi} 发送至 {host}", "en": "{pi_name} sent to {host}"},
    "order24": {"article": "Art 9(1)", "verification": "V-partial"},
    "penalty": {"article": "Art 23", "verification": "V-partial"},
    "basis": [{"cite": "认定方法 III.1", "verification": "V"}],
    "severity": "high",
    "confidence": "high",
    "needs": ["traffic"],
    "remediation": {"zh": "修复", "en": "Fix it"},
    "check": {"fn": "sent_in_phases", "params": {"phases": ["pre-consent"]}},
}


def _rule(tmp_path: Path, **changes: Any) -> Any:
    doc = {**GOOD, **changes}
    p = tmp_path / f"{doc['id'] if isinstance(doc.get('id'), str) else 'x-rule'}.yaml"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return parse_rule(yaml.safe_load(p.read_text(encoding="utf-8")), p)


def test_a_good_rule_loads(tmp_path: Path) -> None:
    r = _rule(tmp_path)
    assert r.check.fn == "sent_in_phases" and dict(r.check.params)["min_confidence"] == "medium"
    assert r.unverified and str(r.order24) == "Art 9(1) [V-partial]" and str(r.basis[0]) == "认定方法 III.1"


@pytest.mark.parametrize(
    "changes, msg",
    [
        ({"colour": "red"}, "unknown key"),
        ({"title": {"zh": "标题"}}, "missing key"),
        ({"message": {"zh": "", "en": "x"}}, "non-empty"),
        ({"order24": {"article": "Art 9", "verification": "maybe"}}, "verification"),
        ({"severity": "dire"}, "dire"),
        ({"needs": ["telepathy"]}, "needs"),
        ({"basis": []}, "basis"),
        ({"check": {"fn": "os_system"}}, "unknown check"),
        ({"check": {"fn": "sent_in_phases"}}, "needs phases"),
        (
            {"check": {"fn": "sent_in_phases", "params": {"phases": ["pre-consent"], "x": 1}}},
            "unknown parameter",
        ),
        ({"check": {"fn": "sent_in_phases", "params": {"phases": "pre-consent"}}}, "expected list"),
        ({"check": {"fn": "sent_in_phases", "params": {"phases": ["lunch"]}}}, "not in"),
        ({"check": {"fn": "cleartext_pi", "params": {"include_potential": "yes"}}}, "expected bool"),
        ({"message": {"zh": "{pi}", "en": "{password}"}}, "unknown placeholder"),
    ],
)
def test_the_loader_rejects(tmp_path: Path, changes: dict[str, Any], msg: str) -> None:
    with pytest.raises(PolicyError, match=msg):
        _rule(tmp_path, **changes)


def test_id_must_be_the_file_stem(tmp_path: Path) -> None:
    p = tmp_path / "other-name.yaml"
    with pytest.raises(PolicyError, match="file stem"):
        parse_rule(GOOD, p)


def test_a_pack_with_a_bad_rule_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x-rule.yaml").write_text(yaml.safe_dump({**GOOD, "extra": 1}), encoding="utf-8")
    with pytest.raises(PolicyError):
        load_pack(tmp_path)
    with pytest.raises(PolicyError, match="no such rule pack"):
        load_pack(tmp_path / "missing")


def test_missing_evidence_is_not_evaluated_never_a_pass(tmp_path: Path) -> None:
    r = _rule(tmp_path)
    res = evaluate_rule(r, case_graph({"static": {"access": [{"owner": "app", "pi": ["device.imei"]}]}}, KB))
    assert isinstance(res, NotEvaluated) and "no capture" in res.reason
    res = evaluate_rule(r, case_graph({"traffic": {"phases": ["consent-given"], "sent": []}}, KB))
    assert isinstance(res, NotEvaluated) and "pre-consent" in res.reason
    assert evaluate_rule(r, case_graph({"traffic": {"phases": ["pre-consent"], "sent": []}}, KB)) == []


def test_fingerprints_do_not_depend_on_times_or_order(tmp_path: Path) -> None:
    r = _rule(tmp_path)
    sent = [
        {"pi": "device.imei", "host": "a.example.com", "phase": "pre-consent"},
        {"pi": "device.mac", "host": "a.example.com", "phase": "pre-consent"},
    ]
    one = evaluate_rule(r, case_graph({"traffic": {"phases": ["pre-consent"], "sent": sent}}, KB), "en", KB)
    two = evaluate_rule(
        r, case_graph({"traffic": {"phases": ["pre-consent"], "sent": sent[::-1] * 2}}, KB), "zh", KB
    )
    assert isinstance(one, list) and isinstance(two, list)
    assert sorted(f.fingerprint for f in one) == sorted(f.fingerprint for f in two)
    assert len(two) == 2  # the same subject twice is one finding
    assert "IMEI" in next(f.message for f in one if f.subject.startswith("pi:device.imei"))


def test_the_shipped_pack_evaluates_everything_or_says_why() -> None:
    pack = load_pack()
    g = case_graph({"static": {"access": [{"owner": "app", "pi": ["device.imei"]}]}}, KB)
    rep = evaluate(pack, g, "en", KB)
    assert len(rep.evaluated) + len(rep.not_evaluated) == len(pack.rules)
    assert all(n.reason for n in rep.not_evaluated)
    assert {f.rule_id for f in rep.findings} == {"o24-04-pi-inventory"}
