"""Find PI without a device profile: validated value shapes and telling key names, each with a confidence.

Shapes are validated, not just matched, to keep precision high on traffic
full of ids, timestamps and hashes:

- IMEI: 15 digits, Luhn check and a reporting-body prefix in use (35, 86, 01, …);
- IMSI: 15 digits, MCC 460 with a Chinese network code (or any MCC under an IMSI key);
- ICCID: 19–20 characters starting ``89`` and Luhn-valid, or ``8986…`` (Chinese SIMs);
- mainland mobile numbers: ``1[3-9]x`` in an allocated block, optional +86/0086;
- resident ID numbers: region, real birth date and the GB 11643 MOD 11-2 check;
- bank cards: 16–19 digits, Luhn and a card-scheme prefix;
- e-mail (real TLD, not ``icon@2x.png``), MAC (not the ``02:00:00:00:00:00`` dummy),
  latitude/longitude pairs, advertising-ID UUIDs.

Key names come in English and pinyin (``imei``, ``androidId``, ``mac``,
``lat``/``lng``, ``mobile``/``shouji``, ``idcard``/``sfz``, …). A key alone
never reports: its value must have the right shape (or look like a hash of
one). A value under a key that names something else (``ts``, ``order_id``,
``nonce``, ``sign``) drops to low confidence. Confidence: a validated value
under a matching key is high; a validated value alone is medium for strong
shapes; weak shapes alone (MEID, bare UUIDs) are low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analyzer.kb.keynames import KEY_KINDS
from analyzer.model import Confidence


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check.

    >>> luhn_ok("490154203237518"), luhn_ok("490154203237519")
    (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_IMEI_RBI = frozenset({"01", "10", "30", "33", "35", "44", "45", "49", "50", "51", "52", "53", "54",
                       "86", "91", "98", "99"})
_CN_MNC = frozenset({"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "11", "15", "20"})
_GB11643_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE_PREFIX = re.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9\d)")
_DUMMY_MACS = frozenset({"000000000000", "020000000000", "ffffffffffff"})


def is_imei(s: str) -> bool:
    """A plausible IMEI: 15 digits, known reporting body, Luhn.

    >>> is_imei("490154203237518"), is_imei("123456789012347")
    (True, False)
    """
    return len(s) == 15 and s.isdigit() and s[:2] in _IMEI_RBI and luhn_ok(s) and len(set(s)) > 3


def is_imsi(s: str, any_mcc: bool = False) -> bool:
    """A plausible IMSI (Chinese network unless ``any_mcc``)."""
    if not (len(s) == 15 and s.isdigit()) or len(set(s[5:])) < 3:
        return False
    return (any_mcc and s[0] in "234567") or (s[:3] == "460" and s[3:5] in _CN_MNC)


def is_iccid(s: str) -> bool:
    """A plausible ICCID."""
    u = s.upper().rstrip("F")
    if not 18 <= len(u) <= 20 or not u.startswith("89"):
        return False
    if u.isdigit() and luhn_ok(u) and len(u) >= 19:
        return True
    return bool(re.fullmatch(r"8986[0-9]{2}[0-9A-Z]{12,14}", u))


def is_mobile_cn(s: str) -> bool:
    """A mainland mobile number (11 digits, optional 86/+86/0086, spaces or dashes).

    >>> is_mobile_cn("+86 138-0013-8000"), is_mobile_cn("12800138000")
    (True, False)
    """
    d = re.sub(r"[\s-]", "", s)
    for p in ("+86", "0086", "86"):
        if d.startswith(p) and len(d) == 11 + len(p):
            d = d[len(p):]
            break
    return (len(d) == 11 and d.isdigit() and _MOBILE_PREFIX.match(d) is not None
            and len(set(d[3:])) > 1)


def is_resident_id(s: str) -> bool:
    """A mainland resident ID number with a real birth date and a valid GB 11643 check character.

    >>> is_resident_id("11010519491231002X"), is_resident_id("110105194912310021")
    (True, False)
    """
    if not re.fullmatch(r"[1-8]\d{16}[\dXx]", s):
        return False
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= date.today().year:
        return False
    check = (12 - sum(int(c) * w for c, w in zip(s[:17], _GB11643_W, strict=True)) % 11) % 11
    return s[17].upper() == ("X" if check == 10 else str(check))


def is_bank_card(s: str) -> bool:
    """A bank card number: 16–19 digits, a card-scheme prefix, Luhn."""
    if not (16 <= len(s) <= 19 and s.isdigit()) or len(set(s)) < 4:
        return False
    # UnionPay 62, Visa 4, Mastercard 51-55 and 2221-2720, JCB 3528-3589
    scheme = (s[:2] == "62" or s[0] == "4" or "51" <= s[:2] <= "55" or "2221" <= s[:4] <= "2720"
              or "3528" <= s[:4] <= "3589")
    return scheme and luhn_ok(s)


def is_mac(s: str) -> bool:
    """Six octets with ``:``/``-`` separators or none, not a dummy address.

    >>> is_mac("3C:A9:F4:12:34:56"), is_mac("02:00:00:00:00:00")
    (True, False)
    """
    if not re.fullmatch(r"[0-9A-Fa-f]{2}([:-]?)(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}", s):
        return False
    bare = re.sub(r"[:-]", "", s).lower()
    return bare not in _DUMMY_MACS and len(set(bare)) > 2


_TLD_NOT_EMAIL = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "js", "css", "html", "json",
                            "so", "jar", "dex", "apk", "xml", "txt", "mp4", "mp3", "zip"})


def is_email(s: str) -> bool:
    """An e-mail address with a real-looking TLD (not ``icon@2x.png``)."""
    m = re.fullmatch(r"[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}\.)+([A-Za-z]{2,24})", s)
    return m is not None and m.group(2).lower() not in _TLD_NOT_EMAIL


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(s: str) -> bool:
    """A UUID that is not all zeros."""
    return bool(_UUID.fullmatch(s)) and set(s) - {"0", "-"} != set()


def decimals(s: str) -> int:
    """Digits after the decimal point."""
    return len(s.split(".", 1)[1]) if "." in s else 0


def e6_ok(lat: str, lng: str) -> bool:
    """Integer micro-degrees (``32059026``, ``115865978``: ad and map SDKs scale by 10**6) of a real fix.

    >>> e6_ok("32059026", "115865978"), e6_ok("1700000000", "12")
    (True, False)
    """
    if not (_E6.fullmatch(lat) and _E6.fullmatch(lng)):
        return False
    a, b = int(lat), int(lng)
    return abs(a) <= 90_000_000 and abs(b) <= 180_000_000 and (abs(a) > 500_000 or abs(b) > 500_000)


_E6 = re.compile(r"-?\d{6,9}")


def coord_ok(lat: str, lng: str) -> bool:
    """A latitude/longitude pair that is a real fix (not 0,0, within range, at least 2 decimals)."""
    try:
        a, b = float(lat), float(lng)
    except ValueError:
        return False
    return (-90 <= a <= 90 and -180 <= b <= 180 and (abs(a) > 0.5 or abs(b) > 0.5)
            and decimals(lat) >= 2 and decimals(lng) >= 2)


# ---------------------------------------------------------------------------
# Key names
# ---------------------------------------------------------------------------

# key words that say a value is something other than PI
_NEG_WORDS = frozenset({
    "ts", "time", "timestamp", "date", "t", "seq", "sequence", "nonce", "requestid", "reqid", "request",
    "trace", "traceid", "span", "spanid", "msgid", "sessionid", "session", "sid", "event", "eventid",
    "order", "orderid", "price", "amount", "size", "length", "len", "count", "duration", "version",
    "ver", "build", "sign", "signature", "checksum", "crc", "offset", "page", "id", "ad", "adunit",
    "slot", "slotid", "creative", "campaign", "appid", "appkey", "key", "token", "secret", "code",
    "sdkver", "cost", "elapsed", "expire", "expires", "ttl", "index", "idx", "num", "total", "uid",
    "userid", "itemid", "goodsid", "sku", "channel", "batch", "rnd", "random", "rand", "cb", "x",
    "y", "w", "h", "width", "height", "tid", "pid", "bid", "cid", "mid", "gid",
})
_HASH_WORDS = frozenset({"md5", "sha1", "sha256", "hash", "sha"})
# words that may follow the PI word without changing what the key names
_TRAILERS = _HASH_WORDS | {"enc", "encrypted", "crypt", "base64", "b64", "str", "value", "val", "hao",
                           "haoma", "no", "num", "number", "code", "text", "raw", "info", "list", "1", "2"}


def key_words(key: str) -> list[str]:
    """Split a key into lower-case words (camelCase, snake_case, kebab, dots).

    >>> key_words("deviceImei_md5")
    ['device', 'imei', 'md5']
    """
    key = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", key)
    return [w for w in re.split(r"[^A-Za-z0-9]+", key.lower()) if w]


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What a key name says about its value."""

    kind: str
    """Kind from :data:`KEY_KINDS`, or ``""``."""
    negative: bool
    """The key names something that is not PI (a time, an id of something else, a signature)."""
    hashed: bool
    """The key says the value is a hash (``imei_md5``)."""
    head: bool = True
    """The kind's word heads the key (``user_password``, ``pwd_md5``), rather than qualifying another
    noun (``password_strength``, ``name_length``)."""


