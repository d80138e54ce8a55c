"""Hybrid apps: framework names, bridge reads parsed from JavaScript, endpoints, read-then-send, the graph."""

from __future__ import annotations

import io
import time
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml

from analyzer.apk.appinfo import ApkContents
from analyzer.errors import PolicyError
from analyzer.graph.build import from_scan
from analyzer.graph.join import join_flows
from analyzer.kb.catalogue import load_kb
from analyzer.kb.resources import policies_dir
from analyzer.static.hybrid import analyse
from analyzer.static.hybrid.bridges import load_bridges, parse
from analyzer.static.hybrid.flutter import read_snapshot
from analyzer.static.hybrid.frameworks import HERMES_MAGIC, detect, is_hermes
from analyzer.static.hybrid.js import read_script
from analyzer.static.scan import ScanResult, scan_apk
from analyzer.static.serialize import scan_from_dict, scan_to_dict
from tests.conftest import SAMPLES

HYBRID = ["rn-style", "uniapp-style"]
CASES = yaml.safe_load((policies_dir() / "js-bridges.cases.yaml").read_text(encoding="utf-8"))


@cache
def _bridges():  # type: ignore[no-untyped-def]
    return load_bridges(pi_ids=frozenset(load_kb().taxonomy))


def _reads(src: str, markers: tuple[str, ...] = ()) -> set[str]:
    facts = read_script("a.js", src.encode(), _bridges(), frozenset(markers))
    return {r.bridge.id for r in facts.reads}


# --- the policy and its cases ---

def test_every_bridge_has_cases_and_every_case_a_bridge() -> None:
    assert {b.id for b in _bridges().reads} == set(CASES)


@pytest.mark.parametrize("bridge", sorted(CASES))
def test_bridge_cases(bridge: str) -> None:
    case = CASES[bridge]
    markers = tuple(case.get("markers", ()))
    for src in case["match"]:
        assert bridge in _reads(src, markers), src
    for src in case["no_match"]:
        assert bridge not in _reads(src, markers), src


@pytest.mark.parametrize(("doc", "msg"), [
    ({"checked": "x", "reads": [{"id": "a"}], "requests": []}, "missing key"),
    ({"checked": "x", "reads": [{"id": "a", "library": "l", "objects": ["o"], "members": ["m"],
                                 "access": "call", "pi": ["no.such"]}], "requests": []}, "unknown PI"),
    ({"checked": "x", "reads": [], "requests": [{"callee": "fetch", "url": True}]}, "url must be"),
    ({"checked": "x", "reads": [], "requests": [], "extra": 1}, "unknown key"),
])
def test_malformed_policy_is_one_line(doc: dict, msg: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(PolicyError, match=msg) as e:
        parse(doc, pi_ids=frozenset({"device.imei"}))
    assert "\n" not in str(e.value)


# --- the JavaScript reader ---

def _sends(src: str, markers: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...], set[str]]]:
    facts = read_script("a.js", src.encode(), _bridges(), frozenset(markers))
    return [(s.callee, s.urls, {r.bridge.id for r in s.reads}) for s in facts.sends]


def test_read_then_send_through_locals_callbacks_and_then() -> None:
    src = """
    const BASE = "https://t.example.cn/api";
    async function a() { const id = await DeviceInfo.getUniqueId(); const body = {id: id};
      return fetch(BASE + "/a", {method: "POST", body: JSON.stringify(body)}); }
    function b() { DeviceInfo.getAndroidId().then(x => axios.post(`${BASE}/b`, {x})); }
    function c() { uni.getLocation({success: function (res) { uni.request({url: "https://loc.example.cn/r",
      data: {lat: res.latitude}}); }}); }
    """
    got = _sends(src)
    assert ("fetch", ("https://t.example.cn/api",), {"rn-device-info.unique-id"}) in got
    assert ("axios.post", ("https://t.example.cn/api",), {"rn-device-info.android-id"}) in got
    assert ("uni.request", ("https://loc.example.cn/r",), {"uni.location"}) in got


def test_no_flow_without_data_or_across_functions() -> None:
    src = """
    function a() { const id = DeviceInfo.getUniqueId(); const other = 1;
      fetch("https://x.example.cn/", {body: String(other)}); return id; }
    function b(id) { fetch("https://y.example.cn/", {body: id}); }
    """
    assert [reads for _c, _u, reads in _sends(src)] == [set(), set()]


