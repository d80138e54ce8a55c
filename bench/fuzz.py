"""Fuzz piflow's CLI with mutated and hand-built hostile inputs: no hang, exit 3, traceback or PI in clear.

Every input runs through the real ``piflow`` command in a fresh process
(``check`` or ``scan --taint`` for APKs, ``traffic`` or ``check --capture``
for captures), with a wall-clock limit and its peak RSS taken from ``wait4``
(the process and everything it waited for). An outcome is good when:

- the exit status is 0 or 1 (analysed) or 2 (input at fault); never 3,
  another status, a signal or the time limit (a hang);
- stderr holds only piflow's own one-line messages (``piflow: …``): no
  traceback, no Python warning, no library log, no control character; an
  exit 2 prints exactly one ``piflow: error:`` line and writes no output;
- an output file is strict JSON (no NaN), written 0600, and holds no value of
  the device profile in clear; table output on stdout holds no control
  character but newlines;
- the run stays under ``--max-rss`` MB.

Classes (``--classes``; inputs per mutated class with ``--per-class``):

``zip``        a sample APK with ZIP headers, directory or bytes mutated;
``dex``        a sample's or hostile program's DEX mutated (pools, header, map,
               code; checksums fixed so that the mutation reaches the parser);
``manifest``   the binary manifest mutated (chunk headers, string pool, attributes);
``capture``    a .mitm or HAR capture of PI-bearing flows mutated (tnetstring
               lengths, bytes, JSON values: wrong types, NaN, nesting, bad UTF-8);
``program``    hand-built hostile programs (``bench/hostile.py`` PROGRAMS);
``archive``    hand-built hostile archives (ARCHIVES);
``built-manifest`` hand-written hostile manifests compiled by aapt (MANIFESTS);
``built-capture``  hand-built hostile captures (CAPTURES and body bombs);
``batch``      one ``piflow batch run`` over all the APK inputs above: every one is
               recorded, the summary CSV has a row per APK and no formula cell.

Everything random comes from ``random.Random(f"{seed}:{class}:{i}")``: a seed
and a count name the same inputs on every machine. ``--quick`` is the slice
the tests run (``tests/e2e/test_fuzz.py``).

Usage: python bench/fuzz.py [--seed 17] [--per-class 60] [--jobs 2] [--classes zip,dex,...]
                            [--timeout 120] [--max-rss 1024] [--out bench/out/fuzz] [--quick]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import gzip
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import hostile

REPO = hostile.REPO
PIFLOW = Path(sys.executable).parent / "piflow"
PROFILE = REPO / "samples" / "device-profile.yaml"
SAMPLES = sorted(p for p in (REPO / "samples").glob("*/*.apk"))
GOOD = {0, 1, 2}

# -- the device profile's values, which must never appear in clear ------------------------------

IMEI = "869876041234561"
CLEAR = ["869876041234561", "869876041234579", "460011234567890", "89860012345678901238", "9f3c2a7b1e5d4c60",
         "3c:a9:f4:5e:21:07", "3ca9f45e2107", "li.wei.test@example.com", "13912345678", "110105199003071239",
         "6222021234567890128", "5b2f7c1e-9a3d-4e8b-b6f2-0c4d8a1e7f93", "李卫东", "Hunter2-piflow!"]
"""Spellings of samples/device-profile.yaml's values that the captures below send (checked case-blind)."""


def _gzip(data: bytes) -> bytes:
    """gzip with no time stamp in its header (the same bytes on every run)."""
    return gzip.compress(data, mtime=0)


# -- mutation helpers ---------------------------------------------------------------------------

def _interesting(rng: random.Random, orig: int, width: int, total: int = 0) -> int:
    top = (1 << (8 * width)) - 1
    pool = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, top, top >> 1, (top >> 1) + 1,
            orig + 1, orig - 1, orig * 2, orig // 2, orig + 0x10000, total, total + 1, rng.randrange(top + 1)]
    return rng.choice(pool) & top


def _set(data: bytearray, pos: int, width: int, rng: random.Random) -> None:
    if pos < 0 or pos + width > len(data):
        return
    fmt = {1: "<B", 2: "<H", 4: "<I"}[width]
    orig = struct.unpack_from(fmt, data, pos)[0]
    struct.pack_into(fmt, data, pos, _interesting(rng, orig, width, len(data)))


def _flip(data: bytearray, rng: random.Random, lo: int = 0, hi: int | None = None) -> None:
    hi = len(data) if hi is None else min(hi, len(data))
    for _ in range(rng.randint(1, 8)):
        if hi > lo:
            data[rng.randrange(lo, hi)] = rng.randrange(256)


def _truncate(data: bytearray, rng: random.Random) -> None:
    if len(data) > 1:
        del data[rng.randrange(1, len(data)):]


def _splice(data: bytearray, rng: random.Random) -> None:
    if len(data) > 2:
        a = rng.randrange(len(data))
        b = min(len(data), a + rng.randint(1, 4096))
        at = rng.randrange(len(data))
        data[at:at] = data[a:b] * rng.randint(1, 4)


# -- ZIP -----------------------------------------------------------------------------------------

