"""Turn a message into PI observations: known profile values, validated shapes, telling key names.

One :class:`Detector` serves a whole capture. Known values are compiled once
into an Aho-Corasick automaton over every spelling (:func:`analyzer.traffic.profile.variants`),
so a message costs one pass per leaf however large the profile. Each leaf
(:mod:`analyzer.traffic.decode`) is also scanned for validated shapes and its key
name classified (:mod:`analyzer.traffic.shapes`).

Per message, observations are merged by (PI type, location): the most
confident wins, a known value before a shape before a key name. Responses and
server-sent WebSocket messages are what the device *receives*, so shape and
key hits there are demoted one level; known values stay high.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from analyzer.common.masking import mask, mask_endpoint, mask_host, mask_spans
from analyzer.kb.wire import WireField
from analyzer.model import Confidence
from analyzer.traffic import shapes as pat
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.decode import Leaf, Unwrapper
from analyzer.traffic.focus import Focus
from analyzer.traffic.keys import KIND_PI, is_placeholder, key_value
from analyzer.traffic.learned import MAX_PER_TYPE, learnable, learned_profile
from analyzer.traffic.model import Attribution, Message, Observation
from analyzer.traffic.opaque import OpaqueBodies, opaque_size
from analyzer.traffic.profile import DeviceProfile, KnownValue, Variant, variants
from analyzer.traffic.wire import PAIRED, CompiledSchema, Records, WireSchemas

log = logging.getLogger("piflow.detect")

MAX_SECONDS = 1.0
"""Time one message's leaves may take; a hostile body of many PI-shaped values stops there."""
MAX_SCAN = 256 * 1024
"""Characters of one leaf searched for shapes."""
MAX_HITS = 2048
"""Known-value matches and shape candidates looked at per text (one leaf reports each type once)."""

_PKG = re.compile(r"(?<![\w.])[a-z][a-z0-9_]{1,30}(?:\.[a-z0-9_]{1,30}){1,6}(?![\w.])")
_DOMAIN_TLDS = frozenset({"com", "cn", "net", "org", "io", "html", "php", "jpg", "png", "js"})
@lru_cache(maxsize=8192)
def _key(key: str) -> pat.KeyInfo:
    return pat.classify_key(key)


_TELLING: dict[str, bool] = {}
_SEGMENTS = re.compile(r"[.:/\[\]$]+")


@lru_cache(maxsize=8192)
def _in_contacts(location: str) -> bool:
    """Whether a container on the way to ``location`` is an address book (``contacts``, ``lianxiren`` …)."""
    return any(_key(seg).kind == "contacts" for seg in _SEGMENTS.split(location)[:-1] if seg)


def _telling(key: str) -> bool:
    """Whether ``key`` names a PI kind (memoised in a plain dict: this runs for every scalar)."""
    if not key:
        return False
    hit = _TELLING.get(key)
    if hit is None:
        hit = bool(_key(key).kind)
        if len(_TELLING) < 65536:
            _TELLING[key] = hit
    return hit


@dataclass(slots=True)
class _Cand:
    """A detection before merging (rank: 0 known value, 1 shape, 2 key name)."""

    pi: str
    location: str
    encoding: str
    text: str
    confidence: Confidence
    detector: str
    rank: int


_Cands = dict[tuple[str, str], "_Cand"]
_Coords = dict[int, dict[str, tuple[Leaf, str, str]]]


def _chain(*parts: str) -> str:
    return ">".join(p for p in parts if p and p != "plain") or "plain"


