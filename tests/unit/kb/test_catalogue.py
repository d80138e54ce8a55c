"""Consistency tests for the policy catalogues: PI taxonomy, sources, sinks and FlowDroid coverage."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, SHARED

POLICIES = REPO / "policies"
FLOWDROID_FILE = SHARED / "reference" / "flowdroid-SourcesAndSinks.txt"
CHECKED = date(2026, 11, 23)

# --------------------------------------------------------------------------- vocabularies

TYPE_ID_RE = re.compile(r"^[a-z_]+(\.[a-z_]+)*$")
ENTRY_ID_RE = re.compile(r"^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$")
PACKAGE_SEGMENT_RE = re.compile(r"^[a-z][a-z0-9_]*$")
CLASS_SEGMENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\$[A-Za-z0-9_]+)*$")
METHOD_RE = re.compile(r"^(<init>|[A-Za-z_][A-Za-z0-9_]*)$")
JAVA_TYPE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.$]*(\[\])*$")
PERMISSION_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.permission\.[A-Za-z0-9_.]+$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")

GROUPS = {
    "identity",
    "contact",
    "account",
    "usage",
    "location",
    "device",
    "apps",
    "contacts",
    "comm",
    "media",
    "bio",
    "health",
    "finance",
    "social",
    "special",
    "minor",
    "input",
    "derived",
}
BASES = {"named", "identifiability", "time_place"}
VERIFIED = {"V", "V-partial", "U"}
PIPL28 = {
    None,
    "biometrics",
    "religion",
    "specific_identity",
    "medical_health",
    "financial_account",
    "whereabouts",
    "minor",
}

# Order 24 Art 4: the items it names, and the two "time/place of use" terms.
ART4_NAMED = ["姓名", "出生日期", "身份证件号码", "住址", "电话号码", "账号", "密码"]
ART4_TIME_PLACE = ["用户使用服务的时间", "用户使用服务的地点"]
ART4_IDENTIFIABILITY = "能够单独或者与其他信息结合识别用户的信息"

REQUIRED_TYPE_IDS = [
    "identity.name",
    "identity.dob",
    "identity.id_number",
    "identity.id_image",
    "identity.gender",
    "identity.age",
    "contact.address",
    "contact.phone_number",
    "contact.email",
    "account.id",
    "account.password",
    "account.token",
    "account.device_accounts",
    "usage.time",
    "usage.browsing_history",
    "usage.app_usage",
    "location.precise",
    "location.coarse",
    "location.trajectory",
    "location.wifi",
    "location.cell",
    "location.accommodation",
    "device.imei",
    "device.meid",
    "device.imsi",
    "device.iccid",
    "device.android_id",
    "device.serial",
    "device.mac",
    "device.bt_mac",
    "device.oaid",
    "device.gaid",
    "device.ip",
    "device.info",
    "device.sensors",
    "apps.installed_list",
    "apps.running_processes",
    "contacts",
    "comm.sms",
    "comm.call_log",
    "comm.calendar",
    "comm.clipboard",
    "media.photos",
    "media.audio",
    "media.camera",
    "bio.face",
    "bio.fingerprint",
    "bio.voiceprint",
    "health.data",
    "finance.bank_card",
    "finance.payment_account",
    "finance.transactions",
    "social.friends",
    "special.religion",
    "special.sexual_orientation",
    "special.criminal_record",
    "minor.flag",
    "derived.profile_tags",
]

TYPE_KEYS = {
    "id",
    "en",
    "zh",
    "group",
    "description",
    "p24",
    "gbt35273",
    "pipl28",
    "immutable_device_id",
    "resettable",
}
TYPE_OPTIONAL_KEYS = {"note", "kind_unknown"}

SOURCE_COMMON = {"id", "kind", "pi", "permission"}
SOURCE_ANY_KIND = {"permission_also", "own_uid_arg"}  # optional for every kind
SOURCE_KIND_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required beyond the common keys, optional)
    "call": ({"class", "method", "params"}, {"note"}),
    "field": ({"class", "field"}, {"note"}),
    "content_uri": ({"uri"}, {"class", "field", "note"}),
    "settings_key": ({"class", "key"}, {"note"}),
    "callback": ({"class", "method", "param"}, {"params", "note"}),
    "intent_action": ({"action"}, {"note", "extras", "data"}),
}
SETTINGS_CLASSES = {
    "android.provider.Settings$Secure",
    "android.provider.Settings$System",
    "android.provider.Settings$Global",
}

SINK_KEYS = {"id", "class", "method", "params", "sink", "args"}
SINK_KINDS = {
    "network",
    "log",
    "file",
    "external_storage",
    "shared_prefs",
    "sqlite",
    "sms",
    "ipc",
    "webview",
    "clipboard",
    "content_provider",
    "bluetooth",
    "script",
}

EXCLUSION_KEYS = {"class", "classes", "methods", "covered_by", "reason"}


# --------------------------------------------------------------------------- loading


def _load(name: str) -> dict[str, Any]:
    with open(POLICIES / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{name}: top level must be a mapping"
    return data


@pytest.fixture(scope="module")
def taxonomy() -> dict[str, Any]:
    return _load("taxonomy.yaml")


@pytest.fixture(scope="module")
def types(taxonomy: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in taxonomy["types"]}


@pytest.fixture(scope="module")
def sources_doc() -> dict[str, Any]:
    return _load("sources.yaml")


@pytest.fixture(scope="module")
def sources(sources_doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sources_doc["sources"]


@pytest.fixture(scope="module")
def sinks_doc() -> dict[str, Any]:
    return _load("sinks.yaml")


@pytest.fixture(scope="module")
def sinks(sinks_doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sinks_doc["sinks"]


@pytest.fixture(scope="module")
def exclusions() -> dict[str, Any]:
    return _load("flowdroid-exclusions.yaml")


def _check_class_name(name: Any) -> None:
    assert isinstance(name, str), name
    *packages, cls = name.split(".")
    assert packages, f"{name}: class must be fully qualified"
    bad = [p for p in packages if not PACKAGE_SEGMENT_RE.match(p)]
    assert not bad, f"{name}: package segments {bad} (nested classes use '$', not '.')"
    assert CLASS_SEGMENT_RE.match(cls), f"{name}: bad class segment {cls!r}"


def _check_params(entry_id: str, params: Any) -> None:
    if params == "any":
        return
    assert isinstance(params, list), f"{entry_id}: params must be 'any' or a list"
    for p in params:
        assert isinstance(p, str) and JAVA_TYPE_RE.match(p), f"{entry_id}: bad param type {p!r}"


def _params_key(params: Any) -> Any:
    return "any" if params == "any" else tuple(params)


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize("name", ["taxonomy.yaml", "sources.yaml", "sinks.yaml", "flowdroid-exclusions.yaml"])
def test_file_header(name: str) -> None:
    text = (POLICIES / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name}: must open with a comment header"
    assert "2026-11-23" in text.split("\nversion:")[0], f"{name}: header must state the date last checked"
    data = _load(name)
    assert data["version"] == 1
    assert data["checked"] == CHECKED


# --------------------------------------------------------------------------- taxonomy


def test_taxonomy_size_and_ids(taxonomy: dict[str, Any]) -> None:
    ids = [t["id"] for t in taxonomy["types"]]
    assert len(ids) >= 50
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate type ids: {dupes}"
    bad = [i for i in ids if not TYPE_ID_RE.match(i)]
    assert not bad, f"malformed type ids: {bad}"


def test_required_type_ids_present(types: dict[str, dict[str, Any]]) -> None:
    missing = [i for i in REQUIRED_TYPE_IDS if i not in types]
    assert not missing, f"missing taxonomy ids: {missing}"


def test_type_fields(types: dict[str, dict[str, Any]]) -> None:
    for tid, t in types.items():
        keys = set(t)
        assert keys >= TYPE_KEYS, f"{tid}: missing {TYPE_KEYS - keys}"
        assert keys <= TYPE_KEYS | TYPE_OPTIONAL_KEYS, (
            f"{tid}: unknown keys {keys - TYPE_KEYS - TYPE_OPTIONAL_KEYS}"
        )
        for k in ("en", "zh", "description"):
            assert isinstance(t[k], str) and t[k].strip(), f"{tid}: {k} must be a non-empty string"
        assert CJK_RE.search(t["zh"]), f"{tid}: zh has no Chinese text"
        assert t["group"] in GROUPS, f"{tid}: unknown group {t['group']}"
        assert t["group"] == tid.split(".")[0], f"{tid}: group must equal the id prefix"

        p24 = t["p24"]
        assert set(p24) == {"basis", "term", "verified"}, f"{tid}: p24 keys {set(p24)}"
        assert p24["basis"] in BASES, f"{tid}: p24.basis {p24['basis']}"
        assert p24["verified"] in VERIFIED, f"{tid}: p24.verified {p24['verified']}"

        g = t["gbt35273"]
        assert (
            {"category", "sensitive", "verified"} <= set(g) <= {"category", "sensitive", "note", "verified"}
        ), f"{tid}: gbt35273 keys {set(g)}"
        assert g["category"] is None or (isinstance(g["category"], str) and CJK_RE.search(g["category"])), (
            f"{tid}: gbt35273.category must be null or the Chinese Annex A category"
        )
        assert isinstance(g["sensitive"], bool), f"{tid}: gbt35273.sensitive must be a bool"
        assert g["verified"] in VERIFIED, f"{tid}: gbt35273.verified {g['verified']}"

        assert t["pipl28"] in PIPL28, f"{tid}: pipl28 {t['pipl28']}"
        assert isinstance(t["immutable_device_id"], bool) and isinstance(t["resettable"], bool), tid
        assert not (t["immutable_device_id"] and t["resettable"]), (
            f"{tid}: cannot be immutable and resettable"
        )


def test_p24_terms_match_basis(types: dict[str, dict[str, Any]]) -> None:
    for tid, t in types.items():
        basis, term, verified = t["p24"]["basis"], t["p24"]["term"], t["p24"]["verified"]
        if basis == "named":
            assert term in ART4_NAMED, f"{tid}: named basis needs one of the Art 4 named terms, got {term!r}"
            assert verified == "V", f"{tid}: a named Art 4 item is verified text"
        elif basis == "time_place":
            assert term in ART4_TIME_PLACE, (
                f"{tid}: time_place basis needs an Art 4 time/place term, got {term!r}"
            )
        else:
            assert term == ART4_IDENTIFIABILITY, f"{tid}: identifiability basis must quote the Art 4 clause"


@pytest.mark.parametrize("term", ART4_NAMED)
def test_art4_named_item_covered(types: dict[str, dict[str, Any]], term: str) -> None:
    assert any(t["p24"]["basis"] == "named" and t["p24"]["term"] == term for t in types.values()), (
        f"no taxonomy type rests on Art 4 named item {term}"
    )


@pytest.mark.parametrize("term", ART4_TIME_PLACE)
def test_art4_time_place_covered(types: dict[str, dict[str, Any]], term: str) -> None:
    assert any(t["p24"]["basis"] == "time_place" and t["p24"]["term"] == term for t in types.values()), (
        f"no taxonomy type rests on Art 4 {term}"
    )


@pytest.mark.parametrize(
    "tid, immutable",
    [
        ("device.imei", True),
        ("device.meid", True),
        ("device.imsi", True),
        ("device.iccid", True),
        ("device.serial", True),
        ("device.mac", True),
        ("device.bt_mac", True),
        ("device.oaid", False),
        ("device.gaid", False),
        ("device.android_id", False),
    ],
)
def test_immutable_device_ids(types: dict[str, dict[str, Any]], tid: str, immutable: bool) -> None:
    assert types[tid]["immutable_device_id"] is immutable


def test_only_device_types_are_identifiers(types: dict[str, dict[str, Any]]) -> None:
    flagged = [
        tid
        for tid, t in types.items()
        if (t["immutable_device_id"] or t["resettable"]) and t["group"] != "device"
    ]
    assert not flagged, f"identifier flags outside the device group: {flagged}"
    assert types["device.oaid"]["resettable"] and types["device.gaid"]["resettable"]


def test_pipl28_sensitive_types_are_gbt_sensitive(types: dict[str, dict[str, Any]]) -> None:
    odd = [tid for tid, t in types.items() if t["pipl28"] and not t["gbt35273"]["sensitive"]]
    assert not odd, f"PIPL Art 28 types not marked sensitive under GB/T 35273: {odd}"


# --------------------------------------------------------------------------- sources


def test_sources_size_and_ids(sources: list[dict[str, Any]]) -> None:
    assert len(sources) >= 150
    ids = [s.get("id") for s in sources]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate source ids: {dupes}"
    bad = [i for i in ids if not (isinstance(i, str) and ENTRY_ID_RE.match(i))]
    assert not bad, f"malformed source ids: {bad}"


def test_source_keys_per_kind(sources: list[dict[str, Any]]) -> None:
    for s in sources:
        sid, kind = s.get("id"), s.get("kind")
        assert kind in SOURCE_KIND_KEYS, f"{sid}: unknown kind {kind}"
        required, optional = SOURCE_KIND_KEYS[kind]
        keys = set(s)
        assert SOURCE_COMMON | required <= keys, f"{sid}: missing {(SOURCE_COMMON | required) - keys}"
        extra = keys - SOURCE_COMMON - SOURCE_ANY_KIND - required - optional
        assert not extra, f"{sid}: keys not allowed for kind {kind}: {extra}"


def test_source_values(sources: list[dict[str, Any]], types: dict[str, dict[str, Any]]) -> None:
    for s in sources:
        sid, kind = s["id"], s["kind"]
        pi = s["pi"]
        assert isinstance(pi, list) and pi and len(pi) == len(set(pi)), (
            f"{sid}: pi must be a non-empty list without repeats"
        )
        unknown = [p for p in pi if p not in types]
        assert not unknown, f"{sid}: pi ids not in taxonomy: {unknown}"
        perm = s["permission"]
        assert perm is None or (isinstance(perm, str) and PERMISSION_RE.match(perm)), (
            f"{sid}: bad permission {perm!r}"
        )
        if "note" in s:
            assert isinstance(s["note"], str) and s["note"].strip(), f"{sid}: empty note"
        if "class" in s:
            _check_class_name(s["class"])
        if kind in ("call", "callback"):
            assert METHOD_RE.match(s["method"]), f"{sid}: bad method {s['method']!r}"
            _check_params(sid, s.get("params", "any"))
        if kind == "callback":
            assert isinstance(s["param"], int) and not isinstance(s["param"], bool) and s["param"] >= 0, (
                f"{sid}: callback param must be a 0-based int"
            )
        if kind == "field":
            assert re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", s["field"]), f"{sid}: bad field {s['field']!r}"
        if kind == "content_uri":
            assert s["uri"].startswith("content://") and len(s["uri"]) > len("content://"), f"{sid}: bad uri"
            assert ("class" in s) == ("field" in s), (
                f"{sid}: give both class and field of the Uri constant, or neither"
            )
        if kind == "settings_key":
            assert s["class"] in SETTINGS_CLASSES, f"{sid}: settings class {s['class']}"
            assert re.match(r"^[a-z0-9_]+$", s["key"]), f"{sid}: bad settings key {s['key']!r}"
        if kind == "intent_action":
            assert re.match(r"^[A-Za-z0-9_.]+\.[A-Z0-9_]+$", s["action"]), (
                f"{sid}: bad action {s['action']!r}"
            )


def test_no_duplicate_source_targets(sources: list[dict[str, Any]]) -> None:
    def target(s: dict[str, Any]) -> tuple[Any, ...]:
        kind = s["kind"]
        if kind == "call":
            return (kind, s["class"], s["method"], _params_key(s["params"]))
        if kind == "callback":
            return (kind, s["class"], s["method"], s["param"])
        if kind == "field":
            return (kind, s["class"], s["field"])
        if kind == "content_uri":
            return (kind, s["uri"])
        if kind == "settings_key":
            return (kind, s["class"], s["key"])
        return (kind, s["action"])

    dupes = [t for t, n in Counter(target(s) for s in sources).items() if n > 1]
    assert not dupes, f"duplicate source targets: {dupes}"
    # A method listed with params 'any' must not also appear with specific params.
    by_method: dict[tuple[str, str], list[Any]] = {}
    for s in sources:
        if s["kind"] == "call":
            by_method.setdefault((s["class"], s["method"]), []).append(_params_key(s["params"]))
    mixed = [m for m, ps in by_method.items() if "any" in ps and len(ps) > 1]
    assert not mixed, f"'any' overlaps specific overloads: {mixed}"


def _find_sources(sources: list[dict[str, Any]], cls: str, member: str) -> list[dict[str, Any]]:
    return [
        s
        for s in sources
        if s.get("class") == cls and member in (s.get("method"), s.get("field"), s.get("key"))
    ]


# Mapping conventions other parts of piflow rely on: (class, method/field/key, expected pi set).
SOURCE_CONVENTIONS = [
    ("android.telephony.TelephonyManager", "getDeviceId", {"device.imei"}),
    ("android.telephony.TelephonyManager", "getImei", {"device.imei"}),
    ("android.telephony.TelephonyManager", "getMeid", {"device.meid"}),
    ("android.telephony.TelephonyManager", "getSubscriberId", {"device.imsi"}),
    ("android.telephony.TelephonyManager", "getSimSerialNumber", {"device.iccid"}),
    ("android.telephony.TelephonyManager", "getLine1Number", {"contact.phone_number"}),
    ("android.telephony.TelephonyManager", "getSimOperator", {"device.info"}),
    ("android.telephony.TelephonyManager", "getNetworkOperator", {"device.info"}),
    ("android.telephony.TelephonyManager", "getCellLocation", {"location.cell"}),
    ("android.telephony.TelephonyManager", "getAllCellInfo", {"location.cell"}),
    ("android.telephony.TelephonyManager", "getNeighboringCellInfo", {"location.cell"}),
    ("android.provider.Settings$Secure", "android_id", {"device.android_id"}),
    ("android.provider.Settings$System", "android_id", {"device.android_id"}),
    ("android.os.Build", "SERIAL", {"device.serial"}),
    ("android.os.Build", "getSerial", {"device.serial"}),
    ("android.os.Build", "MODEL", {"device.info"}),
    ("android.os.Build", "FINGERPRINT", {"device.info"}),
    ("android.location.LocationManager", "getLastKnownLocation", {"location.precise"}),
    ("android.location.LocationManager", "requestLocationUpdates", {"location.precise"}),
    ("android.location.Location", "getLatitude", {"location.precise"}),
    ("android.location.LocationListener", "onLocationChanged", {"location.precise"}),
    ("com.google.android.gms.location.FusedLocationProviderClient", "getLastLocation", {"location.precise"}),
    ("com.amap.api.location.AMapLocationClient", "startLocation", {"location.precise"}),
    ("com.baidu.location.LocationClient", "start", {"location.precise"}),
    ("android.net.wifi.WifiInfo", "getMacAddress", {"device.mac"}),
    ("java.net.NetworkInterface", "getHardwareAddress", {"device.mac"}),
    ("android.bluetooth.BluetoothAdapter", "getAddress", {"device.bt_mac"}),
    ("android.net.wifi.WifiManager", "getScanResults", {"location.wifi"}),
    ("android.net.wifi.WifiInfo", "getBSSID", {"location.wifi"}),
    ("android.net.wifi.WifiManager", "getConnectionInfo", {"location.wifi", "device.mac"}),
    ("android.content.pm.PackageManager", "getInstalledPackages", {"apps.installed_list"}),
    ("android.content.pm.PackageManager", "queryIntentActivities", {"apps.installed_list"}),
    ("android.app.ActivityManager", "getRunningAppProcesses", {"apps.running_processes"}),
    ("android.provider.ContactsContract$CommonDataKinds$Phone", "CONTENT_URI", {"contacts"}),
    ("android.provider.Telephony$Sms", "CONTENT_URI", {"comm.sms"}),
    ("android.provider.CallLog$Calls", "CONTENT_URI", {"comm.call_log"}),
    ("android.content.ClipboardManager", "getPrimaryClip", {"comm.clipboard"}),
    ("android.media.AudioRecord", "read", {"media.audio"}),
    ("android.media.MediaRecorder", "start", {"media.audio"}),
    ("android.hardware.Camera", "open", {"media.camera"}),
    ("android.hardware.camera2.CameraManager", "openCamera", {"media.camera"}),
    ("android.accounts.AccountManager", "getAccounts", {"account.device_accounts"}),
    ("android.hardware.SensorManager", "registerListener", {"device.sensors"}),
    ("android.hardware.SensorEventListener", "onSensorChanged", {"device.sensors"}),
    ("com.bun.miitmdid.interfaces.IdSupplier", "getOAID", {"device.oaid"}),
    ("com.huawei.hms.ads.identifier.AdvertisingIdClient", "getAdvertisingIdInfo", {"device.oaid"}),
    ("com.google.android.gms.ads.identifier.AdvertisingIdClient$Info", "getId", {"device.gaid"}),
]


@pytest.mark.parametrize("cls, member, expected", SOURCE_CONVENTIONS)
def test_source_mapping_conventions(
    sources: list[dict[str, Any]], cls: str, member: str, expected: set[str]
) -> None:
    found = _find_sources(sources, cls, member)
    assert found, f"{cls} {member} is not catalogued"
    for s in found:
        assert set(s["pi"]) == expected, f"{s['id']}: expected pi {sorted(expected)}, got {s['pi']}"


def test_uri_and_action_conventions(sources: list[dict[str, Any]]) -> None:
    uris = {s["uri"]: set(s["pi"]) for s in sources if s["kind"] == "content_uri"}
    assert uris.get("content://com.android.contacts") == {"contacts"}
    assert uris.get("content://sms") == {"comm.sms"}
    assert uris.get("content://mms") == {"comm.sms"}
    assert uris.get("content://call_log") == {"comm.call_log"}
    actions = {s["action"]: set(s["pi"]) for s in sources if s["kind"] == "intent_action"}
    assert actions.get("android.provider.Telephony.SMS_RECEIVED") == {"comm.sms"}


def test_not_sources_are_absent(sources_doc: dict[str, Any]) -> None:
    not_sources = sources_doc["not_sources"]
    assert not_sources, "not_sources documents deliberate omissions and must not be empty"
    for n in not_sources:
        assert set(n) in ({"class", "method", "reason"}, {"class", "field", "reason"}), n
        member = n.get("method", n.get("field"))
        hits = _find_sources(sources_doc["sources"], n["class"], member)
        assert not hits, (
            f"{n['class']} {member} is declared not a source but catalogued: {[h['id'] for h in hits]}"
        )
    listed = {(n["class"], n.get("method", n.get("field"))) for n in not_sources}
    for required in [
        ("android.hardware.biometrics.BiometricPrompt", "authenticate"),
        ("android.hardware.fingerprint.FingerprintManager", "authenticate"),
        ("android.widget.EditText", "getText"),
        ("android.location.Location", "<init>"),
    ]:
        assert required in listed, f"{required} must be documented in not_sources"


# --------------------------------------------------------------------------- sinks


def test_sinks_size_and_ids(sinks: list[dict[str, Any]]) -> None:
    assert len(sinks) >= 100
    ids = [s.get("id") for s in sinks]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate sink ids: {dupes}"
    bad = [i for i in ids if not (isinstance(i, str) and ENTRY_ID_RE.match(i))]
    assert not bad, f"malformed sink ids: {bad}"


def test_sink_fields(sinks: list[dict[str, Any]]) -> None:
    for s in sinks:
        sid = s["id"]
        keys = set(s)
        assert SINK_KEYS <= keys <= SINK_KEYS | {"note"}, f"{sid}: keys {keys}"
        _check_class_name(s["class"])
        assert METHOD_RE.match(s["method"]), f"{sid}: bad method {s['method']!r}"
        _check_params(sid, s["params"])
        assert s["sink"] in SINK_KINDS, f"{sid}: unknown sink kind {s['sink']}"
        args = s["args"]
        assert isinstance(args, list) and args, f"{sid}: args must be a non-empty list"
        assert len(args) == len(set(map(str, args))), f"{sid}: repeated args"
        for a in args:
            if a == "this":
                continue
            assert isinstance(a, int) and not isinstance(a, bool) and a >= 0, f"{sid}: bad arg {a!r}"
            if isinstance(s["params"], list):
                assert a < len(s["params"]), f"{sid}: arg {a} beyond {len(s['params'])} params"
        if s["method"] == "<init>":
            assert "this" not in args, f"{sid}: a constructor's receiver is not yet built"


def test_no_duplicate_sink_targets(sinks: list[dict[str, Any]]) -> None:
    targets = Counter((s["class"], s["method"], _params_key(s["params"])) for s in sinks)
    dupes = [t for t, n in targets.items() if n > 1]
    assert not dupes, f"duplicate sink targets: {dupes}"


def test_every_sink_kind_used(sinks: list[dict[str, Any]]) -> None:
    assert {s["sink"] for s in sinks} == SINK_KINDS


def test_data_holders_are_not_sinks(sinks: list[dict[str, Any]]) -> None:
    """Filling an Intent or Bundle is not a leak; sending it is (the taint analysis follows the holder)."""
    holders = [s["id"] for s in sinks if s["class"] in ("android.content.Intent", "android.os.Bundle")]
    assert holders == []


@pytest.mark.parametrize(
    "cls, method, kind",
    [
        ("java.net.URLConnection", "getOutputStream", "network"),
        ("java.net.URLConnection", "setRequestProperty", "network"),
        ("okhttp3.Request$Builder", "url", "network"),
        ("okhttp3.RequestBody", "create", "network"),
        ("okhttp3.Call", "execute", "network"),
        ("org.apache.http.client.HttpClient", "execute", "network"),
        ("com.android.volley.RequestQueue", "add", "network"),
        ("java.net.DatagramSocket", "send", "network"),
        ("android.webkit.WebView", "loadUrl", "webview"),
        ("android.util.Log", "d", "log"),
        ("android.util.Log", "println", "log"),
        ("java.io.PrintStream", "println", "log"),
        ("java.io.FileOutputStream", "write", "file"),
        ("java.io.OutputStream", "write", "file"),
        ("android.provider.MediaStore$Images$Media", "insertImage", "external_storage"),
        ("android.content.SharedPreferences$Editor", "putString", "shared_prefs"),
        ("android.database.sqlite.SQLiteDatabase", "execSQL", "sqlite"),
        ("android.content.ContentResolver", "insert", "content_provider"),
        ("android.telephony.SmsManager", "sendTextMessage", "sms"),
        ("android.content.Context", "sendBroadcast", "ipc"),
        ("android.app.Activity", "setResult", "ipc"),
        ("android.content.Context", "startService", "ipc"),
        ("android.os.Messenger", "send", "ipc"),
        ("android.content.ClipboardManager", "setPrimaryClip", "clipboard"),
        ("android.bluetooth.BluetoothSocket", "getOutputStream", "bluetooth"),
    ],
)
def test_core_sinks_present(sinks: list[dict[str, Any]], cls: str, method: str, kind: str) -> None:
    found = [s for s in sinks if s["class"] == cls and s["method"] == method]
    assert found, f"{cls}.{method} missing from sinks"
    assert all(s["sink"] == kind for s in found), f"{cls}.{method} should be a {kind} sink"


# --------------------------------------------------------------------------- FlowDroid coverage


@dataclass(frozen=True)
class FlowDroidEntry:
    """One method signature from FlowDroid's SourcesAndSinks.txt."""

    cls: str
    name: str
    params: tuple[str, ...]
    roles: frozenset[str]  # subset of {"source", "sink"}


