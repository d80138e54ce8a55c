"""Every known value of the device profile, in every place and encoding issue 4 lists, is found as its type.

A value sits under a neutral key (``v``, ``d``) so only the profile can find it; the matrix is values ×
carriers (query, form, JSON, multipart, cookie, header; gzip/deflate/brotli/zstd bodies) × encodings
(URL, base64 standard and URL-safe at any offset, hex, MD5/SHA-1/SHA-256 in lower and upper case).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib
from collections.abc import Callable
from urllib.parse import quote, urlencode

import brotli
import pytest
import zstandard

from analyzer.model import Confidence
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector
from analyzer.traffic.model import Message
from analyzer.traffic.profile import KnownValue, load_profile
from tests.conftest import REPO

PROFILE = load_profile(REPO / "samples" / "device-profile.yaml")
DETECTOR = Detector(PROFILE, Attributor(None))
# a coordinate is found as a pair, an app name as a list: both are tested in test_detect.py
SINGLE = [kv for kv in PROFILE.values if kv.kind not in ("lat", "lng") and kv.pi != "apps.installed_list"]
JSON = (("content-type", "application/json"),)
FORM = (("content-type", "application/x-www-form-urlencoded"),)


def _msg(query: str = "", body: bytes = b"", headers: tuple[tuple[str, str], ...] = ()) -> Message:
    return Message("m", "request", "POST", "https", "api.example.net", 443, "/c", query=query,
                   headers=headers, body=body, timestamp=1.0, tls=True)


def _multipart(v: str) -> Message:
    body = (f'--b0\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{v}\r\n'
            f'--b0\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n\x00\x01\r\n--b0--\r\n").encode()
    return _msg(body=body, headers=(("content-type", "multipart/form-data; boundary=b0"),))


CARRIERS: dict[str, Callable[[str], Message]] = {
    "query": lambda v: _msg(query=urlencode({"v": v, "t": "1700000000"})),
    "form": lambda v: _msg(body=urlencode({"v": v, "n": "3"}).encode(), headers=FORM),
    "json": lambda v: _msg(body=json.dumps({"d": {"v": v}, "n": 3}).encode(), headers=JSON),
    "json-ascii": lambda v: _msg(body=json.dumps({"v": [v]}, ensure_ascii=True).encode(), headers=JSON),
    "multipart": _multipart,
    "cookie": lambda v: _msg(headers=(("cookie", f"sid=1; v={quote(v)}"),)),
    "header": lambda v: _msg(headers=(("x-d", quote(v)),)),
    "gzip": lambda v: _msg(body=gzip.compress(json.dumps({"v": v}).encode()),
                           headers=(*JSON, ("content-encoding", "gzip"))),
    "deflate": lambda v: _msg(body=zlib.compress(urlencode({"v": v}).encode()),
                              headers=(*FORM, ("content-encoding", "deflate"))),
    "br": lambda v: _msg(body=brotli.compress(json.dumps({"v": v}).encode()),
                         headers=(*JSON, ("content-encoding", "br"))),
    "zstd": lambda v: _msg(body=zstandard.ZstdCompressor().compress(json.dumps({"v": v}).encode()),
                           headers=(*JSON, ("content-encoding", "zstd"))),
}

ENCODINGS: dict[str, Callable[[str], str]] = {
    "url": lambda v: quote(quote(v, safe="")),      # double: the carrier undoes one
    "base64": lambda v: base64.b64encode(json.dumps({"x": v}).encode()).decode(),
    "base64url-offset": lambda v: base64.urlsafe_b64encode(b"\xfb\xef" + v.encode() + b"\xff").decode(),
    "base64-offset-1": lambda v: base64.b64encode(b"k" + v.encode()).decode(),
    "hex": lambda v: v.encode().hex(),
    "HEX": lambda v: v.encode().hex().upper(),
    **{f"{a}{'-upper' if up else ''}": (lambda v, a=a, up=up: (
        hashlib.new(a, v.encode()).hexdigest().upper() if up else hashlib.new(a, v.encode()).hexdigest()))
       for a in ("md5", "sha1", "sha256") for up in (False, True)},
}


def _found(m: Message) -> set[str]:
    return {o.pi for o in DETECTOR.detect(m, "x") if o.confidence >= Confidence.MEDIUM}


@pytest.mark.parametrize("kv", SINGLE, ids=lambda kv: kv.field)
@pytest.mark.parametrize("carrier", sorted(CARRIERS))
def test_every_value_in_every_carrier(kv: KnownValue, carrier: str) -> None:
    assert kv.pi in _found(CARRIERS[carrier](kv.value))


@pytest.mark.parametrize("kv", SINGLE, ids=lambda kv: kv.field)
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_every_value_in_every_encoding(kv: KnownValue, encoding: str) -> None:
    assert kv.pi in _found(CARRIERS["query"](ENCODINGS[encoding](kv.value)))


@pytest.mark.parametrize("spelling", ["3CA9F45E2107", "3c-a9-f4-5e-21-07", "3C:A9:F4:5E:21:07"])
def test_mac_spellings_and_their_hashes(spelling: str) -> None:
    for text in (spelling, hashlib.md5(spelling.encode()).hexdigest(),
                 hashlib.sha1(spelling.encode()).hexdigest().upper()):
        assert "device.mac" in _found(CARRIERS["json"](text)), text


@pytest.mark.parametrize("spelling", ["13912345678", "+8613912345678", "+86 139 1234 5678", "139-1234-5678",
                                      "008613912345678"])
def test_phone_spellings_and_their_hashes(spelling: str) -> None:
    for text in (spelling, hashlib.md5(spelling.encode()).hexdigest()):
        assert "contact.phone_number" in _found(CARRIERS["form"](text)), text


@pytest.mark.parametrize("lat,lng,enc", [("39.908823", "116.39747", "plain"),
                                         ("39.9088", "116.3975", "rounded"),
                                         ("39.90882", "116.39747", "rounded")])
def test_gps_fix_rounded(lat: str, lng: str, enc: str) -> None:
    obs = [o for o in DETECTOR.detect(_msg(query=f"la={lat}&lo={lng}"), "x") if o.pi == "location.precise"]
    assert obs and obs[0].encoding.endswith(enc)