def test_xhr_open_and_window_open() -> None:
    src = ('var x = new XMLHttpRequest(); x.open("POST", "https://h.example.cn/p"); x.send(plus.device.imei);'
           'window.open("https://docs.example.cn/")')
    got = _sends(src)
    assert [(c, u) for c, u, _ in got] == [("x.open", ("https://h.example.cn/p",))]


def test_urls_skip_error_and_log_messages() -> None:
    facts = read_script("a.js", b'const u = "https://api.example.cn/v1"; throw new Error("see https://docs.x.io/e");'
                        b'console.warn(`at https://w.x.io/${a}`); var s = "http://www.w3.org/2000/svg";'
                        b'e.setAttributeNS("http://www.w3.org/1999/xlink", "href", "https://img.x.io/a.png")',
                        _bridges(), frozenset())
    assert [(u.host, u.scheme, str(u.site)) for u in facts.urls] == [("api.example.cn", "https", "a.js:1:11")]
    # the xlink:href value is an image the page loads, but it is an argument of a *NS call: missed (a limit)


def test_metro_modules_and_sites() -> None:
    src = ('__d(function(g,r,i,a,m,e,d){var n=r(d[0]);function s(){return n.default.getUniqueId()}},0,[1]);\n'
           '__d(function(g,r,i,a,m,e,d){e.x=plus.device.imei},1,[],"node_modules/foo/index.js");')
    facts = read_script("assets/index.android.bundle", src.encode(), _bridges(), frozenset({"RNDeviceInfo"}))
    assert facts.modules == 2
    r, r2 = facts.reads
    col = src.index("n.default.getUniqueId") + 1
    assert (r.site.line, r.site.col, r.site.function, r.site.module, r.alias) == (
        1, col, "s", "metro#0", True)
    assert (r2.site.line, r2.site.function, r2.site.module, r2.alias) == (
        2, "<module>", "node_modules/foo/index.js", False)


def test_damaged_script_is_read_around_the_damage() -> None:
    facts = read_script("a.js", b"function ( {{{ ;\nvar i = plus.device.imei;", _bridges(), frozenset())
    assert facts.parse_errors
    assert [r.bridge.id for r in facts.reads] == ["plus.device.imei"]


def test_a_multi_megabyte_bundle_parses_in_seconds() -> None:
    module = ('__d(function(g,r,i,a,m,e,d){var n=r(d[0]);function s(t){return fetch("https://a%d.example.cn/x",'
              '{body:JSON.stringify({t:t,k:[1,2,3].map(function(x){return x*2})})})}e.s=s},%d,[1]);\n')
    src = "".join(module % (k, k) for k in range(20000)).encode()
    assert len(src) > 3_000_000
    started = time.perf_counter()
    facts = read_script("big.bundle", src, _bridges(), frozenset())
    assert len(facts.urls) == 20000 and facts.modules == 20000
    assert time.perf_counter() - started < 60


# --- frameworks ---

@pytest.mark.parametrize(("assets", "libs", "classes", "name"), [
    (["assets/index.android.bundle"], [], ["Lcom/facebook/react/ReactActivity;"], "react-native"),
    ([], ["lib/arm64-v8a/libreactnativejni.so"], ["Lcom/facebook/react/bridge/CatalystInstanceImpl;"],
     "react-native"),
    (["assets/apps/__UNI__1/www/manifest.json"], [], [], "uni-app"),
    ([], [], ["Lio/dcloud/PandoraEntry;"], "uni-app"),
    (["assets/www/cordova.js", "assets/www/index.html"], [], [], "cordova"),
    ([], [], ["Lorg/apache/cordova/CordovaActivity;"], "cordova"),
    (["assets/public/index.html"], [], ["Lcom/getcapacitor/BridgeActivity;"], "capacitor"),
    ([], ["lib/arm64-v8a/libapp.so", "lib/arm64-v8a/libflutter.so"], ["Lio/flutter/embedding/A;"], "flutter"),
    (["assets/help/index.html", "assets/help/app.js"], [], [], "webview"),
])
def test_framework_signs(assets: list[str], libs: list[str], classes: list[str], name: str) -> None:
    assert [f.name for f in detect(assets, libs, classes, {})] == [name]