_FD_LINE = re.compile(
    r"^<(?P<cls>[^:<>]+):\s+(?P<ret>\S+)\s+(?P<member>[^>]+)>\s*(?P<perm>\S+)?\s*->\s*"
    r"(?P<role>_SOURCE_|_SINK_|_BOTH_)\s*$"
)
_FD_ROLES = {"_SOURCE_": {"source"}, "_SINK_": {"sink"}, "_BOTH_": {"source", "sink"}}


def parse_flowdroid(text: str) -> list[FlowDroidEntry]:
    """Parse FlowDroid's list; '%' lines are comments, duplicates are merged."""
    merged: dict[tuple[str, str, tuple[str, ...]], set[str]] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        m = _FD_LINE.match(line)
        if not m:
            raise ValueError(f"line {lineno}: cannot parse {line!r}")
        member = m["member"].strip()
        if "(" in member:
            name, _, rest = member.partition("(")
            params_text = rest.rstrip(")")
        else:  # a few upstream lines lack the opening parenthesis: "getLoginPage)"
            name, params_text = member.rstrip(")"), ""
        params = tuple(p.split()[0] for p in params_text.split(",") if p.strip())
        merged.setdefault((m["cls"], name.strip(), params), set()).update(_FD_ROLES[m["role"]])
    return [FlowDroidEntry(c, n, p, frozenset(r)) for (c, n, p), r in merged.items()]


