"""Load a device profile (the test phone's known PI values) and spell out every form apps send them in.

A profile is a YAML mapping of field names to values (see
``docs/device-profile.md`` and ``samples/device-profile.yaml``). Loading is
strict: unknown fields, malformed values (an IMEI that fails its Luhn check,
a MAC without six octets, a latitude outside ±90) and values too short to
search for without drowning in false hits are errors naming the field.

:func:`variants` turns one value into the strings that appear on the wire:
reformatted values (MAC with or without colons, any case; phone with +86,
0086, spaces, dashes; coordinates rounded or cut to fewer decimals), URL and
form encoding, JSON ``\\u`` escapes, GBK percent-encoding for Chinese text,
base64 (standard and URL-safe, whole and at each of the three byte
alignments inside a longer base64 text), hex, and MD5/SHA-1/SHA-256 digests
in lower and upper case, hex and base64.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import yaml

from analyzer.common.files import read_bounded
from analyzer.errors import InputError
from analyzer.kb.yamlfile import UniqueKeyLoader
from analyzer.traffic.shapes import is_mac, luhn_ok

PROFILE_SCHEMA = "piflow.device-profile/1"

# field -> (PI type id, value kind)
FIELDS: dict[str, tuple[str, str]] = {
    "imei": ("device.imei", "imei"),
    "meid": ("device.meid", "hex"),
    "imsi": ("device.imsi", "digits"),
    "iccid": ("device.iccid", "alnum"),
    "android_id": ("device.android_id", "hex"),
    "serial": ("device.serial", "alnum"),
    "wifi_mac": ("device.mac", "mac"),
    "bt_mac": ("device.bt_mac", "mac"),
    "oaid": ("device.oaid", "id"),
    "vaid": ("device.vaid", "id"),
    "aaid": ("device.aaid", "id"),
    "gaid": ("device.gaid", "id"),
    "phone": ("contact.phone_number", "phone"),
    "email": ("contact.email", "email"),
    "name": ("identity.name", "text"),
    "id_number": ("identity.id_number", "alnum"),
    "account": ("account.id", "text"),
    "password": ("account.password", "text"),
    "bank_card": ("finance.bank_card", "digits"),
    "address": ("contact.address", "text"),
    "wifi_bssid": ("location.wifi", "mac"),
    "wifi_ssid": ("location.wifi", "text"),
    "installed_apps": ("apps.installed_list", "text"),
}
_META = {"schema", "label", "description"}
"""Keys about the profile itself (``name`` is the person's name: PI, never a label)."""
_COMPOUND = {"location", "contacts"}

_MIN_LEN = {"imei": 15, "hex": 8, "digits": 8, "alnum": 6, "mac": 12, "id": 8, "phone": 7,
            "email": 6, "text": 4}


@dataclass(frozen=True, slots=True)
class KnownValue:
    """One value of the profile."""

    field: str
    """Profile field, e.g. ``imei`` or ``contacts[0].phone``."""
    pi: str
    """PI type id."""
    kind: str
    """Value kind deciding its variants (imei, hex, digits, alnum, mac, id, phone, email, text, lat, lng)."""
    value: str
    """The value as written in the profile."""
    group: int = -1
    """For coordinates: index of the fix, so a latitude is only reported together with its longitude."""
    origin: str = "profile"
    """Where the value is known from: ``profile`` (the user's) or ``learned`` (named by the capture itself,
    :mod:`analyzer.traffic.learned`); the detector reports ``<origin>:<field>``."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling of a known value."""

    text: str
    """The string searched for."""
    encoding: str
    """Encoding label, e.g. ``base64``, ``md5``, ``url``, ``plain``."""
    guard: str
    """Characters that must not touch the match on either side: ``digit``, ``hex``, ``alnum`` or ``""``."""
    strong: bool = True
    """False for spellings that are plausible by chance (short cores, heavy rounding)."""


@dataclass(frozen=True)
class DeviceProfile:
    """A loaded profile."""

    label: str
    """What the profile is called (``label:``, else the file's stem): written in capture headers, so no PI."""
    values: tuple[KnownValue, ...]
    """Every known value."""


def _fail(path: Path | str, msg: str) -> InputError:
    return InputError(f"{path}: {msg}")


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def _check(path: Path | str, field: str, kind: str, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise _fail(path, f"{field}: expected a string, got {type(raw).__name__}")
    v = str(raw).strip()
    if len(v.encode("utf-8")) < _MIN_LEN.get(kind, 4):
        raise _fail(path, f"{field}: {v[:2]}… is too short to search for without false hits "
                          f"(at least {_MIN_LEN.get(kind, 4)} bytes)")
    ok = True
    if kind == "imei":
        ok = bool(re.fullmatch(r"\d{15}", v)) and luhn_ok(v)
        why = "an IMEI is 15 digits with a valid Luhn check digit"
    elif kind == "digits":
        ok = v.isdigit()
        why = "digits only"
    elif kind == "hex":
        ok = bool(re.fullmatch(r"[0-9A-Fa-f]+", v))
        why = "hexadecimal digits only"
    elif kind == "mac":
        ok = is_mac(v)
        why = "six octets, e.g. 3c:a9:f4:12:34:56"
    elif kind == "phone":
        ok = bool(re.fullmatch(r"\+?[\d \-]{7,20}", v))
        why = "digits, optionally with +country code, spaces or dashes"
    elif kind == "email":
        ok = bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", v))
        why = "an e-mail address"
    elif kind == "alnum":
        ok = bool(re.fullmatch(r"[0-9A-Za-z]+", v))
        why = "letters and digits only"
    elif kind == "id":
        ok = bool(re.fullmatch(r"[0-9A-Fa-f-]+", v)) and set(v) - {"0", "-"} != set()
        why = "a UUID or hex identifier that is not all zeros"
    if not ok:
        raise _fail(path, f"{field}: {why}")
    return v


def _coord(path: Path | str, field: str, raw: Any, limit: float) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise _fail(path, f"{field}: expected a number")
    text = str(raw).strip()
    try:
        num = float(text)
    except ValueError:
        raise _fail(path, f"{field}: expected a number, got {text[:20]!r}") from None
    if not -limit <= num <= limit:
        raise _fail(path, f"{field}: {num} is outside ±{limit:g}")
    if "." not in text or len(text.split(".")[1]) < 3:
        raise _fail(path, f"{field}: give at least 3 decimals (a fix, not a city)")
    return text


def load_profile(path: Path | str) -> DeviceProfile:
    """Read and validate a profile; any problem is an :class:`InputError` naming the field."""
    p = Path(path)
    raw = read_bounded(p, "device profile")
    try:
        doc = yaml.load(raw.decode("utf-8"), Loader=UniqueKeyLoader)
    except UnicodeDecodeError as e:
        raise _fail(p, "device profile is not UTF-8 text") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise _fail(p, f"malformed YAML{where} ({getattr(e, 'problem', None) or 'syntax error'})") from e
    return profile_from_dict(doc, p)


def profile_from_dict(doc: Any, where: Path | str = "<profile>") -> DeviceProfile:
    """Validate a parsed profile mapping."""
    if not isinstance(doc, dict):
        raise _fail(where, "a device profile is a YAML mapping of field names to values")
    schema = doc.get("schema", PROFILE_SCHEMA)
    if schema != PROFILE_SCHEMA:
        raise _fail(where, f"schema must be {PROFILE_SCHEMA!r}, got {schema!r}")
    unknown = set(doc) - set(FIELDS) - _META - _COMPOUND
    if unknown:
        raise _fail(where, f"unknown field(s) {sorted(map(str, unknown))} "
                           f"(known: {', '.join(sorted(set(FIELDS) | _COMPOUND))})")
    values: list[KnownValue] = []
    for fname, (pi, kind) in FIELDS.items():
        if doc.get(fname) is None:
            continue
        for i, raw in enumerate(_as_list(doc[fname])):
            label = fname if not isinstance(doc[fname], list) else f"{fname}[{i}]"
            values.append(KnownValue(label, pi, kind, _check(where, label, kind, raw)))
    for i, fix in enumerate(_as_list(doc.get("location") or [])):
        label = f"location[{i}]"
        if not isinstance(fix, dict) or set(fix) != {"lat", "lng"}:
            raise _fail(where, f"{label}: expected a mapping with lat and lng")
        values.append(KnownValue(f"{label}.lat", "location.precise", "lat",
                                 _coord(where, f"{label}.lat", fix["lat"], 90), i))
        values.append(KnownValue(f"{label}.lng", "location.precise", "lng",
                                 _coord(where, f"{label}.lng", fix["lng"], 180), i))
    for i, c in enumerate(_as_list(doc.get("contacts") or [])):
        label = f"contacts[{i}]"
        if not isinstance(c, dict) or not set(c) <= {"name", "phone", "email"} or not c:
            raise _fail(where, f"{label}: expected a mapping with name, phone and/or email")
        for k, kind in (("name", "text"), ("phone", "phone"), ("email", "email")):
            if c.get(k) is not None:
                values.append(KnownValue(f"{label}.{k}", "contacts", kind,
                                         _check(where, f"{label}.{k}", kind, c[k])))
    if not values:
        raise _fail(where, "the profile names no values")
    return DeviceProfile(label=str(doc.get("label") or Path(str(where)).stem), values=tuple(values))


# ---------------------------------------------------------------------------
# Variants
# ---------------------------------------------------------------------------


def _forms(kv: KnownValue) -> list[tuple[str, str, str]]:
    """Reformatted spellings of the value itself: (text, encoding label, guard)."""
    v = kv.value
    if kv.kind in ("imei", "digits"):  # Baidu's CUID, for one, carries the IMEI reversed
        return [(v, "plain", "digit"), (v[::-1], "reversed", "digit")]
    if kv.kind in ("hex", "alnum", "id"):
        guard = "hex" if kv.kind != "alnum" else "alnum"
        out = {(v, "plain", guard), (v.lower(), "plain", guard), (v.upper(), "plain", guard)}
        if kv.kind == "id" and "-" in v:
            bare = v.replace("-", "")
            out |= {(bare.lower(), "plain", guard), (bare.upper(), "plain", guard)}
        return sorted(out)
    if kv.kind == "mac":
        octets = re.findall(r"[0-9A-Fa-f]{2}", v)
        out = set()
        for sep in (":", "-", ""):
            for case in (str.lower, str.upper):
                out.add((case(sep.join(octets)), "plain", "hex"))
        return sorted(out)
    if kv.kind == "phone":
        digits = re.sub(r"\D", "", v)
        national = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
        national = national[4:] if national.startswith("0086") else national
        forms = {national, "+86" + national, "0086" + national, "86" + national, "+86 " + national,
                 "+86-" + national}
        if len(national) == 11:
            a, b, c = national[:3], national[3:7], national[7:]
            for sep in (" ", "-"):
                grouped = sep.join((a, b, c))
                forms |= {grouped, "+86 " + grouped, "+86" + sep + grouped}
        return sorted((f, "plain", "digit") for f in forms)
    if kv.kind == "email":
        return sorted({(v, "plain", "alnum"), (v.lower(), "plain", "alnum")})
    return [(v, "plain", "")]


def _coord_forms(kv: KnownValue) -> list[tuple[str, str, str, bool]]:
    text = kv.value
    decimals = len(text.split(".")[1])
    num = float(text)
    out: dict[str, tuple[str, bool]] = {text: ("plain", True)}
    for d in range(8, 2, -1):  # printf-style fixed decimals, padded or rounded
        enc = "plain" if d >= decimals else "rounded"
        out.setdefault(f"{num:.{d}f}", (enc, d >= 4))
    sign = "-" if num < 0 else ""
    whole, frac = text.lstrip("-").split(".")
    for d in range(decimals - 1, 2, -1):
        out.setdefault(f"{sign}{whole}.{frac[:d]}", ("truncated", d >= 4))
    out.setdefault(str(round(num * 1_000_000)), ("e6", True))
    return [(t, enc, "digit", strong) for t, (enc, strong) in out.items()]


def _b64_cores(data: bytes) -> list[tuple[str, bool]]:
    """Base64 text that encodes ``data`` wherever it starts inside a longer payload (3 alignments)."""
    out = []
    for pad in range(3):
        enc = base64.b64encode(b"\0" * pad + data).decode()
        start = (pad * 8 + 5) // 6 if pad else 0
        end = (len(b"\0" * pad + data) * 8) // 6  # chars fully determined by data bits
        core = enc[start:end]
        if len(core) >= 7:  # a 6-byte value (two Chinese characters) at any alignment; 64**-7 chance by luck
            out.append((core, len(core) >= 12))
    return out


def _gbk_quote(s: str) -> str | None:
    try:
        return quote(s.encode("gbk"), safe="")
    except UnicodeEncodeError:
        return None


def variants(kv: KnownValue) -> list[Variant]:
    """Every spelling of ``kv`` that piflow searches for (deduplicated, stable order)."""
    seen: dict[str, Variant] = {}

    def add(text: str, enc: str, guard: str, strong: bool = True) -> None:
        if text and text not in seen:
            seen[text] = Variant(text, enc, guard, strong)

    if kv.kind in ("lat", "lng"):
        for text, enc, guard, strong in _coord_forms(kv):
            add(text, enc, guard, strong)
        return list(seen.values())
    forms = _forms(kv)
    for text, enc, guard in forms:
        add(text, enc, guard)
    for text, _enc, _guard in forms:
        b = text.encode("utf-8")
        add(quote(text, safe=""), "url", "")
        add(quote(text, safe="").lower() if "%" in quote(text, safe="") else "", "url", "")
        add(quote_plus(text, safe=""), "url", "")
        if not text.isascii():
            gbk = _gbk_quote(text)
            if gbk:
                add(gbk, "url-gbk", "")
            add(text.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00"), "json-escape", "")
        for alphabet, name in ((base64.b64encode, "base64"), (base64.urlsafe_b64encode, "base64url")):
            full = alphabet(b).decode()
            add(full, name, "")
            add(full.rstrip("="), name, "")
        for core, strong in _b64_cores(b):
            add(core, "base64", "", strong)
            add(core.replace("+", "-").replace("/", "_"), "base64url", "", strong)
        add(b.hex(), "hex", "hex")  # hex-kind values too: an Android ID's ASCII is hex-encoded as well
        add(b.hex().upper(), "hex", "hex")
        for algo in ("md5", "sha1", "sha256"):
            digest = hashlib.new(algo, b).digest()
            add(digest.hex(), algo, "hex")
            add(digest.hex().upper(), algo, "hex")
            add(base64.b64encode(digest).decode().rstrip("="), f"{algo}>base64", "")
    return list(seen.values())
