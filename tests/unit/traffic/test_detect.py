"""Detection on whole messages: known values in every encoding, shapes, keys, and what must stay quiet."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from urllib.parse import quote, urlencode

import pytest

from analyzer.common.masking import mask, mask_endpoint
from analyzer.kb.catalogue import load_kb
from analyzer.model import Confidence
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector
from analyzer.traffic.model import Message
from analyzer.traffic.profile import load_profile
from tests.conftest import REPO

PROFILE = load_profile(REPO / "samples" / "device-profile.yaml")
IMEI = "869876041234561"


@pytest.fixture(scope="module")
def with_profile() -> Detector:
    return Detector(PROFILE, Attributor(load_kb(), app="com.example.shop"))


@pytest.fixture(scope="module")
def no_profile() -> Detector:
    return Detector(None, Attributor(load_kb(), app="com.example.shop"))


def _req(query: str = "", body: bytes = b"", headers: tuple[tuple[str, str], ...] = (),
         host: str = "log.umeng.com", direction: str = "request") -> Message:
    return Message("f1", direction, "POST", "https", host, 443, "/v1/log", query=query, headers=headers,
                   body=body, timestamp=1700000000.5, tls=True, http_version="HTTP/2.0")


def _found(d: Detector, m: Message, minimum: Confidence = Confidence.MEDIUM) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for o in d.detect(m, "consent-refused"):
        if o.confidence >= minimum:
            out.setdefault(o.pi, set()).add(o.encoding)
    return out


ENCODED = {
    "plain": IMEI,
    "url": quote(json.dumps({"imei": IMEI})),
    "base64": base64.b64encode(f'{{"x":"{IMEI}"}}'.encode()).decode(),
    "md5": hashlib.md5(IMEI.encode()).hexdigest(),
    "MD5": hashlib.md5(IMEI.encode()).hexdigest().upper(),
    "sha1": hashlib.sha1(IMEI.encode()).hexdigest(),
    "sha256": hashlib.sha256(IMEI.encode()).hexdigest(),
    "hex": IMEI.encode().hex(),
    "b64url-offset": base64.urlsafe_b64encode(b"\xfb\xff" + b"k=" + IMEI.encode()).decode(),
}


@pytest.mark.parametrize("label", sorted(ENCODED))
def test_known_imei_in_every_encoding(with_profile: Detector, label: str) -> None:
    m = _req(query=urlencode({"p": ENCODED[label], "t": "1700000000"}))
    assert "device.imei" in _found(with_profile, m)


def test_known_values_in_body_encodings(with_profile: Detector) -> None:
    payload = {"mac": "3CA9F45E2107", "tel": "+8613912345678", "geo": {"la": 39.9088, "lo": 116.3975},
               "apps": ["com.tencent.mm", "com.sina.weibo"], "u": "李卫东"}
    body = gzip.compress(json.dumps(payload, ensure_ascii=True).encode())
    found = _found(with_profile, _req(body=body, headers=(("Content-Encoding", "gzip"),
                                                          ("Content-Type", "application/json"))))
    assert set(found) >= {"device.mac", "contact.phone_number", "location.precise", "apps.installed_list",
                          "identity.name"}
    assert "gzip>json>rounded" in found["location.precise"]


def test_observation_fields(with_profile: Detector) -> None:
    obs = with_profile.detect(_req(query=f"imei={IMEI}"), "consent-refused")
    [o] = [o for o in obs if o.pi == "device.imei"]
    assert o.location == "query:imei" and o.encoding == "plain" and o.detector == "profile:imei[0]"
    assert o.excerpt == mask(IMEI) and IMEI not in o.excerpt
    assert o.phase == "consent-refused" and o.timestamp == 1700000000.5
    assert o.attribution.sdk == "umeng-analytics" and o.attribution.party == "third"
    assert o.tls and o.http_version == "HTTP/2.0" and o.confidence is Confidence.HIGH


def test_show_values() -> None:
    d = Detector(PROFILE, Attributor(None), show_values=True)
    [o] = [o for o in d.detect(_req(query=f"imei={IMEI}"), "x") if o.pi == "device.imei"]
    assert o.excerpt == IMEI


def test_location_needs_both_coordinates(with_profile: Detector) -> None:
    assert "location.precise" not in _found(with_profile, _req(query="a=39.908823&b=1"))
    assert "location.precise" in _found(with_profile, _req(query="a=39.908823&b=116.397470"))


def test_one_installed_app_is_not_a_list(with_profile: Detector) -> None:
    assert "apps.installed_list" not in _found(with_profile, _req(query="share=com.tencent.mm"))


def test_profile_free_shapes_and_keys(no_profile: Detector) -> None:
    body = json.dumps({"device": {"imei": "356938035643809", "androidId": "a1b2c3d4e5f60718",
                                  "oaid": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
                                  "wifiMac": "a4:50:46:01:23:45",
                                  "bssid": "c8:3a:35:0d:4e:2f"},
                       "user": {"shouji": "13700001111", "sfz": "11010519491231002X", "mima": "s3cret!"},
                       "loc": {"lat": "31.230416", "lng": "121.473701"}}).encode()
    found = _found(no_profile, _req(body=body, headers=(("Content-Type", "application/json"),)))
    assert set(found) == {"device.imei", "device.android_id", "device.oaid", "device.mac", "location.wifi",
                          "contact.phone_number", "identity.id_number", "account.password",
                          "location.precise"}


def test_hashed_value_under_telling_key(no_profile: Detector) -> None:
    found = _found(no_profile, _req(query="imei_md5=" + hashlib.md5(b"x").hexdigest()))
    assert found == {"device.imei": {"hash"}}
    found = _found(no_profile, _req(query="mac_md5=" + hashlib.md5(b"x").hexdigest()))
    assert found == {"device.mac": {"hash"}}


NEGATIVES = [
    {"ts": 1700000000123, "order_id": "490154203237518",
     "request_id": "7a1f3c9e-2b4d-4f6a-8c1e-9d2b3a4c5e6f"},
    {"sign": hashlib.md5(b"whatever").hexdigest(), "nonce": "139123456781", "ver": "13.9.1234"},
    {"uuid": "7a1f3c9e-2b4d-4f6a-8c1e-9d2b3a4c5e6f", "trace": "00-4bf92f3577b34da6a3ce929d0e0e4736-01"},
    {"imei": "", "mac": "02:00:00:00:00:00", "androidId": "unknown", "phone": "null",
     "lat": "0.0", "lng": "0.0"},
    {"icon": "icon@2x.png", "price": "4012888888881881", "event": "app_start", "duration": 15340},
    {"name": "app_launch", "address": "https://api.example.com/v1", "serial": "unknown"},
    {"password_policy": "at least 8 characters", "real_name_status": "verified 认证通过"},
    {"ad_slot": "869876041234561x", "pkg": "com.example.shop", "cid": "460011234567890"},
    {"mac": hashlib.sha256(b"request body").hexdigest(), "location": "home_page"},  # an HMAC
]


@pytest.mark.parametrize("payload", NEGATIVES)
def test_lookalikes_stay_quiet(no_profile: Detector, payload: dict[str, object]) -> None:
    body = json.dumps(payload).encode()
    assert _found(no_profile, _req(body=body, headers=(("Content-Type", "application/json"),))) == {}


def test_response_shapes_are_demoted(no_profile: Detector) -> None:
    m = _req(body=b'{"msg": "call 13912345678"}', direction="response")
    assert _found(no_profile, m) == {}
    assert "contact.phone_number" in _found(no_profile, m, Confidence.LOW)


def test_message_without_pi_is_fast_path(with_profile: Detector) -> None:
    assert with_profile.detect(_req(query="a=1&b=hello", body=b"plain words"), "x") == []


def test_mask_endpoint() -> None:
    assert mask_endpoint("https://h.com/u/13912345678/x") == "https://h.com/u/13*******78/x"
    assert mask_endpoint("https://h.com/u/13912345678/x", show=True).endswith("13912345678/x")


HOSTILE = {
    "one known value 100k times, unparsed": json.dumps({f"k{i}": "13912345678" for i in range(100_000)}),
    "40k known values parsed": json.dumps({f"k{i}": "13912345678" for i in range(40_000)}),
    "150k distinct keys": json.dumps({f"key_{i}_x": i for i in range(150_000)}),
    "100k phone numbers in a list": json.dumps([f"13700001111 {i}" for i in range(100_000)]),
    "2.4 MB of digits": "13700001111 " * 200_000,
    "3 MB of at signs": "@" * 3_000_000,
    "100k form fields": "&".join(f"imei{i}=356938035643809" for i in range(100_000)),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("ctype", ["application/json", "application/x-www-form-urlencoded"])
def test_hostile_bodies_are_bounded_in_time(with_profile: Detector, name: str, ctype: str) -> None:
    import time

    m = _req(body=HOSTILE[name].encode(), headers=(("Content-Type", ctype),))
    t0 = time.perf_counter()
    with_profile.detect(m, "x")
    assert time.perf_counter() - t0 < 4.0   # the budget is 1 s; slack for a loaded CI machine


PI_IN_URL = ("/u/%E6%9D%8E%E5%8D%AB%E4%B8%9C/tel/139-1234-5678/mail/li.wei.test%40example.com/"
             "imei/869876041234561")
CLEAR = ("%E6%9D%8E%E5%8D%AB%E4%B8%9C", "139-1234-5678", "li.wei.test%40", "869876041234561",
         "868001234567890")


@pytest.mark.parametrize("profile", [True, False])
def test_pi_in_the_path_and_host_is_masked_like_the_excerpt(profile: bool, with_profile: Detector,
                                                             no_profile: Detector) -> None:
    d = with_profile if profile else no_profile
    m = Message("f1", "request", "GET", "https", "868001234567890.t.example.com", 443, PI_IN_URL,
                query=f"imei={IMEI}", headers=(), body=b"", timestamp=1.0, tls=True, http_version="HTTP/2.0")
    obs = d.detect(m, "pre-consent")
    assert obs  # the IMEI in the query at least
    for o in obs:
        for text in (o.endpoint, o.host):
            assert not any(c in text for c in CLEAR), text
    assert all(o.host.endswith(".t.example.com") for o in obs)  # the rest of the name stays readable
    shown = Detector(PROFILE, Attributor(load_kb()), show_values=True).detect(m, "pre-consent")
    assert shown and shown[0].host == "868001234567890.t.example.com" and PI_IN_URL in shown[0].endpoint


def test_a_known_value_as_a_protobuf_map_key_is_still_found(with_profile: Detector) -> None:
    def ld(number: int, data: bytes) -> bytes:
        return bytes([number << 3 | 2, len(data)]) + data

    names = "李卫东".encode()  # reads as a key name: the entry's value is keyed by it, the key text kept too
    body = ld(1, ld(2, ld(1, names) + ld(2, b"vip")) + ld(2, ld(1, b"level") + ld(2, b"3")))
    m = _req(body=body, headers=(("Content-Type", "application/x-protobuf"),), host="api.example.net")
    assert "identity.name" in _found(with_profile, m)