def test_plain_apps_are_no_hybrid() -> None:
    assert detect(["assets/fonts/a.ttf"], ["lib/arm64-v8a/libfoo.so"], ["Lcom/a/Main;"], {}) == []
    assert detect([], ["lib/arm64-v8a/libreactnativejni.so"], [], {}) == []  # a library name alone
    assert detect(["assets/licensing.html", "assets/other/x.js"], [], [], {}) == []  # a page, no scripts


def test_hermes_bundle_is_named_and_not_parsed() -> None:
    data = HERMES_MAGIC + b"\x00" * 64 + b"DeviceInfo.getUniqueId https://h.example.cn"
    assert is_hermes(data) and not is_hermes(b"var a=1;")
    (f,) = detect(["assets/index.android.bundle"], [], ["Lcom/facebook/react/A;"],
                  {"assets/index.android.bundle": data})
    assert "Hermes bytecode" in f.incomplete
    contents = ApkContents(info=None, dex=(), sha256="", size=0,  # type: ignore[arg-type]
                           assets=("assets/index.android.bundle",),
                           scripts=(("assets/index.android.bundle", data),))
    res = analyse(contents, ["Lcom/facebook/react/A;"], load_kb(), "com.a")
    assert res.access == () and res.scripts == 0
    assert [e.host for e in res.endpoints] == ["h.example.cn"]  # its strings, for URLs only
    assert any("Hermes bytecode" in w for w in res.warnings)


def test_flutter_snapshot_strings() -> None:
    strings = {"dev.fluttercommunity.plus/device_info", "https://api.flutter-app.cn/v1/ping", "hello"}
    facts = read_snapshot("lib/arm64-v8a/libapp.so", strings, _bridges().channels)
    assert [c.name for c in facts.channels] == ["dev.fluttercommunity.plus/device_info"]
    assert facts.urls == (("https://api.flutter-app.cn/v1/ping", "api.flutter-app.cn", "https"),)
    contents = ApkContents(info=None, dex=(), sha256="", size=0,  # type: ignore[arg-type]
                           native_libs=("lib/arm64-v8a/libapp.so", "lib/arm64-v8a/libflutter.so"),
                           native_code=(("lib/arm64-v8a/libapp.so", frozenset(strings)),))
    res = analyse(contents, [], load_kb(), "com.a")
    assert [f.name for f in res.frameworks] == ["flutter"]
    assert {(a.source_id, a.kind) for a in res.access} == {
        ("dart:dev.fluttercommunity.plus/device_info", "dart")}
    assert [e.host for e in res.endpoints] == ["api.flutter-app.cn"]


# --- the samples, end to end ---

@cache
def _scan(name: str) -> ScanResult:
    return scan_apk(SAMPLES / name / f"{name}.apk")


