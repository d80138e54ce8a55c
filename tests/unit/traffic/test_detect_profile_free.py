"""Without a device profile: every validated shape issue 4 lists, and key names in English and pinyin.

Values here are made up for the test (valid check digits), never the profile's, and sit in requests to a
neutral host; each case states the PI type and the confidence it must reach.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from analyzer.model import Confidence
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector
from analyzer.traffic.model import Message
from tests.unit.traffic.protobuf import pb_field

DETECTOR = Detector(None, Attributor(None))
H, M = Confidence.HIGH, Confidence.MEDIUM


def _found(payload: dict[str, object], as_json: bool = True,
           direction: str = "request") -> dict[str, Confidence]:
    body = json.dumps(payload).encode() if as_json else urlencode(payload).encode()  # type: ignore[arg-type]
    ctype = "application/json" if as_json else "application/x-www-form-urlencoded"
    m = Message("f", direction, "POST", "https", "api.example.net", 443, "/c",
                headers=(("content-type", ctype),), body=body, tls=True)
    out: dict[str, Confidence] = {}
    for o in DETECTOR.detect(m, "x"):
        out[o.pi] = max(out.get(o.pi, Confidence.LOW), o.confidence)
    return out


SHAPES = [  # (value under a neutral key, PI type, confidence at least)
    ("356938035643809", "device.imei", M),                  # Luhn, allocated reporting body
    ("460021234567891", "device.imsi", M),                  # MCC 460, MNC 02
    ("89860318640220133897", "device.iccid", M),            # 89 86 …, Luhn
    ("13700001111", "contact.phone_number", M),
    ("+86 186 1111 2222", "contact.phone_number", M),
    ("11010519491231002X", "identity.id_number", M),        # GB 11643 check digit X
    ("6222021234567890128", "finance.bank_card", M),        # UnionPay prefix, Luhn
    ("4012888888881881", "finance.bank_card", M),           # Visa test card
    ("zhang.san@example.org", "contact.email", M),
    ("a4:50:46:01:23:45", "device.mac", M),
    ("A4-50-46-01-23-45", "device.mac", M),
    ("31.230416,121.473701", "location.precise", M),
    ("call me on 13700001111 tonight", "contact.phone_number", M),
]


@pytest.mark.parametrize("value,pi,conf", SHAPES)
def test_validated_shapes_alone(value: str, pi: str, conf: Confidence) -> None:
    assert _found({"v": value, "n": 1}).get(pi, Confidence.LOW) >= conf


KEYS = [  # (payload, PI type, confidence at least)
    ({"imei": "356938035643809"}, "device.imei", H),
    ({"deviceImei": "356938035643809"}, "device.imei", H),
    ({"meid": "A1000049B2C3D4"}, "device.meid", M),
    ({"imsi": "460021234567891"}, "device.imsi", H),
    ({"iccid": "89860318640220133897"}, "device.iccid", H),
    ({"androidId": "a1b2c3d4e5f60718"}, "device.android_id", H),
    ({"android_id": "a1b2c3d4e5f60718"}, "device.android_id", H),
    ({"wifiMac": "a4:50:46:01:23:45"}, "device.mac", H),
    ({"mac": "A45046012345"}, "device.mac", H),
    ({"btMac": "a4:50:46:01:23:46"}, "device.bt_mac", H),
    ({"bssid": "c8:3a:35:0d:4e:2f"}, "location.wifi", H),
    ({"oaid": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"}, "device.oaid", H),
    ({"gaid": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"}, "device.gaid", H),
    ({"idfa": "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9"}, "device.gaid", H),
    ({"serialNo": "R58M12ABCDE"}, "device.serial", M),
    ({"mobile": "13700001111"}, "contact.phone_number", H),
    ({"shouji": "13700001111"}, "contact.phone_number", H),
    ({"sjhm": "13700001111"}, "contact.phone_number", H),
    ({"dianhua": "13700001111"}, "contact.phone_number", H),
    ({"email": "zhang.san@example.org"}, "contact.email", H),
    ({"youxiang": "zhang.san@example.org"}, "contact.email", H),
    ({"idcard": "11010519491231002X"}, "identity.id_number", H),
    ({"sfz": "11010519491231002X"}, "identity.id_number", H),
    ({"shenfenzheng": "11010519491231002X"}, "identity.id_number", H),
    ({"realName": "张三丰"}, "identity.name", M),
    ({"xingming": "张三丰"}, "identity.name", M),
    ({"password": "s3cret!"}, "account.password", M),
    ({"mima": "s3cret!"}, "account.password", M),
    ({"bankCard": "6222021234567890128"}, "finance.bank_card", H),
    ({"yinhangka": "6222021234567890128"}, "finance.bank_card", H),
    ({"lat": "31.230416", "lng": "121.473701"}, "location.precise", H),
    ({"latitude": 31.230416, "longitude": 121.473701}, "location.precise", H),
    ({"weidu": "31.230416", "jingdu": "121.473701"}, "location.precise", H),
    ({"lat": "31.23", "lon": "121.47"}, "location.coarse", H),
    ({"lac": 4301, "cid": 20113}, "location.cell", H),
    ({"ssid": "HomeNet-5G"}, "location.wifi", M),
    ({"dizhi": "上海市黄浦区南京东路100号"}, "contact.address", M),
    ({"applist": ["com.tencent.mm", "com.sina.weibo", "com.taobao.taobao"]}, "apps.installed_list", H),
    ({"lianxiren": [{"xingming": "张三丰", "shouji": "13700001111"}]}, "contacts", H),
    ({"contactList": [{"name": "张三丰", "phone": "13700001111"}]}, "contacts", H),
    ({"tongxunlu": "张三丰:13700001111;李四:13811112222"}, "contacts", M),
    ({"imei_md5": "d41d8cd98f00b204e9800998ecf8427f"}, "device.imei", M),   # hashed under a telling key
    ({"rdid": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"}, "device.gaid", H),        # Google ad SDKs' name
    ({"resettable_device_id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"}, "device.gaid", H),
    ({"deviceId": "a1b2c3d4e5f60718"}, "device.android_id", M),                 # ANDROID_ID's own shape
    ({"x-device-id": "a1b2c3d4e5f60718"}, "device.android_id", M),
    ({"cuid": "D41D8CD98F00B204E9800998ECF8427F|908346530839653"}, "device.imei", M),  # IMEI reversed
    ({"lat": 31230416, "lng": 121473701}, "location.precise", H),                # micro-degrees
    ({"adid": "a1b2c3d4e5f60718"}, "device.android_id", M),      # 'adid': the shape says Android ID
    ({"installed": ["com.tencent.mm", "com.sina.weibo", "com.taobao.taobao"]}, "apps.installed_list", H),
    ({"pkgs": "com.tencent.mm,com.sina.weibo,com.taobao.taobao"}, "apps.installed_list", H),
]


@pytest.mark.parametrize("payload,pi,conf", KEYS, ids=lambda x: "-".join(x) if isinstance(x, dict) else None)
def test_telling_keys_english_and_pinyin(payload: dict[str, object], pi: str, conf: Confidence) -> None:
    assert _found(payload).get(pi, Confidence.LOW) >= conf
    if all(isinstance(v, str) for v in payload.values()):
        assert _found(payload, as_json=False).get(pi, Confidence.LOW) >= conf     # as a form, too


QUIET = [  # telling keys over values that are no PI of the kind
    {"deviceId": "1700000000123456"}, {"did": "d41d8cd98f00b204e9800998ecf8427e"},
    {"deviceId": "7a1f3c9e-2b4d-4f6a-8c1e-9d2b3a4c5e6f"}, {"deviceId": "abcdefabcdefabcd"},
    {"cuid": "173984720394857"}, {"lat": 0, "lng": 0}, {"lat": 1700000000, "lng": 12},
    {"did": "ffffffffffffffff"}, {"installed": True, "pkgs": "com.example.shop"},
    {"adid": "1234567890123456"},
]


@pytest.mark.parametrize("payload", QUIET, ids=lambda p: json.dumps(p)[:40])
def test_telling_keys_over_other_values_stay_quiet(payload: dict[str, object]) -> None:
    assert {pi: c for pi, c in _found(payload).items() if c >= M} == {}


def test_received_pi_is_one_level_lower() -> None:
    assert _found({"shouji": "13700001111"}, direction="response")["contact.phone_number"] is M


def test_every_type_a_detector_can_name_is_in_the_taxonomy() -> None:
    from analyzer.kb.catalogue import load_kb
    from analyzer.traffic import shapes as pat
    from analyzer.traffic.keys import KIND_PI
    from analyzer.traffic.profile import load_profile
    from tests.conftest import REPO

    taxonomy = load_kb().taxonomy
    profile = load_profile(REPO / "samples" / "device-profile.yaml")
    named = set(KIND_PI.values()) | {kv.pi for kv in profile.values}
    named |= {h.pi for h in pat.scan_text(" ".join(v for v, _, _ in SHAPES))}
    named |= {pi for _, pi, _ in SHAPES + KEYS}
    assert named - set(taxonomy) == set()


# ----------------------------------------------------------------- an SDK's own field names (policies/wire)


def _to(host: str, payload: dict[str, object]) -> dict[str, Confidence]:
    from analyzer.kb.catalogue import load_kb

    det = Detector(None, Attributor(load_kb()))
    m = Message("f", "request", "POST", "https", host, 443, "/app_logs",
                headers=(("content-type", "application/json"),), body=json.dumps(payload).encode(), tls=True)
    out: dict[str, Confidence] = {}
    for o in det.detect(m, "x"):
        out[o.pi] = max(out.get(o.pi, Confidence.LOW), o.confidence)
    return out


def test_an_sdks_own_field_names_apply_to_that_sdks_hosts_only() -> None:
    payload = {"header": {"mc": "3CA9F4123456", "idmd5": "9e107d9d372bb6826bd81d3542a419d6", "vc": 52}}
    umeng = _to("alog.umeng.com", payload)  # Umeng's envelope: mc = MAC, idmd5 = MD5 of the device id
    assert umeng.get("device.mac", Confidence.LOW) >= M and umeng.get("device.imei", Confidence.LOW) >= M
    assert not {"device.mac", "device.imei"} & set(_to("api.example.net", payload))  # mc means nothing there


def test_an_sdks_own_field_names_still_need_the_kinds_shape() -> None:
    assert "device.mac" not in _to("alog.umeng.com", {"mc": "unknown", "idmd5": "0"})
    assert "device.mac" not in _to("alog.umeng.com", {"mc": "12345"})


# ----------------------------------------------------------------- protobuf map entries


_pb = pb_field


def _pb_found(body: bytes) -> dict[str, tuple[Confidence, str]]:
    det = Detector(None, Attributor(None))
    m = Message("f", "request", "POST", "https", "logs.example.net", 443, "/logs",
                headers=(("content-type", "application/x-protobuf"),), body=body, tls=True)
    return {o.pi: (o.confidence, o.location) for o in det.detect(m, "x")}


def test_protobuf_map_entries_take_the_generic_key_rules() -> None:
    def entry(k: bytes, v: bytes) -> bytes:
        return _pb(2, _pb(1, k) + _pb(2, v))

    log = entry(b"imei", b"867692043518725") + entry(b"lat", b"31.230416") + entry(b"lng", b"121.473701") \
        + entry(b"phone", b"13917254086") + entry(b"oaid", b"b7e4a1c2-9d3f-4e6a-8b5c-0f1e2d3c4b5a")
    got = _pb_found(_pb(1, log))
    assert got["device.imei"] == (Confidence.HIGH, "pb:1.2{imei}")
    assert got["location.precise"][0] is Confidence.HIGH  # lat and lng: sibling entries of one map
    assert got["contact.phone_number"][0] >= M
    assert got["device.oaid"] == (Confidence.HIGH, "pb:1.2{oaid}")  # a UUID only a key can name
    bare = _pb(1, _pb(2, _pb(1, b"\x01\x02") + _pb(2, b"b7e4a1c2-9d3f-4e6a-8b5c-0f1e2d3c4b5a")))
    assert "device.oaid" not in _pb_found(bare)  # no key name: a UUID says nothing
    apart = _pb(1, entry(b"lat", b"31.230416")) + _pb(1, entry(b"lng", b"121.473701"))
    assert "location.precise" not in _pb_found(apart)  # two logs' maps are not one object