class Detector:
    """Detection for one capture: profile automaton, attribution, reporting options."""

    def __init__(self, profile: DeviceProfile | None, attributor: Attributor,
                 show_values: bool = False) -> None:
        self.profile = profile
        self.attribute = attributor
        self.show = show_values
        self.learned: dict[str, set[str]] | None = None
        """When a dict: identifiers this detector found named by the capture itself, PI type → raw values
        (collected for :mod:`analyzer.traffic.learned`; held in memory only)."""
        self._taught = 0
        """Learned values this detector already searches for."""
        kb = attributor.kb
        self._wire = WireSchemas(kb.wire if kb is not None else {})
        self.opaque = OpaqueBodies({s.id: s.name for s in kb.sdks.values()} if kb is not None else {})
        """Request bodies this detector could not read (:mod:`analyzer.traffic.opaque`)."""
        self._auto: ahocorasick_rs.AhoCorasick | None = None
        self._entries: list[tuple[tuple[KnownValue, Variant], ...]] = []
        if profile is not None:
            table: dict[str, list[tuple[KnownValue, Variant]]] = {}
            for kv in profile.values:
                for var in variants(kv):
                    table.setdefault(var.text, []).append((kv, var))
            texts = list(table)
            # a DFA: one pass over a message costs about the same for 20 values or 200
            self._auto = ahocorasick_rs.AhoCorasick(texts, implementation=ahocorasick_rs.Implementation.DFA)
            self._entries = [tuple(table[t]) for t in texts]

    def _matches(self, text: str) -> list[tuple[int, int, tuple[tuple[KnownValue, Variant], ...]]]:
        """(start, end, entries) of every spelling of a known value in ``text``, overlaps included."""
        assert self._auto is not None
        entries = self._entries
        found = self._auto.find_matches_as_indexes(text, overlapping=True)
        return [(start, end, entries[i]) for i, start, end in found[:MAX_HITS]]

    def relearned(self, given: DeviceProfile | None) -> Detector | None:
        """A detector that also searches for the identifiers this one learned since it was built, sharing its
        collections (``given``: the user's profile); None when nothing new was learned."""
        learned = self.learned
        if not learned:
            return None
        taught = sum(min(len(v), MAX_PER_TYPE) for v in learned.values())
        if taught <= self._taught:
            return None
        self._taught = taught
        profile = learned_profile(learned, given)
        if profile is None:
            return None
        fresh = Detector(profile, self.attribute, show_values=self.show)
        fresh.learned, fresh._taught = learned, taught
        fresh.opaque = self.opaque  # opaque bodies stay recorded once per host and phase
        return fresh

    # -- public ----------------------------------------------------------------

    def detect(self, msg: Message, phase: str) -> list[Observation]:
        """Observations in ``msg``, tagged with ``phase``; never raises on hostile input (bounded)."""
        deadline = time.perf_counter() + MAX_SECONDS
        att = self.attribute(msg.host, msg.server_ip)
        schema = self._wire.for_message(msg, att.sdk) if self._wire.by_sdk else None
        focus = self._focus(msg, schema)
        cands: _Cands = {}
        coords: _Coords = {}
        apps: list[tuple[Leaf, str, str]] = []
        kv_lat: dict[str, tuple[Leaf, str]] = {}
        kv_lng: dict[str, tuple[Leaf, str]] = {}
        pkg_leaves: dict[str, list[Leaf]] = {}
        cells: dict[str, dict[str, tuple[Leaf, str]]] = {}
        incoming = msg.direction == "response" or (msg.direction == "websocket" and not msg.from_client)
        # the receiving SDK frames its uploads as protobuf: a body of any content type may be one
        unwrapper = Unwrapper(focus, deadline,
                              protobuf=schema is not None and "protobuf" in schema.schema.framing,
                              record_keys=schema.record_keys if schema is not None else frozenset())
        cut = False
        for n, leaf in enumerate(unwrapper.leaves(msg)):
            if n % 256 == 255 and time.perf_counter() > deadline:
                cut = True
                break
            if self._auto is not None:
                self._profile(leaf, cands, coords, apps)
            self._shapes(leaf, cands, incoming, kv_lat, kv_lng, pkg_leaves, cells, schema,
                         unwrapper.records, msg.path)
        if cut or unwrapper.expired:
            log.warning("piflow: detection in a %s to %s cut short after %.1f s (hostile or huge body)",
                        msg.direction, msg.host[:80], MAX_SECONDS)
        self._pairs(cands, coords, apps, kv_lat, kv_lng, pkg_leaves, incoming)
        for cell in cells.values():  # a base station: area code and cell id in one object
            if "lac" in cell and "cid" in cell and cell["lac"][1].isdigit() and cell["cid"][1].isdigit():
                leaf, v = cell["cid"]
                text = f"{cell['lac'][1]}/{v}"
                _offer(cands, _Cand("location.cell", leaf.location, _chain(leaf.encoding), text,
                                    _demote(Confidence.HIGH, incoming), "key:lac+cid", 2))
        _drop_covered(cands)
        if not (cut or unwrapper.expired):
            self._opaque(msg, unwrapper, cands, att, phase, schema)
        if self.learned is not None and not incoming:
            for c in cands.values():
                if c.rank and c.confidence is Confidence.HIGH and learnable(c.pi, c.encoding, c.text):
                    self.learned.setdefault(c.pi, set()).add(c.text.strip())
        endpoint, host = self._where(msg, [c.text for c in cands.values()])
        out = []
        for c in cands.values():
            out.append(Observation(
                pi=c.pi, location=c.location, encoding=c.encoding, excerpt=mask(c.text, self.show),
                confidence=c.confidence, detector=c.detector, flow_id=msg.flow_id, direction=msg.direction,
                method=msg.method, endpoint=endpoint, host=host, attribution=att, phase=phase,
                timestamp=msg.timestamp, tls=msg.tls, http_version=msg.http_version,
                from_client=not incoming))
        out.sort(key=lambda o: (o.pi, o.location))
        return out

    def _opaque(self, msg: Message, unwrapper: Unwrapper, cands: _Cands, att: Attribution, phase: str,
                schema: CompiledSchema | None) -> None:
        """Count a request body that stays opaque after every decoding (a blind spot, not "no PI")."""
        size = opaque_size(msg, unwrapper.out, [c.location for c in cands.values()], unwrapper.body)
        if size:
            sdk = schema.schema.sdk if schema is not None and "encrypted" in schema.schema.framing else ""
            self.opaque.add(msg, att, phase, size, sdk, self.show)

    def _where(self, msg: Message, found: list[str]) -> tuple[str, str]:
        """The message's endpoint and host with PI masked: the values found in it, the profile's
        values in any spelling, and what looks like PI anyway (:mod:`analyzer.common.masking`)."""
        endpoint, host = msg.endpoint, msg.host
        if self.show:
            return endpoint, host
        if self._auto is not None:
            endpoint = mask_spans(endpoint, [(s, e) for s, e, _v in self._matches(endpoint)])
            host = mask_spans(host, [(s, e) for s, e, _v in self._matches(host)])
        return mask_endpoint(endpoint, values=found), mask_host(host, values=found)

    def _focus(self, msg: Message, schema: CompiledSchema | None) -> Focus:
        """What the leaf walk keeps: scalars under telling keys, with PI-like shapes, or holding a
        spelling of a known value. One automaton pass over the whole body delimits the body's own
        JSON scalars that hold a spelling; anything decoded on the way (escapes, base64, nested
        JSON, forms) is asked of the automaton itself, so a value the raw text hides is still kept.
        Scalars under the applicable wire schema's fields are kept like those under telling keys."""
        telling = _telling
        own = schema.telling if schema is not None else frozenset()
        if own:
            def telling(key: str) -> bool:
                return _telling(key) or key.lower() in own

        if self._auto is None:
            return Focus(telling)
        find = self._auto.find_matches_as_indexes

        def known(text: str) -> bool:
            return bool(find(text))

        body = _body_text(msg)
        exact: set[str] = set()
        complete = True
        for n, (start, end, _entries) in enumerate(self._matches(body)):
            if n >= _MAX_DELIMITED:
                complete = False
                break
            lit = _literal(body, start, end)
            if lit is None:
                complete = False
            else:
                exact.add(lit)
        return Focus(telling, known, frozenset(exact), complete)

    # -- known values -------------------------------------------------------------

    def _profile(self, leaf: Leaf, cands: _Cands, coords: _Coords, apps: list[tuple[Leaf, str, str]]) -> None:
        assert self._auto is not None
        text = leaf.text
        for start, end, entries in self._matches(text):
            for kv, var in entries:
                if var.guard and not _guard_ok(text, start, end, var.guard):
                    continue
                enc = _chain(leaf.encoding, var.encoding)
                if kv.kind in ("lat", "lng"):
                    coords.setdefault(kv.group, {}).setdefault(kv.kind, (leaf, enc, var.text))
                    continue
                if kv.pi == "apps.installed_list":
                    apps.append((leaf, enc, kv.value))
                    continue
                conf = Confidence.HIGH if var.strong else Confidence.MEDIUM
                _offer(cands, _Cand(kv.pi, leaf.location, enc, var.text, conf, f"{kv.origin}:{kv.field}", 0))

    # -- shapes and keys ------------------------------------------------------------

    def _shapes(self, leaf: Leaf, cands: _Cands, incoming: bool,
                kv_lat: dict[str, tuple[Leaf, str]], kv_lng: dict[str, tuple[Leaf, str]],
                pkg_leaves: dict[str, list[Leaf]], cells: dict[str, dict[str, tuple[Leaf, str]]],
                schema: CompiledSchema | None, records: Records,
                path: str) -> None:
        key = _key(leaf.key) if leaf.key else pat.KeyInfo("", False, False)
        field = schema.field_of(leaf.key, leaf.location, records, path) \
            if schema is not None and leaf.key else None
        if field is not None:  # a documented field of the receiving SDK's upload format
            if field.none:
                return  # the SDK's own generated id
            key = self._wire_field(schema, field, leaf, cands, incoming, key)  # type: ignore[arg-type]
            if not key.kind:
                return
        key_pi = KIND_PI.get(key.kind, "")
        in_contacts = _in_contacts(leaf.location)
        text = leaf.text
        # past MAX_SCAN characters (an unparsed blob) shapes are not looked for: Python's regex
        # engine would take seconds; known values are still found by the automaton everywhere
        for hit in pat.scan_text(text[:MAX_SCAN], MAX_HITS) if len(text) >= 7 else ():
            conf = pat.confidence_for(hit, key, key_pi)
            pi = hit.pi
            if hit.name == "uuid" and key_pi not in ("device.gaid", "device.oaid", "device.vaid",
                                                     "device.aaid"):
                continue  # a bare UUID is a request id until a key says otherwise
            if hit.name == "uuid":
                pi, conf = key_pi, Confidence.HIGH
            if hit.name == "mac" and key.kind in ("bt_mac", "bssid"):
                pi, conf = key_pi, Confidence.HIGH
            if in_contacts and pi in ("contact.phone_number", "contact.email"):
                pi = "contacts"
            if conf is not None:
                _offer(cands, _Cand(pi, leaf.location, _chain(leaf.encoding), hit.text,
                                    _demote(conf, incoming), f"pattern:{hit.name}", 1))
        if not key.kind or (field is not None and key.kind not in PAIRED):
            return
        v = text.strip()
        if key.kind == "lat":
            kv_lat[_container(leaf.location)] = (leaf, v)
            return
        if key.kind == "lng":
            kv_lng[_container(leaf.location)] = (leaf, v)
            return
        if key.kind == "apps":
            pkg_leaves.setdefault(_container(leaf.location, strip_index=True), []).append(leaf)
            return
        if key.kind in ("lac", "cellid"):
            cells.setdefault(_container(leaf.location), {})["lac" if key.kind == "lac" else "cid"] = (leaf, v)
            return
        if is_placeholder(v) or len(v) > 4096:
            return
        found = key_value(key.kind, v, key.hashed, key.head)
        if found is None:
            return
        pi, conf, enc = found
        if in_contacts and pi in ("contact.phone_number", "contact.email", "identity.name"):
            pi = "contacts"
        _offer(cands, _Cand(pi, leaf.location, _chain(leaf.encoding, enc), v, _demote(conf, incoming),
                            f"key:{key.kind}", 2))

    def _wire_field(self, schema: CompiledSchema, field: WireField, leaf: Leaf, cands: _Cands,
                    incoming: bool, key: pat.KeyInfo) -> pat.KeyInfo:
        """Report what a documented field holds; the key the leaf's shapes are then judged under
        (the field's kind; for an ``any`` field no kind, and the key name's negative sense kept)."""
        v = leaf.text.strip()
        found = schema.value(field, v) if field.kinds[0] not in PAIRED else None
        if found is not None:  # offered before the shapes: on a tie the field's detector is named
            pi, conf, enc = found
            _offer(cands, _Cand(pi, leaf.location, _chain(leaf.encoding, enc), v, _demote(conf, incoming),
                                f"wire:{schema.schema.sdk}:{field.name}", 1))
        if field.any:
            return pat.KeyInfo("", key.negative, False)
        return pat.KeyInfo(field.kinds[0], False, bool(field.hash))

    def _pairs(self, cands: _Cands, coords: _Coords, apps: list[tuple[Leaf, str, str]],
               kv_lat: dict[str, tuple[Leaf, str]], kv_lng: dict[str, tuple[Leaf, str]],
               pkg_leaves: dict[str, list[Leaf]], incoming: bool) -> None:
        for group in coords.values():
            if "lat" in group and "lng" in group:
                leaf, enc, text = group["lat"]
                other = group["lng"][2]
                _offer(cands, _Cand("location.precise", leaf.location, enc, f"{text},{other}",
                                    Confidence.HIGH, "profile:location", 0))
        distinct = {a[2] for a in apps}
        if apps:
            leaf, enc, text = apps[0]
            conf = Confidence.HIGH if len(distinct) >= 2 else Confidence.LOW
            _offer(cands, _Cand("apps.installed_list", leaf.location, enc, text, conf,
                                "profile:installed_apps", 0))
        for cont, (leaf, lat) in kv_lat.items():
            if cont not in kv_lng:
                continue
            lng = kv_lng[cont][1]
            if pat.coord_ok(lat, lng):
                prec = min(pat.decimals(lat), pat.decimals(lng))
                pi = "location.precise" if prec >= 3 else "location.coarse"
                _offer(cands, _Cand(pi, leaf.location, _chain(leaf.encoding), f"{lat},{lng}",
                                    _demote(Confidence.HIGH, incoming), "key:lat+lng", 2))
            elif pat.e6_ok(lat, lng):  # micro-degrees: six decimals
                _offer(cands, _Cand("location.precise", leaf.location, _chain(leaf.encoding, "e6"),
                                    f"{lat},{lng}", _demote(Confidence.HIGH, incoming), "key:lat+lng", 2))
        for leaves in pkg_leaves.values():
            names = {m.group(0) for lf in leaves for m in _PKG.finditer(lf.text)
                     if m.group(0).rsplit(".", 1)[-1] not in _DOMAIN_TLDS}
            if len(names) >= 2:
                lf = leaves[0]
                _offer(cands, _Cand("apps.installed_list", lf.location, _chain(lf.encoding),
                                    sorted(names)[0], _demote(Confidence.HIGH, incoming), "key:apps", 2))




