"""`piflow check` end to end: the tracker sample's APK and its mitmdump capture (+ a declaration), through
CliRunner and a real subprocess; suppressions, exit statuses, saved scans, output formats."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.check.run import CheckRequest, run_check
from analyzer.cli import main
from analyzer.declaration.model import Declaration, DeclaredPI, DeclaredThirdParty
from analyzer.graph import build as graphmod
from analyzer.model import Severity
from tests.conftest import SAMPLES, sample_apk

APK = sample_apk("tracker")
CAPTURE = SAMPLES / "tracker" / "capture"
PROFILE = SAMPLES / "device-profile.yaml"
BIN = Path(sys.executable).parent
HOST = "host:alog.umeng.com"
SENT = ("device.android_id", "device.imei", "device.mac")
READ = (*SENT, "location.wifi")

# What samples/tracker/README.md ("Capture and the findings it must produce") promises for APK + capture.
EXPECTED = {
    *(("o24-04-pi-inventory", f"pi:{p}") for p in READ),
    *(("o24-09-1-pi-read-before-consent", f"sdk:umeng-analytics: pi:{p}") for p in READ),
    ("o24-09-1-sdk-init-before-consent", "sdk:umeng-analytics"),
    *(("o24-09-1-pi-sent-before-consent", f"pi:{p} -> {HOST}") for p in SENT),
    *(("o24-09-1-pi-sent-after-refusal", f"pi:{p} -> {HOST}") for p in SENT),
    *(("o24-13-pi-over-cleartext", f"pi:{p} -> {HOST}") for p in SENT),
}
# The declaration below adds these (it names the Android ID and Umeng without a role, no policy text).
WITH_DECLARATION = {
    *(("o24-09-2-undeclared-pi", f"pi:{p}") for p in ("device.imei", "device.mac", "location.wifi")),
    ("o24-09-3-pi-beyond-necessary", "pi:device.android_id"),
    *(("o24-09-3-pi-beyond-necessary", f"pi:{p}") for p in ("device.imei", "device.mac", "location.wifi")),
    ("o24-11-sdk-without-role", "sdk:umeng-analytics"),
    # Umeng is declared to get the Android ID only; its code reads (and sends) the IMEI and the MAC too
    *(("o24-10-sharing-beyond-declared", f"sdk:umeng-analytics: pi:{p}")
      for p in ("device.imei", "device.mac", "location.wifi")),
    # a utility app needs no device identifier: READ_PHONE_STATE is beyond its type (ACCESS_WIFI_STATE is
    # not on the high-risk list)
    ("o24-09-3-permission-beyond-app-type", "perm:android.permission.READ_PHONE_STATE"),
}


def tracker_declaration() -> Declaration:
    """A realistic declaration for the tracker: a utility app that admits to the Android ID and Umeng."""
    return Declaration(
        source="tracker-declaration.yaml",
        package="com.piflow.sample.tracker",
        app_type="utilities",
        pi=(DeclaredPI("device.android_id", ("usage statistics",)),),
        third_parties=(
            DeclaredThirdParty(
                "友盟+ Umeng",
                sdk="umeng-analytics",
                domains=("umeng.com",),
                pi=("device.android_id",),
                purposes=("statistics",),
            ),
        ),
        first_party_domains=("piflow.example",),
        privacy_policy_url="https://piflow.example/privacy",
        complaint_channel="privacy@piflow.example",
    )


def _pairs(doc: dict[str, object]) -> set[tuple[str, str]]:
    return {(f["rule"], f["subject"]) for f in doc["findings"]}  # type: ignore[attr-defined, index]


def _check(*args: str) -> tuple[int, dict[str, object]]:
    res = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.stdout)


def test_apk_and_capture_folder_give_exactly_the_promised_findings() -> None:
    code, doc = _check(str(APK), "--capture", str(CAPTURE))
    assert code == 0
    assert _pairs(doc) == EXPECTED
    flows = {(f["pi"], f["status"]) for f in doc["flows"]}  # type: ignore[attr-defined]
    # the Wi-Fi location is never on the wire, and the taint path to the host carries only the MAC
    # (WifiInfo.getMacAddress): read and host in the same code, no more
    assert flows == {*((p, "confirmed") for p in SENT), ("location.wifi", "potential")}
    skipped = {n["rule"]: n["reason"] for n in doc["not_evaluated"]}  # type: ignore[attr-defined]
    assert (
        "o24-09-4-pi-sent-after-logout" in skipped
        and "logged-out" in skipped["o24-09-4-pi-sent-after-logout"]
    )
    assert "background" in skipped["o24-09-3-pi-sent-in-background"]
    assert all("declaration" in skipped[r] for r in skipped if r.startswith("o24-09-2"))
    assert doc["manual"] and doc["phases"] == ["consent-given", "consent-refused", "pre-consent"]


def test_flow_file_with_profile_gives_the_same_findings() -> None:
    _, doc = _check(str(APK), "--capture", str(CAPTURE / "flows.mitm"), "--profile", str(PROFILE))
    assert _pairs(doc) == EXPECTED


def test_a_har_export_of_the_capture_gives_the_same_findings(tmp_path: Path) -> None:
    """mitmproxy's own HAR writer (hardump) turns the flow file into HAR; the phase marks go beside it."""
    har = tmp_path / "tracker.har"
    subprocess.run(
        [str(BIN / "mitmdump"), "-q", "-nr", str(CAPTURE / "flows.mitm"), "--set", f"hardump={har}"],
        check=True,
        timeout=120,
        cwd=tmp_path,
        capture_output=True,
    )
    (tmp_path / "phases.jsonl").write_bytes((CAPTURE / "phases.jsonl").read_bytes())
    _, doc = _check(str(APK), "--capture", str(har), "--profile", str(PROFILE))
    assert _pairs(doc) == EXPECTED


