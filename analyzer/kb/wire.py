"""Load the wire schemas of ``policies/wire/*.yaml``: what each field of an SDK's upload format holds.

A wire schema says, for one SDK of ``policies/sdks.yaml``, where its uploads
go (its hosts, optionally narrowed by path prefixes, or a request
``signature`` that identifies them on any host), how they are framed, and
what each documented field holds: a key kind of
:data:`analyzer.kb.keynames.KEY_KINDS`, one of several kinds (``{any: [...]}``:
an integrator-chosen id, reported only when a validated shape decides), a
documented digest of a kind (``{kind, hash}``), or ``none`` (an id the SDK
generates itself, never PI). A field may hold what it says only in some
records (``when``: Segment's ``traits.name`` is the user's in an ``identify``
call, a company's in a ``group`` call): a condition on a scalar of the record
the field sits in, or on the request path. A schema of an SDK whose uploads are ciphertext
under its own key has no fields and declares ``encrypted`` framing: it says where the blind spot
is (:mod:`analyzer.traffic.opaque` names the SDK in the not-inspected record). Each schema carries
the cases that exercise it
(run through the real detector by ``tests/unit/traffic/test_wire_schemas.py``).

Traffic detection (:mod:`analyzer.traffic.wire`) applies the fields; this
module only loads and validates them. The format is documented in
``policies/wire/README.md``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from analyzer.errors import PolicyError
from analyzer.kb.keynames import KINDS
from analyzer.kb.yamlfile import check_keys, load_yaml


class Catalogue(Protocol):
    """What the loader checks schemas against (the knowledge base, loaded and indexed)."""

    @property
    def sdks(self) -> Mapping[str, Any]:
        """SDK specs by id."""

    @property
    def taxonomy(self) -> Mapping[str, Any]:
        """PI types by id."""

    def sdk_for_host(self, host: str) -> Any:
        """The SDK a host is attributed to, or None."""

FRAMINGS = frozenset({"json", "jsonl", "form", "form-base64-json", "query", "gzip", "deflate", "base64",
                      "protobuf", "multipart", "encrypted"})
"""How an SDK may frame its uploads (``encrypted`` documents a blind spot: nothing to see without the key)."""
HASHES = {"md5": 32, "sha1": 40, "sha256": 64}
"""Documented digests and their length in hex digits."""
VALIDATED = frozenset({"imei", "imsi", "iccid", "phone", "email", "mac", "id_number", "bank_card"})
"""Kinds whose shape is validated well enough to decide an ``{any: [...]}`` field on its own."""
MARKS = ("V", "V-partial", "U")
CONFIDENCES = ("medium", "high")
"""What a case may expect of a PI type (reported at medium or above)."""

_SCHEMA_KEYS = {"sdk", "mark", "source", "hosts", "paths", "signature", "framing", "fields", "cases", "note"}
_SIGNATURE_KEYS = {"paths", "query", "form", "headers"}
_CASE_KEYS = {"name", "request", "expect", "note"}
_WHEN_PATH = "path"
"""The ``when`` key naming request path prefixes (every other key names a record's scalar)."""
_REQUEST_KEYS = {"host", "method", "path", "query", "headers", "content_type", "body", "body_b64"}


@dataclass(frozen=True)
class WireField:
    """One documented field of an SDK's upload format and what it holds."""

    name: str
    """As written in the schema: a key (``$email``), a dotted key path (``context.device.advertisingId``)
    or a protobuf field path (``pb:1.4.2``)."""
    path: tuple[str, ...]
    """The name's segments, lower case; matched against the end of a leaf's key chain."""
    kinds: tuple[str, ...]
    """What it holds: one kind, several (:attr:`any`), or none (the SDK's own generated id)."""
    any: bool = False
    """An integrator-chosen id: reported only when a validated shape of one of :attr:`kinds` decides."""
    hash: str = ""
    """The documented digest of the value (``md5``, ``sha1``, ``sha256``), or ``""``."""
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    """Record conditions: (key, values); the field applies only where the nearest enclosing JSON
    object on the leaf's path that has ``key`` as a scalar has one of ``values`` there (all must hold)."""
    when_paths: tuple[str, ...] = ()
    """Request path prefixes the field applies under (empty: any path)."""

    @property
    def none(self) -> bool:
        """Whether the field never holds PI (an id the SDK generates itself)."""
        return not self.kinds


@dataclass(frozen=True)
class Signature:
    """What identifies the SDK's upload on any host: every given condition must hold (two at least)."""

    paths: tuple[str, ...] = ()
    """Path prefixes (one must match)."""
    query: tuple[str, ...] = ()
    """Query keys that must all be present."""
    form: tuple[str, ...] = ()
    """Form-body keys that must all be present."""
    headers: tuple[str, ...] = ()
    """Header names (lower case) that must all be present."""


@dataclass(frozen=True)
class WireCase:
    """A request the schema must decide, and the PI types (with minimum confidence) it must report."""

    name: str
    """What it exercises."""
    host: str
    """Host it goes to."""
    method: str
    """HTTP method."""
    path: str
    """URL path."""
    query: str
    """Raw query string."""
    headers: tuple[tuple[str, str], ...]
    """Header fields (``content_type`` given becomes ``content-type``)."""
    body: bytes
    """Body as sent."""
    expect: tuple[tuple[str, str], ...]
    """(PI type, minimum confidence): the PI types reported at medium or above must be exactly these."""


@dataclass(frozen=True)
class WireSchema:
    """What one SDK's upload format holds, where it applies, and its cases."""

    sdk: str
    """SDK id of ``policies/sdks.yaml``."""
    mark: str
    """``V``, ``V-partial`` or ``U``."""
    source: str
    """The source text the fields were checked against."""
    hosts: tuple[str, ...]
    """Hosts or domain suffixes where it applies (default: the SDK's network signatures)."""
    paths: tuple[str, ...]
    """Path prefixes it applies to (empty: any path)."""
    signature: Signature | None
    """What identifies the upload on any host, or None."""
    framing: tuple[str, ...]
    """How uploads are framed (:data:`FRAMINGS`)."""
    fields: tuple[WireField, ...]
    """Documented fields, longest path first (none: an ``encrypted`` upload, nothing readable)."""
    cases: tuple[WireCase, ...]
    """Its cases."""
    file: str
    """The file it came from."""

    @property
    def record_keys(self) -> frozenset[str]:
        """The record keys its fields' conditions name (the leaf walk remembers their scalars)."""
        return frozenset(k for f in self.fields for k, _v in f.when)

    def applies(self, host: str, path: str) -> bool:
        """Whether a message to ``host`` (attributed to this SDK) at ``path`` falls under the schema."""
        h = host.lower().rstrip(".")
        if not any(h == s or h.endswith("." + s) for s in self.hosts):
            return False
        return not self.paths or any(path.startswith(p) for p in self.paths)


def _strings(v: Any, what: str, where: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x and x == x.strip() for x in v):
        raise PolicyError(f"{where}: {what} must be a non-empty list of names")
    return tuple(v)


def _kind(v: Any, where: str) -> str:
    if v not in KINDS:
        raise PolicyError(f"{where}: {v!r} is not a key kind (one of {', '.join(sorted(KINDS))}) or none")
    return str(v)


def _field(name: Any, spec: Any, where: str) -> WireField:
    if not isinstance(name, str) or not name or name != name.strip() or ".." in name:
        raise PolicyError(f"{where}: field name {name!r} is not a key or a dotted key path")
    where = f"{where}: field {name}"
    if name.startswith("pb:"):
        nums = name[3:].split(".")
        if not all(n.isdigit() and n[0] != "0" for n in nums):
            raise PolicyError(f"{where}: a protobuf field path is pb: and field numbers (pb:1.4.2)")
        path: tuple[str, ...] = ("pb:" + name[3:],)
    else:
        path = tuple(s.lower() for s in name.split("."))
        if not all(path):
            raise PolicyError(f"{where}: empty segment in the dotted path")
    if spec == "none":
        return WireField(name, path, ())
    if isinstance(spec, str):
        return WireField(name, path, (_kind(spec, where),))
    if not isinstance(spec, dict):
        raise PolicyError(f"{where}: expected a kind, none, {{any: [...]}} or {{kind, hash}}")
    when, when_paths = _when(spec["when"], name, where) if "when" in spec else ((), ())
    if "any" in spec:
        check_keys(spec, {"any", "when"}, {"any"}, where)
        kinds = spec["any"]
        if not isinstance(kinds, list) or not kinds:
            raise PolicyError(f"{where}: any must be a non-empty list of kinds")
        for k in kinds:
            if k not in VALIDATED:
                raise PolicyError(f"{where}: any: {k!r} has no validated shape (one of "
                                  f"{', '.join(sorted(VALIDATED))})")
        return WireField(name, path, tuple(kinds), any=True, when=when, when_paths=when_paths)
    check_keys(spec, {"kind", "hash", "when"}, {"kind"}, where)
    digest = spec.get("hash", "")
    if digest and digest not in HASHES:
        raise PolicyError(f"{where}: hash must be one of {', '.join(HASHES)}")
    return WireField(name, path, (_kind(spec["kind"], where),), hash=str(digest), when=when,
                     when_paths=when_paths)


def _when(v: Any, name: str, where: str) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[str, ...]]:
    """A field's conditions: record keys -> values, and ``path`` -> request path prefixes."""
    if not isinstance(v, dict) or not v:
        raise PolicyError(f"{where}: when must map record keys (or path) to lists of values")
    conds: list[tuple[str, frozenset[str]]] = []
    paths: tuple[str, ...] = ()
    for key, values in v.items():
        if not isinstance(key, str) or not key or key != key.strip() or "." in key:
            raise PolicyError(f"{where}: when: {key!r} is not a record key (one key name, no dots)")
        if not isinstance(values, list) or not values or not all(
                type(x) in (str, int) and str(x) and str(x) == str(x).strip() for x in values):
            raise PolicyError(f"{where}: when: {key} must be a non-empty list of strings or integers")
        if key == _WHEN_PATH:
            if not all(isinstance(p, str) and p.startswith("/") for p in values):
                raise PolicyError(f"{where}: when: path prefixes start with /")
            paths = tuple(values)
        elif name.startswith("pb:"):
            raise PolicyError(f"{where}: when: a protobuf field has no record keys (only path)")
        else:
            conds.append((key, frozenset(str(x) for x in values)))
    return tuple(conds), paths