def _body_text(msg: Message) -> str:
    """The body as text, decompressed within the bounds."""
    from analyzer.traffic.codings import MAX_BODY, decompress

    body = msg.body[:MAX_BODY]
    coding = msg.header("content-encoding")
    if body and (coding or body[:2] == b"\x1f\x8b" or body[:4] == b"\x28\xb5\x2f\xfd"):
        try:
            for c in reversed([c for c in coding.split(",") if c.strip()] or
                              ["gzip" if body[:2] == b"\x1f\x8b" else "zstd"]):
                body = decompress(body, c)
        except Exception:  # undecodable: look at the bytes as they are
            pass
    return body.decode("utf-8", "replace")


_DELIMS = '",:[]{}\n'
_WINDOW = 4096
_MAX_DELIMITED = 4096
"""Known-value matches of one body delimited as JSON scalars (past it, the walk asks the automaton)."""


def _literal(text: str, start: int, end: int) -> str | None:
    """The JSON scalar around ``text[start:end]``, decoded (None if it cannot be delimited).

    Delimiters are looked for within :data:`_WINDOW` characters on each side, so a body of a
    hundred thousand matches costs linear time, not quadratic.
    """
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    i = max(text.rfind(c, lo, start) for c in _DELIMS)
    if i < 0 and lo > 0:
        return None
    if i >= 0 and text[i] == '"':
        j = text.find('"', end, hi)
        while j > 0 and text[j - 1] == "\\":
            j = text.find('"', j + 1, hi)
        if j < 0:
            return None
        try:
            value = json.loads(text[i:j + 1])
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    js = [p for p in (text.find(c, end, hi) for c in _DELIMS + " ") if p >= 0]
    if not js and hi < len(text):
        return None
    return text[i + 1:min(js) if js else len(text)].strip()


