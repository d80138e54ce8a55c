"""Unwrap a message into leaves: every key/value piece of text, where it sits and how it was encoded.

A *leaf* is a piece of text with a location (``query:imei``, ``json:$.dev.id``,
``header:X-Token``, ``cookie:uid``, ``multipart:meta/json:$.a``, ``body``) and
the encoding chain that had to be undone to reach it (``gzip>json>base64``).
Detectors only ever look at leaves. Framed bodies (:mod:`analyzer.traffic.frames`)
are split first: JSON lines and envelopes per record (``jsonl[2]:$.user.email``,
a non-JSON record at ``jsonl[3]``), protobuf by field numbers (``pb:1.4.2``, key
``pb:1.4.2``; a map entry's value at ``pb:1.2{imei}``, key ``imei``; of a gRPC body
of several frames at ``grpc[1]/pb:…``).

Bounds keep hostile bodies harmless: decompression stops at
:data:`MAX_DECODED` bytes, JSON deeper than :data:`MAX_DEPTH` levels is not
descended, at most :data:`MAX_LEAVES` leaves come out of one message and
nested decoding (base64 inside JSON inside form …) stops after
:data:`MAX_NEST` steps. A bomb or a 100 000-level JSON costs what reading the
bounded prefix costs, nothing more.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
import time
import zlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, unquote, unquote_plus

import brotlicffi
import zstandard

from analyzer.traffic.codings import (
    MAX_BODY,
    BoundExceeded,
    b64decode,
    declared_coding,
    decompress,
    looks_text,
    undo_declared,
    unwrap_sniffed,
)
from analyzer.traffic.focus import Focus, TellingKeys, interesting
from analyzer.traffic.frames import Record, grpc_messages, json_lines, protobuf
from analyzer.traffic.model import Message

MAX_DEPTH = 32
"""JSON / multipart nesting levels descended."""
MAX_LEAVES = 20_000
"""Leaves taken from one message."""
MAX_NEST = 3
"""Nested decodings of one string (base64 → gzip → JSON …)."""
MAX_JSON = 2 * 1024 * 1024
"""Largest JSON text parsed."""
_UNDECODABLE = (BoundExceeded, ValueError, zlib.error, brotlicffi.error, zstandard.ZstdError, EOFError)
"""What a decompressor raises on a body it cannot undo (an lz4 block's error becomes a ValueError)."""

_SKIP_HEADERS = frozenset({
    "host", "content-length", "content-type", "content-encoding", "transfer-encoding", "connection",
    "accept", "accept-encoding", "accept-language", "cache-control", "pragma", "date", "expires",
    "last-modified", "etag", "if-none-match", "if-modified-since", "keep-alive", "upgrade",
    "vary", "server", "age", "via", "te", "origin", "referer", "sec-websocket-key",
    "sec-websocket-accept", "sec-websocket-version", "sec-websocket-extensions", "cookie", "set-cookie",
})


@dataclass(frozen=True, slots=True)
class Leaf:
    """A piece of text to search, with its place and encoding chain."""

    location: str
    """Where in the message."""
    key: str
    """Name of the innermost key (query/form/JSON key, header or cookie name), or ``""``."""
    text: str
    """The decoded text."""
    encoding: str = ""
    """Encodings undone to reach it, outermost first, ``>``-separated."""
    siblings: tuple[str, ...] = ()
    """Other key names in the same container (used to pair lat with lng)."""


def _chain(a: str, b: str) -> str:
    return f"{a}>{b}" if a and b else (a or b)


def _never(key: str) -> bool:
    return False


class Unwrapper:
    """Collects the leaves of one message within the bounds (one instance per message).

    With a ``focus``, scalars it rejects are skipped before a location is even
    built, unless they may hide more structure (JSON, form, base64, percent
    escapes); that keeps a 10 KB body with nothing to report cheap.
    """

    def __init__(self, focus: Focus | None = None, deadline: float = float("inf"),
                 protobuf: bool = False, record_keys: frozenset[str] = frozenset()) -> None:
        self.focus = focus
        self.protobuf = protobuf
        """Read any binary body as protobuf (the receiving SDK's schema says it frames uploads so)."""
        self.record_keys = record_keys
        """Keys whose scalars are remembered per JSON object (the receiving SDK's schema has fields
        that depend on them: :mod:`analyzer.traffic.wire`); empty for every other message."""
        self.body: bytes | None = None
        """The message body with its content codings and a sniffed gzip/zstd layer undone (as sent when
        they fail), once :meth:`leaves` has run."""
        self.records: dict[str, dict[str, str]] = {}
        """JSON object location -> its scalars (text) under :attr:`record_keys`, for objects with any."""
        self._headers: tuple[tuple[str, str], ...] = ()
        self.out: list[Leaf] = []
        self.deadline = deadline
        """``time.perf_counter()`` past which no more leaves are taken (a hostile body stops there)."""
        self.expired = False
        self._ticks = 0
        self._telling_keys = TellingKeys(focus.telling if focus is not None else _never, deadline)

    def leaves(self, msg: Message) -> list[Leaf]:
        """All leaves of ``msg``: path, query, headers, cookies, body."""
        if msg.direction == "request":  # a response's URL is its request's: not looked at twice
            if msg.path and msg.path != "/":
                p = unquote(msg.path)
                self._string(Leaf("path", "", p, "url" if p != msg.path else ""), 0)
            if msg.query:
                self._form(msg.query, "query", "", 0)
        if msg.direction != "websocket":
            for name, value in msg.headers:
                low = name.lower()
                if low in ("cookie", "set-cookie"):
                    self._cookies(value, 0)
                elif low not in _SKIP_HEADERS and value:
                    self._string(Leaf(f"header:{name}", name, value), 0)
        if msg.body:
            loc = "ws" if msg.direction == "websocket" else "body"
            self._headers = msg.headers
            ctype = msg.header("content-type")
            self._body(msg.body[:MAX_BODY], msg.header("content-encoding"), ctype, loc, "", 0)
        return self.out

    # -- helpers -------------------------------------------------------------

    def _tick(self) -> bool:
        """Count a step; whether the deadline has passed (the clock is read every 256 steps)."""
        self._ticks += 1
        if not self.expired and self._ticks % 256 == 0 and time.perf_counter() > self.deadline:
            self.expired = True
        return self.expired

    def _emit(self, leaf: Leaf) -> None:
        if len(self.out) < MAX_LEAVES and not self._tick():
            self.out.append(leaf)

    def _wanted(self, key: str, text: str) -> bool:
        return self.focus is None or self.focus.descend(key, text)

    def _body(self, data: bytes, coding: str, ctype: str, loc: str, enc: str, depth: int) -> None:
        codings = [c for c in coding.split(",") if c.strip()] if coding else []
        for c in reversed(codings):  # applied in order, so undone last-first
            try:
                data = decompress(data, c)
            except _UNDECODABLE:
                if depth == 0:
                    self.body = data
                self._emit(Leaf(loc, "", data[:65536].decode("utf-8", "replace"), enc))
                return
            enc = _chain(enc, c.strip().lower())
        if depth == 0 and self._headers:  # compression an API declares in its own headers (lz4 …)
            declared, raw_size = declared_coding(self._headers)
            if declared:  # undecodable: as sent (the sniffing and text below, or an opaque body)
                with contextlib.suppress(*_UNDECODABLE):
                    data, enc = undo_declared(data, declared, raw_size), _chain(enc, declared)
        unwrapped = unwrap_sniffed(data)
        if unwrapped is not None and unwrapped[1]:
            data, enc = unwrapped[0], _chain(enc, unwrapped[1])
        if depth == 0:
            self.body = data
        ct = ctype.lower()
        # protobuf: application/x-protobuf, application/protobuf, application/vnd.google.protobuf, gRPC
        if (self.protobuf or "protobuf" in ct or "application/grpc" in ct) and depth < MAX_DEPTH \
                and data[:1] not in (b"{", b"[") and self._protobuf(data, "grpc" in ct, loc, enc, depth):
            return
        if "multipart/" in ct and depth < MAX_DEPTH:
            m = re.search(r'boundary="?([^";]+)"?', ctype, re.I)
            if m:
                self._multipart(data, m.group(1).encode("latin-1", "replace"), loc, enc, depth)
                return
        text = data.decode("utf-8", "replace")
        self._string(Leaf(loc, "", text, enc), depth, ctype=ct, whole=True, raw=data)

    def _string(self, leaf: Leaf, depth: int, ctype: str = "", whole: bool = False,
                raw: bytes | None = None) -> None:
        """A string leaf, or what it decodes to (JSON, JSON lines, form, base64, url, gzip);
        ``raw``: a body's bytes (an envelope's item lengths count bytes)."""
        s = leaf.text.strip()
        if depth < MAX_NEST + 1 and s:
            if s[0] in "{[" and len(s) <= MAX_JSON:
                try:
                    obj = json.loads(s)
                except (ValueError, RecursionError):
                    obj = None
                if isinstance(obj, (dict, list)):
                    base = "json:$" if leaf.location in ("body", "ws") else f"{leaf.location}/json:$"
                    self._json(obj, base, _chain(leaf.encoding, "json"), depth, 0, leaf.key)
                    return
                records = json_lines(raw) if obj is None and raw is not None and "\n" in s else None
                if records is not None:
                    self._records(records, leaf, depth)
                    return
            elif "=" in s and ("form-urlencoded" in ctype or _FORM.fullmatch(s[:4096])):
                self._form(s, leaf.location, leaf.encoding, depth)
                return
        if whole or self.focus is None or self.focus.wants(leaf.key, s):
            self._emit(leaf)
        if depth < MAX_NEST and 16 <= len(s) <= MAX_JSON:
            self._nested(leaf, s, depth)

    def _records(self, records: list[Record], leaf: Leaf, depth: int) -> None:
        """The records of a JSON-lines body or envelope, at ``jsonl[i]`` (their JSON at ``jsonl[i]:$…``)."""
        enc = _chain(leaf.encoding, "jsonl")
        for r in records:
            base = f"jsonl[{r.index}]"
            if leaf.location not in ("body", "ws"):
                base = f"{leaf.location}/{base}"
            if r.doc is not None:
                self._json(r.doc, base + ":$", enc, depth, 0, "")
            elif r.opaque:  # an envelope payload that is not JSON (an attachment): its text, as it is
                if r.text:
                    self._emit(Leaf(base, "", r.text, enc))
            else:
                self._string(Leaf(base, "", r.text, enc), depth + 1)

    def _protobuf(self, data: bytes, grpc: bool, loc: str, enc: str, depth: int) -> bool:
        """The scalars of a protobuf body (gRPC: of each frame) at ``pb:1.4.2``; False if it is not one."""
        frames = grpc_messages(data) if grpc else [(False, data)]
        if frames is None:
            return False
        enc = _chain(enc, "grpc" if grpc else "protobuf")
        for n, (compressed, message) in enumerate(frames):
            if compressed:
                try:
                    coding = next((v for k, v in self._headers if k.lower() == "grpc-encoding"), "gzip")
                    message = decompress(message, coding)
                except _UNDECODABLE:
                    continue
            fields = protobuf(message)
            if fields is None:
                if not grpc:
                    return False
                continue
            base = loc if len(frames) == 1 else f"grpc[{n}]" if loc in ("body", "ws") else f"{loc}/grpc[{n}]"
            for f in fields:
                where = f"pb:{f.path}" if base in ("body", "ws") else f"{base}/pb:{f.path}"
                self._string(Leaf(where, f.key or f"pb:{f.name}", f.text, enc), depth + 1)
        return True

    def _nested(self, leaf: Leaf, s: str, depth: int) -> None:
        if "%" in s:
            u = unquote_plus(s)
            if u != s:
                self._string(Leaf(leaf.location, leaf.key, u, _chain(leaf.encoding, "url"), leaf.siblings),
                             depth + 1)
                return
        raw = b64decode(s)
        if raw is None or len(raw) < 8:
            return
        enc = _chain(leaf.encoding, "base64")
        unwrapped = unwrap_sniffed(raw)
        if unwrapped is None:
            return
        if unwrapped[1]:
            raw, enc = unwrapped[0], _chain(enc, unwrapped[1])
        text = looks_text(raw)
        if text is not None:
            self._string(Leaf(leaf.location, leaf.key, text, enc, leaf.siblings), depth + 1)

    def _remember(self, obj: dict[str, Any], base: str) -> None:
        """Keep the scalars of ``obj`` (at ``base``) under :attr:`record_keys`."""
        found: dict[str, str] | None = None
        for k in self.record_keys:
            v = obj.get(k)
            if type(v) is str or type(v) is int:
                if found is None:
                    found = self.records[base] = {}
                found[k] = str(v)

    def _json(self, root: object, root_base: str, enc: str, depth: int, level0: int, key0: str) -> None:
        """Walk a parsed JSON value breadth-first; paths are built only for containers and kept leaves."""
        focus = self.focus
        if focus is not None and depth == 0 and focus.complete:
            keep = self._json_top(root, root_base, focus)
        else:
            keep = self._json_any(root, root_base, level0, key0)
        for loc, name, text in keep:
            self._string(Leaf(loc, name, text, enc), depth + 1)

    def _json_top(self, root: object, root_base: str, focus: Focus) -> list[tuple[str, str, str]]:
        """The body's own JSON, which the first pass searched whole: only set and dict lookups per scalar.

        This loop runs for every scalar of every JSON body, so it has one branch per
        container type and its tests inlined; ``interesting`` runs once per distinct string
        of 7 characters or more (nothing shorter is a PI shape or hides one); integers are
        kept at PI lengths (:func:`analyzer.traffic.focus.pi_number`, inlined).
        """
        exact = focus.exact
        nums = focus.exact_numbers() if exact else frozenset()
        tk = self._telling_keys  # key -> telling?, computed once per key name
        records = bool(self.record_keys)
        seen: dict[str, bool] = {}  # string -> interesting?, for values repeated across records
        keep: list[tuple[str, str, str]] = []
        add = keep.append
        room = MAX_LEAVES - len(self.out)
        queue: deque[tuple[object, str, int, str]] = deque([(root, root_base, 0, "")])
        pop, push = queue.popleft, queue.append
        while queue:
            obj, base, level, key = pop()
            if level > MAX_DEPTH or len(keep) >= room:
                continue
            if type(obj) is dict:
                if records:
                    self._remember(obj, base)
                for k, v in obj.items():
                    t = type(v)
                    if t is str:
                        if v in exact or (v and tk[k]):
                            add((f"{base}.{k}", k, v))
                        elif len(v) >= 7:
                            w = seen.get(v)
                            if w is None:
                                w = seen[v] = interesting(v)
                            if w:
                                add((f"{base}.{k}", k, v))
                    elif t is dict or t is list:
                        push((v, f"{base}.{k}", level + 1, k))
                    elif (t is int or t is float) and (tk[k] or (t is int and (
                           10**10 <= v < 10**11 or 10**14 <= v < 10**20)) or (v in nums and str(v) in exact)):
                        add((f"{base}.{k}", k, str(v)))
            elif type(obj) is list:
                telling = bool(key) and tk[key]  # list items take the list's key
                for i, v in enumerate(obj):
                    t = type(v)
                    if t is str:
                        if v in exact or (v and telling):
                            add((f"{base}[{i}]", key, v))
                        elif len(v) >= 7:
                            w = seen.get(v)
                            if w is None:
                                w = seen[v] = interesting(v)
                            if w:
                                add((f"{base}[{i}]", key, v))
                    elif t is dict or t is list:
                        push((v, f"{base}[{i}]", level + 1, key))
                    elif (t is int or t is float) and (telling or (t is int and (
                           10**10 <= v < 10**11 or 10**14 <= v < 10**20)) or (v in nums and str(v) in exact)):
                        add((f"{base}[{i}]", key, str(v)))
        return keep[:room]

    def _json_any(self, root: object, root_base: str, level0: int, key0: str) -> list[tuple[str, str, str]]:
        """Nested JSON (inside a string, a form field, a part): the first pass did not delimit it."""
        focus = self.focus
        tk = self._telling_keys
        keep: list[tuple[str, str, str]] = []
        queue: deque[tuple[object, str, int, str]] = deque([(root, root_base, level0, key0)])
        while queue:
            obj, base, level, key = queue.popleft()
            if level > MAX_DEPTH or len(keep) + len(self.out) >= MAX_LEAVES:
                continue
            pairs: Iterable[tuple[Any, Any]]  # JSON object keys are str; list indexes take the list's key
            if type(obj) is dict:
                pairs, is_list = obj.items(), False
                if self.record_keys:
                    self._remember(obj, base)
            elif type(obj) is list:
                pairs, is_list = enumerate(obj), True
            else:
                continue
            for k, v in pairs:
                if self._tick():
                    return keep
                name: str = key if is_list else k  # type: ignore[assignment]
                t = type(v)
                if t is str:
                    if not v or (focus is not None and not focus.descend(name, v)):
                        continue
                    text = v
                elif t is dict or t is list:
                    queue.append((v, f"{base}[{k}]" if is_list else f"{base}.{k}", level + 1, name))
                    continue
                elif t is int or t is float:
                    if focus is not None and not tk[name] and not focus.wants_number(name, v):
                        continue
                    text = str(v)
                else:
                    continue
                keep.append((f"{base}[{k}]" if is_list else f"{base}.{k}", name, text))
        return keep

    def _form(self, s: str, loc: str, enc: str, depth: int) -> None:
        fields = s.split("&", MAX_LEAVES)
        if len(fields) > MAX_LEAVES:  # parse_qsl would raise past max_num_fields: take the first ones
            s = "&".join(fields[:MAX_LEAVES])
        pairs = parse_qsl(s, keep_blank_values=True, max_num_fields=MAX_LEAVES)
        keys = tuple(k for k, _ in pairs)
        prefix = "query" if loc == "query" else ("form" if loc in ("body", "ws") else f"{loc}/form")
        e = _chain(enc, "url") if "%" in s or "+" in s else enc
        if loc != "query":
            e = _chain(enc, "form")
        for k, v in pairs:
            if self._tick():
                return
            if v and self._wanted(k, v):
                self._string(Leaf(f"{prefix}:{k}", k, v, e, keys), depth + 1)

    def _cookies(self, value: str, depth: int) -> None:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(value)
        except Exception:  # http.cookies raises CookieError and others on junk
            jar = SimpleCookie()
        if not jar:
            self._string(Leaf("header:Cookie", "cookie", value), depth)
            return
        for name, morsel in jar.items():
            if morsel.value:
                self._string(Leaf(f"cookie:{name}", name, morsel.value), depth)

    def _multipart(self, data: bytes, boundary: bytes, loc: str, enc: str, depth: int) -> None:
        delim = b"--" + boundary
        for n, part in enumerate(data.split(delim, 258)[1:]):
            if n > 256 or part.startswith(b"--"):
                break
            head, sep, body = part.partition(b"\r\n\r\n")
            if not sep:
                head, sep, body = part.partition(b"\n\n")
            if body.endswith(b"\r\n"):
                body = body[:-2]
            htext = head.decode("latin-1")
            name = re.search(r'\bname="([^"]*)"', htext, re.I)
            ctype = re.search(r"content-type:\s*([^\r\n]+)", htext, re.I)
            cenc = re.search(r"content-transfer-encoding:\s*base64", htext, re.I)
            pname = name.group(1) if name else str(n)
            sub = f"multipart:{pname}" if loc in ("body", "ws") else f"{loc}/multipart:{pname}"
            if cenc:
                try:
                    body = base64.b64decode(body, validate=False)
                except (binascii.Error, ValueError):
                    continue
            first = len(self.out)
            self._body(body, "", ctype.group(1) if ctype else "", sub, _chain(enc, "multipart"), depth + 1)
            for j in range(first, len(self.out)):
                lf = self.out[j]
                if not lf.key:
                    self.out[j] = Leaf(lf.location, pname, lf.text, lf.encoding, lf.siblings)


_FORM = re.compile(r"[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)+")
