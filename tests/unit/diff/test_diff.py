"""`piflow diff` and `piflow baseline` on the tracker sample and its second build (real APKs, CLI)."""

from __future__ import annotations

import copy
import json
import stat
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from analyzer.check.snapshot import CATEGORIES, snapshot_from_check
from analyzer.cli import main
from analyzer.diff.compare import diff
from analyzer.diff.report import DiffReport, render_markdown
from tests.conftest import SAMPLES, sample_apk

BIN = Path(sys.executable).parent
V1, V2 = sample_apk("tracker"), sample_apk("tracker-v2")


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


@cache
def _check_doc(apk: Path) -> str:
    code, out, err = _run("check", str(apk), "--format", "json", "-q")
    assert code == 0, err
    return out


def _doc(apk: Path) -> dict[str, Any]:
    return json.loads(_check_doc(apk))


def _diff_json(*args: str, status: int = 0) -> dict[str, Any]:
    code, out, err = _run("diff", *args, "--format", "json", "-q")
    assert code == status, err
    return json.loads(out)


def _keys(doc: dict[str, Any], cat: str, kind: str) -> set[str]:
    return {c["key"] for c in doc[cat][kind]}


def _v2_additions() -> dict[str, set[str]]:
    """What tracker-v2 adds, from the two samples' ground truth (expected.yaml), not written down twice."""
    old = yaml.safe_load((SAMPLES / "tracker" / "expected.yaml").read_text(encoding="utf-8"))
    new = yaml.safe_load((SAMPLES / "tracker-v2" / "expected.yaml").read_text(encoding="utf-8"))
    (sdk,) = set(new["sdks"]) - set(old["sdks"])
    (pi,) = set(new["pi_types"]) - set(old["pi_types"])
    (host,) = set(new["hosts"]) - set(old["hosts"])
    owner = f"sdk:{sdk}"
    return {
        "sdks": {sdk},
        "pi": {pi},
        "hosts": {host},
        "flows": {f"{pi} -> host:{host} ({owner})", f"{pi} -> sink:network ({owner})"},
        "permissions": set(new["permissions"]) - set(old["permissions"]),
        "findings": {
            f"o24-04-pi-inventory pi:{pi}",
            f"o24-09-1-pi-read-before-consent {owner}: pi:{pi}",
            f"o24-09-1-sdk-init-before-consent {owner}",
        },
    }


def test_tracker_v2_adds_exactly_its_sdk_its_flow_and_the_findings_they_cause() -> None:
    doc = _diff_json(str(V1), str(V2))
    assert doc["schema"] == "piflow.diff/1" and not doc["empty"]
    want = _v2_additions()
    assert want["sdks"] == {"jpush"} and want["permissions"] == set()
    for cat in CATEGORIES:
        assert _keys(doc, cat, "new") == want[cat], cat
        assert doc[cat]["gone"] == [] and doc[cat]["changed"] == [], cat
    (flow,) = [c for c in doc["flows"]["new"] if "host:" in c["key"]]
    # a taint path takes the IMSI to the sink that sends to https://tsis.jpush.cn: traced, not co-occurrence
    assert flow["attributes"]["status"] == "traced" and flow["attributes"]["cleartext"] is False
    sev = {c["key"]: c["attributes"]["severity"] for c in doc["findings"]["new"]}
    assert sev["o24-09-1-sdk-init-before-consent sdk:jpush"] == "high"


def test_the_other_way_round_the_same_items_are_gone() -> None:
    doc = _diff_json(str(V2), str(V1))
    for cat, keys in _v2_additions().items():
        assert _keys(doc, cat, "gone") == keys and doc[cat]["new"] == [], cat


@pytest.mark.parametrize("apk", [V1, V2], ids=["tracker", "tracker-v2"])
def test_a_build_against_itself_is_empty(apk: Path) -> None:
    doc = _diff_json(str(apk), str(apk))
    assert doc["empty"] is True
    assert all(doc[c][k] == [] for c in CATEGORIES for k in ("new", "gone", "changed"))


def test_saved_scans_and_check_documents_diff_like_the_apks(tmp_path: Path) -> None:
    scan = tmp_path / "v1-scan.json"
    code, _, err = _run("scan", str(V1), "--taint", "--format", "json", "-o", str(scan), "-q")
    assert code == 0, err
    checked = tmp_path / "v2-check.json"
    checked.write_text(_check_doc(V2), encoding="utf-8")
    via_files = _diff_json(str(scan), str(checked))
    via_apks = _diff_json(str(V1), str(V2))
    for cat in CATEGORIES:
        assert via_files[cat] == via_apks[cat], cat