def _drop_covered(cands: dict[tuple[str, str], _Cand]) -> None:
    """Drop an encoded parent (base64 text) when the same PI was found inside its decoded children."""
    for k, c in list(cands.items()):
        if c.rank == 0 and c.encoding.split(">")[-1].startswith("base64") and any(
                o.pi == c.pi and o is not c and o.location.startswith(c.location)
                and len(o.location) > len(c.location) for o in cands.values()):
            del cands[k]


def _demote(c: Confidence, incoming: bool) -> Confidence:
    if not incoming:
        return c
    return Confidence.MEDIUM if c is Confidence.HIGH else Confidence.LOW


_CONF_RANK = {c: i for i, c in enumerate(Confidence)}


def _offer(cands: dict[tuple[str, str], _Cand], c: _Cand) -> None:
    k = (c.pi, c.location)
    old = cands.get(k)
    if old is None or (_CONF_RANK[c.confidence], -c.rank) > (_CONF_RANK[old.confidence], -old.rank):
        cands[k] = c


def _container(location: str, strip_index: bool = False) -> str:
    """The object holding the leaf at ``location``: its path without the last key (a protobuf map
    entry's value ``pb:1[0].2{lat}`` is held by the map ``pb:1[0].2``, with its sibling entries).

    >>> _container("json:$.a[0].lat"), _container("pb:1[0].2{lat}"), _container("pb:1[1].2{lng}", True)
    ('json:$.a[0]', 'pb:1[0].2', 'pb:1[].2')
    """
    if location.endswith("}") and "{" in location:
        base = location[:location.rfind("{")]
        return re.sub(r"\[\d+\]", "[]", base) if strip_index else base
    base = re.split(r"[.:](?=[^.:\[]*$)", location, maxsplit=1)[0] if "." in location or ":" in location \
        else location
    return re.sub(r"\[\d+\]", "[]", base) if strip_index else base


