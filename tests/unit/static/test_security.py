"""Security facts and the pre-consent window on real APKs through the real pipeline (samples, DroidBench)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.apk.container import open_apk
from analyzer.apk.dex import DexFile
from analyzer.cli import main
from analyzer.common.descriptors import split_params
from analyzer.graph import build as graph
from analyzer.kb.catalogue import load_kb
from analyzer.model import SecurityFact
from analyzer.program.cfg import build_body
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.static.scan import ScanResult, scan_apk
from analyzer.static.security import FACT_KINDS
from analyzer.static.serialize import scan_to_dict
from analyzer.static.tls import proceeds, trust_check, verify_accepts_all
from tests.conftest import sample_apk

PKG = "com.piflow.sample.insecure"


@cache
def _insecure() -> ScanResult:
    return scan_apk(sample_apk("insecure"))


@cache
def _program() -> Program:
    contents = open_apk(sample_apk("insecure"))
    return Program([DexFile(data, name) for name, data in contents.dex], load_framework())


def _fact(kind: str, subject: str) -> SecurityFact:
    (f,) = [f for f in _insecure().security if f.kind == kind and f.subject == f"{PKG}.{subject}"]
    return f


def test_every_kind_is_documented() -> None:
    assert {f.kind for f in _insecure().security} <= set(FACT_KINDS)


def test_trust_all_manager_is_installed_by_sslcontext_init() -> None:
    f = _fact("trust_all_trust_manager", "TrustAllManager")
    assert f.evidence == "checkServerTrusted body is return-void"
    assert [(u.cls, u.method) for u in f.used_at] == [(f"{PKG}.Net", "trustAll")]
    assert f.used and f.owner.node == f"app:{PKG}"
    assert "getAcceptedIssuers returns empty" in f.details
    assert "checkClientTrusted accepts without a check" in f.details


def test_strict_implementations_are_not_facts() -> None:
    subjects = {f.subject for f in _insecure().security}
    for negative in ("StrictTrustManager", "ProperVerifier", "StrictWebViewClient"):
        assert f"{PKG}.{negative}" not in subjects


def _method_verdict(cls: str, name: str, check):  # type: ignore[no-untyped-def]
    p = _program()
    ci = p.classes[f"L{PKG.replace('.', '/')}/{cls};"]
    (m,) = [m for m in ci.methods.values() if m.name == name]
    body = build_body(p.dex[m.dex], m.code_off, m.is_static, m.cls, split_params(m.proto))
    return check(body, p.dex[m.dex])


def test_tls_checks_on_each_implementation() -> None:
    assert _method_verdict("TrustAllManager", "checkServerTrusted",
                           lambda b, d: trust_check(b, d, "checkServerTrusted")).unconditional
    assert not _method_verdict("StrictTrustManager", "checkServerTrusted",
                               lambda b, d: trust_check(b, d, "checkServerTrusted")).weak
    assert _method_verdict("AllowAllVerifier", "verify", verify_accepts_all).weak
    assert not _method_verdict("ProperVerifier", "verify", verify_accepts_all).weak
    lax = _method_verdict("LaxWebViewClient", "onReceivedSslError", proceeds)
    picky = _method_verdict("PickyWebViewClient", "onReceivedSslError", proceeds)
    strict = _method_verdict("StrictWebViewClient", "onReceivedSslError", proceeds)
    assert (lax.weak, lax.unconditional) == (True, True)
    assert (picky.weak, picky.unconditional) == (True, False)
    assert not strict.weak


def test_hostname_verifier_and_webview_client_uses() -> None:
    v = _fact("trust_all_hostname_verifier", "AllowAllVerifier")
    assert [(u.cls, u.method) for u in v.used_at] == [(f"{PKG}.Net", "trustAll")]
    lax = _fact("ssl_error_proceed", "LaxWebViewClient")
    assert [(u.cls, u.method) for u in lax.used_at] == [(f"{PKG}.MainActivity", "onCreate")]
    picky = _fact("ssl_error_proceed", "PickyWebViewClient")
    assert not picky.used_at and not picky.reachable


def test_javascript_interface_names_its_annotated_methods() -> None:
    f = _fact("javascript_interface", "JsBridge")
    assert f.details == ("js_name=piflow", "method=getToken")
    assert f.location.cls == f"{PKG}.MainActivity" and f.location.offset >= 0


def test_method_annotations_are_read_from_the_dex() -> None:
    p = _program()
    ann = p.method_annotations(p.classes[f"L{PKG.replace('.', '/')}/JsBridge;"])
    assert ann == {"getToken()Ljava/lang/String;": ("Landroid/webkit/JavascriptInterface;",)}
    tm = p.method_annotations(p.classes[f"L{PKG.replace('.', '/')}/TrustAllManager;"])
    assert tm["checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V"] == (
        "Ldalvik/annotation/Throws;",)


def test_file_modes_name_the_file_and_skip_private_mode() -> None:
    modes = [f for f in _insecure().security if f.kind.startswith("world_")]
    assert sorted((f.kind, f.details) for f in modes) == [
        ("world_readable_mode", ("name=shared.txt",)), ("world_writable_mode", ("name=settings",))]


def test_external_storage_write_names_the_sink() -> None:
    (f,) = [f for f in _insecure().security if f.kind.startswith("external_storage")]
    assert f.kind == "external_storage_write"
    assert "getExternalStorageDirectory" in f.evidence and "FileOutputStream" in f.evidence


def test_pre_consent_chain_goes_through_the_sdk_thread() -> None:
    r = _insecure()
    (pi,) = [h for h in r.pre_consent if h.kind == "pi_access"]
    assert pi.chain == (f"{PKG}.InsecureApp.onCreate", "com.umeng.commonsdk.UMConfigure.init",
                        "com.umeng.commonsdk.UMConfigure$1.run")
    assert pi.entry == "application" and pi.owner.node == "sdk:umeng-analytics"


def test_click_handler_is_reachable_but_not_pre_consent() -> None:
    r = _insecure()
    imei = [a for a in r.access if "device.imei" in a.pi]
    assert imei and all(a.reachable for a in imei)
    assert not [h for h in r.pre_consent if "device.imei" in h.pi]
    assert not [h for h in r.pre_consent if h.location.cls.endswith("MainActivity$1")]


def test_graph_has_weakness_nodes_and_consent_edges() -> None:
    g = graph.from_scan(_insecure(), load_kb())
    app = f"app:{PKG}"
    node = f"weakness:trust_all_trust_manager:{PKG}.TrustAllManager"
    assert g.nodes[node]["kind"] == "weakness"
    e = g.edges[app, node, "has_weakness"]
    assert e["used"] and e["reachable"] and e["used_at"] == [f"{PKG}.Net.trustAll()V@0x12"]
    c = g.edges[app, "sdk:umeng-analytics", "calls_before_consent"]
    assert c["init"] and c["apis"] == ["com.umeng.commonsdk.UMConfigure.init"]
    a = g.edges["sdk:umeng-analytics", "pi:device.android_id", "before_consent:settings.secure.androidId"]
    assert a["kind"] == "accesses_before_consent" and a["entries"] == ["application"]
    assert not any(k.startswith("before_consent") for _u, _v, k in g.in_edges("pi:device.imei", keys=True))


def test_json_carries_facts_and_summary(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(scan_to_dict(_insecure())))
    assert doc["schema"] == "piflow.scan/1"
    assert "trust_all_trust_manager" in doc["summary"]["weaknesses"]
    assert "ssl_error_proceed" in doc["summary"]["weaknesses"]
    assert doc["summary"]["pre_consent_sdks"] == ["umeng-analytics"]
    assert doc["summary"]["pre_consent_pi_types"] == ["device.android_id"]
    tm = next(f for f in doc["security"] if f["kind"] == "trust_all_trust_manager")
    assert tm["location"]["cls"] == f"{PKG}.TrustAllManager" and tm["used_at"][0]["method"] == "trustAll"
    assert {h["kind"] for h in doc["pre_consent"]} == {"sdk_call", "pi_access"}


def test_table_output_lists_facts_and_pre_consent() -> None:
    res = CliRunner().invoke(main, ["scan", "-q", str(sample_apk("insecure"))])
    assert res.exit_code == 0, res.output
    assert "Security facts" in res.output and "trust_all_trust_manager" in res.output
    assert "pre-consent" in res.output and "sdk:umeng-analytics" in res.output


@pytest.mark.parametrize("app, imei_before_consent", [
    ("Callbacks/Button1.apk", True),            # read in onCreate, leaked on a click
    ("Callbacks/RegisterGlobal1.apk", True),    # lifecycle callbacks registered in Application.onCreate
    ("Callbacks/Button3.apk", False),           # read in an OnClickListener
    ("Callbacks/Unregister1.apk", False),       # read in an OnClickListener
])
def test_droidbench_pre_consent(droidbench: Path, app: str, imei_before_consent: bool) -> None:
    r = scan_apk(droidbench / app)
    assert any("device.imei" in a.pi and a.reachable for a in r.access)
    assert any("device.imei" in h.pi for h in r.pre_consent) == imei_before_consent


def test_droidbench_private_mode_is_not_world_readable(droidbench: Path) -> None:
    r = scan_apk(droidbench / "AndroidSpecific" / "PrivateDataLeak3.apk")   # openFileOutput(…, 0)
    assert not [f for f in r.security if f.kind.startswith("world_")]
