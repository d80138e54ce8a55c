"""Apply an SDK's wire schema to a message: which schema applies, which field a leaf is, what it holds.

A schema (:mod:`analyzer.kb.wire`) applies to a message when the host is
attributed to its SDK and matches its ``hosts``/``paths``, or else when its
``signature`` (path prefixes, query keys, form keys, header names) holds on
any host. Within it, a leaf is the documented field whose name is the leaf's
innermost key, or the end of its key chain (``context.device.advertisingId``
ends ``json:$.batch[3].context.device.advertisingId``, array indices
ignored); the longest matching name wins. A field with conditions (``when``)
is that field only where they hold: the request path has one of its prefixes,
and the record the leaf sits in (the nearest enclosing JSON object on its path
that has the condition's key as a scalar, which the leaf walk remembers for the
schema's condition keys: :attr:`analyzer.traffic.decode.Unwrapper.records`) has
one of its values there. What the field holds decides the
leaf (:meth:`CompiledSchema.value`); the detector (:mod:`analyzer.traffic.detect`)
reports it as ``wire:<sdk>:<field>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl

from analyzer.kb.wire import HASHES, Signature, WireField, WireSchema
from analyzer.model import Confidence
from analyzer.traffic import shapes as pat
from analyzer.traffic.codings import decompress
from analyzer.traffic.keys import KIND_PI, is_placeholder, key_value
from analyzer.traffic.model import Message

PAIRED = frozenset({"lat", "lng", "apps", "lac", "cellid"})
"""Kinds decided with their neighbours (a latitude with its longitude …): the detector's key rules do."""
_INDEX = re.compile(r"\[\d+\]")
_HEX = re.compile(r"[0-9a-fA-F]{32,128}")
_SEGMENT = re.compile(r"^(?:json|jsonl\[\d+\]):\$")


def _phone(v: str) -> bool:
    return pat.is_mobile_cn(v) or (v.startswith("+") and v[1:].isdigit() and 8 <= len(v) - 1 <= 15)


_VALIDATED = {
    "imei": ("device.imei", pat.is_imei),
    "imsi": ("device.imsi", lambda v: pat.is_imsi(v, any_mcc=True)),
    "iccid": ("device.iccid", pat.is_iccid),
    "phone": ("contact.phone_number", _phone),
    "email": ("contact.email", pat.is_email),
    "mac": ("device.mac", pat.is_mac),
    "id_number": ("identity.id_number", pat.is_resident_id),
    "bank_card": ("finance.bank_card", pat.is_bank_card),
}
"""The validated shapes that decide an ``{any: [...]}`` field: (PI type, validator) by kind."""


@lru_cache(maxsize=8192)
def key_chain(location: str) -> tuple[str, ...]:
    """The keys on the way to a leaf, lower case, array indices dropped.

    >>> key_chain("form:data/json:$.batch[3].context.device.advertisingId")
    ('data', 'batch', 'context', 'device', 'advertisingid')
    >>> key_chain("jsonl[2]:$.user.email")
    ('user', 'email')
    """
    out: list[str] = []
    for part in location.split("/"):
        m = _SEGMENT.match(part)
        if m:
            out.extend(s for s in _INDEX.sub("", part[m.end():]).lower().split(".") if s)
        elif ":" in part:
            out.append(part.split(":", 1)[1].lower())
    return tuple(out)