def _is_hex(ch: str) -> bool:
    return ch in "0123456789abcdefABCDEF"


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "._%+-"


_GUARD: dict[str, Callable[[str], bool]] = {"digit": str.isdigit, "hex": _is_hex, "alnum": _is_word}


def _guard_ok(text: str, start: int, end: int, guard: str) -> bool:
    test = _GUARD[guard]
    # a percent escape such as %22 right before a value is a boundary, not a digit
    if start > 0 and test(text[start - 1]) and not (start >= 3 and text[start - 3] == "%"):
        return False
    return not (end < len(text) and test(text[end]))


def observations_for(detector: Detector, messages: Iterable[Message],
                     phase_at: Callable[[float], str] | None = None) -> list[Observation]:
    """Observations of many messages (``phase_at``: timestamp → phase; default ``unmarked``)."""
    out: list[Observation] = []
    for m in messages:
        out.extend(detector.detect(m, phase_at(m.timestamp) if phase_at else "unmarked"))
    return out


def detect_capture(detector: Detector, messages: Callable[[], Iterable[Message]],
                   phase_at: Callable[[float], str] | None = None) -> list[Observation]:
    """Observations of a whole capture, with what it names itself learned (:mod:`analyzer.traffic.learned`;
    ``messages()`` is read twice when something was learned); the request bodies it could not read are
    left in ``detector.opaque``."""
    detector.learned = {}
    detector.opaque.clear()
    try:
        first = observations_for(detector, messages(), phase_at)
        learned = detector.learned
    finally:
        detector.learned = None
    profile = learned_profile(learned, detector.profile)
    if profile is None:
        return first
    again = Detector(profile, detector.attribute, show_values=detector.show)
    again.opaque = detector.opaque
    again.opaque.clear()  # the second pass decides what stays opaque (a learned value may be read in it)
    return observations_for(again, messages(), phase_at)
