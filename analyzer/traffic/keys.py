"""What a value under a telling key must look like to count as PI, and which PI type the key names.

A key alone never reports: ``imei`` over ``unknown`` or ``0`` is nothing, over
15 digits it is an IMEI, over 32 hex digits it is a hash of one (reported
with encoding ``hash`` at medium confidence, since the preimage cannot be
checked without a device profile).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analyzer.model import Confidence
from analyzer.traffic import shapes as pat

_PLACEHOLDERS = frozenset({"", "0", "-1", "null", "none", "nil", "unknown", "undefined", "n/a", "na",
                           "default", "<unknown ssid>", "-", "false", "true", "empty"})
_HASH = re.compile(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
_PAIR = re.compile(r"(-?\d{1,3}\.\d{2,9})\s*[,;|_ ]\s*(-?\d{1,3}\.\d{2,9})")

KIND_PI = {
    "imei": "device.imei", "meid": "device.meid", "imsi": "device.imsi", "iccid": "device.iccid",
    "android_id": "device.android_id", "serial": "device.serial", "mac": "device.mac",
    "bt_mac": "device.bt_mac", "bssid": "location.wifi", "ssid": "location.wifi", "oaid": "device.oaid",
    "vaid": "device.vaid", "aaid": "device.aaid", "gaid": "device.gaid", "phone": "contact.phone_number",
    "email": "contact.email", "id_number": "identity.id_number", "name": "identity.name",
    "password": "account.password", "bank_card": "finance.bank_card", "address": "contact.address",
    "apps": "apps.installed_list", "contacts": "contacts",
}


# kinds whose value check is loose (any text): the key must be about the PI itself
_LOOSE = frozenset({"password", "name", "address", "ssid", "contacts", "serial", "location"})
_NEVER_HASHED = frozenset({"password", "name", "address", "ssid", "contacts", "serial"})


def is_placeholder(v: str) -> bool:
    """A value that stands for nothing (empty, null, unknown, all one character)."""
    s = v.strip().lower()
    return s in _PLACEHOLDERS or len(set(s) - {":", "-", " "}) <= 1


def key_value(k: str, v: str, hashed_key: bool = False,
              head: bool = True) -> tuple[str, Confidence, str] | None:
    """PI type, confidence and extra encoding for value ``v`` under a key of kind ``k``, or None.

    >>> key_value("imei", "490154203237518")[0:2]
    ('device.imei', <Confidence.HIGH: 'high'>)
    >>> key_value("imei", "unknown") is None
    True
    """
    pi = KIND_PI.get(k)
    if k == "deviceid":
        return _device_id(v)
    if not head and k in _LOOSE:  # 'password_strength', 'name_length': the key is about something else
        return None
    if pi is None:
        if k == "location":
            m = _PAIR.search(v)
            if m and pat.coord_ok(*(m.groups() if abs(float(m.group(1))) <= 90 else m.groups()[::-1])):
                prec = min(pat.decimals(m.group(1)), pat.decimals(m.group(2)))
                return ("location.precise" if prec >= 3 else "location.coarse", Confidence.HIGH, "")
        return None
    # a hex digest under "mac" is as likely an HMAC as a hashed address: only when the key says hash
    hash_ok = k not in _NEVER_HASHED and (hashed_key or k not in ("mac", "bt_mac", "bssid"))
    if _HASH.fullmatch(v) and hash_ok:
        if k == "oaid" and len(v) == 64:
            return pi, Confidence.HIGH, ""  # some vendors' OAIDs are 64 hex digits
        return pi, Confidence.MEDIUM, "hash"
    check = _SHAPE_OK.get(k)
    if check is None or not check(v):
        if k == "gaid" and _ANDROID_ID.fullmatch(v) and not v.isdigit():
            # 'adid' is also the Android ID in many SDKs: the shape, not the key, says which
            return "device.android_id", Confidence.MEDIUM, ""
        return None
    strong_check = _STRONG.get(k)
    strong = strong_check(v) if strong_check is not None else k not in _WEAK
    return pi, Confidence.HIGH if strong else Confidence.MEDIUM, ""


_ANDROID_ID = re.compile(r"[0-9a-f]{16}")
_DIGITS15 = re.compile(r"(?<!\d)\d{15}(?!\d)")


def _device_id(v: str) -> tuple[str, Confidence, str] | None:
    """What a generic device id holds, when its shape tells: Android's ANDROID_ID is 16 lower-case hex
    digits; a 15-digit run that is a valid IMEI read backwards is a reversed IMEI (Baidu's CUID is
    ``MD5|reversed IMEI``). An IMEI or advertising ID in the clear is left to the shape detector."""
    if _ANDROID_ID.fullmatch(v) and not v.isdigit() and not v.isalpha():
        return "device.android_id", Confidence.MEDIUM, ""
    for m in _DIGITS15.finditer(v[:256]):
        run = m.group(0)
        if not pat.is_imei(run) and pat.is_imei(run[::-1]):
            return "device.imei", Confidence.MEDIUM, "reversed"
    return None


def _fm(rx: str) -> Callable[[str], bool]:
    pattern = re.compile(rx)
    return lambda v: pattern.fullmatch(v) is not None


def _name_ok(v: str) -> bool:
    return (2 <= len(v) <= 40 and not any(c.isdigit() for c in v) and "/" not in v and "." not in v
            and (not v.isascii() or " " in v.strip()))


_SHAPE_OK: dict[str, Callable[[str], bool]] = {
    "imei": lambda v: pat.is_imei(v) or (v.isdigit() and len(v) in (14, 15, 16)),
    "meid": _fm(r"[0-9A-Fa-f]{14,15}"),
    "imsi": lambda v: pat.is_imsi(v, any_mcc=True),
    "iccid": _fm(r"89[0-9A-Fa-f]{16,18}"),
    "android_id": _fm(r"[0-9a-fA-F]{15,16}"),
    "serial": lambda v: re.fullmatch(r"[0-9A-Za-z]{6,24}", v) is not None and not v.isalpha(),
    "mac": pat.is_mac, "bt_mac": pat.is_mac, "bssid": pat.is_mac,
    "ssid": lambda v: 1 <= len(v) <= 64,
    "oaid": lambda v: pat.is_uuid(v) or re.fullmatch(r"[0-9a-fA-F]{16}|[0-9a-fA-F]{64}", v) is not None,
    "vaid": _fm(r"[0-9a-fA-F-]{16,64}"),
    "aaid": lambda v: pat.is_uuid(v) or re.fullmatch(r"[0-9a-fA-F]{16,64}", v) is not None,
    "gaid": pat.is_uuid,
    "phone": lambda v: pat.is_mobile_cn(v) or re.fullmatch(r"\+\d{8,15}", v) is not None,
    "email": pat.is_email,
    "id_number": lambda v: pat.is_resident_id(v) or re.fullmatch(r"\d{15}|\d{17}[\dXx]", v) is not None,
    "name": _name_ok,
    "password": lambda v: 1 <= len(v) <= 256,
    "bank_card": lambda v: v.isdigit() and 12 <= len(v) <= 19 and pat.luhn_ok(v),
    "address": lambda v: 6 <= len(v) <= 200 and not v.isascii() and "@" not in v,
    "contacts": lambda v: len(v) >= 2,
}
"""The shape a value must have under a key of each kind."""

_STRONG: dict[str, Callable[[str], bool]] = {
    "imei": pat.is_imei, "imsi": lambda v: pat.is_imsi(v, any_mcc=True), "iccid": pat.is_iccid,
    "phone": pat.is_mobile_cn, "id_number": pat.is_resident_id,
}
"""Kinds whose value can be validated further: high confidence only then."""
_WEAK = frozenset({"serial", "name", "address", "contacts", "ssid", "vaid"})
"""Kinds whose shape check is loose: medium confidence at most."""