def test_changed_severity_and_evidence_are_reported_and_a_raise_fails_the_gate() -> None:
    old = _doc(V1)
    new = copy.deepcopy(old)
    f = next(f for f in new["findings"] if f["rule"] == "o24-04-pi-inventory")
    f["severity"] = "high"
    f["evidence"] = [{"kind": "static", "summary": "moved elsewhere", "ref": "X.y()V@0x0"}]
    d = diff(snapshot_from_check(old), snapshot_from_check(new))
    (ch,) = d.categories["findings"].changed
    assert ch.key == f"o24-04-pi-inventory {f['subject']}"
    assert set(ch.changed_fields) == {"severity", "evidence"}
    assert [c.key for c in d.gate_failures("new-high")] == [ch.key]
    assert d.gate_failures("new-critical") == []
    # a code offset that moves (a rebuild) is not a change of evidence
    moved = copy.deepcopy(old)
    for g in moved["findings"]:
        for e in g["evidence"]:
            e["ref"] = e["ref"] + "0"
    assert diff(snapshot_from_check(old), snapshot_from_check(moved)).empty


def test_markdown_escapes_what_comes_from_the_apk() -> None:
    old = _doc(V1)
    new = copy.deepcopy(old)
    new["findings"].append({**old["findings"][0], "subject": "pi:x | <img src=x onerror=alert(1)> [a](http://e)"})
    md = render_markdown(DiffReport(diff(snapshot_from_check(old), snapshot_from_check(new)), "a", "b"))
    assert "<img" not in md and "&lt;img" in md
    assert "pi:x \\| " in md and "\\[a\\](http://e)" in md
    rows = [ln for ln in md.splitlines() if ln.startswith("| new |")]
    assert len(rows) == 1 and rows[0].replace("\\|", "").count("|") == 4


def _piflow(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "piflow"), *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("old", "new", "gate", "status"),
    [
        (V1, V2, "new-high", 1),
        (V1, V2, "new-any", 1),
        (V1, V2, "new-critical", 0),
        (V1, V2, "none", 0),
        (V2, V1, "new-any", 0),  # only gone items: nothing new to fail on
        (V2, V2, "new-any", 0),
    ],
)
def test_fail_on_exit_statuses_in_a_real_subprocess(old: Path, new: Path, gate: str, status: int) -> None:
    res = _piflow("diff", str(old), str(new), "--fail-on", gate, "--no-taint")
    assert res.returncode == status, res.stderr
    assert res.stderr == ""  # not a terminal: no progress bars, no logs
    assert ("jpush" in res.stdout) == (old != new)


def test_baseline_round_trip(tmp_path: Path) -> None:
    base = tmp_path / "piflow-baseline.json"
    res = _piflow("baseline", str(V1), "-o", str(base))
    assert res.returncode == 0, res.stderr
    assert stat.S_IMODE(base.stat().st_mode) == 0o600
    doc = json.loads(base.read_text(encoding="utf-8"))
    assert doc["schema"] == "piflow.baseline/1" and doc["app"] == "app:com.piflow.sample.tracker"
    for cat in CATEGORIES:
        keys = [row["key"] for row in doc[cat]]
        assert keys == sorted(keys), cat
    assert {r["key"] for r in doc["sdks"]} == {"umeng-analytics"}
    # stable: the same build gives the same bytes (no timestamps), also from the check document
    again = tmp_path / "again.json"
    checked = tmp_path / "check.json"
    checked.write_text(_check_doc(V1), encoding="utf-8")
    assert _piflow("baseline", str(checked), "-o", str(again)).returncode == 0
    assert again.read_bytes() == base.read_bytes()
    # a baseline is a diff operand
    assert _diff_json(str(base), str(V1))["empty"] is True
    assert _keys(_diff_json(str(base), str(V2)), "sdks", "new") == {"jpush"}
    # check --baseline reports only what is new, and --fail-on judges only that
    code, out, err = _run("check", str(V2), "--baseline", str(base), "--format", "json", "-q")
    assert code == 0, err
    got = {f"{f['rule']} {f['subject']}" for f in json.loads(out)["findings"]}
    assert got == _v2_additions()["findings"]
    assert _piflow("check", str(V2), "--baseline", str(base), "--fail-on", "high").returncode == 1
    assert _piflow("check", str(V1), "--baseline", str(base), "--fail-on", "info").returncode == 0
    plain = _piflow("check", str(V1), "--fail-on", "info")
    assert plain.returncode == 1  # without the baseline the same findings fail


