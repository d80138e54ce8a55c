"""Profile-free detectors: validated shapes and key names, and the lookalikes that must not count."""

from __future__ import annotations

import pytest

from analyzer.model import Confidence
from analyzer.traffic import shapes as pat


@pytest.mark.parametrize("value", ["490154203237518", "869876041234561", "356938035643809"])
def test_imei_valid(value: str) -> None:
    assert pat.is_imei(value)


@pytest.mark.parametrize("value", [
    "490154203237519",   # Luhn fails
    "123456789012347",   # Luhn passes, reporting body 12 not allocated
    "000000000000000",   # placeholder
    "86987604123456",    # 14 digits
])
def test_imei_invalid(value: str) -> None:
    assert not pat.is_imei(value)


def test_imsi_needs_chinese_network_unless_keyed() -> None:
    assert pat.is_imsi("460011234567890")
    assert not pat.is_imsi("460991234567890")       # MNC 99 not a Chinese network
    assert not pat.is_imsi("310260123456789")
    assert pat.is_imsi("310260123456789", any_mcc=True)


def test_iccid() -> None:
    assert pat.is_iccid("89860012345678901238")
    assert pat.is_iccid("898600A1234567890123")     # Chinese SIMs carry letters
    assert not pat.is_iccid("88860012345678901238")


@pytest.mark.parametrize("value,ok", [
    ("13912345678", True), ("+8613912345678", True), ("0086 139 1234 5678", True),
    ("139-1234-5678", True), ("12912345678", False), ("14012345678", False), ("13900000000", False),
])
def test_mobile(value: str, ok: bool) -> None:
    assert pat.is_mobile_cn(value) is ok


def test_resident_id_check_digit_and_date() -> None:
    assert pat.is_resident_id("110105199003071239")
    assert pat.is_resident_id("11010519491231002x")
    assert not pat.is_resident_id("110105199003071238")   # wrong check digit
    assert not pat.is_resident_id("110105199013071235")   # month 13
    assert not pat.is_resident_id("910105199003071239")   # no region starts with 9


def test_bank_card() -> None:
    assert pat.is_bank_card("6222021234567890128")
    assert pat.is_bank_card("4012888888881881")
    assert not pat.is_bank_card("6222021234567890127")
    assert not pat.is_bank_card("1700000000123456")      # a microsecond timestamp: no scheme prefix


def test_email_and_mac_lookalikes() -> None:
    assert pat.is_email("li.wei@example.com")
    assert not pat.is_email("icon@2x.png")
    assert pat.is_mac("3c-a9-f4-5e-21-07") and pat.is_mac("3CA9F45E2107")
    assert not pat.is_mac("02:00:00:00:00:00") and not pat.is_mac("00:00:00:00:00:00")


def test_scan_text_finds_shapes_in_free_text() -> None:
    hits = {h.pi for h in pat.scan_text(
        "IMEI: 869876041234561, phone +86 139 1234 5678 mail li.wei@example.com at 39.90882,116.39747")}
    assert hits == {"device.imei", "contact.phone_number", "contact.email", "location.precise"}


@pytest.mark.parametrize("text", [
    "1700000000123",                 # millisecond timestamp
    "1700000000123456",              # microsecond timestamp
    "173984720394857",               # random 15 digits, Luhn and prefix fail
    "7a1f3c9e-2b4d-4f6a-8c1e-9d2b3a4c5e6f",  # request id: bare UUIDs are not reported as shapes with strength
    "d41d8cd98f00b204e9800998ecf8427e",      # an md5 of nothing
    "v=3.10.2&build=20231105",
    "1.0.0,2.0.0",
])
def test_scan_text_ignores_lookalikes(text: str) -> None:
    assert [h for h in pat.scan_text(text) if h.strong] == []


def test_key_words_and_classify() -> None:
    assert pat.key_words("deviceImei_md5") == ["device", "imei", "md5"]
    k = pat.classify_key("deviceImei_md5")
    assert k.kind == "imei" and k.hashed
    assert pat.classify_key("sfzh").kind == "id_number"
    assert pat.classify_key("shouji").kind == "phone"
    assert pat.classify_key("android_id").kind == "android_id"
    assert pat.classify_key("androidId").kind == "android_id"
    assert pat.classify_key("machine").kind == ""      # 'mac' only as a whole word
    assert pat.classify_key("order_id").negative
    assert pat.classify_key("user_password").head and pat.classify_key("pwd_md5").head
    assert not pat.classify_key("password_strength").head
    assert pat.classify_key("shouji_hao").head
    assert pat.classify_key("ts").negative


def test_confidence_from_key_context() -> None:
    hit = pat.scan_text("869876041234561")[0]
    assert pat.confidence_for(hit, pat.classify_key("imei"), "device.imei") is Confidence.HIGH
    assert pat.confidence_for(hit, pat.classify_key("foo"), "") is Confidence.MEDIUM
    assert pat.confidence_for(hit, pat.classify_key("order_id"), "") is Confidence.LOW


def test_jcb_cards_only_in_their_range() -> None:
    assert pat.is_bank_card("3530111333300000")  # JCB test number (3528-3589)
    assert pat.luhn_ok("3595160959817575")  # Luhn alone says yes: an ad request's correlator
    assert not pat.is_bank_card("3595160959817575")  # 3595 is no card scheme's prefix


@pytest.mark.parametrize("key", ["sku_ids", "request_ids", "item_ids", "goods_ids"])
def test_plurals_of_other_things_ids_are_negative(key: str) -> None:
    assert pat.classify_key(key).negative


@pytest.mark.parametrize("key", ["imeis", "macs", "phones"])
def test_plurals_of_pi_words_are_not_negative(key: str) -> None:
    assert not pat.classify_key(key).negative
