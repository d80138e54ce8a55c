"""Make what piflow cannot read visible: request bodies still opaque after every decoding it knows.

A request body that, with every content coding and framing undone
(:mod:`analyzer.traffic.decode`), is still high-entropy bytes, or text that is
one long base64 or hex blob decoding to such bytes, is encrypted or in an
encoding piflow does not know: no PI was found in it, but none can be ruled
out. Such a body becomes a :class:`~analyzer.traffic.model.NotInspected`
record (once per host and consent phase of a capture), so a reviewer sees the
blind spot instead of silence. When the receiving SDK's wire schema
(``policies/wire/``) declares ``encrypted`` framing, the record names the SDK.

Media and archives are not opaque: a body (or its content type) recognised by
magic bytes or content type as an image, audio, video, font, PDF or archive is
skipped. The test is cheap: it runs after the leaf walk, only for a request
body in which no PI was found; entropy is measured (over at most :data:`SAMPLE`
bytes) only when the walk parsed the body into nothing, or when the run of
base64/hex characters through the middle of the body makes up most of it
(a blob that dominates a body covers its middle: most bodies cost one look at
one character).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from urllib.parse import unquote

from analyzer.common.masking import mask_host
from analyzer.traffic.codings import MAX_BODY, b64decode, decompress, unwrap_sniffed
from analyzer.traffic.decode import Leaf
from analyzer.traffic.model import Attribution, Message, NotInspected

MIN_BYTES = 256
"""Fewest opaque bytes worth a record (below it the entropy estimate says little)."""
MIN_ENTROPY = 7.2
"""Bits per byte (Shannon, Miller-Madow corrected for the sample size) of encrypted or compressed bytes;
text is below 6.5, base64 text at 6, machine code and protobuf of text well below 7."""
SAMPLE = 64 * 1024
"""Bytes whose entropy is measured."""
DOMINANT = 0.6
"""Share of the body one blob must make up for the body to count as that blob."""
MAX_KEYS = 10_000
"""Distinct (host, phase) pairs remembered per capture."""

_MEDIA_TYPES = ("image/", "video/", "audio/", "font/", "model/")
_ARCHIVE_TYPES = frozenset({
    "application/zip", "application/pdf", "application/gzip", "application/x-gzip", "application/x-tar",
    "application/x-7z-compressed", "application/x-rar-compressed", "application/vnd.rar",
    "application/x-bzip2", "application/x-xz", "application/zstd", "application/java-archive",
    "application/vnd.android.package-archive", "application/wasm", "application/ogg",
    "application/x-font-ttf", "application/font-woff", "application/x-protobuf-descriptor"})
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"OggS", b"fLaC", b"ID3", b"\xff\xfb", b"\xff\xf3",
          b"PK\x03\x04", b"PK\x05\x06", b"%PDF", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"BZh", b"\xfd7zXZ",
          b"wOFF", b"wOF2", b"OTTO", b"\x00\x01\x00\x00\x00", b"\x1a\x45\xdf\xa3", b"\x7fELF", b"dex\n",
          b"\x00asm", b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00", b"8BPS")
"""Leading bytes of media, documents, archives and binaries (with ``ftyp`` at offset 4: MP4, HEIC, 3GP)."""
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")
_RUN = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")
_BACK = re.compile(r"[A-Za-z0-9+/_-]+")
_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-%")
_BODY_PREFIXES = ("body", "ws", "json:", "jsonl", "form:", "multipart:", "pb:", "grpc[")


def entropy(data: bytes) -> float:
    """Shannon entropy of ``data`` in bits per byte, Miller-Madow corrected (random bytes: about 8).

    >>> entropy(bytes(range(256)) * 4) > 7.9, entropy(b"a" * 1000)
    (True, 0.0)
    """
    n = len(data)
    if not n:
        return 0.0
    counts = Counter(data).values()
    h = -sum(c / n * math.log2(c / n) for c in counts)
    return h + (len(counts) - 1) / (2 * n * math.log(2)) if h else 0.0


def known_format(data: bytes, ctype: str = "") -> bool:
    """Whether ``data`` (with content type ``ctype``) is media, a document, an archive or a binary.

    >>> known_format(b"\\x89PNG\\r\\n"), known_format(b"\\x00\\x00\\x00\\x18ftypmp42"), known_format(b"abc")
    (True, True, False)
    """
    ct = ctype.split(";", 1)[0].strip().lower()
    if ct.startswith(_MEDIA_TYPES) or ct in _ARCHIVE_TYPES:
        return True
    return data.startswith(_MAGIC) or data[4:8] == b"ftyp"


def _blob(text: str) -> bytes | None:
    """The bytes a base64 or hex blob decodes to (a gzip/zstd layer undone), or None."""
    s = text.strip()
    raw = bytes.fromhex(s) if len(s) % 2 == 0 and _HEX.fullmatch(s) else b64decode(s)
    if raw is None:
        return None
    unwrapped = unwrap_sniffed(raw)
    return unwrapped[0] if unwrapped is not None else raw


def _opaque(data: bytes, ctype: str) -> bool:
    return len(data) >= MIN_BYTES and not known_format(data, ctype) and entropy(data[:SAMPLE]) >= MIN_ENTROPY


def _decoded(msg: Message) -> bytes:
    """The body with its content codings and a sniffed gzip/zstd layer undone (as sent if that fails)."""
    body = msg.body[:MAX_BODY]
    coding = msg.header("content-encoding")
    try:
        for c in reversed([c for c in coding.split(",") if c.strip()]):
            body = decompress(body, c)
    except Exception:  # undecodable: the bytes as they are (still opaque to piflow)
        return msg.body[:MAX_BODY]
    unwrapped = unwrap_sniffed(body)
    return unwrapped[0] if unwrapped is not None else body


def opaque_size(msg: Message, leaves: Iterable[Leaf], found: Iterable[str],
                decoded: bytes | None = None) -> int:
    """Bytes of ``msg``'s request body that stay opaque, or 0 (``found``: locations of PI found in it;
    ``decoded``: the body with its codings undone, as the leaf walk had it, if known).

    The body is opaque when it was not parsed into anything (its only body leaf is ``body``, the
    text of the body itself) and is high-entropy bytes, or when one base64/hex text makes up most of
    it (:data:`DOMINANT`) and decodes to high-entropy bytes.
    """
    if msg.direction != "request" or len(msg.body) < MIN_BYTES // 2:
        return 0
    if any(loc.startswith(_BODY_PREFIXES) for loc in found):
        return 0  # PI was read in it: not opaque
    ctype = msg.header("content-type")
    if known_format(msg.body[:16], ctype):
        return 0
    data = decoded if decoded is not None else _decoded(msg)
    if any(lf.location in ("body", "ws") and not lf.encoding.endswith(("base64", "url")) for lf in leaves) \
            and _opaque(data, ctype):
        return len(data)  # parsed into nothing (the body itself is the only leaf) and high-entropy
    # one base64 or hex text that makes up most of the body (the whole of it, a form's or a JSON
    # document's one big value): such a run of its alphabet covers the middle of the body, so only
    # the run through the middle is looked at (one character for most bodies)
    mid = len(data) // 2
    if not data or data[mid] not in _ALPHABET:
        return 0
    text = data.decode("latin-1")
    if "%" in text:
        text = unquote(text)  # a form's escapes (not unquote_plus: a raw + is base64's)
    text = text.replace("\\/", "/")  # JSON may escape base64's slashes
    mid = len(text) // 2
    back = _BACK.match(text[::-1], len(text) - 1 - mid)
    m = _RUN.match(text, mid + 1 - (back.end() - back.start()) if back else mid)
    if m is None or len(m.group(0)) < max(DOMINANT * len(text), MIN_BYTES):
        return 0
    run = m.group(0)
    raw = _blob(run)
    return len(raw) if raw is not None and _opaque(raw, "") else 0

def _size(n: int) -> str:
    """``2.3 KB`` (``512 B`` below a KiB, ``1.2 MB`` above a MiB)."""
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


class OpaqueBodies:
    """The opaque request bodies of one capture, one record per (host, phase), with a request count."""

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self.names = dict(names or {})
        """SDK id -> name (the reason names the SDK that encrypts)."""
        self._seen: dict[tuple[str, str], tuple[NotInspected, int, int, str]] = {}
        self._new: list[NotInspected] = []

    def add(self, msg: Message, att: Attribution, phase: str, size: int, encrypted_by: str = "",
            show: bool = False) -> None:
        """Count an opaque body of ``size`` bytes (``encrypted_by``: the SDK id whose wire schema declares
        ``encrypted`` framing for the message, or ``""``)."""
        host = mask_host(msg.host, show=show)
        key = (host, phase)
        old = self._seen.get(key)
        if old is not None:
            self._seen[key] = (old[0], old[1] + 1, max(old[2], size), old[3])
            return
        if len(self._seen) >= MAX_KEYS:
            return
        rec = NotInspected(host=host, reason=self._reason(encrypted_by, size), phase=phase,
                           timestamp=msg.timestamp, attribution=att)
        self._seen[key] = (rec, 1, size, encrypted_by)
        self._new.append(rec)

    def _reason(self, sdk: str, size: int) -> str:
        why = f"encrypted by {self.names.get(sdk, sdk)}'s own key (policies/wire)" if sdk \
            else "encrypted or an unknown binary encoding"
        return f"request body opaque ({why}, {_size(size)}): PI cannot be ruled out"

    def new(self) -> list[NotInspected]:
        """Records of (host, phase) pairs first seen since the last call (what a live capture writes)."""
        out, self._new = self._new, []
        return out

    def records(self) -> list[NotInspected]:
        """One record per (host, phase), naming the number of requests and the largest body."""
        out = []
        for rec, count, size, sdk in self._seen.values():
            reason = self._reason(sdk, size)
            if count > 1:
                reason = reason.replace("): PI", f"; {count} requests): PI", 1)
            out.append(replace(rec, reason=reason))
        return out

    def clear(self) -> None:
        """Forget everything (a new capture)."""
        self._seen.clear()
        self._new.clear()