def _signature(v: Any, where: str) -> Signature:
    if not isinstance(v, dict):
        raise PolicyError(f"{where}: signature must be a mapping")
    check_keys(v, _SIGNATURE_KEYS, set(), f"{where}: signature")
    if len(v) < 2:
        raise PolicyError(f"{where}: a signature needs two conditions or more "
                          "(of paths, query, form, headers)")
    got = {k: _strings(v[k], f"signature.{k}", where) for k in v}
    for p in got.get("paths", ()):
        if not p.startswith("/"):
            raise PolicyError(f"{where}: signature path {p!r} must start with /")
    return Signature(paths=got.get("paths", ()), query=got.get("query", ()), form=got.get("form", ()),
                     headers=tuple(h.lower() for h in got.get("headers", ())))


def _case(n: int, v: Any, host: str, taxonomy: set[str], where: str) -> WireCase:
    if not isinstance(v, dict):
        raise PolicyError(f"{where}: cases[{n}] is not a mapping")
    check_keys(v, _CASE_KEYS, {"name", "request", "expect"}, f"{where}: cases[{n}]")
    name = v["name"]
    if not isinstance(name, str) or not name.strip():
        raise PolicyError(f"{where}: cases[{n}] needs a name")
    where = f"{where}: case {name!r}"
    req = v["request"]
    if not isinstance(req, dict):
        raise PolicyError(f"{where}: request must be a mapping")
    check_keys(req, _REQUEST_KEYS, set(), where)
    if "body" in req and "body_b64" in req:
        raise PolicyError(f"{where}: body or body_b64, not both")
    for k in ("host", "method", "path", "query", "content_type", "body", "body_b64"):
        if k in req and not isinstance(req[k], str):
            raise PolicyError(f"{where}: request.{k} must be a string")
    path = req.get("path", "/")
    if not path.startswith("/"):
        raise PolicyError(f"{where}: request.path must start with /")
    headers = req.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(x, str)
                                                for k, x in headers.items()):
        raise PolicyError(f"{where}: request.headers must map names to strings")
    hdrs = [(k, x) for k, x in headers.items()]
    if "content_type" in req:
        hdrs.insert(0, ("content-type", req["content_type"]))
    body = req.get("body", "").encode("utf-8")
    if "body_b64" in req:
        try:
            body = base64.b64decode(req["body_b64"], validate=True)
        except (binascii.Error, ValueError) as e:
            raise PolicyError(f"{where}: body_b64 is not base64") from e
    case_host = req.get("host", host)
    if not case_host:
        raise PolicyError(f"{where}: request.host needed (the schema has no host)")
    expect = v["expect"]
    if not isinstance(expect, dict):
        raise PolicyError(f"{where}: expect must map PI types to medium or high")
    for pi, conf in expect.items():
        if pi not in taxonomy:
            raise PolicyError(f"{where}: expect: {pi!r} is not a PI type of taxonomy.yaml")
        if conf not in CONFIDENCES:
            raise PolicyError(f"{where}: expect: {pi}: {conf!r} must be medium or high")
    return WireCase(name=name, host=case_host, method=req.get("method", "POST"), path=path,
                    query=req.get("query", ""), headers=tuple(hdrs), body=body,
                    expect=tuple(sorted(expect.items())))


