"""Saved check results: the piflow.check/2 JSON Schema, load_result, and the round trip
check → JSON → load_result → render again (real CLI runs on the sample APKs and the tracker capture)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from click.testing import CliRunner

from analyzer.check.readback import SCHEMA_FILE, graph_of, load_result
from analyzer.cli import main
from analyzer.errors import InputError
from analyzer.kb.resources import schema_path
from analyzer.report.formats import REPORT_FORMATS, dump_json, render
from tests.conftest import SAMPLES, check_doc, sample_apk

BIN = Path(sys.executable).parent
CAPTURE = SAMPLES / "tracker" / "capture"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`piflow check tracker.apk --capture … --format json -o result.json`, a real subprocess."""
    out = tmp_path_factory.mktemp("result") / "result.json"
    proc = subprocess.run(
        [str(BIN / "piflow"), "check", str(sample_apk("tracker")), "--capture", str(CAPTURE),
         "--format", "json", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(schema_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_saved_result_is_private_and_round_trips(saved: Path) -> None:
    assert saved.stat().st_mode & 0o777 == 0o600
    text = saved.read_text(encoding="utf-8")
    doc = load_result(saved)
    assert doc["schema"] == "piflow.check/2"
    assert dump_json(doc) == text  # check → JSON → load_result → JSON again: identical
    g = graph_of(doc)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges() == len(doc["graph"]["edges"]) > 0
    assert nx.node_link_data(g, edges="edges") == doc["graph"]


def test_every_format_renders_the_same_from_check_and_from_report(saved: Path, tmp_path: Path) -> None:
    doc = json.loads(saved.read_text(encoding="utf-8"))
    for fmt in REPORT_FORMATS:
        out = tmp_path / f"r.{fmt}"
        res = CliRunner().invoke(main, ["report", str(saved), "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert out.stat().st_mode & 0o777 == 0o600
        assert out.read_text(encoding="utf-8") == render(doc, fmt), fmt
    for fmt in ("sarif", "markdown"):  # straight from `piflow check` (a fresh scan) equals the report
        res = CliRunner().invoke(main, ["check", str(sample_apk("tracker")), "--capture", str(CAPTURE),
                                        "--format", fmt])
        assert res.exit_code == 0, res.output
        assert res.stdout == render(doc, fmt), fmt


def test_v2_keeps_every_v1_key() -> None:
    doc = check_doc("insecure")
    v1 = {"schema", "app", "evidence", "phases", "lang", "pack", "findings", "not_evaluated", "manual",
          "flows", "suppressed", "expired_suppressions", "warnings", "graph"}
    assert v1 | {"tool", "inputs", "rules", "frameworks"} == set(doc)
    schema = json.loads(schema_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    assert set(schema["required"]) == set(schema["properties"]) == set(doc)  # code and schema agree
    assert {r["id"] for r in doc["rules"]} >= {f["rule"] for f in doc["findings"]}  # type: ignore[index]


def _broken(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    cases: list[tuple[str, Any]] = []
    d = copy.deepcopy(doc)
    d["findings"][0]["severity"] = "urgent"
    cases.append(("$.findings[0].severity", d))
    d = copy.deepcopy(doc)
    del d["rules"]
    cases.append(("'rules' is a required property", d))
    d = copy.deepcopy(doc)
    d["findings"][0]["fingerprint"] = "../../etc"
    cases.append(("$.findings[0].fingerprint", d))
    d = copy.deepcopy(doc)
    d["graph"]["edges"][0].pop("source")
    cases.append(("$.graph.edges[0]", d))
    d = copy.deepcopy(doc)
    d["surprise"] = 1
    cases.append(("surprise", d))
    d = copy.deepcopy(doc)
    d["schema"] = "piflow.check/1"
    cases.append(("piflow.check/1", d))
    d = copy.deepcopy(doc)
    d["findings"][0]["rule"] = "no-such-rule"
    cases.append(("$.findings[0].rule: 'no-such-rule' is not among its rules", d))
    cases.append(("not a piflow check result", [1, 2]))
    return cases


def test_malformed_results_are_one_line_input_errors(tmp_path: Path) -> None:
    doc = check_doc("insecure")
    for n, (expect, bad) in enumerate(_broken(doc)):
        p = tmp_path / f"bad{n}.json"
        p.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(InputError, match=None) as e:
            load_result(p)
        assert expect in str(e.value), (expect, str(e.value))
        assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (b'{"schema": "piflow.check/2", ', "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
        (b"", "not JSON"),
    ],
)
def test_bad_files_exit_2_with_one_line(tmp_path: Path, content: bytes, expect: str) -> None:
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    proc = subprocess.run([str(BIN / "piflow"), "report", str(p), "--format", "sarif"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and expect in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_missing_file_folder_and_unknown_format_exit_2(tmp_path: Path, saved: Path) -> None:
    for args in (["report", str(tmp_path / "nope.json")], ["report", str(tmp_path)],
                 ["report", str(saved), "--format", "pdf"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2, (args, res.output)


def test_odd_graph_attributes_in_a_saved_result_still_render(tmp_path: Path) -> None:
    """Graph attributes are free-form in the schema: renderers must not trip over hand-edited ones."""
    doc = check_doc("insecure")
    for e in doc["graph"]["edges"]:  # type: ignore[index]
        if e["kind"] == "leaks_to":
            e["paths"] = ["not a path", {"source": 3}]
        if "chains" in e:
            e["chains"] = [None, {"x": 1}]
        e["sites"] = {"nested": [1, None, "<b>"]}
    p = tmp_path / "odd.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    for fmt in REPORT_FORMATS:
        res = CliRunner().invoke(main, ["report", str(p), "--format", fmt])
        assert res.exit_code == 0, (fmt, res.output)


def test_host_region_role_and_country_survive_check_report_and_readback(tmp_path: Path) -> None:
    """A capture to PostHog's EU host: the saved result's host node carries EU/DE/ingest (from the knowledge
    base, no GeoIP), validates against the schema, reads back, and the HTML report shows it."""
    from analyzer.kb.catalogue import load_kb
    from analyzer.traffic.attribution import Attributor
    from analyzer.traffic.detect import Detector
    from analyzer.traffic.model import Message
    from analyzer.traffic.observations import ObservationWriter

    body = json.dumps({"api_key": "phc_x", "event": "signup", "distinct_id": "u1",
                       "properties": {"$set": {"email": "li.lei@example.com"}}}).encode()
    msg = Message(flow_id="f1", direction="request", method="POST", scheme="https", host="eu.i.posthog.com",
                  port=443, path="/i/v0/e/", headers=(("content-type", "application/json"),), body=body,
                  timestamp=1.0, tls=True, http_version="HTTP/2.0")
    obs = Detector(None, Attributor(load_kb(), app="com.piflow.sample.tracker")).detect(msg, "consent-given")
    assert obs
    cap = tmp_path / "observations.jsonl"
    w = ObservationWriter(cap)
    w.header(app="com.piflow.sample.tracker")
    for o in obs:
        w.write(o.to_dict())
    w.close()
    out = tmp_path / "result.json"
    res = CliRunner().invoke(main, ["check", str(sample_apk("tracker")), "--capture", str(cap),
                                    "--format", "json", "-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    doc = load_result(out)
    host = next(n for n in doc["graph"]["nodes"] if n["id"] == "host:eu.i.posthog.com")
    facts = (host["region"], host["role"], host["country"], host["country_source"])
    assert facts == ("EU", "ingest", "DE", "kb")
    assert graph_of(doc).nodes["host:eu.i.posthog.com"]["region"] == "EU"
    html = CliRunner().invoke(main, ["report", str(out), "--format", "html"])
    assert html.exit_code == 0 and "EU · DE · ingest" in html.output
    host["country_source"] = "a guess"  # the schema checks the new attribute: a bad value is refused
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="country_source"):
        load_result(bad)


def test_a_result_saved_before_frameworks_were_named_still_loads(tmp_path: Path) -> None:
    doc = copy.deepcopy(check_doc("notes"))
    assert doc.pop("frameworks") == []
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    assert load_result(old)["frameworks"] == []
