"""Undo content codings and base64 within bounds: gzip, deflate, brotli, zstd, lz4 blocks; text sniffing.

Decompression never produces more than :data:`MAX_DECODED` bytes, whatever
the input claims: every decoder is told the limit and stops there, so a
decompression bomb costs what reading the bounded prefix costs (a 405-byte
brotli body that unpacks to 512 MiB costs 8 MiB and 50 ms). zstandard comes
with mitmproxy; brotli is decoded with brotlicffi, whose decompressor takes
an output limit (mitmproxy's brotli binding has none).

Some APIs compress a body without a Content-Encoding, saying so in their own
headers: Alibaba Cloud Log Service's ``x-log-compresstype: lz4`` (a raw LZ4
block, whose size ``x-log-bodyrawsize`` gives: the block itself has none),
``deflate`` or ``zstd`` (:func:`declared_coding`, :func:`undo_declared`).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

import brotlicffi
import lz4.block
import zstandard

MAX_BODY = 4 * 1024 * 1024
"""Bytes of a body that are looked at (before decompression)."""
MAX_DECODED = 8 * 1024 * 1024
"""Bytes any decompression may produce."""

class BoundExceeded(Exception):
    """Decompression would pass :data:`MAX_DECODED`."""


def decompress(data: bytes, coding: str) -> bytes:
    """Undo one content coding, never producing more than :data:`MAX_DECODED` bytes.

    >>> decompress(zlib.compress(b"hi"), "deflate")
    b'hi'
    """
    coding = coding.strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if coding != "deflate" else zlib.MAX_WBITS
        try:
            d = zlib.decompressobj(wbits)
            out = d.decompress(data, MAX_DECODED + 1)
        except zlib.error:
            if coding != "deflate":
                raise
            d = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            out = d.decompress(data, MAX_DECODED + 1)
    elif coding == "br":
        out = brotlicffi.Decompressor().process(data, output_buffer_limit=MAX_DECODED + 1)
    elif coding == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(data)
        out = reader.read(MAX_DECODED + 1)
    elif coding in ("identity", ""):
        out = data
    else:
        raise ValueError(f"unknown content coding {coding!r}")
    if len(out) > MAX_DECODED:
        raise BoundExceeded(coding)
    return out


DECLARED = (("x-log-compresstype", "x-log-bodyrawsize"),)
"""(coding header, raw-size header) of APIs that declare a body's compression in their own headers."""
_DECLARED_CODINGS = frozenset({"lz4", "deflate", "zstd", "gzip"})


def declared_coding(headers: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """(coding, raw size as sent) that an API's own headers declare for the body, or ``("", "")``.

    >>> declared_coding((("X-Log-CompressType", "lz4"), ("x-log-bodyrawsize", "120")))
    ('lz4', '120')
    """
    low = {k.lower(): v for k, v in headers}
    for coding_header, size_header in DECLARED:
        coding = low.get(coding_header, "").strip().lower()
        if coding in _DECLARED_CODINGS:
            return coding, low.get(size_header, "").strip()
    return "", ""


def undo_declared(data: bytes, coding: str, raw_size: str) -> bytes:
    """Undo a declared coding (:func:`declared_coding`); an LZ4 block needs its raw size, at most
    :data:`MAX_DECODED`. Raises ValueError (or a decompressor's error) on a body it cannot undo.

    >>> body = b"imei=867692043518725&" * 20
    >>> undo_declared(lz4.block.compress(body, store_size=False), "lz4", str(len(body))) == body
    True
    """
    if coding != "lz4":
        return decompress(data, coding)
    if not raw_size.isdigit():
        raise ValueError("an lz4 block without its raw size")
    size = int(raw_size)
    if size > MAX_DECODED:
        raise BoundExceeded("lz4")
    try:
        return bytes(lz4.block.decompress(data, uncompressed_size=size))
    except lz4.block.LZ4BlockError as e:
        raise ValueError(f"not an lz4 block: {e}") from e


def sniff_compressed(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    if data[:4] == b"\x28\xb5\x2f\xfd":
        return "zstd"
    return ""


def unwrap_sniffed(data: bytes) -> tuple[bytes, str] | None:
    """``data`` without a gzip/zstd layer recognised by its magic bytes, and that codec
    (``""`` when there is none); None when the layer does not decompress within bounds."""
    sniffed = sniff_compressed(data)
    if not sniffed:
        return data, ""
    try:
        return decompress(data, sniffed), sniffed
    except (BoundExceeded, ValueError, zlib.error, zstandard.ZstdError, EOFError):
        return None


_B64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_PRINTABLE = re.compile(rb"[\x20-\x7e\t\r\n]")


def looks_text(b: bytes) -> str | None:
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not s:
        return None
    bad = sum(1 for c in s[:512] if (c < " " and c not in "\t\r\n") or c == "\ufffd")
    return s if bad == 0 else None


def b64decode(s: str) -> bytes | None:
    if not _B64.fullmatch(s) or len(s) % 4 == 1:
        return None
    if s.isdigit() or re.fullmatch(r"[0-9a-fA-F]+", s):
        return None  # plain numbers and hex strings are not base64 payloads
    t = s.replace("-", "+").replace("_", "/")
    t += "=" * (-len(t) % 4)
    try:
        return base64.b64decode(t, validate=True)
    except (binascii.Error, ValueError):
        return None