def classify_key(key: str) -> KeyInfo:
    """What ``key`` says.

    >>> classify_key("shouji_hao").kind, classify_key("request_id").negative
    ('phone', True)
    """
    words = key_words(key)
    joined = "".join(words)
    kind = KEY_KINDS.get(joined, "")
    end = len(words)  # index after the words that name the kind
    if not kind:
        for i, w in enumerate(words):
            if w in KEY_KINDS:
                kind, end = KEY_KINDS[w], i + 1
                break
    if not kind and len(words) > 1:
        for i in range(len(words) - 1):
            pair = words[i] + words[i + 1]
            if pair in KEY_KINDS:
                kind, end = KEY_KINDS[pair], i + 2
                break
    head = all(w in _TRAILERS for w in words[end:])
    hashed = bool(set(words) & _HASH_WORDS)
    weak = not kind or kind in ("cellid", "lac")  # 'cid' is also a client or campaign id
    last = words[-1] if words else ""
    # a plural names the same thing: ``sku_ids``, ``item_ids`` hold ids of something else too
    negative = weak and (joined in _NEG_WORDS or last in _NEG_WORDS
                         or (len(last) > 2 and last.endswith("s") and last[:-1] in _NEG_WORDS))
    return KeyInfo(kind, negative, hashed, head)