def test_parse_flowdroid_examples() -> None:
    text = "\n".join(
        [
            "% comment <a.B: void x()> -> _SOURCE_",
            "<android.telephony.TelephonyManager: java.lang.String getDeviceId()>"
            " android.permission.READ_PHONE_STATE -> _SOURCE_",
            "<java.net.URL: java.io.InputStream openStream()> -> _BOTH_",
            "<android.util.Log: int d(java.lang.String,java.lang.String)> -> _SINK_ ",
            "<android.util.Log: int d(java.lang.String,java.lang.String)> -> _SINK_",
            "<x.y.Parser: java.lang.String getLoginPage)> -> _SOURCE_",
            "<a.B: void m(java.lang.String, boolean)> -> _SINK_",
        ]
    )
    entries = {(e.cls, e.name, e.params): e.roles for e in parse_flowdroid(text)}
    assert entries == {
        ("android.telephony.TelephonyManager", "getDeviceId", ()): {"source"},
        ("java.net.URL", "openStream", ()): {"source", "sink"},
        ("android.util.Log", "d", ("java.lang.String", "java.lang.String")): {"sink"},
        ("x.y.Parser", "getLoginPage", ()): {"source"},
        ("a.B", "m", ("java.lang.String", "boolean")): {"sink"},
    }
    with pytest.raises(ValueError):
        parse_flowdroid("<broken line")


