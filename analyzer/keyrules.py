"""What a value under a telling key must look like to count as PI, and which PI type the key names.

A key alone never reports: ``imei`` over ``unknown`` or ``0`` is nothing, over
15 digits it is an IMEI, over 32 hex digits it is a hash of one (reported
with encoding ``hash`` at medium confidence, since the preimage cannot be
checked without a device profile).
"""

from __future__ import annotations

import re

from analyzer import patterns as pat
from analyzer.model import Confidence

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
    ok = {
        "imei": lambda: pat.is_imei(v) or (v.isdigit() and len(v) in (14, 15, 16)),
        "meid": lambda: bool(re.fullmatch(r"[0-9A-Fa-f]{14,15}", v)),
        "imsi": lambda: pat.is_imsi(v, any_mcc=True),
        "iccid": lambda: bool(re.fullmatch(r"89[0-9A-Fa-f]{16,18}", v)),
        "android_id": lambda: bool(re.fullmatch(r"[0-9a-fA-F]{15,16}", v)),
        "serial": lambda: bool(re.fullmatch(r"[0-9A-Za-z]{6,24}", v)) and not v.isalpha(),
        "mac": lambda: pat.is_mac(v), "bt_mac": lambda: pat.is_mac(v), "bssid": lambda: pat.is_mac(v),
        "ssid": lambda: 1 <= len(v) <= 64,
        "oaid": lambda: pat.is_uuid(v) or bool(re.fullmatch(r"[0-9a-fA-F]{16}|[0-9a-fA-F]{64}", v)),
        "vaid": lambda: bool(re.fullmatch(r"[0-9a-fA-F-]{16,64}", v)),
        "aaid": lambda: pat.is_uuid(v) or bool(re.fullmatch(r"[0-9a-fA-F]{16,64}", v)),
        "gaid": lambda: pat.is_uuid(v),
        "phone": lambda: pat.is_mobile_cn(v) or bool(re.fullmatch(r"\+\d{8,15}", v)),
        "email": lambda: pat.is_email(v),
        "id_number": lambda: pat.is_resident_id(v) or bool(re.fullmatch(r"\d{15}|\d{17}[\dXx]", v)),
        "name": lambda: 2 <= len(v) <= 40 and not any(c.isdigit() for c in v) and "/" not in v
        and "." not in v and (not v.isascii() or " " in v.strip()),
        "password": lambda: 1 <= len(v) <= 256,
        "bank_card": lambda: pat.luhn_ok(v) and v.isdigit() and 12 <= len(v) <= 19,
        "address": lambda: 6 <= len(v) <= 200 and not v.isascii() and "@" not in v,
        "contacts": lambda: len(v) >= 2,
    }.get(k)
    if ok is None or not ok():
        return None
    strong = {
        "imei": pat.is_imei(v), "imsi": pat.is_imsi(v, any_mcc=True), "iccid": pat.is_iccid(v),
        "phone": pat.is_mobile_cn(v), "id_number": pat.is_resident_id(v),
    }.get(k, k not in ("serial", "name", "address", "contacts", "ssid", "vaid"))
    return pi, Confidence.HIGH if strong else Confidence.MEDIUM, ""