def _schema(e: Any, n: int, path: Path, kb: Catalogue) -> WireSchema:
    where = f"{path.name}: schemas[{n}]"
    if not isinstance(e, dict):
        raise PolicyError(f"{where}: not a mapping")
    sid = e.get("sdk")
    if isinstance(sid, str):
        where = f"{path.name}: {sid}"
    check_keys(e, _SCHEMA_KEYS, {"sdk", "mark", "source", "framing", "cases"}, where)
    if not isinstance(sid, str) or sid not in kb.sdks:
        raise PolicyError(f"{where}: sdk {sid!r} is not an id of sdks.yaml")
    sdk = kb.sdks[sid]
    if e["mark"] not in MARKS:
        raise PolicyError(f"{where}: mark must be V, V-partial or U")
    if not isinstance(e["source"], str) or not e["source"].strip():
        raise PolicyError(f"{where}: source must name the text the fields were checked against")
    hosts = tuple(h.lower() for h in _strings(e["hosts"], "hosts", where)) if "hosts" in e else \
        tuple(h.lower() for h in sdk.network)
    for h in hosts:
        owner = kb.sdk_for_host(h)
        if owner is None or owner.id != sid:
            raise PolicyError(f"{where}: host {h} is attributed to {owner.id if owner else 'no SDK'}, "
                              f"not {sid} (add it to the SDK's network in sdks.yaml)")
    paths = _strings(e["paths"], "paths", where) if "paths" in e else ()
    if not all(p.startswith("/") for p in paths):
        raise PolicyError(f"{where}: paths are path prefixes starting with /")
    signature = _signature(e["signature"], where) if "signature" in e else None
    if not hosts and signature is None:
        raise PolicyError(f"{where}: no hosts (none given, none in sdks.yaml) and no signature")
    framing = _strings(e["framing"], "framing", where)
    for f in framing:
        if f not in FRAMINGS:
            raise PolicyError(f"{where}: framing {f!r} is not one of {', '.join(sorted(FRAMINGS))}")
    raw = e.get("fields", {})
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: fields must map field names to what they hold")
    sealed = not raw  # nothing readable on the wire: the uploads are ciphertext under the SDK's own key
    if sealed and "encrypted" not in framing:
        raise PolicyError(f"{where}: a schema without fields must declare framing encrypted "
                          "(fields must map field names to what they hold)")
    fields = [_field(k, v, where) for k, v in raw.items()]
    seen: dict[tuple[str, ...], str] = {}
    for wf in fields:
        if wf.path in seen:
            raise PolicyError(f"{where}: fields {seen[wf.path]} and {wf.name} name the same field")
        seen[wf.path] = wf.name
    cases = e["cases"]
    if not isinstance(cases, list) or not cases:
        raise PolicyError(f"{where}: cases must be a non-empty list")
    taxonomy = set(kb.taxonomy)
    out = tuple(_case(i, c, hosts[0] if hosts else "", taxonomy, where) for i, c in enumerate(cases))
    if sealed and any(c.expect for c in out):
        raise PolicyError(f"{where}: a schema without fields reads nothing: its cases expect nothing "
                          "(they exercise the opaque-body record)")
    if not sealed and not any(c.expect for c in out):
        raise PolicyError(f"{where}: at least one case must expect a PI type")
    names = [c.name for c in out]
    if len(set(names)) != len(names):
        raise PolicyError(f"{where}: two cases have the same name")
    return WireSchema(sdk=sid, mark=e["mark"], source=e["source"].strip(), hosts=hosts, paths=paths,
                      signature=signature, framing=framing,
                      fields=tuple(sorted(fields, key=lambda f: -len(f.path))), cases=out, file=path.name)


def load_wire(directory: Path, kb: Catalogue) -> dict[str, WireSchema]:
    """Every schema of ``directory/*.yaml`` by SDK id, validated against ``kb``'s SDKs and taxonomy."""
    out: dict[str, WireSchema] = {}
    if not directory.is_dir():
        return out
    for path in sorted(directory.glob("*.yaml")):
        doc = load_yaml(path)
        if doc is None:
            continue
        if not isinstance(doc, dict) or set(doc) != {"schemas"} or not isinstance(doc["schemas"], list):
            raise PolicyError(f"{path.name}: expected one top-level key 'schemas', a list")
        for n, e in enumerate(doc["schemas"]):
            schema = _schema(e, n, path, kb)
            if schema.sdk in out:
                raise PolicyError(f"{path.name}: {schema.sdk}: a schema of this SDK is already in "
                                  f"{out[schema.sdk].file}")
            out[schema.sdk] = schema
    return out