@pytest.fixture(scope="module")
def flowdroid() -> list[FlowDroidEntry]:
    if not SHARED.is_dir():
        pytest.skip(f"shared reference folder {SHARED} not found; set PIFLOW_SHARED to it (CI always has it)")
    assert FLOWDROID_FILE.is_file(), f"{FLOWDROID_FILE} missing from the shared folder"
    return parse_flowdroid(FLOWDROID_FILE.read_text(encoding="utf-8"))


def _exclusion_classes(ex: dict[str, Any]) -> list[str]:
    return [ex["class"]] if "class" in ex else list(ex["classes"])


def _excludes(ex: dict[str, Any], e: FlowDroidEntry) -> bool:
    return e.cls in _exclusion_classes(ex) and ("methods" not in ex or e.name in ex["methods"])


def _covers(entries: list[dict[str, Any]], e: FlowDroidEntry) -> bool:
    return any(
        c.get("class") == e.cls
        and c.get("method") == e.name
        and _params_key(c.get("params", "any")) in ("any", e.params)
        for c in entries
    )


def _catalogue_for(
    role: str, sources: list[dict[str, Any]], sinks: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    return [s for s in sources if s["kind"] in ("call", "callback")] if role == "source" else sinks


@pytest.mark.parametrize("section", ["sources", "sinks"])
def test_exclusion_entries_well_formed(exclusions: dict[str, Any], section: str) -> None:
    entries = exclusions[section]
    assert entries, f"{section}: empty"
    seen: dict[str, set[str]] = {}  # class -> excluded methods ("*" = whole class)
    for ex in entries:
        keys = set(ex)
        assert keys <= EXCLUSION_KEYS, f"unknown keys {keys - EXCLUSION_KEYS}"
        assert ("class" in ex) != ("classes" in ex), f"{ex}: give exactly one of class/classes"
        for cls in _exclusion_classes(ex):
            _check_class_name(cls)
        reason = ex.get("reason")
        assert isinstance(reason, str) and len(reason.split()) >= 5, f"{ex}: needs a specific reason"
        methods = ex.get("methods")
        assert methods is None or (isinstance(methods, list) and methods), (
            f"{ex}: methods must be a non-empty list"
        )
        if "covered_by" in ex:
            assert methods, f"{ex}: covered_by needs an explicit method list"
        for cls in _exclusion_classes(ex):
            before = seen.setdefault(cls, set())
            now = set(methods or ["*"])
            clash = before & now or ("*" in before | now and before)
            assert not clash, f"{cls} excluded twice in {section}"
            before |= now


@pytest.mark.parametrize("role", ["source", "sink"])
def test_flowdroid_coverage(
    flowdroid: list[FlowDroidEntry],
    exclusions: dict[str, Any],
    sources: list[dict[str, Any]],
    sinks: list[dict[str, Any]],
    role: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalogue = _catalogue_for(role, sources, sinks)
    excl = exclusions[role + "s"]
    relevant = [e for e in flowdroid if role in e.roles]
    covered = [e for e in relevant if _covers(catalogue, e)]
    excluded = [e for e in relevant if not _covers(catalogue, e) and any(_excludes(x, e) for x in excl)]
    missing = [e for e in relevant if e not in covered and e not in excluded]
    with capsys.disabled():
        print(
            f"\nFlowDroid {role}s: {len(covered)} covered, {len(excluded)} excluded, "
            f"{len(missing)} missing, {len(relevant)} total (unique signatures)"
        )
    assert not missing, "FlowDroid {}s neither catalogued nor excluded:\n{}".format(
        role, "\n".join(f"  {e.cls} {e.name}({','.join(e.params)})" for e in missing)
    )


@pytest.mark.parametrize("role", ["source", "sink"])
def test_flowdroid_exclusions_not_stale_or_redundant(
    flowdroid: list[FlowDroidEntry],
    exclusions: dict[str, Any],
    sources: list[dict[str, Any]],
    sinks: list[dict[str, Any]],
    role: str,
) -> None:
    catalogue = _catalogue_for(role, sources, sinks)
    relevant = [e for e in flowdroid if role in e.roles]
    for ex in exclusions[role + "s"]:
        for cls in _exclusion_classes(ex):
            hits = [e for e in relevant if e.cls == cls and ("methods" not in ex or e.name in ex["methods"])]
            assert hits, f"stale exclusion: no FlowDroid {role} in {cls} {ex.get('methods', '')}"
            for m in ex.get("methods", []):
                assert any(e.name == m for e in hits), f"stale exclusion: no FlowDroid {role} {cls}.{m}"
            redundant = [e for e in hits if _covers(catalogue, e)]
            assert not redundant, f"excluded but also catalogued, drop the exclusion: {redundant}"
        if "covered_by" in ex:
            for m in ex["methods"]:
                assert any(c["class"] == ex["covered_by"] and c["method"] == m for c in catalogue), (
                    f"covered_by {ex['covered_by']} does not catalogue {m}"
                )