def test_with_the_declaration_the_declaration_rules_run() -> None:
    res = run_check(CheckRequest(target=APK, captures=(CAPTURE,)), tracker_declaration())
    got = {(f.rule_id, f.subject) for f in res.findings}
    assert got == EXPECTED | WITH_DECLARATION
    ran = set(res.report.evaluated)
    assert {
        "o24-09-2-undeclared-sdk",
        "o24-10-undeclared-recipient",
        "o24-08-no-privacy-policy",
        "o24-12-no-complaint-channel",
    } <= ran
    skipped = {n.rule_id: n.reason for n in res.report.not_evaluated}
    assert "no account_deletion" in skipped["o24-09-4-no-account-deletion"]
    assert res.failing(Severity.HIGH) and not res.failing(None)


def test_declaration_for_another_package_is_an_input_error() -> None:
    from dataclasses import replace

    from analyzer.errors import InputError

    with pytest.raises(InputError, match="declares package"):
        run_check(CheckRequest(target=APK), replace(tracker_declaration(), package="com.other"))


def test_real_subprocess_table_and_fail_on(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            str(BIN / "piflow"),
            "check",
            str(APK),
            "--capture",
            str(CAPTURE),
            "--fail-on",
            "high",
            "--graph",
            str(tmp_path / "g.graphml"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1, out.stderr
    text = out.stdout
    for head in (
        "Order 24 Art 4",
        "Order 24 Art 9(1) [V-partial]",
        "Order 24 Art 13 [U]",
        "Not evaluated",
        "Manual checklist",
        "o24-09-1-pi-sent-before-consent",
    ):
        assert head in text
    assert text.index("Order 24 Art 4") < text.index("Order 24 Art 9(1)") < text.index("Order 24 Art 13")
    assert text.index("Order 24 Art 13") < text.index("Not evaluated") < text.index("Manual checklist")
    assert "869876041234561" not in text  # values stay masked
    assert (tmp_path / "g.graphml").stat().st_size > 0
    ok = subprocess.run(
        [str(BIN / "piflow"), "check", str(APK), "--fail-on", "critical", "--no-taint"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ok.returncode == 0, ok.stderr


def test_saved_scan_is_a_target(tmp_path: Path) -> None:
    scan = tmp_path / "scan.json"
    res = CliRunner().invoke(main, ["scan", str(APK), "--taint", "--format", "json", "-o", str(scan)])
    assert res.exit_code == 0, res.output
    _, doc = _check(str(scan), "--capture", str(CAPTURE))
    assert _pairs(doc) == EXPECTED


def test_chinese_messages() -> None:
    res = CliRunner().invoke(main, ["check", str(APK), "--lang", "zh", "--format", "json", "--no-taint"])
    doc = json.loads(res.stdout)
    msgs = [f["message"] for f in doc["findings"] if f["rule"] == "o24-09-1-sdk-init-before-consent"]
    assert msgs and "初始化" in msgs[0]


def _fp(doc: dict[str, object], rule: str, subject: str) -> str:
    return next(
        f["fingerprint"]
        for f in doc["findings"]  # type: ignore[attr-defined]
        if f["rule"] == rule and f["subject"] == subject
    )


def test_suppressions_hide_until_they_expire(tmp_path: Path) -> None:
    _, doc = _check(str(APK), "--capture", str(CAPTURE), "--no-taint")
    fp = _fp(doc, "o24-09-1-sdk-init-before-consent", "sdk:umeng-analytics")
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    sup = tmp_path / "sup.yaml"
    sup.write_text(
        f"suppressions:\n  - fingerprint: {fp}\n    reason: reviewed\n    expires: {future}\n"
        '  - rule: o24-13-pi-over-cleartext\n    subject: "pi:device.imei -> host:alog.umeng.com"\n'
        "    reason: vendor fix pending\n    expires: 2020-01-01\n",
        encoding="utf-8",
    )
    _, doc2 = _check(str(APK), "--capture", str(CAPTURE), "--no-taint", "--suppressions", str(sup))
    pairs = _pairs(doc2)
    assert ("o24-09-1-sdk-init-before-consent", "sdk:umeng-analytics") not in pairs
    assert ("o24-13-pi-over-cleartext", f"pi:device.imei -> {HOST}") in pairs  # expired: no longer hides
    assert [s["fingerprint"] for s in doc2["suppressed"]] == [fp]  # type: ignore[attr-defined]
    assert [s["rule"] for s in doc2["expired_suppressions"]] == ["o24-13-pi-over-cleartext"]  # type: ignore
    assert any("expired" in w for w in doc2["warnings"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "suppressions: [{fingerprint: abc, reason: x, expires: 2030-01-01}]",
        "suppressions: [{rule: r, subject: s, expires: 2030-01-01}]",
        "suppressions: [{rule: r, subject: s, reason: x, expires: soon}]",
        "suppressions: [{rule: r, subject: s, reason: x, expires: 2030-01-01, y: 1}]",
        "suppressions: {a: [",
        "- 1",
    ],
)
def test_malformed_suppressions_exit_2(tmp_path: Path, text: str) -> None:
    sup = tmp_path / "sup.yaml"
    sup.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(APK), "--no-taint", "--suppressions", str(sup)])
    assert res.exit_code == 2
    assert res.stderr.startswith("piflow: error:") and len(res.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args", [[], ["nope.apk"], ["--capture", "nope/"], [str(PROFILE)], [str(APK), "--fail-on", "bad"]]
)
def test_bad_input_exits_2(args: list[str]) -> None:
    res = CliRunner().invoke(main, ["check", *args])
    assert res.exit_code == 2, res.output


def test_traffic_only_flows_are_observed() -> None:
    code, doc = _check("--capture", str(CAPTURE))
    assert code == 0
    assert {f["status"] for f in doc["flows"]} == {"observed"}  # type: ignore[attr-defined]
    assert ("o24-09-1-pi-sent-before-consent", f"pi:device.imei -> {HOST}") in _pairs(doc)
    assert not any(f["rule"] == "o24-09-1-sdk-init-before-consent" for f in doc["findings"])  # type: ignore


def test_joined_graph_meets_on_sdk_and_host() -> None:
    res = run_check(CheckRequest(target=APK, captures=(CAPTURE,), taint=False))
    g = res.graph
    sdk = "sdk:umeng-analytics"
    kinds = {d["kind"] for _, _, d in g.out_edges(sdk, data=True)}
    assert {"accesses", "contacts", "observed"} <= kinds  # code signature and network signature, one node
    assert g.has_edge("pi:device.imei", HOST, key=f"flow:{sdk}")
    assert g.edges["pi:device.imei", HOST, f"flow:{sdk}"]["status"] == "confirmed"
    back = graphmod.load_json  # the graph saves and loads by id
    assert callable(back)


# What samples/tracker/README.md ("Declaration") promises the sample's declaration.yaml adds: it names the
# IMEI and the Android ID (not the MAC or the Wi-Fi state), Umeng with a role, app type utilities (no
# necessary PI) and a complaint channel. No account-deletion path either, but the tracker has no
# accounts of its own (no account id, password or token read, sent or declared), so Art 9(4) stays quiet.
WITH_SAMPLE_DECLARATION = {
    *(("o24-09-2-undeclared-pi", f"pi:{p}") for p in ("device.mac", "location.wifi")),
    *(("o24-09-3-pi-beyond-necessary", f"pi:{p}") for p in READ),
    # Umeng is declared to get the IMEI and the Android ID; it reads the MAC and Wi-Fi and sends the MAC
    *(("o24-10-sharing-beyond-declared", f"sdk:umeng-analytics: pi:{p}")
      for p in ("device.mac", "location.wifi")),
    ("o24-09-3-permission-beyond-app-type", "perm:android.permission.READ_PHONE_STATE"),
}


def test_with_the_samples_declaration_file() -> None:
    """APK + capture + the sample's declaration.yaml (and its policy text) via the CLI."""
    decl = SAMPLES / "tracker" / "declaration.yaml"
    _, doc = _check(str(APK), "--capture", str(CAPTURE), "--declaration", str(decl))
    assert _pairs(doc) == EXPECTED | WITH_SAMPLE_DECLARATION
    reasons = [n["reason"] for n in doc["not_evaluated"]]  # type: ignore[attr-defined]
    assert not any("declaration" in r for r in reasons)
    assert {"declaration", "policy_text"} <= set(doc["evidence"])  # type: ignore[arg-type]


def test_a_bug_exits_3_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import analyzer.check.run

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(analyzer.check.run, "run_check", boom)
    res = CliRunner().invoke(main, ["check", str(APK)])
    assert res.exit_code == 3 and "internal error: RuntimeError" in res.stderr