# ---------------------------------------------------------------------------
# Value shapes found inside text
# ---------------------------------------------------------------------------

SCAN = re.compile(
    r"(?<![0-9A-Za-z:-])(?P<mac>[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\2){4}[0-9A-Fa-f]{2})(?![0-9A-Za-z:-])"
    r"|(?<![0-9A-Za-z-])(?P<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
    r"(?![0-9A-Za-z-])"
    r"|(?<![\d.])(?P<lat>-?\d{1,2}\.\d{3,9})\s*[,;|_ ]\s*(?P<lng>-?\d{1,3}\.\d{3,9})(?![\d.])"
    r"|(?<![0-9A-Za-z])(?P<mobile>(?:\+?86[ -]?|0086[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2})(?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])(?P<num>\d{15,20}|\d{17}[Xx]|89[0-9A-Fa-f]{17,18})(?![0-9A-Za-z])"
)
"""One pass finds every candidate shape but e-mail (see :func:`emails`); validators then decide."""

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}")


def emails(s: str, limit: int = 1 << 30) -> list[str]:
    """Candidate e-mail addresses, found from each ``@`` outwards (a regex from every position is slow).

    >>> emails("to: li.wei@example.com, x@y")
    ['li.wei@example.com']
    """
    out: list[str] = []
    i = s.find("@")
    tries = 0
    while i >= 0 and tries < limit:
        tries += 1
        left = _EMAIL_LOCAL.search(s, max(0, i - 64), i)
        right = _EMAIL_DOMAIN.match(s, i + 1)
        if left and right:
            out.append(s[left.start():right.end()])
        i = s.find("@", i + 1)
    return out


@dataclass(frozen=True, slots=True)
class Hit:
    """A validated shape in a text."""

    pi: str
    """PI type id."""
    name: str
    """Detector name."""
    text: str
    """The matched text."""
    strong: bool
    """Validated strongly enough to report without a key."""


def scan_text(s: str, limit: int = 1 << 30) -> list[Hit]:
    """Every validated PI shape in ``s`` (among its first ``limit`` candidates).

    >>> [h.pi for h in scan_text("imei=490154203237518&t=1700000000000")]
    ['device.imei']
    """
    out: list[Hit] = [Hit("contact.email", "email", e, True) for e in emails(s, limit) if is_email(e)]
    for n, m in enumerate(SCAN.finditer(s)):
        if n >= limit:
            break
        g = m.lastgroup
        if m.group("mac"):
            if is_mac(m.group("mac")):
                out.append(Hit("device.mac", "mac", m.group("mac"), True))
        elif g == "uuid":
            if is_uuid(m.group("uuid")):
                out.append(Hit("device.gaid", "uuid", m.group("uuid"), False))
        elif m.group("lat") is not None:
            lat, lng = m.group("lat"), m.group("lng")
            if abs(float(lat)) > 90:
                lat, lng = lng, lat
            if coord_ok(lat, lng) and decimals(lat) >= 4 and decimals(lng) >= 4:
                out.append(Hit("location.precise", "latlng", m.group(0), True))
        elif g == "mobile":
            if is_mobile_cn(m.group("mobile")):
                out.append(Hit("contact.phone_number", "mobile", m.group("mobile"), True))
        elif g == "num":
            out.extend(_number(m.group("num")))
    return out


def _number(n: str) -> list[Hit]:
    if len(n) == 15 and is_imei(n):
        return [Hit("device.imei", "imei", n, True)]
    if len(n) == 15 and is_imsi(n):
        return [Hit("device.imsi", "imsi", n, True)]
    if len(n) == 18 and is_resident_id(n):
        return [Hit("identity.id_number", "resident_id", n, True)]
    if n[:2] == "89" and is_iccid(n):
        return [Hit("device.iccid", "iccid", n, True)]
    if is_bank_card(n):
        return [Hit("finance.bank_card", "bank_card", n, True)]
    return []


def confidence_for(hit: Hit, key: KeyInfo, key_pi: str) -> Confidence | None:
    """How sure a shape hit is, given the key it sits under (None: do not report)."""
    if key_pi == hit.pi or (key.kind == "deviceid" and hit.pi in ("device.imei", "device.gaid")):
        return Confidence.HIGH
    if key.negative:
        return Confidence.LOW
    return Confidence.MEDIUM if hit.strong else Confidence.LOW
