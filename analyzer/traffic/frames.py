"""Split framed bodies into their records: JSON lines and Sentry envelopes, protobuf wire format, gRPC frames.

- **JSON lines.** A body that is not one JSON document but whose lines are
  (newline-delimited JSON, a Sentry envelope) is a list of records, numbered
  from 0 in order (``jsonl[2]:$.user.email`` in a location). An envelope item
  header (a JSON object with a string ``type`` and an integer ``length``) is
  followed by exactly ``length`` bytes of payload, which are cut by it: a JSON
  payload is a record of its own, any other (an attachment, a minidump) is
  searched as text if it is text and never parsed.
- **Protobuf.** Without a schema, the wire format still says a lot: every
  field is a number and a wire type; varints are integers, length-delimited
  fields are nested messages when they parse as one to their last byte,
  else UTF-8 text, else their printable runs (7 characters or more); 64-bit
  fields are read as doubles, 32-bit ones skipped. A field
  is named by its path of field numbers from the root (``1.4.2``), with the
  occurrence index when a number repeats in one message (``1.4[1].2``).
- **Protobuf map entries.** A ``map<string, scalar>`` and the repeated
  key/value messages of many logging formats (``Content{Key=1, Value=2}``)
  are submessages of exactly two fields: 1, a string that reads as a key
  name (:func:`_entry_key`), and 2, a scalar (an integer, a double or UTF-8
  text). Such an entry's value is one scalar whose key is its key text, at
  ``1.2{imei}`` (the map field's path, the entry's key in braces instead of
  its occurrence index), so the generic key rules and a wire schema's bare
  field names apply to it as to a JSON object's keys; the key text stays a
  scalar of its own at ``1.2[3].1`` (a known value in it is still found). A field 1 that is no
  key name (binary, digits, an e-mail, a UUID) leaves the submessage as it was.
- **gRPC.** A body of 5-byte-prefixed messages (compressed flag, big-endian
  length), each a protobuf message.

Every parser is bounded: at most :data:`MAX_RECORDS` JSON records, protobuf
nesting to :data:`MAX_DEPTH` and :data:`MAX_FIELDS` fields decoded per body
(a hostile body of nested length prefixes costs that, not more).
"""

from __future__ import annotations

import json
import math
import re
import struct
from dataclasses import dataclass

from analyzer.traffic.codings import looks_text

