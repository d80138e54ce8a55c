"""The stub-packed sample never looks clean: scan and check name the packer, mark the static evidence
incomplete, leave every rule needing static evidence NotEvaluated with that reason, and a gate fails it."""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from analyzer.check.document import static_incomplete, to_json
from analyzer.check.run import CheckRequest, CheckResult, run_check
from analyzer.cli import main
from analyzer.static.scan import ScanResult, scan_apk
from analyzer.static.serialize import load_scan, scan_to_dict
from tests.conftest import SAMPLES

APK = SAMPLES / "packed" / "packed.apk"
EXP = yaml.safe_load((SAMPLES / "packed" / "expected.yaml").read_text(encoding="utf-8"))
STATIC = {"static", "taint"}


@cache
def _scan() -> ScanResult:
    return scan_apk(APK, taint=True)


@cache
def _check() -> CheckResult:
    return run_check(CheckRequest(target=APK))


def test_scan_names_the_packer_with_its_evidence() -> None:
    r = _scan()
    assert [(h.packer_id, h.kind, list(h.evidence), list(h.opaque_files)) for h in r.packers] == [
        (p["id"], p["kind"], p["evidence"], p["opaque_files"]) for p in EXP["packers"]]
    assert r.stats.static_complete is EXP["static_complete"]
    assert "360 Jiagu" in r.stats.incomplete_reason
    assert any("packed by 360 Jiagu" in w and "1 assets look encrypted" in w for w in r.warnings)


def test_the_readable_stub_is_still_analysed() -> None:
    r = _scan()
    assert r.stats.classes == 1 and r.stats.reachable_methods > 0
    assert sorted(f"{u.kind} {u.api}" for u in r.unresolved) == sorted(EXP["unresolved"])
    assert any(f"{len(EXP['not_in_dex'])} manifest classes are not in the DEX" in w for w in r.warnings)


def test_every_rule_needing_static_evidence_is_not_evaluated_with_the_packer_named() -> None:
    res = _check()
    assert not STATIC & set(res.graph.graph.get("evidence", []))
    skipped = {n.rule_id: n.reason for n in res.report.not_evaluated}
    static_rules = [r for r in res.pack.rules if STATIC & set(r.needs) or
                    (r.needs_any and set(r.needs_any) <= STATIC)]
    assert len(static_rules) >= 10
    for rule in static_rules:
        assert rule.id in skipped, rule.id
        assert "static evidence incomplete" in skipped[rule.id] and "360 Jiagu" in skipped[rule.id]
    assert not res.findings and not res.report.evaluated  # nothing else can run without inputs
    doc = to_json(res, "en")  # the document's graph carries the verdict and the packer
    assert static_incomplete(doc) == res.static_incomplete and "360 Jiagu" in static_incomplete(doc)
    assert [p["id"] for p in doc["graph"]["graph"]["packers"]] == ["jiagu-360"]


def test_an_unpacked_sample_still_evaluates_its_static_rules() -> None:
    res = run_check(CheckRequest(target=SAMPLES / "notes" / "notes.apk"))
    assert "static" in res.graph.graph["evidence"] and not res.static_incomplete
    assert "o24-04-pi-inventory" in res.report.evaluated


def test_a_saved_scan_keeps_the_packer_and_the_verdict(tmp_path: Path) -> None:
    saved = tmp_path / "scan.json"
    saved.write_text(json.dumps(scan_to_dict(_scan())), encoding="utf-8")
    back = load_scan(saved)
    assert back.packers == _scan().packers and back.stats.static_complete is False
    res = run_check(CheckRequest(target=saved))
    reasons = {n.rule_id: n.reason for n in res.report.not_evaluated}
    assert "360 Jiagu" in reasons["o24-04-pi-inventory"]


def test_cli_exit_statuses_a_gate_does_not_pass_a_packed_app() -> None:
    runner = CliRunner()
    plain = runner.invoke(main, ["check", str(APK), "--no-taint", "-q"])
    assert plain.exit_code == 0, plain.output
    assert "static evidence incomplete" in plain.output and "360 Jiagu" in plain.output
    gate = runner.invoke(main, ["check", str(APK), "--no-taint", "-q", "--fail-on", "critical",
                                "--format", "markdown"])
    assert gate.exit_code == 1, gate.output
    assert "Static evidence incomplete" in gate.output and "no findings" not in gate.output
    html = runner.invoke(main, ["check", str(APK), "--no-taint", "-q", "--format", "html"])
    assert "Static evidence incomplete" in html.output and "360 Jiagu" in html.output
    sarif = runner.invoke(main, ["check", str(APK), "--no-taint", "-q", "--format", "sarif"])
    run = json.loads(sarif.output)["runs"][0]
    notes_text = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("static evidence incomplete" in t and "360 Jiagu" in t for t in notes_text)
    notes = runner.invoke(main, ["check", str(SAMPLES / "notes" / "notes.apk"), "--no-taint", "-q",
                                 "--fail-on", "critical"])
    assert notes.exit_code == 0, notes.output  # a readable app without findings passes the same gate
    scan = runner.invoke(main, ["scan", str(APK), "--format", "json"])
    assert scan.exit_code == 0
    doc = json.loads(scan.output)
    assert doc["packers"][0]["packer_id"] == "jiagu-360" and doc["stats"]["static_complete"] is False
    table = runner.invoke(main, ["scan", str(APK)])
    assert "packer: 360 Jiagu" in table.output and "no verdict" in table.output


def test_diff_gate_fails_a_packed_new_build_not_a_packed_old_one(caplog: pytest.LogCaptureFixture) -> None:
    notes = str(SAMPLES / "notes" / "notes.apk")
    runner = CliRunner()
    with caplog.at_level(logging.WARNING, logger="piflow"):
        to_packed = runner.invoke(main, ["diff", notes, str(APK), "--no-taint", "--fail-on", "new-critical",
                                         "--format", "json"])
    assert to_packed.exit_code == 1, to_packed.output
    assert any("new side's static evidence is incomplete" in r.getMessage() for r in caplog.records)
    from_packed = runner.invoke(main, ["diff", str(APK), notes, "--no-taint", "-q",
                                       "--fail-on", "new-critical"])
    assert from_packed.exit_code == 0, from_packed.output
    plain = runner.invoke(main, ["diff", notes, str(APK), "--no-taint", "-q"])
    assert plain.exit_code == 0, plain.output
