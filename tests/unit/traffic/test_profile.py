"""Device profiles: strict loading with one clear error per problem, and every spelling of each value."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from analyzer.errors import InputError
from analyzer.traffic.profile import KnownValue, load_profile, profile_from_dict, variants
from tests.conftest import REPO

SAMPLE = REPO / "samples" / "device-profile.yaml"


def test_sample_profile_loads() -> None:
    p = load_profile(SAMPLE)
    fields = {v.field for v in p.values}
    assert {"imei[0]", "imei[1]", "wifi_mac", "phone", "location[0].lat", "contacts[1].phone"} <= fields
    assert {v.pi for v in p.values} >= {"device.imei", "device.mac", "location.precise", "contacts"}


@pytest.mark.parametrize("doc,needle", [
    ({"imei": "869876041234562"}, "Luhn"),
    ({"imei": "86987604123456"}, "too short"),
    ({"wifi_mac": "3c:a9:f4:5e:21"}, "six octets"),
    ({"location": [{"lat": 91.123, "lng": 116.397}]}, "outside"),
    ({"location": [{"lat": 39.9, "lng": 116.4}]}, "3 decimals"),
    ({"imeii": "869876041234561"}, "unknown field"),
    ({"schema": "other/2", "imei": "869876041234561"}, "schema"),
    ({}, "no values"),
    ([1, 2], "mapping"),
    ({"password": "ab"}, "too short"),
    ({"contacts": [{"nick": "x"}]}, r"contacts\[0\]"),
])
def test_bad_profiles_fail_with_the_field_named(doc: object, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        profile_from_dict(doc)


def test_malformed_yaml_is_input_error(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("imei: [1, 2\nname: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="malformed YAML line"):
        load_profile(f)
    with pytest.raises(InputError, match="device profile not found"):
        load_profile(tmp_path / "missing.yaml")


def _texts(kv: KnownValue) -> set[str]:
    return {v.text for v in variants(kv)}


def test_variants_cover_encodings_and_hashes() -> None:
    kv = KnownValue("imei", "device.imei", "imei", "869876041234561")
    t = _texts(kv)
    raw = kv.value.encode()
    assert kv.value in t
    assert base64.b64encode(raw).decode() in t
    assert raw.hex() in t and raw.hex().upper() in t
    for algo in ("md5", "sha1", "sha256"):
        h = hashlib.new(algo, raw).hexdigest()
        assert h in t and h.upper() in t


@pytest.mark.parametrize("prefix", [b"", b"a", b"ab", b"abc", b'{"imei":"'])
def test_base64_at_any_offset(prefix: bytes) -> None:
    kv = KnownValue("imei", "device.imei", "imei", "869876041234561")
    payload = base64.b64encode(prefix + b"869876041234561" + b'","x":1}').decode()
    assert any(v.text in payload for v in variants(kv) if v.encoding == "base64")
    urlsafe = base64.urlsafe_b64encode(b"\xff\xfe" + prefix + b"869876041234561").decode()
    assert any(v.text in urlsafe for v in variants(kv) if v.encoding.startswith("base64"))


def test_mac_and_phone_reformatting() -> None:
    mac = _texts(KnownValue("wifi_mac", "device.mac", "mac", "3c:a9:f4:5e:21:07"))
    assert {"3c:a9:f4:5e:21:07", "3CA9F45E2107", "3c-a9-f4-5e-21-07", "3ca9f45e2107"} <= mac
    assert hashlib.md5(b"3CA9F45E2107").hexdigest() in mac
    phone = _texts(KnownValue("phone", "contact.phone_number", "phone", "+86 139 1234 5678"))
    assert {"13912345678", "+8613912345678", "008613912345678", "139 1234 5678", "139-1234-5678"} <= phone


def test_coordinates_rounded_and_truncated() -> None:
    lat = variants(KnownValue("location[0].lat", "location.precise", "lat", "39.908823", 0))
    by_text = {v.text: v for v in lat}
    assert "39.908823" in by_text and "39.90882" in by_text and "39.9088" in by_text
    assert "39.909" in by_text and not by_text["39.909"].strong     # 3 decimals: ~100 m
    assert "39908823" in by_text                                   # micro-degrees
    assert "39.9" not in by_text


def test_chinese_text_gets_gbk_and_escapes() -> None:
    t = _texts(KnownValue("name", "identity.name", "text", "李卫东"))
    assert "%E6%9D%8E%E5%8D%AB%E4%B8%9C" in t     # UTF-8 percent-encoding
    assert "%C0%EE%CE%C0%B6%AB" in t               # GBK percent-encoding
    assert "\\u674e\\u536b\\u4e1c" in t