def _hybrid(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((SAMPLES / name / "expected.yaml").read_text(encoding="utf-8"))["hybrid"]


@pytest.mark.parametrize("name", HYBRID)
def test_sample_framework_and_sends(name: str) -> None:
    r, exp = _scan(name), _hybrid(name)
    assert [f.name for f in r.frameworks] == exp["frameworks"]
    assert all(a.kind == "js" for a in r.access)
    got = sorted((str(lk.sink.cls), lk.sink_api, list(lk.pi), list(lk.destinations),
                  "app" if lk.sink_owner.kind == "app" else lk.sink_owner.node) for lk in r.script_leaks)
    assert got == sorted((s["at"], s["api"], s["pi"], s["to"], s.get("owner", "app")) for s in exp["sends"])
    assert r.leaks == ()  # the DEX taint did not run; the script's sends are apart
    assert [(o.module, o.sdk, o.why) for o in r.script_owners] == [
        (o["module"], o["sdk"], o["why"]) for o in exp.get("owners", [])]


@pytest.mark.parametrize("name", HYBRID)
def test_sample_graph_has_traced_flows_from_the_scripts(name: str) -> None:
    r, exp = _scan(name), _hybrid(name)
    g = from_scan(r, load_kb())
    join_flows(g, f"app:{r.app.package}")
    traced = sorted([u.removeprefix("pi:"), v.removeprefix("host:")] for u, v, d in g.edges(data=True)
                    if d.get("kind") == "flow" and d["status"] == "traced")
    assert traced == sorted(exp["traced"])
    assert g.nodes[f"app:{r.app.package}"]["frameworks"] == exp["frameworks"]
    assert "taint" not in g.graph.get("evidence", [])  # no taint analysis is claimed
    kinds = {d["source_kind"] for _u, _v, d in g.edges(data=True) if d.get("kind") == "accesses"}
    assert kinds == {"js"}


def test_sample_scan_round_trips_through_json() -> None:
    r = _scan("rn-style")
    doc = scan_to_dict(r)
    assert doc["summary"]["frameworks"] == ["react-native"]
    back = scan_from_dict(doc)
    assert back.frameworks == r.frameworks and back.script_leaks == r.script_leaks


def test_wrapper_module_reads_are_the_librarys() -> None:
    r, exp = _scan("rn-style"), _hybrid("rn-style")
    contents_reads = [a for a in r.access if a.location.cls.startswith("assets/index.android.bundle:4:")]
    assert contents_reads == []  # module 12, react-native-device-info's own wrapper
    assert exp["library_reads"] == 6


def test_oversized_scripts_are_noted_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.apk import container

    src = SAMPLES / "uniapp-style" / "uniapp-style.apk"
    monkeypatch.setattr(container, "MAX_SCRIPT_SIZE", 64)
    contents = container.open_apk(src)
    assert contents.scripts == ()
    assert any("app-service.js: script not read" in n for n in contents.notes)
    assert "assets/apps/__UNI__5A1E0C7/www/manifest.json" in contents.assets


def test_scripts_are_read_from_assets_only(tmp_path: Path) -> None:
    apk = tmp_path / "a.apk"
    buf = io.BytesIO()
    with zipfile.ZipFile(SAMPLES / "uniapp-style" / "uniapp-style.apk") as zin, \
            zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("res/raw/x.js", b"plus.device.imei")
        zout.writestr("assets/../evil.js", b"plus.device.imei")
    apk.write_bytes(buf.getvalue())
    from analyzer.apk.container import open_apk

    names = [n for n, _ in open_apk(apk).scripts]
    assert names == ["assets/apps/__UNI__5A1E0C7/www/app-service.js"]


@pytest.mark.parametrize("name", [n for n in HYBRID if "findings" in _hybrid(n)])
def test_rules_see_the_script_evidence(name: str) -> None:
    from analyzer.check.run import CheckRequest, run_check

    res = run_check(CheckRequest(target=SAMPLES / name / f"{name}.apk"))
    got = {(f.rule_id, f.subject) for f in res.findings}
    assert {(r, s) for r, s in _hybrid(name)["findings"]} <= got


def test_a_plugins_own_code_is_not_the_apps_read() -> None:
    plugin = b"var u = device.uuid; device.uuid = info.uuid; module.exports = device;"
    app = b"document.addEventListener('deviceready', function () { send(device.uuid); });"
    contents = ApkContents(info=None, dex=(), sha256="", size=0,  # type: ignore[arg-type]
                           assets=("assets/www/cordova.js", "assets/www/index.html"),
                           scripts=(("assets/www/plugins/cordova-plugin-device/www/device.js", plugin),
                                    ("assets/www/js/app.js", app)))
    res = analyse(contents, [], load_kb(), "com.a")
    assert [f.name for f in res.frameworks] == ["cordova"]
    assert [a.location.cls for a in res.access] == [f"assets/www/js/app.js:1:{app.index(b'device.uuid') + 1}"]
    assert res.library_reads == 1  # the plugin's own read; its assignment is no read at all


def test_a_hermes_bundle_in_an_apk_is_named_and_its_evidence_incomplete(tmp_path: Path) -> None:
    apk = tmp_path / "hermes.apk"
    buf = io.BytesIO()
    with zipfile.ZipFile(SAMPLES / "rn-style" / "rn-style.apk") as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "assets/index.android.bundle":  # the same app compiled to Hermes bytecode
                data = HERMES_MAGIC + (96).to_bytes(4, "little") + b"\x00" * 84 + data
            zout.writestr(info, data)
    apk.write_bytes(buf.getvalue())
    r = scan_apk(apk)
    (f,) = r.frameworks
    assert f.name == "react-native" and "Hermes bytecode" in f.incomplete
    assert r.access == () and r.script_leaks == ()
    # strings only: the app's hosts, and the docs URLs of messages a parse would have told apart
    assert {e.host for e in r.endpoints} == {"api.metrics-collector.cn", "geo.metrics-collector.cn",
                                             "launches.appsflyersdk.com", "reactnative.dev", "github.com"}
    assert {e.location.cls for e in r.endpoints} == {"assets/index.android.bundle:strings"}
    assert any("Hermes bytecode: not parsed" in w for w in r.warnings)
