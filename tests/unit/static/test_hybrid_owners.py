"""Whose code a script module is: the native names it binds, the classes answering them, its importers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from analyzer.apk.appinfo import ApkContents
from analyzer.apk.container import open_apk
from analyzer.apk.dex import DexFile
from analyzer.kb.catalogue import load_kb
from analyzer.model import Owner
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import reachable
from analyzer.static.hybrid import analyse
from analyzer.static.hybrid.bridges import load_bridges
from analyzer.static.hybrid.js import Unit, read_script
from analyzer.static.hybrid.natives import native_classes, native_owners, react_modules, script_entries
from analyzer.static.hybrid.owners import module_owners
from tests.conftest import SAMPLES

AF = Owner("sdk", "appsflyer")
SENTRY = Owner("sdk", "sentry")


@cache
def _bridges():  # type: ignore[no-untyped-def]
    return load_bridges(pi_ids=frozenset(load_kb().taxonomy))


def _binds(src: str) -> dict[str, set[str]]:
    facts = read_script("a.js", src.encode(), _bridges(), frozenset())
    return {m: u.binds for m, u in facts.units.items() if u.binds}


# --- what a module binds ---

@pytest.mark.parametrize(("body", "bound"), [
    ("var t=r(d[0]).NativeModules.RNAppsFlyer", {"RNAppsFlyer"}),
    ("const {RNSentry:t, Other}=r(d[0]).NativeModules", {"RNSentry", "Other"}),
    ('var t=r(d[0]).TurboModuleRegistry.getEnforcing("RNSentry")', {"RNSentry"}),
    ('var t=r(d[0]).getEnforcing("PlatformConstants")', {"PlatformConstants"}),
    ('var t=r(d[0]).requireNativeModule("ExpoDevice")', {"ExpoDevice"}),
])
def test_metro_module_bindings(body: str, bound: set[str]) -> None:
    assert _binds(f"__d(function(g,r,i,a,m,e,d){{{body}}},3,[1]);") == {"metro#3": bound}


def test_cordova_exec_binds_its_service_and_other_calls_bind_nothing() -> None:
    src = ('cordova.define("p.x", function(require, exports, module) {'
           'var exec = require("cordova/exec"); exec(ok, fail, "Device", "getDeviceInfo", []);'
           'exec(ok, fail, svc, "x", []); cache.get("RNSentry"); NativeModules; m.exec("a");});')
    assert _binds(src) == {"a.js": {"Device"}}


def test_metro_ids_and_dependencies() -> None:
    src = b'__d(function(g,r,i,a,m,e,d){},7,[1,2,3]);__d(function(){},8,[],"src/x.js");'
    facts = read_script("b.js", src, _bridges(), frozenset())
    assert {(u.module, u.metro_id, u.deps) for u in facts.units.values()} == {
        ("metro#7", 7, (1, 2, 3)), ("src/x.js", 8, ())}


# --- module owners ---

def _natives(name: str) -> Owner | None:
    return {"RNAppsFlyer": AF, "RNSentry": SENTRY}.get(name)


def _owners(units: list[Unit]) -> dict[str, str]:
    return {m: f"{o.owner.id}: {o.why}" for m, o in module_owners(units, _natives).items()}


def test_a_module_binding_an_sdks_native_module_is_the_sdks_and_so_are_the_helpers_only_it_imports() -> None:
    units = [Unit("metro#0", 0, (1, 5)),                     # the app's entry
             Unit("metro#1", 1, (2, 4), {"RNAppsFlyer"}),    # the SDK's wrapper
             Unit("metro#2", 2, (3,)),                       # only the wrapper imports it
             Unit("metro#3", 3, ()),                         # only module 2 imports it
             Unit("metro#4", 4, ()),                         # imported by the wrapper and by the app (5)
             Unit("metro#5", 5, (4,))]
    assert _owners(units) == {"metro#1": "appsflyer: binds native module RNAppsFlyer",
                              "metro#2": "appsflyer: imported only by appsflyer's modules",
                              "metro#3": "appsflyer: imported only by appsflyer's modules"}


def test_no_owner_from_two_sdks_bindings_nor_from_a_script_without_modules() -> None:
    units = [Unit("metro#1", 1, (), {"RNAppsFlyer", "RNSentry"}),  # the app's own glue to two SDKs
             Unit("assets/www/js/app.js", None, (), {"RNAppsFlyer"}),  # a whole script: the app calling it
             Unit("metro#2", 2, (), {"RNDeviceInfo"})]  # no catalogued SDK answers it
    assert _owners(units) == {}


def test_a_dev_bundles_package_shares_its_seed() -> None:
    units = [Unit("node_modules/react-native-appsflyer/index.js", 1, (), {"RNAppsFlyer"}),
             Unit("node_modules/react-native-appsflyer/src/util.js", 2, ()),
             Unit("node_modules/other/index.js", 3, ()),
             Unit("assets/www/plugins/cordova-plugin-appsflyer-sdk/www/af.js", None, (), {"RNAppsFlyer"})]
    got = _owners(units)
    assert got["node_modules/react-native-appsflyer/src/util.js"] == (
        "appsflyer: in package react-native-appsflyer")
    assert "node_modules/other/index.js" not in got
    assert got["assets/www/plugins/cordova-plugin-appsflyer-sdk/www/af.js"].startswith("appsflyer: binds")


def test_owners_reach_the_evidence_and_a_bridge_librarys_own_wrapper_is_no_read() -> None:
    plugin = (b'cordova.define("af", function(require, exports, module) { var exec = require("cordova/exec");'
              b'module.exports.init = function () {'
              b' exec(null, null, "AppsFlyerPlugin", "init", [device.uuid]);'
              b' fetch("https://launches.appsflyersdk.com/e", {body: device.uuid}); }; });')
    app = (b"document.addEventListener('deviceready', function () {"
           b" fetch('https://api.example.cn/d', {body: device.uuid}); });")
    contents = ApkContents(info=None, dex=(), sha256="", size=0,  # type: ignore[arg-type]
                           assets=("assets/www/cordova.js", "assets/www/index.html"),
                           scripts=(("assets/www/plugins/cordova-plugin-appsflyer-sdk/www/af.js", plugin),
                                    ("assets/www/js/app.js", app)))
    res = analyse(contents, [], load_kb(), "com.a", lambda: {"AppsFlyerPlugin": AF})
    owner = {a.location.cls.split(":")[0]: a.owner for a in res.access}
    assert owner == {"assets/www/plugins/cordova-plugin-appsflyer-sdk/www/af.js": AF,
                     "assets/www/js/app.js": Owner("app", "com.a")}
    assert {e.host: e.owner for e in res.endpoints} == {"launches.appsflyersdk.com": AF,
                                                        "api.example.cn": Owner("app", "com.a")}
    assert {lk.sink_owner for lk in res.leaks} == {AF, Owner("app", "com.a")}
    assert [(o.module, o.sdk) for o in res.owners] == [
        ("assets/www/plugins/cordova-plugin-appsflyer-sdk/www/af.js", "appsflyer")]
    no_natives = analyse(contents, [], load_kb(), "com.a")
    assert {a.owner for a in no_natives.access} == {Owner("app", "com.a")}

    wrapper = (b'__d(function(g,r,i,a,m,e,d){var t=r(d[0]).NativeModules.RNDeviceInfo;'
               b'e.default={id:function(){return t.getUniqueId()}}},12,[]);\n'
               b'__d(function(g,r,i,a,m,e,d){fetch("https://h.example.cn",{body:r(d[0]).default.getUniqueId()})},0,[12]);')
    rn = ApkContents(info=None, dex=(), sha256="", size=0,  # type: ignore[arg-type]
                     assets=("assets/index.android.bundle",),
                     scripts=(("assets/index.android.bundle", wrapper),))
    res = analyse(rn, ["Lcom/facebook/react/ReactActivity;"], load_kb(), "com.a")
    col = wrapper.splitlines()[1].index(b"r(d[0]).default") + 1
    assert [a.location.cls for a in res.access] == [f"assets/index.android.bundle:2:{col}"]
    assert res.library_reads == 1  # module 12 binds RNDeviceInfo: react-native-device-info's own wrapper


# --- the classes answering the names, and reachability ---

@cache
def _rn() -> tuple[Program, ApkContents]:
    c = open_apk(SAMPLES / "rn-style" / "rn-style.apk")
    return Program([DexFile(d, n) for n, d in c.dex], load_framework()), c


def test_react_modules_are_read_from_getname() -> None:
    program, _c = _rn()
    assert react_modules(program) == {"RNAppsFlyer": "com.appsflyer.reactnative.RNAppsFlyerModule"}
    names = native_classes(program, (("Device", "org.apache.cordova.device.Device"),))
    assert names == {"RNAppsFlyer": "com.appsflyer.reactnative.RNAppsFlyerModule",
                     "Device": "org.apache.cordova.device.Device"}
    owners = native_owners(names, lambda cls: AF if cls.startswith("com.appsflyer.") else Owner("app", "a"))
    assert owners == {"RNAppsFlyer": AF}


def test_a_bound_native_module_is_an_entry_point_with_its_react_methods() -> None:
    program, c = _rn()
    module = "Lcom/appsflyer/reactnative/RNAppsFlyerModule;"
    entries = script_entries(native_classes(program), {"RNAppsFlyer", "Unknown"})
    assert entries == {module: "native module RNAppsFlyer, bound by the app's scripts"}
    live = reachable(program, c.info, entries)
    assert {k for k in live.methods if k.startswith(module)} == {
        f"{module}-><init>()V", f"{module}->initSdk(Ljava/lang/String;)V"}  # @ReactMethod; getName is not
    assert not {k for k in reachable(program, c.info).methods if k.startswith(module)}


# --- what real production bundles showed (bench/hybrid_real) ---

def _analyse(bundle: bytes) -> tuple[list[str], int]:
    name = "assets/index.android.bundle"
    rn = ApkContents(info=None, dex=(), sha256="", size=0,  # type: ignore[arg-type]
                     assets=(name,), scripts=((name, bundle),))
    res = analyse(rn, ["Lcom/facebook/react/ReactActivity;"], load_kb(), "com.a")
    return sorted(a.source_id for a in res.access), res.library_reads


def _module(ident: int, deps: str, body: str) -> bytes:
    return f"__d(function(g,r,i,a,m,e,d){{{body}}},{ident},[{deps}]);\n".encode()


WRAPPER = _module(12, "13", "var t=r(d[0]).NativeModules.RNDeviceInfo;e.default=t")


def test_an_app_module_calling_many_bridges_of_one_library_keeps_its_reads() -> None:
    calls = ",".join(f"await l.default.{m}()" for m in (
        "getUniqueId", "getAndroidId", "getIpAddress", "getMacAddress", "getCarrier"))
    app = _module(0, "12", f"var l=r(d[0]);e.f=async function(){{return [{calls}]}}")
    reads, library = _analyse(WRAPPER + app)
    assert len(reads) == 5 and library == 0  # six DeviceInfo calls in one module are no wrapper


def test_a_call_on_a_turbomodule_spec_is_the_librarys_own() -> None:
    spec = _module(5, "13", 'e.default=r(d[0]).TurboModuleRegistry.getEnforcing("RNCGeolocation")')
    lib = _module(4, "5", "var n=r(d[0]);e.get=function(s){n.default.getCurrentPosition(s)}")
    app = _module(0, "4", "var o=r(d[0]);o.default.getCurrentPosition(function(p){})")
    reads, library = _analyse(spec + lib + app)
    assert reads == ["js:geolocation.position"] and library == 1  # the app's call kept, the library's not


def test_babel_names_a_default_import_after_its_module() -> None:
    dev = b"var _reactNativeDeviceInfo = _interop(require('react-native-device-info'));" \
          b"_reactNativeDeviceInfo.default.getUniqueId(); _other.default.getUniqueId();"
    facts = read_script("a.js", dev, _bridges(), frozenset({"RNDeviceInfo"}))
    assert [r.text for r in facts.reads] == ["_reactNativeDeviceInfo.default.getUniqueId"]
    assert read_script("a.js", dev, _bridges(), frozenset()).reads == []  # without the library's marker


def test_urls_skip_user_information_and_reserved_names() -> None:
    src = (b'const dsn = "https://0123abcd@o42.ingest.sentry.io/7"; const a = "https://www.example.com/x";'
           b'const b = "http://api.service.test/"; const c = "https://foo.example/"; const h = "https://h.cn/"')
    facts = read_script("a.js", src, _bridges(), frozenset())
    assert [u.host for u in facts.urls] == ["o42.ingest.sentry.io", "h.cn"]


def test_a_read_put_in_the_url_is_sent() -> None:
    src = (b"async function f(){const id = await DeviceInfo.getUniqueId();"
           b"fetch(`https://api.example.cn/t?id=${id}`); fetch('https://api.example.cn/u');}")
    facts = read_script("a.js", src, _bridges(), frozenset())
    assert [(s.urls, len(s.reads)) for s in facts.sends] == [(("https://api.example.cn/t?id=",), 1),
                                                             (("https://api.example.cn/u",), 0)]


# --- Cordova's config.xml and Flutter's channels, on real and assembled code ---

def test_cordova_config_features_are_read_in_their_namespace() -> None:
    import xml.etree.ElementTree as ET

    from analyzer.apk.plugins import script_services

    doc = ('<widget xmlns="http://www.w3.org/ns/widgets" id="a"><feature name="Device">'
           '<param name="android-package" value="org.apache.cordova.device.Device"/></feature>'
           '<feature name="X"><param name="onload" value="true"/></feature></widget>')
    assert script_services({"res/xml/config.xml": ET.fromstring(doc)}) == (
        ("Device", "org.apache.cordova.device.Device"),)
    assert script_services({"res/xml/other.xml": ET.fromstring("<feature name='A'/>")}) == ()


def test_a_real_cordova_apps_config_names_its_plugins_and_the_sdks_module_is_the_sdks() -> None:
    """``bench/hybrid_real/cordova-real.apk``: cordova-android 12 prepared with five published plugins."""
    from tests.conftest import REPO

    apk = REPO / "bench" / "hybrid_real" / "cordova-real.apk"
    services = dict(open_apk(apk).info.script_services)
    assert services["Device"] == "org.apache.cordova.device.Device"
    assert services["AppsFlyerPlugin"] == "com.appsflyer.cordova.plugin.AppsFlyerPlugin"
    from analyzer.static.scan import scan_apk

    r = scan_apk(apk)
    assert [(o.module.rsplit("/", 1)[-1], o.sdk, o.why) for o in r.script_owners] == [
        ("appsflyer.js", "appsflyer", "binds native module AppsFlyerPlugin")]


def test_flutter_channels_name_the_class_opening_them(tmp_path: Path) -> None:
    from analyzer.apk.smali import assemble
    from analyzer.static.hybrid.natives import flutter_channels

    plugin = tmp_path / "smali" / "com" / "umeng" / "flutter" / "UmengPlugin.smali"
    plugin.parent.mkdir(parents=True)
    init = ("Lio/flutter/plugin/common/MethodChannel;-><init>"
            "(Lio/flutter/plugin/common/BinaryMessenger;Ljava/lang/String;)V")
    plugin.write_text(f"""
.class public Lcom/umeng/flutter/UmengPlugin;
.super Ljava/lang/Object;
.method public attach(Lio/flutter/plugin/common/BinaryMessenger;)V
    .registers 4
    new-instance v0, Lio/flutter/plugin/common/MethodChannel;
    const-string v1, "umeng_common_sdk"
    invoke-direct {{v0, p1, v1}}, {init}
    const-string v1, "not a channel"
    return-void
.end method
""")
    dex, why = assemble(tmp_path, ["smali/com/umeng/flutter/UmengPlugin.smali"])
    assert why == "", why
    program = Program([DexFile(data, name) for name, data in dex], load_framework())
    assert flutter_channels(program, frozenset({"umeng_common_sdk", "other"})) == {
        "umeng_common_sdk": "com.umeng.flutter.UmengPlugin"}
    assert flutter_channels(program, frozenset({"other"})) == {}