def _bad(tmp: Path) -> dict[str, list[str]]:
    notjson = tmp / "broken.json"
    notjson.write_text('{"schema": "piflow.check/1", "findings": [', encoding="utf-8")
    other = tmp / "other.json"
    other.write_text('{"schema": "something/1"}', encoding="utf-8")
    nograph = tmp / "nograph.json"
    nograph.write_text('{"schema": "piflow.check/2", "findings": []}', encoding="utf-8")
    badbase = tmp / "badbase.json"
    bad_row = {"key": "r s", "severity": "huge"}
    badbase.write_text(json.dumps({"schema": "piflow.baseline/1", "findings": [bad_row]}), encoding="utf-8")
    base_ok = tmp / "ok.json"
    base_ok.write_text(json.dumps({"schema": "piflow.baseline/1", "app": "app:x"}), encoding="utf-8")
    shapes = tmp / "shapes.json"
    shapes.write_text(json.dumps({"schema": "piflow.check/1", "graph": {"nodes": [], "edges": []},
                                  "findings": [{"rule": "r", "subject": "s", "evidence": ["no object"]}]}),
                      encoding="utf-8")
    badsev = tmp / "badsev.json"
    badsev.write_text(json.dumps({"schema": "piflow.check/1", "graph": {"nodes": [], "edges": []},
                                  "findings": [{"rule": "r", "subject": "s", "severity": "huge"}]}),
                      encoding="utf-8")
    listbase = tmp / "list.json"
    listbase.write_text("[1, 2]", encoding="utf-8")
    return {
        "missing": ["diff", str(tmp / "nope.apk"), str(V2)],
        "malformed json": ["diff", str(notjson), str(V2)],
        "foreign schema": ["diff", str(V1), str(other)],
        "check without graph": ["diff", str(nograph), str(V2)],
        "bad severity": ["diff", str(badbase), str(V2)],
        "not an object": ["baseline", str(listbase)],
        "evidence of the wrong shape": ["diff", str(shapes), str(V2)],
        "check with a bad severity": ["baseline", str(badsev)],
        "folder": ["diff", str(tmp), str(V2)],
        "unknown gate": ["diff", str(V1), str(V2), "--fail-on", "new-huge"],
        "unknown option": ["diff", str(V1), str(V2), "--frobnicate"],
        "capture for a result": ["diff", str(nograph), str(V2), "--capture-old", str(SAMPLES / "tracker")],
        "check --baseline broken": ["check", str(V1), "--baseline", str(notjson)],
        "declaration with no side to check": ["diff", str(base_ok), str(base_ok), "--declaration",
                                              str(SAMPLES / "tracker" / "declaration.yaml")],
    }


def test_bad_inputs_fail_with_one_line_and_status_2(tmp_path: Path) -> None:
    for name, args in _bad(tmp_path).items():
        res = _piflow(*args)
        assert res.returncode == 2, (name, res.stdout, res.stderr)
        assert "Traceback" not in res.stderr, name
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        if "option" in name or "gate" in name:  # click's usage error: usage line, hint, error
            assert lines[-1].startswith("Error:"), name
        else:
            assert len(lines) == 1 and lines[0].startswith("piflow: error:"), (name, lines)


def test_a_capture_on_the_new_side_confirms_flows_and_adds_the_traffic_findings() -> None:
    """tracker.apk alone against tracker.apk + its capture: the README's consent-phase findings are new,
    the three sent flows turn from traced (a taint path binds them to the host) to confirmed, the Umeng
    host becomes a known third party."""
    capture = SAMPLES / "tracker" / "capture"
    doc = _diff_json(str(V1), str(V1), "--capture-new", str(capture), "--fail-on", "new-high", status=1)
    sent = ("device.android_id", "device.imei", "device.mac")
    host = "host:alog.umeng.com"
    rules = ("o24-09-1-pi-sent-before-consent", "o24-09-1-pi-sent-after-refusal")
    assert _keys(doc, "findings", "new") == {f"{r} pi:{p} -> {host}" for r in rules for p in sent}
    assert doc["gate_failed"] is True and len(doc["gate_failures"]) == 6
    changed = {c["key"]: c for c in doc["flows"]["changed"]}
    assert set(changed) == {f"{p} -> {host} (sdk:umeng-analytics)" for p in sent}
    for c in changed.values():
        assert c["old"]["status"] == "traced" and c["new"]["status"] == "confirmed"
        assert c["new"]["phases"] == ["consent-given", "consent-refused", "pre-consent"]
    assert {c["key"] for c in doc["hosts"]["changed"]} == {"alog.umeng.com"}
    assert doc["sdks"] == {"new": [], "gone": [], "changed": []}
    # the wire adds evidence to the inventory, and confirms the cleartext sends the taint paths
    # already showed (http://alog.umeng.com is fixed in the code): the same findings, more evidence
    changed_findings = {c["key"] for c in doc["findings"]["changed"]}
    assert changed_findings == ({f"o24-04-pi-inventory pi:{p}" for p in sent}
                                | {f"o24-13-pi-over-cleartext pi:{p} -> {host}" for p in sent})


