"""SARIF 2.1.0 output: valid against the official schema (vendored in tests/data), one result per finding,
rule metadata, code flows from the taint paths on the graph, masked traffic locations, stable fingerprints."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from analyzer.report.sarif import FINGERPRINT_KEY, render_sarif
from tests.conftest import REPO, SAMPLES, check_doc, sample_apk

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
CAPTURE = SAMPLES / "tracker" / "capture"
BIN = Path(sys.executable).parent


def _valid(log: dict[str, Any]) -> None:
    errors = [f"{e.json_path}: {e.message[:200]}" for e in VALIDATOR.iter_errors(log)]
    assert not errors, errors[:5]


@pytest.fixture(scope="module")
def tracker() -> dict[str, Any]:
    return check_doc("tracker", CAPTURE)


@pytest.fixture(scope="module")
def insecure() -> dict[str, Any]:
    return check_doc("insecure")


def test_the_vendored_schema_is_the_official_one() -> None:
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert not VALIDATOR.is_valid({"version": "2.1.0", "runs": [{"tool": {}}]})  # the schema can fail


@pytest.mark.parametrize("app", ["insecure", "shop", "weather", "login", "notes", "invite"])
def test_every_sample_gives_a_valid_log_with_one_result_per_finding(app: str) -> None:
    doc = check_doc(app)
    log = render_sarif(doc)
    _valid(log)
    (run,) = log["runs"]
    assert [r["ruleId"] for r in run["results"]] == [f["rule"] for f in doc["findings"]]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == [r["id"] for r in doc["rules"]] and len(set(ids)) == len(ids)
    for res in run["results"]:
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_rule_metadata(insecure: dict[str, Any]) -> None:
    rules = {r["id"]: r for r in render_sarif(insecure)["runs"][0]["tool"]["driver"]["rules"]}
    r = rules["o24-13-pi-over-cleartext"]
    assert r["name"] == "PiOverCleartext"
    assert r["properties"]["order24"] == "Art 13" and r["properties"]["order24_verification"] == "[U]"
    assert "order24-art-13" in r["properties"]["tags"] and "privacy" in r["properties"]["tags"]
    assert float(r["properties"]["security-severity"]) >= 7.0  # high
    assert "Remediation" in r["help"]["text"] and "**Remediation:**" in r["help"]["markdown"]
    assert rules["o24-04-pi-inventory"]["defaultConfiguration"]["level"] == "note"


def test_taint_path_becomes_a_code_flow(insecure: dict[str, Any]) -> None:
    (res,) = [r for r in render_sarif(insecure)["runs"][0]["results"] if r["ruleId"] == "o24-10-pi-in-logs"]
    (flow,) = res["codeFlows"]
    locs = flow["threadFlows"][0]["locations"]
    names = [tl["location"]["logicalLocations"][0]["fullyQualifiedName"] for tl in locs]
    assert locs[0]["kinds"] == ["source"] and locs[-1]["kinds"] == ["sink"]
    assert names[0].startswith("com.piflow.sample.insecure.MainActivity$1.onClick(")
    assert "getDeviceId" in locs[0]["location"]["message"]["text"]
    assert "android.util.Log.i" in locs[-1]["location"]["message"]["text"]
    assert "com.piflow.sample.insecure.MainActivity$1.onClick" in names[1:-1]
    # the source and sink call sites keep their bytecode offsets, in the order source < sink
    offs = [locs[i]["location"]["logicalLocations"][0]["properties"]["bytecodeOffset"] for i in (0, -1)]
    assert offs[0] < offs[1]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("insecure.apk")


def test_pre_consent_chain_becomes_a_code_flow(tracker: dict[str, Any]) -> None:
    results = render_sarif(tracker)["runs"][0]["results"]
    res = next(r for r in results if r["ruleId"] == "o24-09-1-sdk-init-before-consent")
    locs = res["codeFlows"][0]["threadFlows"][0]["locations"]
    names = [tl["location"]["logicalLocations"][0]["fullyQualifiedName"] for tl in locs]
    assert names[0] == "com.piflow.sample.tracker.TrackerApp.onCreate" and locs[0]["kinds"] == ["enter"]


def test_traffic_evidence_is_a_masked_host_location(tracker: dict[str, Any]) -> None:
    doc = copy.deepcopy(tracker)
    f = next(f for f in doc["findings"] if f["rule"] == "o24-09-1-pi-sent-before-consent")
    f["evidence"][0]["ref"] = "http://alog.umeng.com/u/869876041234561/x?imei=869876041234561"
    f["evidence"][0]["summary"] += " see https://alog.umeng.com/d/869876041234561"
    log = render_sarif(doc)
    _valid(log)
    text = json.dumps(log)
    assert "869876041234561" not in text
    res = next(r for r in log["runs"][0]["results"] if r["properties"]["fingerprint"] == f["fingerprint"])
    (loc,) = res["locations"][0]["logicalLocations"]
    assert loc["kind"] == "resource" and loc["name"] == "alog.umeng.com"
    # the app that sent it is the artifact (code-scanning views need one)
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("tracker.apk")


def test_traffic_only_check_names_the_capture_as_artifact(tmp_path: Path) -> None:
    out = subprocess.run([str(BIN / "piflow"), "check", "--capture", str(CAPTURE), "--format", "sarif"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    log = json.loads(out.stdout)
    _valid(log)
    (run,) = log["runs"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [CAPTURE.as_uri()]
    assert run["results"] and all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0 for r in run["results"]
    )


def _fps(doc: dict[str, Any]) -> list[str]:
    return [r["partialFingerprints"][FINGERPRINT_KEY] for r in render_sarif(doc)["runs"][0]["results"]]


def test_fingerprints_are_stable_and_ignore_offsets_counts_and_masks(tracker: dict[str, Any]) -> None:
    fps = _fps(tracker)
    assert len(set(fps)) == len(fps)
    again = check_doc("tracker", CAPTURE)  # a second, independent scan and check
    assert fps == _fps(again)
    moved = copy.deepcopy(tracker)
    for f in moved["findings"]:
        for e in f["evidence"]:
            e["ref"] = e["ref"].replace("@0x", "@0x1")  # code moved inside the method
            e["summary"] = e["summary"].replace("1×", "7×").replace("***", "*****")
    assert fps == _fps(moved)
    other = copy.deepcopy(tracker)
    other["findings"][0]["evidence"][0]["summary"] += " via another API"
    assert _fps(other)[0] != fps[0]


def test_levels_not_evaluated_and_suppressed(tmp_path: Path) -> None:
    supp = tmp_path / "s.yaml"
    supp.write_text("suppressions:\n  - rule: o24-04-pi-inventory\n    subject: pi:device.imei\n"
                    "    reason: reviewed\n    expires: 2999-01-01\n", encoding="utf-8")
    out = subprocess.run([str(BIN / "piflow"), "check", str(sample_apk("insecure")), "--suppressions",
                          str(supp), "--format", "sarif"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    log = json.loads(out.stdout)
    _valid(log)
    (run,) = log["runs"]
    sup = [r for r in run["results"] if r.get("suppressions")]
    assert [r["properties"]["subject"] for r in sup] == ["pi:device.imei"]
    assert sup[0]["suppressions"][0]["justification"].startswith("reviewed")
    assert {r["level"] for r in run["results"] if r["properties"]["severity"] == "high"} <= {"error"}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any(n.get("associatedRule", {}).get("id") == "o24-09-1-pi-sent-before-consent" for n in notes)


def test_with_the_declaration_it_is_an_artifact_of_declaration_findings(tmp_path: Path) -> None:
    decl = SAMPLES / "tracker" / "declaration.yaml"
    out = subprocess.run([str(BIN / "piflow"), "check", str(sample_apk("tracker")), "--capture", str(CAPTURE),
                          "--declaration", str(decl), "--format", "sarif"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    log = json.loads(out.stdout)
    _valid(log)
    (run,) = log["runs"]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris[0].endswith("tracker.apk") and decl.as_uri() in uris
    decl_results = [r for r in run["results"] if r["ruleId"].startswith("o24-09-2-undeclared")]
    assert decl_results
    res = json.dumps(run["results"])
    assert decl.as_uri() in res


def test_text_from_the_app_cannot_form_embedded_links(insecure: dict[str, Any]) -> None:
    doc = copy.deepcopy(insecure)
    doc["findings"][0]["message"] = "see [here](http://evil.example/x) and [0] and a\\[b\n<x>"
    log = render_sarif(doc)
    _valid(log)
    text = log["runs"][0]["results"][0]["message"]["text"]
    assert text == "see \\[here\\](http://evil.example/x) and \\[0\\] and a\\\\\\[b <x>"
    assert "[" not in text.replace("\\[", "")


def test_a_wire_flow_backed_by_a_taint_path_gets_its_code_flow(tracker: dict[str, Any]) -> None:
    """PI sent to a host that a taint path binds the sink to: the finding shows source → methods → sink."""
    results = render_sarif(tracker)["runs"][0]["results"]
    res = next(r for r in results if r["ruleId"] == "o24-09-1-pi-sent-before-consent")
    locs = res["codeFlows"][0]["threadFlows"][0]["locations"]
    assert locs[0]["kinds"] == ["source"] and locs[-1]["kinds"] == ["sink"]
    assert "alog.umeng.com" in locs[-1]["location"]["message"]["text"]