@dataclass(frozen=True)
class CompiledSchema:
    """A schema ready for matching: its fields by their last segment."""

    schema: WireSchema
    """The schema."""
    by_last: dict[str, tuple[WireField, ...]] = field(default_factory=dict)
    """Fields by the lower-case last segment of their name (``pb:`` paths whole), longest first."""
    telling: frozenset[str] = frozenset()
    """Last segments of the fields that may hold PI (the leaf walk keeps scalars under them)."""
    record_keys: frozenset[str] = frozenset()
    """Record keys the fields' conditions name (the leaf walk remembers their scalars)."""

    @classmethod
    def of(cls, schema: WireSchema) -> CompiledSchema:
        """Index ``schema``'s fields."""
        by_last: dict[str, list[WireField]] = {}
        for f in schema.fields:  # longest first already
            by_last.setdefault(f.path[-1], []).append(f)
        telling = frozenset(f.path[-1] for f in schema.fields if not f.none)
        return cls(schema, {k: tuple(v) for k, v in by_last.items()}, telling, schema.record_keys)

    def field_of(self, key: str, location: str, records: Records | None = None,
                 path: str = "") -> WireField | None:
        """The documented field a leaf with innermost ``key`` at ``location`` is, or None.

        ``records``: the scalars the leaf walk remembered per JSON object (location -> key ->
        value), which a field's record conditions are decided on; ``path``: the request path.
        """
        fields = self.by_last.get(key.lower())
        if fields is None:
            return None
        for f in fields:
            if len(f.path) > 1 and key_chain(location)[-len(f.path):] != f.path:
                continue
            if (f.when or f.when_paths) and not holds(f, location, records or {}, path):
                continue
            return f
        return None

    def value(self, f: WireField, v: str) -> tuple[str, Confidence, str] | None:
        """PI type, confidence and extra encoding of value ``v`` in field ``f`` (None: nothing).

        A kind: a value with its shape is high; a hex digest medium (``hash``), high when the
        schema documents the digest and the length fits. ``any``: high for a value that is wholly
        a validated shape of a listed kind, else nothing.
        """
        if is_placeholder(v) or len(v) > 4096:
            return None
        if f.any:
            for kind in f.kinds:
                pi, valid = _VALIDATED[kind]
                if valid(v):
                    return pi, Confidence.HIGH, ""
            return None
        kind = f.kinds[0]
        if f.hash and _HEX.fullmatch(v):  # documented: even a name's digest (hashed before upload)
            hashed = KIND_PI.get(kind)
            return (hashed, Confidence.HIGH, "hash") if hashed and len(v) == HASHES[f.hash] else None
        found = key_value(kind, v, hashed_key=bool(f.hash))
        if found is None:
            return None
        pi, _conf, enc = found
        if enc == "hash":
            return found
        if pi == KIND_PI.get(kind) and not enc:
            return pi, Confidence.HIGH, ""  # the field says what it is, the value has its shape
        return found


Records = Mapping[str, Mapping[str, str]]
"""Scalars of JSON objects by the object's location: location -> key -> value (as text)."""


def holds(f: WireField, location: str, records: Records, path: str) -> bool:
    """Whether the conditions of ``f`` hold for a leaf at ``location`` of a request to ``path``."""
    if f.when_paths and not any(path.startswith(p) for p in f.when_paths):
        return False
    for key, values in f.when:
        v = record_value(location, key, records)
        if v is None or v not in values:
            return False
    return True


def record_value(location: str, key: str, records: Records) -> str | None:
    """The scalar ``key`` of the nearest JSON object enclosing ``location`` that has one, or None.

    >>> recs = {"json:$": {"type": "batch"}, "json:$.batch[0]": {"type": "identify"}}
    >>> record_value("json:$.batch[0].traits.name", "type", recs)
    'identify'
    >>> record_value("json:$.sentAt", "type", recs), record_value("json:$.x", "event", recs)
    ('batch', None)
    """
    end = len(location)
    while True:
        end = max(location.rfind(".", 0, end), location.rfind("[", 0, end))
        if end <= 0:
            return None
        found = records.get(location[:end])
        if found is not None and key in found:
            return found[key]


class WireSchemas:
    """The schemas of one knowledge base, compiled once per capture."""

    def __init__(self, schemas: dict[str, WireSchema]) -> None:
        self.by_sdk = {sid: CompiledSchema.of(s) for sid, s in schemas.items()}
        self.signed = tuple(c for c in self.by_sdk.values() if c.schema.signature is not None)

    def for_message(self, msg: Message, sdk: str) -> CompiledSchema | None:
        """The schema that applies to ``msg`` (its host attributed to ``sdk``), or None."""
        own = self.by_sdk.get(sdk) if sdk else None
        if own is not None and own.schema.applies(msg.host, msg.path):
            return own
        for c in self.signed:
            if signed(c.schema.signature, msg):  # type: ignore[arg-type]
                return c
        return None


def signed(sig: Signature, msg: Message) -> bool:
    """Whether every condition of ``sig`` holds on ``msg`` (cheapest first)."""
    if sig.paths and not any(msg.path.startswith(p) for p in sig.paths):
        return False
    if sig.headers:
        names = {k.lower() for k, _ in msg.headers}
        if not all(h in names for h in sig.headers):
            return False
    if sig.query:
        keys = {k for k, _ in parse_qsl(msg.query[:65536], keep_blank_values=True)}
        if not all(q in keys for q in sig.query):
            return False
    if sig.form:
        keys = {k for k, _ in parse_qsl(_form_text(msg), keep_blank_values=True)}
        if not all(q in keys for q in sig.form):
            return False
    return True


def _form_text(msg: Message) -> str:
    """The first 64 KiB of the body as text, its content coding undone (within the bounds)."""
    body = msg.body[:65536]
    coding = msg.header("content-encoding")
    try:
        for c in reversed([c for c in coding.split(",") if c.strip()]):
            body = decompress(body, c)[:65536]
    except Exception:  # undecodable: the raw bytes
        pass
    return body.decode("utf-8", "replace")