def test_a_baseline_with_traffic_holds_no_pi_values(tmp_path: Path) -> None:
    profile = yaml.safe_load((SAMPLES / "device-profile.yaml").read_text(encoding="utf-8"))
    values = [str(v) for k in ("imei", "android_id", "wifi_mac") for v in
              (profile[k] if isinstance(profile[k], list) else [profile[k]])]
    base = tmp_path / "b.json"
    res = _piflow("baseline", str(V1), "--capture", str(SAMPLES / "tracker" / "capture"), "-o", str(base))
    assert res.returncode == 0, res.stderr
    text = base.read_text(encoding="utf-8")
    assert "o24-09-1-pi-sent-before-consent" in text  # the traffic findings are in it …
    for v in values:  # … without the phone's values, in any spelling the capture carried
        assert v not in text and v.replace(":", "%3A") not in text, v


def test_two_different_apps_diff_with_a_warning_on_stderr_that_quiet_drops() -> None:
    other = sample_apk("notes")
    res = _piflow("diff", str(V1), str(other), "--no-taint", "--format", "json")
    assert res.returncode == 0
    assert res.stderr.strip() == ("piflow: WARNING: comparing two different apps: "
                                  "app:com.piflow.sample.tracker and app:com.piflow.sample.notes")
    doc = json.loads(res.stdout)  # stdout holds only the result
    assert "umeng-analytics" in _keys(doc, "sdks", "gone")
    quiet = _piflow("diff", str(V1), str(other), "--no-taint", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_declaration_applies_to_the_side_that_is_checked(tmp_path: Path) -> None:
    """Baseline (read as it is) against the APK checked with the sample's declaration: the declaration's
    findings are new, and the baseline side does not refuse the option."""
    base = tmp_path / "b.json"
    assert _piflow("baseline", str(V1), "-o", str(base), "--no-taint").returncode == 0
    decl = SAMPLES / "tracker" / "declaration.yaml"
    doc = _diff_json(str(base), str(V1), "--declaration", str(decl), "--no-taint")
    new_rules = {c["attributes"]["rule"] for c in doc["findings"]["new"]}
    assert "o24-09-2-undeclared-pi" in new_rules and "o24-09-3-pi-beyond-necessary" in new_rules
    assert not any(r.startswith("o24-09-2") or r.startswith("o24-09-3") for r in
                   {c["attributes"]["rule"] for c in doc["findings"]["gone"]})


def test_permissions_and_readers_of_a_pi_type_are_diffed_from_the_graph() -> None:
    old = _doc(V2)
    new = copy.deepcopy(old)
    graph = new["graph"]
    graph["nodes"].append({"id": "perm:android.permission.READ_CONTACTS", "kind": "permission"})
    for e in graph["edges"]:  # the app itself now reads the IMSI too
        if e["kind"] == "accesses" and e["target"] == "pi:device.imsi":
            graph["edges"].append({**e, "source": "app:com.piflow.sample.tracker"})
            break
    d = diff(snapshot_from_check(old), snapshot_from_check(new))
    assert [c.key for c in d.categories["permissions"].new] == ["android.permission.READ_CONTACTS"]
    (owners,) = d.categories["pi"].changed
    assert owners.key == "device.imsi" and owners.changed_fields == ("owners",)
    assert owners.new is not None and owners.new["owners"] == ["app:com.piflow.sample.tracker", "sdk:jpush"]


def test_a_host_moving_region_is_a_change_and_hosts_without_regions_stay_quiet() -> None:
    from analyzer.check.snapshot import baseline_doc, snapshot_from_baseline

    def doc(region: str) -> dict[str, Any]:
        eu = {"id": "host:eu.i.posthog.com", "kind": "host", "sdk": "posthog", "party": "third",
              "country": "DE", "country_source": "kb", "role": "ingest"}
        if region:
            eu["region"] = region
        other = {"id": "host:alog.umeng.com", "kind": "host", "sdk": "umeng-analytics", "party": "third"}
        return {"app": "app:a", "findings": [],
                "graph": {"nodes": [eu, other], "edges": []}}

    before, after = snapshot_from_check(doc("US")), snapshot_from_check(doc("EU"))
    d = diff(before, after)
    (moved,) = d.categories["hosts"].changed
    assert moved.key == "eu.i.posthog.com" and moved.changed_fields == ("region",)
    assert "region: US → EU" in render_markdown(DiffReport(d, "old", "new"))
    assert diff(after, snapshot_from_baseline(baseline_doc(after))).empty  # a baseline keeps regions
    old_baseline = baseline_doc(snapshot_from_check(doc("")))
    for row in old_baseline["hosts"]:  # as written before hosts had regions and roles
        row.pop("region", None), row.pop("role", None)
    assert not diff(snapshot_from_baseline(old_baseline), snapshot_from_check(doc(""))).categories["hosts"]