_CD_FIELDS = [(4, 2), (6, 2), (8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (34, 2),
              (42, 4)]
_LH_FIELDS = [(4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)]
_EOCD_FIELDS = [(4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2)]
_NAMES = [b"../../x", b"a\nTraceback", b"\x1b[2J", b"\xff\xfe", b"classes.dex", b"AndroidManifest.xml",
          b"=1+1", b"\0\0"]


def mutate_zip(raw: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(raw)
    cds = [m.start() for m in re.finditer(b"PK\x01\x02", raw)]
    lhs = [m.start() for m in re.finditer(b"PK\x03\x04", raw)]
    eocd = raw.rfind(b"PK\x05\x06")
    done = []
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["cd", "cd", "lh", "lh", "eocd", "flip", "truncate", "name", "splice", "junk"])
        done.append(op)
        if op == "cd" and cds:
            off, w = rng.choice(_CD_FIELDS)
            _set(data, rng.choice(cds) + off, w, rng)
        elif op == "lh" and lhs:
            off, w = rng.choice(_LH_FIELDS)
            _set(data, rng.choice(lhs) + off, w, rng)
        elif op == "eocd" and eocd >= 0:
            off, w = rng.choice(_EOCD_FIELDS)
            _set(data, eocd + off, w, rng)
        elif op == "flip":
            _flip(data, rng, lo=cds[0] if cds and rng.random() < 0.6 else 0)
        elif op == "truncate":
            _truncate(data, rng)
        elif op == "name" and cds:
            pos = rng.choice(cds)
            n = struct.unpack_from("<H", data, pos + 28)[0]
            new = rng.choice(_NAMES)[:n].ljust(n, b"_")
            data[pos + 46:pos + 46 + n] = new
        elif op == "splice":
            _splice(data, rng)
        elif op == "junk":
            junk = rng.randbytes(rng.randint(1, 2048))
            data = bytearray(junk) + data if rng.random() < 0.5 else data + junk
    return bytes(data), "+".join(done)


# -- DEX -----------------------------------------------------------------------------------------

_SECTIONS = {"string_ids": (0x38, 4), "type_ids": (0x40, 4), "proto_ids": (0x48, 12), "field_ids": (0x50, 8),
             "method_ids": (0x58, 8), "class_defs": (0x60, 32)}


def _fix_dex(data: bytearray) -> None:
    if len(data) >= 0x70:
        data[12:32] = hashlib.sha1(bytes(data[32:])).digest()
        struct.pack_into("<I", data, 8, zlib.adler32(bytes(data[12:])))


def mutate_dex(raw: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(raw)
    done = []
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["header", "pool", "pool", "pool", "map", "data", "data", "uleb", "truncate"])
        done.append(op)
        if op == "header":
            _set(data, rng.randrange(0x20, 0x70, 4), 4, rng)
        elif op == "pool":
            name = rng.choice(list(_SECTIONS))
            at, size = _SECTIONS[name]
            count, off = struct.unpack_from("<II", raw, at)
            done[-1] = f"pool:{name}"
            if count:
                entry = off + rng.randrange(count) * size
                _set(data, entry + rng.randrange(0, size, 2 if size % 4 else 4), rng.choice([2, 4]), rng)
        elif op == "map":
            map_off = struct.unpack_from("<I", raw, 0x34)[0]
            if map_off + 4 < len(raw):
                n = struct.unpack_from("<I", raw, map_off)[0]
                if n:
                    item = map_off + 4 + rng.randrange(min(n, 64)) * 12
                    _set(data, item + rng.choice([0, 4, 8]), rng.choice([2, 4]), rng)
        elif op == "data":
            data_off = struct.unpack_from("<I", raw, 0x6C)[0]
            _flip(data, rng, lo=min(data_off, len(data) - 1))
        elif op == "uleb":
            data_off = struct.unpack_from("<I", raw, 0x6C)[0]
            if len(data) > data_off + 8:
                at = rng.randrange(data_off, len(data) - 5)
                data[at:at + 5] = b"\xff\xff\xff\xff\x0f"
        elif op == "truncate":
            _truncate(data, rng)
    if rng.random() < 0.85:
        _fix_dex(data)
        done.append("fixed")
    return bytes(data), "+".join(done)


# -- binary manifest -----------------------------------------------------------------------------

def _chunks(raw: bytes) -> Iterator[tuple[int, int, int, int]]:
    """(offset, type, header size, size) of the chunks of a binary XML file, as far as they parse."""
    pos = 8
    while pos + 8 <= len(raw):
        typ, hsz, size = struct.unpack_from("<HHI", raw, pos)
        yield pos, typ, hsz, size
        if size < 8:
            return
        pos += size


def mutate_manifest(raw: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(raw)
    chunks = list(_chunks(raw))
    pools = [c for c in chunks if c[1] == 0x0001]
    tags = [c for c in chunks if c[1] == 0x0102]
    done = []
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["chunk", "pool", "pool", "offsets", "attr", "attr", "flip", "truncate",
                         "text", "text", "text"])
        done.append(op)
        if op == "chunk" and chunks:
            pos = rng.choice(chunks)[0]
            _set(data, pos + rng.choice([0, 2, 4]), rng.choice([2, 4]), rng)
        elif op == "pool" and pools:
            pos = pools[0][0]
            _set(data, pos + rng.choice([8, 12, 16, 20, 24]), 4, rng)
        elif op == "offsets" and pools:
            pos, _t, hsz, _s = pools[0]
            count = struct.unpack_from("<I", raw, pos + 8)[0]
            if count:
                _set(data, pos + hsz + 4 * rng.randrange(count), 4, rng)
        elif op == "attr" and tags:
            pos, _t, hsz, _s = rng.choice(tags)
            n = struct.unpack_from("<H", raw, pos + 28)[0] if pos + 30 <= len(raw) else 0
            if n:
                attr = pos + 36 + 20 * rng.randrange(n)
                off, w = rng.choice([(0, 4), (4, 4), (8, 4), (12, 2), (15, 1), (16, 4)])
                _set(data, attr + off, w, rng)
        elif op == "text" and pools:
            _hostile_text(data, raw, pools[0], rng)
        elif op == "flip":
            _flip(data, rng)
        elif op == "truncate":
            _truncate(data, rng)
    return bytes(data), "+".join(done)


_TEXT = ["\n", "\r", "\x1b", "\x00", "=", "+", "@", "<", ">", '"', "'", "&", "\u202e", "\u200b", "\ud800",
         "\udc00", "/", "\\", "|", "$", "{", "[", "]", "`", "李"]


def _hostile_text(data: bytearray, raw: bytes, pool: tuple[int, int, int, int], rng: random.Random) -> None:
    """Overwrite characters of one string of the pool in place (same length, so the file still parses):
    newlines, escapes, NUL, formula and markup characters, bidi overrides, lone surrogates."""
    pos, _typ, hsz, _size = pool
    count, _styles, flags, start = struct.unpack_from("<IIII", raw, pos + 8)
    if not count or pos + hsz + 4 * count > len(raw):
        return
    i = rng.randrange(count)
    at = pos + start + struct.unpack_from("<I", raw, pos + hsz + 4 * i)[0]
    if flags & 0x100:  # UTF-8: lengths in chars and bytes, then the bytes
        if at + 2 > len(raw):
            return
        nbytes = raw[at + 1] & 0x7F
        body, width = at + 2, 1
    else:  # UTF-16: a length in units, then the units
        if at + 2 > len(raw):
            return
        nbytes = struct.unpack_from("<H", raw, at)[0] * 2
        body, width = at + 2, 2
    for _ in range(rng.randint(1, 4)):
        if nbytes < width:
            return
        k = body + rng.randrange(nbytes // width) * width
        ch = rng.choice(_TEXT)
        enc = ch.encode("utf-16-le" if width == 2 else "utf-8", "surrogatepass")
        data[k:k + len(enc[:width])] = enc[:width]


# -- captures ------------------------------------------------------------------------------------

def base_flows() -> list:  # type: ignore[type-arg]
    """Flows that send the profile's PI in many encodings (the captures that mutations start from)."""
    from mitmproxy import http
    from mitmproxy.test import tflow

    def flow(url: str, body: bytes = b"", **headers: str) -> http.HTTPFlow:
        f = tflow.tflow(req=http.Request.make("POST", url, body, headers), resp=True)
        f.response.content = json.dumps({"ok": True, "imsi": "460011234567890"}).encode()
        return _fixed_ids(f, ids)  # type: ignore[return-value]

    ids = random.Random(0)

    inner = base64.b64encode(json.dumps({"mac": "3C:A9:F4:5E:21:07", "oaid": CLEAR[11]}).encode()).decode()
    return [
        flow(f"https://alog.umeng.com/app_logs?imei={IMEI}&t=1"),
        flow("https://api.jpush.cn/v3/reg", _gzip(json.dumps({"phone": "13912345678",
                                                                      "email": CLEAR[7]}).encode()),
             **{"content-type": "application/json", "content-encoding": "gzip"}),
        flow("https://x.example.com/p", f"d={inner}&n=%E6%9D%8E%E5%8D%AB%E4%B8%9C".encode(),
             **{"content-type": "application/x-www-form-urlencoded", "cookie": "aid=9f3c2a7b1e5d4c60"}),
        flow(f"https://{IMEI}.h.example.com/u/li.wei.test%40example.com/139-1234-5678",
             b'{"id": "110105199003071239", "card": "6222021234567890128", "lat": 39.908823}',
             **{"content-type": "application/json"}),
    ]


def capture_bases(work: Path) -> dict[str, bytes]:
    from mitmproxy import io as mio
    from mitmproxy.addons.savehar import SaveHar

    flows = base_flows()
    mitm = work / "base.mitm"
    with mitm.open("wb") as fh:
        w = mio.FlowWriter(fh)
        for f in flows:
            w.add(f)
    return {"mitm": mitm.read_bytes(), "har": json.dumps(SaveHar().make_har(flows)).encode()}


_ODD_VALUES: list[object] = [None, True, -1, 10**30, 1e308, "", [], {}, "\udcff", "NaN", [[[[[]]]]],
                              "=cmd|' /C calc'!A0", "\u202e\x1b[2J", "%zz%", "x" * 70_000]


def _mutate_json(node: object, rng: random.Random, depth: int = 0) -> object:
    """``node`` with one value below it replaced by an odd one (mostly deep, so that the HAR still reads)."""
    kids = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
    if not kids:
        return copy.deepcopy(rng.choice(_ODD_VALUES))
    k = rng.choice(kids)
    child = node[k]  # type: ignore[index]
    if depth >= 2 and (rng.random() < 0.35 or not isinstance(child, (dict, list)) or not child):
        node[k] = copy.deepcopy(rng.choice(_ODD_VALUES))  # type: ignore[index]
    else:
        node[k] = _mutate_json(child, rng, depth + 1)  # type: ignore[index]
    return node


def _odd_flow(rng: random.Random) -> object:
    """A flow whose fields hold odd values (lying codings, broken bodies, NaN times, huge or odd names)."""
    from mitmproxy import http
    from mitmproxy.test import tflow

    url = rng.choice([f"https://alog.umeng.com/x?imei={IMEI}", f"http://{IMEI}.example.com/%zz%E6/%ff",
                      "https://h.example.com/" + "a/" * 20_000, f"https://[::1]:0/p?q={IMEI}&q=%00",
                      "https://xn--80ak6aa92e.com/li.wei.test%40example.com"])
    raw = json.dumps({"imei": IMEI, "n": [1] * 10}).encode()
    body = rng.choice([rng.randbytes(rng.randint(0, 5000)), _gzip(raw)[:-rng.randint(1, 20)],
                       b"[" * 100_000, b'{"a": "\xff\xfe"}', base64.b64encode(_gzip(raw)), raw,
                       b"\x1f\x8b" + rng.randbytes(100)])
    headers = {"content-encoding": rng.choice(["gzip", "br", "deflate", "zstd", "gzip, gzip, gzip, gzip",
                                               "identity", "x-odd", "gzip,br,zstd,deflate,gzip"]),
               "content-type": rng.choice(["application/json", "application/x-www-form-urlencoded",
                                           "multipart/form-data; boundary=", "text/plain; charset=x-odd",
                                           "application/x-protobuf"]),
               rng.choice(["x-\u202e", "cookie", "x-imei"]): rng.choice([IMEI, "a=" + "b;" * 5000,
                                                                          "\x1b[2J"])}
    method = rng.choice(["POST", "GET", "X" * 300])
    f = tflow.tflow(req=http.Request.make(method, url, body, headers), resp=True)
    f.request.timestamp_start = rng.choice([float("nan"), -1.0, 1e300, 0.0, 1.7e9])
    return _fixed_ids(f, rng)


def _fixed_ids(f: object, rng: random.Random) -> object:
    """``f`` with its flow and connection ids drawn from ``rng`` (mitmproxy draws them at random)."""
    import uuid

    for obj in (f, f.client_conn, f.server_conn):  # type: ignore[attr-defined]
        obj.id = str(uuid.UUID(int=rng.getrandbits(128)))
    req = f.request  # type: ignore[attr-defined]
    if req.timestamp_start is not None and 1.7e9 < req.timestamp_start < 1.9e9:
        req.timestamp_start = 1.7e9                # Request.make stamps "now"
    req.timestamp_end = 1.7e9 + 1
    f.timestamp_created = 1.7e9  # type: ignore[attr-defined]
    return f


def _odd_capture(rng: random.Random, work: Path) -> bytes:
    from mitmproxy import io as mio

    path = work / f"odd-{rng.random()}.mitm"
    with path.open("wb") as fh:
        w = mio.FlowWriter(fh)
        for _ in range(rng.randint(1, 6)):
            w.add(_odd_flow(rng))  # type: ignore[arg-type]
    data = path.read_bytes()
    path.unlink()
    return data


def mutate_capture(bases: dict[str, bytes], rng: random.Random, work: Path) -> tuple[bytes, str, str]:
    kind = rng.choice(["mitm", "mitm", "har"])
    raw = bases[kind]
    if kind == "mitm" and rng.random() < 0.5:
        data, how = bytearray(_odd_capture(rng, work)), "fields"
    elif kind == "har" and rng.random() < 0.6:
        doc = json.loads(raw)
        for _ in range(rng.randint(1, 4)):
            _mutate_json(doc, rng)
        text = json.dumps(doc, allow_nan=True)
        if rng.random() < 0.3:
            text = text.replace("1e+308", "Infinity").replace('"NaN"', "NaN")
        try:
            data = bytearray(text.encode("utf-8", "surrogateescape"))
        except UnicodeEncodeError:
            data = bytearray(text.encode("utf-8", "replace"))
        how = "json"
    else:
        data, how = bytearray(raw), ""
    ops = []
    for _ in range(rng.randint(0, 2) if how else rng.randint(1, 3)):
        op = rng.choice(["length", "length", "flip", "truncate", "splice", "nest"] if kind == "mitm"
                        else ["flip", "truncate", "splice", "utf8"])
        ops.append(op)
        if op == "length":
            lengths = [m for m in re.finditer(rb"(?<![0-9])([0-9]{1,9}):", bytes(data))]
            if lengths:
                m = rng.choice(lengths)
                new = str(rng.choice([0, 1, int(m.group(1)) + 1, max(0, int(m.group(1)) - 1), 999999999,
                                      rng.randrange(10**6)])).encode()
                data[m.start(1):m.end(1)] = new
        elif op == "flip":
            _flip(data, rng)
        elif op == "truncate":
            _truncate(data, rng)
        elif op == "splice":
            _splice(data, rng)
        elif op == "nest":
            inner = b"0:~"
            for _ in range(rng.randint(100, 20_000)):
                inner = str(len(inner)).encode() + b":" + inner + b"]"
            at = rng.randrange(len(data) + 1)
            data[at:at] = inner
        elif op == "utf8":
            at = rng.randrange(len(data) + 1)
            data[at:at] = rng.choice([b"\xff\xfe", b"\xc0\x80", b"\xed\xa0\x80", b"\x00"])
    return bytes(data), kind, "+".join([how, *ops] if how else ops)


def body_bomb_capture(out: Path, coding: str) -> Path:
    """A .mitm file whose request body is ``coding`` of 1 GiB of zeros (nested codings for ``nested``)."""
    import brotli
    import zstandard
    from mitmproxy import http
    from mitmproxy import io as mio
    from mitmproxy.test import tflow

    zeros = b"\0" * (1 << 24)

    def stream(compress: Callable[[bytes], bytes], flush: Callable[[], bytes], chunks: int) -> bytes:
        """Compress ``chunks`` × 16 MiB of zeros piece by piece (this process never holds the bomb whole)."""
        return b"".join([compress(zeros) for _ in range(chunks)] + [flush()])

    def gz(chunks: int) -> bytes:
        c = zlib.compressobj(1, zlib.DEFLATED, 31)
        return stream(c.compress, c.flush, chunks)

    if coding == "gzip":
        body = gz(64)
    elif coding == "br":
        b = brotli.Compressor(quality=1)
        body = stream(b.process, b.finish, 64)
    elif coding == "zstd":
        z = zstandard.ZstdCompressor(level=1).compressobj()
        body = stream(z.compress, z.flush, 64)
    else:  # nested: gzip inside brotli inside zstd, and the header says so
        body = zstandard.ZstdCompressor().compress(brotli.compress(gz(16), quality=1))
        coding = "gzip, br, zstd"
    req = http.Request.make("POST", f"https://alog.umeng.com/b?imei={IMEI}", body,
                            {"content-encoding": coding, "content-type": "application/json"})
    with out.open("wb") as fh:
        mio.FlowWriter(fh).add(tflow.tflow(req=req, resp=True))
    return out


def hostile_jsonl(out: Path) -> Path:
    """An observations.jsonl with a line over the record limit, NaN, a wrong schema and bad UTF-8."""
    with out.open("wb") as fh:
        fh.write(b'{"record": "capture", "schema": "piflow.traffic/1", "started": NaN}\n')
        fh.write(b'{"record": "observation", "pi": "device.imei", "excerpt": "' + b"x" * (2 << 20) + b'"}\n')
        fh.write(b'{"record": "phase", "phase": "\xff\xfe"}\n')
    return out


BUILT_CAPTURES: dict[str, Callable[[Path], Path]] = {
    **hostile.CAPTURES,
    "gzip_bomb": lambda p: body_bomb_capture(p, "gzip"),
    "brotli_bomb": lambda p: body_bomb_capture(p, "br"),
    "zstd_bomb": lambda p: body_bomb_capture(p, "zstd"),
    "nested_bomb": lambda p: body_bomb_capture(p, "nested"),
    "hostile_jsonl": hostile_jsonl,
}
_CAPTURE_SUFFIX = {"big_har": ".har", "hostile_jsonl": ".jsonl"}


# -- inputs and runs -------------------------------------------------------------------------------

@dataclass
class Input:
    cls: str
    name: str
    path: Path
    kind: str
    """``apk`` or ``capture``."""
    how: str = ""


@dataclass
class Outcome:
    cls: str
    name: str
    how: str
    argv: list[str]
    exit: int | None
    seconds: float
    rss_mb: float
    verdict: str
    """``ok`` (exit 0/1), ``input-error`` (exit 2) or a failure: ``hang``, ``bug``, ``traceback``,
    ``bad-stderr``, ``bad-output``, ``pi-in-clear``, ``over-memory``."""
    detail: str = ""
    stderr: list[str] = field(default_factory=list)


FAILURES = ("hang", "bug", "traceback", "bad-stderr", "bad-output", "pi-in-clear", "over-memory")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_STDERR_OK = re.compile(r"^piflow: (error|warning|WARNING|note|interrupted)[: ]")


def build_inputs(classes: list[str], per_class: int, seed: int, work: Path, quick: bool) -> list[Input]:
    """The inputs of ``classes``: ``per_class`` mutations each, the hand-built ones (a few with ``quick``)."""
    inputs: list[Input] = []
    work.mkdir(parents=True, exist_ok=True)

    def rng(cls: str, i: int) -> random.Random:
        return random.Random(f"{seed}:{cls}:{i}")

    def pick(names: list[str], cheap: list[str]) -> list[str]:
        return [n for n in names if n in cheap] if quick else names

    if "zip" in classes:
        for i in range(per_class):
            r = rng("zip", i)
            base = r.choice(SAMPLES)
            data, how = mutate_zip(base.read_bytes(), r)
            p = work / f"zip-{i}.apk"
            p.write_bytes(data)
            inputs.append(Input("zip", f"zip-{i}", p, "apk", f"{base.parent.name}:{how}"))
    if "dex" in classes:
        dexes = {s.parent.name: (zipfile.ZipFile(s).read("classes.dex"), s) for s in SAMPLES}
        for prog in ("recursion", "switch_loop_3000", "handler_maze_2000", "supertype_cycle"):
            if not quick or prog == "recursion":
                dexes[prog] = (hostile.smali_dex(hostile.PROGRAMS[prog]()), hostile.BASE_APK)
        for i in range(per_class):
            r = rng("dex", i)
            name = r.choice(sorted(dexes))
            raw, base = dexes[name]
            data, how = mutate_dex(raw, r)
            p = hostile.apk_with(work / f"dex-{i}.apk", replace={"classes.dex": data}, base=base)
            inputs.append(Input("dex", f"dex-{i}", p, "apk", f"{name}:{how}"))
    if "manifest" in classes:
        for i in range(per_class):
            r = rng("manifest", i)
            base = r.choice(SAMPLES)
            data, how = mutate_manifest(zipfile.ZipFile(base).read("AndroidManifest.xml"), r)
            p = hostile.apk_with(work / f"manifest-{i}.apk", replace={"AndroidManifest.xml": data}, base=base)
            inputs.append(Input("manifest", f"manifest-{i}", p, "apk", f"{base.parent.name}:{how}"))
    if "capture" in classes:
        bases = capture_bases(work)
        for i in range(per_class):
            data, kind, how = mutate_capture(bases, rng("capture", i), work)
            p = work / f"capture-{i}.{kind}"
            p.write_bytes(data)
            inputs.append(Input("capture", f"capture-{i}", p, "capture", f"{kind}:{how}"))
    if "program" in classes:
        for name in pick(list(hostile.PROGRAMS), ["self_extending", "recursion"]):
            p = hostile.program_apk(name, work / f"program-{name}.apk")
            inputs.append(Input("program", name, p, "apk"))
    if "archive" in classes:
        for name in pick(list(hostile.ARCHIVES), ["unsupported_version", "hostile_names", "corrupt_dex"]):
            inputs.append(Input("archive", name, hostile.ARCHIVES[name](work / f"archive-{name}.apk"), "apk"))
    if "built-manifest" in classes:
        for name in pick(list(hostile.MANIFESTS), ["control_chars", "formula_cells"]):
            p = hostile.manifest_apk(name, work / f"manifest-{name}.apk")
            inputs.append(Input("built-manifest", name, p, "apk"))
    if "built-capture" in classes:
        for name in pick(list(BUILT_CAPTURES), ["bad_utf8", "deep_nesting", "huge_length", "brotli_bomb"]):
            p = BUILT_CAPTURES[name](work / f"capture-{name}{_CAPTURE_SUFFIX.get(name, '.mitm')}")
            inputs.append(Input("built-capture", name, p, "capture"))
    return inputs


OUT = "@OUT@"
"""Stands for a run's own fresh folder in the argv that :func:`commands` returns."""


def commands(inp: Input, index: int) -> list[tuple[list[str], str | None]]:
    """The piflow runs of one input: (argv, the file it writes in its folder, or None: it prints)."""
    p, pf, prof = str(inp.path), str(PIFLOW), str(PROFILE)
    if inp.kind == "apk":
        runs: list[tuple[list[str], str | None]] = [
            ([pf, "check", p, "--format", "json", "-o", f"{OUT}/out.json", "--graph", f"{OUT}/graph.graphml",
              "--budget", "30", "-q"], "out.json") if index % 2 == 0 else
            ([pf, "scan", p, "--taint", "--format", "json", "-o", f"{OUT}/out.json", "--budget", "30",
              "--max-memory", "900"], "out.json")]
        if inp.cls in ("built-manifest", "program") or index % 5 == 0:
            runs.append(([pf, "scan", p], None))        # the table, on stdout
        return runs
    runs = [([pf, "traffic", p, "--profile", prof, "--format", "json", "-o", f"{OUT}/out.json"], "out.json")]
    if index % 2 == 1 or inp.cls == "built-capture":
        runs.append(([pf, "check", str(hostile.BASE_APK), "--no-taint", "--capture", p, "--profile", prof,
                      "--format", "json", "-o", f"{OUT}/check.json", "-q"], "check.json"))
        runs.append(([pf, "traffic", p, "--profile", prof], None))
    return runs


def _strict(text: str) -> None:
    def no(c: str) -> None:
        raise ValueError(f"non-standard JSON constant {c}")
    json.loads(text, parse_constant=no)


def run_one(argv: list[str], folder: Path, output: Path | None, timeout: float, max_rss: float) -> Outcome:
    """Run one piflow command in a fresh ``folder`` and judge it (``output``: the file it writes, if any)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    errf, outf = folder.parent / f"{folder.name}.stderr", folder.parent / f"{folder.name}.stdout"
    t0 = time.monotonic()
    with errf.open("wb") as err, outf.open("wb") as so:
        proc = subprocess.Popen(argv, stdout=so, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True,
                                env={**os.environ, "COLUMNS": "160", "PYTHONWARNINGS": "default"})
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - t0
    rss = usage.ru_maxrss / 1024
    stderr = errf.read_bytes().decode("utf-8", "replace")
    stdout = outf.read_bytes().decode("utf-8", "replace")
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    code = proc.returncode

    def outcome(verdict: str, detail: str = "") -> Outcome:
        return Outcome("", "", "", argv, code, round(seconds, 2), round(rss, 1), verdict, detail, lines[-6:])

    if killed.is_set():
        return outcome("hang", f"killed after {timeout:.0f} s")
    if "Traceback (most recent call last)" in stderr:
        return outcome("traceback")
    if code not in GOOD:
        return outcome("bug", f"exit {code}")
    if rss > max_rss:
        return outcome("over-memory", f"{rss:.0f} MB")
    bad = [ln for ln in lines if not _STDERR_OK.match(ln) or _BAD_CHARS.search(ln)]
    if bad:
        return outcome("bad-stderr", bad[0][:200])
    written = sorted(folder.iterdir())
    if code == 2:
        errors = [ln for ln in lines if ln.startswith("piflow: error:")]
        if len(errors) != 1 or lines[-1] != errors[0]:
            return outcome("bad-stderr", "exit 2 without exactly one closing 'piflow: error:' line")
        if written:
            return outcome("bad-output", f"a failed run left {written[0].name} behind")
        return outcome("input-error", lines[-1][:200])
    if output is not None and not output.exists():
        return outcome("bad-output", "no output file")
    texts = [stdout]
    for f in sorted(folder.rglob("*")):
        if f.stat().st_mode & 0o077:
            return outcome("bad-output", f"{f.name} is {oct(f.stat().st_mode & 0o777)}")
        if f.is_file():
            texts.append(f.read_text(encoding="utf-8", errors="replace"))
    if output is not None and output.suffix == ".json":
        try:
            _strict(output.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            return outcome("bad-output", f"not strict JSON: {str(e)[:120]}")
    elif m := _BAD_CHARS.search(stdout):
        return outcome("bad-output", f"control character {m.group(0)!r} on stdout")
    low = "\n".join(texts).lower()
    leaked = [v for v in CLEAR if v.lower() in low]
    if leaked:
        return outcome("pi-in-clear", leaked[0][:3] + "…")
    return outcome("ok")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run_batch(inputs: list[Input], work: Path, timeout: float, max_rss: float) -> Outcome:
    """``piflow batch run`` over every APK input at once: each is recorded (ok, error or over budget), the
    summary CSV has a row per APK and no cell a spreadsheet would run."""
    apks = work / "batch-in"
    apks.mkdir(parents=True, exist_ok=True)
    for inp in inputs:
        if inp.kind == "apk":
            shutil.copyfile(inp.path, apks / inp.path.name)
    folder = work / "runs" / "batch"
    argv = [str(PIFLOW), "batch", "run", str(apks), "--out", str(folder), "--summary",
            str(folder / "summary.csv"), "--time-budget", "30", "--workers", "2", "-q"]
    o = run_one(argv, folder, folder / "summary.csv", max(timeout, 900), max_rss)
    o.cls, o.name = "batch", f"{sum(1 for _ in apks.iterdir())} APKs"
    if o.verdict != "ok":
        return o
    import csv

    with (folder / "summary.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    given = {hashlib.sha256(p.read_bytes()).hexdigest() for p in apks.iterdir()}
    if {r["sha256"] for r in rows} != given:
        o.verdict, o.detail = "bad-output", f"{len(given)} distinct APKs, {len(rows)} rows in the summary"
    elif bad := [r for r in rows if r["status"] not in ("ok", "error", "over_budget")]:
        o.verdict, o.detail = "bad-output", f"status {bad[0]['status']!r}"
    elif cells := [v for r in rows for v in r.values() if v and v.startswith(_FORMULA_START)]:
        o.verdict, o.detail = "bad-output", f"a cell a spreadsheet would run: {cells[0][:40]!r}"
    else:
        o.detail = ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["status"] for r in rows).items()))
    return o


def run_all(inputs: list[Input], work: Path, jobs: int, timeout: float, max_rss: float,
            progress: bool = True) -> list[Outcome]:
    """Every command of every input, ``jobs`` at a time; a line per input when ``progress``."""
    def one(k: int) -> list[Outcome]:
        inp = inputs[k]
        res = []
        for n, (argv, name) in enumerate(commands(inp, k)):
            folder = work / "runs" / f"{k}-{n}"
            argv = [a.replace(OUT, str(folder)) for a in argv]
            output = folder / name if name else None
            o = run_one(argv, folder, output, timeout, max_rss)
            o.cls, o.name, o.how = inp.cls, inp.name, inp.how
            res.append(o)
        if progress:
            bad = [o for o in res if o.verdict in FAILURES]
            print(f"{inp.cls:15} {inp.name:24} {' '.join(o.verdict for o in res):36} "
                  f"{max(o.seconds for o in res):6.1f} s {max(o.rss_mb for o in res):6.0f} MB"
                  + (f"  <-- {bad[0].verdict}: {bad[0].detail}" if bad else ""), flush=True)
        return res

    with ThreadPoolExecutor(jobs) as pool:
        return [o for res in pool.map(one, range(len(inputs))) for o in res]


# -- report --------------------------------------------------------------------------------------

def report(inputs: list[Input], outcomes: list[Outcome], seed: int, wall: float) -> dict:  # type: ignore[type-arg]
    by_cls: dict[str, Counter[str]] = {}
    for o in outcomes:
        by_cls.setdefault(o.cls, Counter())[o.verdict] += 1
    n_inputs = Counter(i.cls for i in inputs)
    rows = []
    for cls in sorted(by_cls):
        runs = [o for o in outcomes if o.cls == cls]
        rows.append({"class": cls, "inputs": n_inputs[cls], "runs": len(runs), **dict(by_cls[cls]),
                     "max_seconds": max(o.seconds for o in runs), "max_rss_mb": max(o.rss_mb for o in runs)})
    failures = [asdict(o) for o in outcomes if o.verdict in FAILURES]
    return {"seed": seed, "inputs": len(inputs), "runs": len(outcomes), "wall_seconds": round(wall, 1),
            "verdicts": dict(Counter(o.verdict for o in outcomes)),
            "max_seconds": max((o.seconds for o in outcomes), default=0),
            "max_rss_mb": max((o.rss_mb for o in outcomes), default=0),
            "exit_codes": dict(Counter(str(o.exit) for o in outcomes)),
            "classes": rows, "failures": failures}


def markdown(rep: dict) -> str:  # type: ignore[type-arg]
    cols = ["ok", "input-error", *FAILURES]
    head = "| class | inputs | runs | " + " | ".join(cols) + " | max s | max RSS MB |"
    lines = [head, "|" + "---|" * (len(cols) + 5)]
    for r in rep["classes"]:
        lines.append(f"| {r['class']} | {r['inputs']} | {r['runs']} | "
                     + " | ".join(str(r.get(c, 0)) for c in cols)
                     + f" | {r['max_seconds']:.1f} | {r['max_rss_mb']:.0f} |")
    lines.append(f"\nseed {rep['seed']}: {rep['inputs']} inputs, {rep['runs']} runs in "
                 f"{rep['wall_seconds']} s; exit codes {rep['exit_codes']}; max {rep['max_seconds']:.1f} s, "
                 f"{rep['max_rss_mb']:.0f} MB; {len(rep['failures'])} failures")
    for f in rep["failures"][:40]:
        lines.append(f"- {f['cls']} {f['name']} ({f['how']}): {f['verdict']} {f['detail']} "
                     f"`{' '.join(Path(a).name if '/' in a else a for a in f['argv'][1:])}`")
    return "\n".join(lines)


CLASSES = ["zip", "dex", "manifest", "capture", "program", "archive", "built-manifest", "built-capture",
           "batch"]


def fuzz(classes: list[str], per_class: int, seed: int, work: Path, jobs: int = 2, timeout: float = 120,
         max_rss: float = 1024, quick: bool = False, progress: bool = True) -> dict:  # type: ignore[type-arg]
    """Build the inputs, run them, return the report (``report['failures']`` empty when all is well)."""
    t0 = time.monotonic()
    # the inputs are built in a child process: this one stays small, because a child's peak RSS as
    # wait4 reports it starts from its parent's peak at fork
    listing = work / "inputs.json"
    spec = {"classes": classes, "per_class": per_class, "seed": seed, "work": str(work / "inputs"),
            "quick": quick, "listing": str(listing)}
    subprocess.run([sys.executable, __file__, "--build", json.dumps(spec)], check=True, timeout=3600)
    listed = json.loads(listing.read_text(encoding="utf-8"))
    inputs = [Input(**{**d, "path": Path(d["path"])}) for d in listed]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if own > 300:  # a child's peak RSS starts from this process's peak (fork copies it)
        print(f"fuzz: warning: this process peaked at {own:.0f} MB; children's RSS reads at least that",
              file=sys.stderr)
    outcomes = run_all(inputs, work, jobs, timeout, max_rss, progress)
    if "batch" in classes:
        b = run_batch(inputs, work, timeout, max_rss)
        outcomes.append(b)
        inputs.append(Input("batch", b.name, work / "batch-in", "batch"))
        if progress:
            print(f"{'batch':15} {b.name:24} {b.verdict:36} {b.seconds:6.1f} s {b.rss_mb:6.0f} MB  "
                  f"{b.detail}", flush=True)
    return report(inputs, outcomes, seed, time.monotonic() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--per-class", type=int, default=60, help="inputs per mutated class")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a run counts as a hang")
    ap.add_argument("--max-rss", type=float, default=1024.0, help="MB over which a run is a failure")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "fuzz")
    ap.add_argument("--quick", action="store_true", help="the slice the tests run: few hand-built inputs")
    ap.add_argument("--build", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.build:  # the child that builds the inputs (see fuzz())
        b = json.loads(a.build)
        built = build_inputs(b["classes"], b["per_class"], b["seed"], Path(b["work"]), b["quick"])
        Path(b["listing"]).write_text(json.dumps([{**asdict(i), "path": str(i.path)} for i in built]),
                                      encoding="utf-8")
        return
    if a.out.exists():
        shutil.rmtree(a.out)
    rep = fuzz([c for c in a.classes.split(",") if c], a.per_class, a.seed, a.out, a.jobs, a.timeout,
               a.max_rss, a.quick)
    (a.out / "report.json").write_text(json.dumps(rep, indent=1), encoding="utf-8")
    text = markdown(rep)
    (a.out / "report.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    sys.exit(1 if rep["failures"] else 0)


if __name__ == "__main__":
    main()