MAX_RECORDS = 4096
"""JSON-lines records taken from one body."""
MAX_DEPTH = 32
"""Protobuf messages nested in one another that are descended."""
MAX_FIELDS = 100_000
"""Protobuf fields decoded from one body (nested attempts included)."""
_JSON_TYPES = ("json", "")
_RUNS = re.compile(rb"[\x20-\x7e]{7,}")
_KEY = re.compile(r"(?:[^\W\d]|\$)[\w$.\-]{0,63}")
"""A map entry's key: a name (letters, digits, ``_ $ . -``; no ``{ } [ ] : @``, spaces or controls)."""


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a JSON-lines body."""

    index: int
    """Its number, from 0."""
    doc: object = None
    """The parsed JSON object or array, or None."""
    text: str = ""
    """A record that is not JSON: its text."""
    opaque: bool = False
    """An envelope payload that is not JSON: searched as text, never parsed."""


def _doc(line: bytes) -> object:
    """The JSON object or array ``line`` holds, or None."""
    s = line.strip()
    if not s or s[:1] not in (b"{", b"["):
        return None
    try:
        doc = json.loads(s)
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, (dict, list)) else None


def json_lines(data: bytes) -> list[Record] | None:
    """The records of a JSON-lines body or envelope (None unless its first line is JSON and it has two).

    >>> [r.doc for r in json_lines(b'{"a": 1}\\n{"b": 2}\\n')]
    [{'a': 1}, {'b': 2}]
    >>> env = b'{"event_id": "e"}\\n{"type": "attachment", "length": 3}\\n{x}\\n{"type": "event"}\\n{}'
    >>> [(r.doc, r.text, r.opaque) for r in json_lines(env)][1:3]
    [({'type': 'attachment', 'length': 3}, '', False), (None, '{x}', True)]
    """
    out: list[Record] = []
    pos, end = 0, len(data)
    while pos < end and len(out) < MAX_RECORDS:
        nl = data.find(b"\n", pos)
        stop = end if nl < 0 else nl
        line, pos = data[pos:stop], stop + 1
        if not line.strip():
            continue
        doc = _doc(line)
        if doc is None:
            if not out:
                return None
            out.append(Record(len(out), text=line.decode("utf-8", "replace")))
            continue
        out.append(Record(len(out), doc))
        if isinstance(doc, dict) and isinstance(doc.get("type"), str) and type(doc.get("length")) is int \
                and doc["length"] >= 0:  # an envelope item header: its payload is the next `length` bytes
            payload = data[pos:pos + doc["length"]]
            pos += doc["length"]
            if data[pos:pos + 1] == b"\n":
                pos += 1
            out.append(_payload(len(out), payload, doc))
    return out if len(out) >= 2 else None


def _payload(index: int, payload: bytes, header: dict[str, object]) -> Record:
    ctype = str(header.get("content_type") or "").lower()
    if header.get("type") != "attachment" and ("json" in ctype or ctype in _JSON_TYPES):
        doc = _doc(payload)
        if doc is not None:
            return Record(index, doc)
    return Record(index, text=looks_text(payload[:1024 * 1024]) or "", opaque=True)


@dataclass(frozen=True, slots=True)
class PbField:
    """One scalar of a protobuf message."""

    path: str
    """Field numbers from the root, occurrence indices where a number repeats (``1.4[1].2``)."""
    name: str
    """The path without indices (``1.4.2``)."""
    text: str
    """The value as text: an integer, a double, or the UTF-8 text of a length-delimited field."""
    key: str = ""
    """A map entry's value: the entry's key text (its path then ends ``{key}``); else ``""``."""


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_FIELDS


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """(value, next position); ValueError past the end or past 10 bytes."""
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("bad varint")
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, pos
        shift += 7


def _message(data: bytes, budget: _Budget) -> list[tuple[int, int, object]] | None:
    """The (field number, wire type, raw value) of ``data`` read as one message, or None if it is not one."""
    out: list[tuple[int, int, object]] = []
    pos, end = 0, len(data)
    try:
        while pos < end:
            budget.left -= 1
            if budget.left < 0:
                return None
            tag, pos = _varint(data, pos)
            number, wt = tag >> 3, tag & 7
            if number < 1 or number > 536_870_911:
                return None
            value: object
            if wt == 0:
                value, pos = _varint(data, pos)
            elif wt == 1:
                if pos + 8 > end:
                    return None
                value, pos = data[pos:pos + 8], pos + 8
            elif wt == 5:
                if pos + 4 > end:
                    return None
                value, pos = data[pos:pos + 4], pos + 4
            elif wt == 2:
                size, pos = _varint(data, pos)
                if pos + size > end:
                    return None
                value, pos = data[pos:pos + size], pos + size
            else:  # groups (3, 4) are long deprecated; 6 and 7 do not exist
                return None
            out.append((number, wt, value))
    except ValueError:
        return None
    return out if out else None


def protobuf(data: bytes) -> list[PbField] | None:
    """The scalars of ``data`` read as a protobuf message without its schema, or None if it is not one.

    >>> [(f.path, f.text) for f in protobuf(b"\\x08\\x96\\x01\\x12\\x07\\n\\x05li@ex")]
    [('1', '150'), ('2.1', 'li@ex')]
    """
    budget = _Budget()
    fields = _message(data, budget)
    if fields is None:
        return None
    out: list[PbField] = []
    _walk(fields, "", "", 0, budget, out)
    return out


def _walk(fields: list[tuple[int, int, object]], path: str, name: str, depth: int, budget: _Budget,
          out: list[PbField]) -> None:
    counts: dict[int, int] = {}
    for number, _wt, _v in fields:
        counts[number] = counts.get(number, 0) + 1
    seen: dict[int, int] = {}
    for number, wt, value in fields:
        i = seen[number] = seen.get(number, -1) + 1
        step = f"{number}[{i}]" if counts[number] > 1 else str(number)
        p = f"{path}.{step}" if path else step
        n = f"{name}.{number}" if name else str(number)
        if wt == 0:
            out.append(PbField(p, n, str(value)))
        elif wt == 1:
            d = struct.unpack("<d", value)[0]  # type: ignore[arg-type]
            if math.isfinite(d) and d != 0 and 1e-7 < abs(d) < 1e16:
                out.append(PbField(p, n, repr(d)))
        elif wt == 2:
            raw: bytes = value  # type: ignore[assignment]
            inner = _message(raw, budget) if depth < MAX_DEPTH and raw else None
            if inner is not None:
                entry = _entry(inner)
                if entry is not None:  # a map entry: one scalar under its key
                    key, scalar = entry
                    out.append(PbField(f"{p}.1", f"{n}.1", key))  # the key text, searched as before
                    if scalar:
                        at = f"{path}.{number}{{{key}}}" if path else f"{number}{{{key}}}"
                        out.append(PbField(at, n, scalar, key))
                    continue
                _walk(inner, p, n, depth + 1, budget, out)
                continue
            text = looks_text(raw)
            if text is None:  # bytes: their printable runs, as a raw body's would be searched
                text = " ".join(r.decode("ascii") for r in _RUNS.findall(raw[:65536]))
            if text:
                out.append(PbField(p, n, text))


def _entry_key(raw: bytes) -> str | None:
    """``raw`` as a map entry's key: a name of at most 64 characters with at most 4 digits (not a
    value such as a phone number, an e-mail, a MAC or a UUID that a map happens to be keyed by).

    >>> [_entry_key(k) for k in (b"imei", b"user.lat", bytes([255, 1]), b"13917254086", b"b7e4a1c2-9d3f")]
    ['imei', 'user.lat', None, None, None]
    """
    try:
        key = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _KEY.fullmatch(key) or sum(c.isdigit() for c in key) > 4:
        return None
    return key


def _entry(fields: list[tuple[int, int, object]]) -> tuple[str, str] | None:
    """(key, value as text) of a message that is a map entry (:func:`_entry_key`; field 2 an integer,
    a double or UTF-8 text, ``""`` for a double that is no plausible value), or None."""
    if len(fields) != 2:
        return None
    by = {number: (wt, value) for number, wt, value in fields}
    if set(by) != {1, 2} or by[1][0] != 2:
        return None
    key = _entry_key(by[1][1])  # type: ignore[arg-type]
    if key is None:
        return None
    wt, value = by[2]
    if wt == 0:
        return key, str(value)
    if wt == 1:
        d = struct.unpack("<d", value)[0]  # type: ignore[arg-type]
        return key, repr(d) if math.isfinite(d) and d != 0 and 1e-7 < abs(d) < 1e16 else ""
    if wt == 2:
        text = looks_text(value)  # type: ignore[arg-type]
        return (key, text) if text is not None else None
    return None


def grpc_messages(data: bytes) -> list[tuple[bool, bytes]] | None:
    """The (compressed, message) frames of a gRPC body, or None unless the frames fill it exactly.

    >>> grpc_messages(b"\\x00\\x00\\x00\\x00\\x02\\x08\\x01")
    [(False, b'\\x08\\x01')]
    """
    out: list[tuple[bool, bytes]] = []
    pos = 0
    while pos < len(data) and len(out) < MAX_RECORDS:
        if pos + 5 > len(data) or data[pos] not in (0, 1):
            return None
        size = int.from_bytes(data[pos + 1:pos + 5], "big")
        if pos + 5 + size > len(data):
            return None
        out.append((data[pos] == 1, data[pos + 5:pos + 5 + size]))
        pos += 5 + size
    return out if out and pos == len(data) else None
