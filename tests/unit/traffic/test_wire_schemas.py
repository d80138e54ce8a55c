"""Wire schemas in the detector: every case of policies/wire/*.yaml, and each semantic on small schemas.

The shipped cases run through the real :class:`Detector` without a device profile: the PI types
reported at medium or above must be exactly the case's ``expect`` keys, each at its confidence or
above. The semantic tests load their own schemas from a temporary directory; each compares with
the same message where no schema applies.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import json
from urllib.parse import urlencode

import pytest

from analyzer.kb.catalogue import KnowledgeBase, load_kb
from analyzer.kb.wire import WireCase, load_wire
from analyzer.model import Confidence
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.decode import Unwrapper
from analyzer.traffic.detect import Detector
from analyzer.traffic.model import Message, Observation

KB = load_kb()
SHIPPED = Detector(None, Attributor(KB))
H, M = Confidence.HIGH, Confidence.MEDIUM
IMEI = "490154203237518"


def _case_message(case: WireCase) -> Message:
    return Message("case", "request", case.method, "https", case.host, 443, case.path, query=case.query,
                   headers=case.headers, body=case.body, tls=True)


@pytest.mark.parametrize("sdk,case", [pytest.param(sdk, c, id=f"{sdk}:{c.name}")
                                      for sdk, s in sorted(KB.wire.items()) for c in s.cases])
def test_shipped_case(sdk: str, case: WireCase) -> None:
    found: dict[str, Confidence] = {}
    SHIPPED.opaque.clear()
    for o in SHIPPED.detect(_case_message(case), "x"):
        if o.confidence >= M:
            found[o.pi] = max(found.get(o.pi, M), o.confidence)
    expect = {pi: Confidence(c) for pi, c in case.expect}
    assert set(found) == set(expect), f"{sdk}: {case.name}: reported {found}, expected {expect}"
    for pi, conf in expect.items():
        assert found[pi] >= conf, f"{sdk}: {case.name}: {pi} at {found[pi].value}, expected {conf.value}"
    if not KB.wire[sdk].fields:  # an encrypted upload: its cases are opaque bodies, recorded naming the SDK
        [rec] = SHIPPED.opaque.records()
        assert f"encrypted by {KB.sdks[sdk].name}'s own key (policies/wire)" in rec.reason, rec.reason


SCHEMAS = """\
schemas:
  - sdk: mixpanel
    mark: U
    source: test
    hosts: [api.mixpanel.com]
    paths: [/engage, /track]
    framing: [json, protobuf]
    fields:
      $name: name
      pb:2.1: phone
      pb:3: none
      u: phone
      distinct_id: {any: [imei, email]}
      idmd5: {kind: imei, hash: md5}
      imeih: imei
      fn: {kind: name, hash: sha256}
      $device_id: none
      ident: none
      ctx.dev.ident: imei
      pos.la: lat
      pos.lo: lng
    cases: [{name: c, request: {body: x}, expect: {identity.name: high}}]
  - sdk: sentry
    mark: U
    source: test
    signature: {paths: [/api/], headers: [x-sentry-auth]}
    framing: [json]
    fields: {who: email, $name: none, user.ip_address: none}
    cases: [{name: c, request: {body: x}, expect: {contact.email: high}}]
  - sdk: sensors-analytics
    mark: U
    source: test
    signature: {paths: [/sa], query: [project], form: [data_list, gzip]}
    framing: [form-base64-json, gzip]
    fields:
      login_id: {any: [phone]}
      properties.name: {kind: name, when: {type: [profile_set]}}
    cases: [{name: c, request: {body: x}, expect: {contact.phone_number: high}}]
  - sdk: segment
    mark: U
    source: test
    hosts: [api.segment.io]
    framing: [json]
    fields:
      traits.name: {kind: name, when: {type: [identify]}}
      nick: {kind: name, when: {path: [/v1/identify, /v1/i]}}
      who: {kind: name, when: {type: [identify, 7], path: [/v1/batch]}}
      owner: {any: [email], when: {kind: [person]}}
    cases: [{name: c, request: {body: x}, expect: {identity.name: high}}]
"""


@pytest.fixture(scope="module")
def detector(tmp_path_factory: pytest.TempPathFactory) -> Detector:
    d = tmp_path_factory.mktemp("wire")
    (d / "t.yaml").write_text(SCHEMAS, encoding="utf-8")
    kb: KnowledgeBase = copy.copy(KB)
    kb.wire = load_wire(d, KB)
    return Detector(None, Attributor(kb))


def _obs(det: Detector, payload: object, host: str = "api.mixpanel.com", path: str = "/engage",
         headers: tuple[tuple[str, str], ...] = (), direction: str = "request") -> dict[str, Observation]:
    m = Message("f", direction, "POST", "https", host, 443, path,
                headers=(("content-type", "application/json"), *headers), body=json.dumps(payload).encode())
    out: dict[str, Observation] = {}
    for o in det.detect(m, "x"):
        if o.pi not in out or o.confidence > out[o.pi].confidence:
            out[o.pi] = o
    return out


def test_a_kind_field_makes_its_shape_high(detector: Detector) -> None:
    got = _obs(detector, {"$name": "Li Lei", "u": "13812345678"})
    assert got["identity.name"].confidence is H and got["identity.name"].detector == "wire:mixpanel:$name"
    assert got["contact.phone_number"].confidence is H
    assert got["contact.phone_number"].detector == "wire:mixpanel:u"
    elsewhere = _obs(detector, {"$name": "Li Lei", "u": "13812345678"}, host="api.example.net")
    assert "identity.name" not in elsewhere
    assert elsewhere["contact.phone_number"].confidence is M  # the shape alone


def test_a_kind_field_still_needs_the_shape(detector: Detector) -> None:
    got = _obs(detector, {"$name": "lilei_2024", "u": "12345"})
    assert "identity.name" not in got and "contact.phone_number" not in got


def test_any_reports_only_a_validated_shape_of_a_listed_kind(detector: Detector) -> None:
    assert _obs(detector, {"distinct_id": IMEI})["device.imei"].confidence is H
    assert _obs(detector, {"distinct_id": "li.lei@example.com"})["contact.email"].detector.startswith("wire:")
    for random_id in ("6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "9774d56d682e549c", "490154203237519"):
        assert not {o.pi for o in _obs(detector, {"distinct_id": random_id}).values()
                    if o.confidence >= M}, random_id
    phone = _obs(detector, {"distinct_id": "13812345678"})  # not a listed kind: the generic rules (an id)
    assert all(o.confidence is Confidence.LOW for o in phone.values())


def test_a_documented_digest_is_high_an_undocumented_one_medium(detector: Detector) -> None:
    md5, sha1 = "0" * 31 + "a", "0" * 39 + "b"
    got = _obs(detector, {"idmd5": md5})["device.imei"]
    assert got.confidence is H and got.encoding.endswith("hash")
    assert "device.imei" not in _obs(detector, {"idmd5": sha1})  # a digest of the wrong length
    got = _obs(detector, {"imeih": md5})["device.imei"]
    assert got.confidence is M and got.encoding.endswith("hash")
    got = _obs(detector, {"fn": hashlib.sha256(b"li lei").hexdigest()})["identity.name"]  # documented
    assert got.confidence is H and got.encoding.endswith("hash")
    assert "identity.name" not in _obs(detector, {"fn": hashlib.md5(b"li lei").hexdigest()})


def test_none_drops_shape_and_key_hits(detector: Detector) -> None:
    assert _obs(detector, {"$device_id": IMEI, "ident": IMEI}) == {}
    assert _obs(detector, {"$device_id": IMEI}, host="api.example.net")["device.imei"].confidence >= M


def test_dotted_paths_longest_match_wins_indices_ignored(detector: Detector) -> None:
    got = _obs(detector, {"batch": [{"x": 1}, {"ctx": {"dev": {"ident": IMEI}}}], "dev": {"ident": IMEI}})
    assert set(got) == {"device.imei"}
    assert got["device.imei"].location == "json:$.batch[1].ctx.dev.ident"
    assert got["device.imei"].detector == "wire:mixpanel:ctx.dev.ident"
    assert _obs(detector, {"dev": {"ident": IMEI}}) == {}  # only the bare 'ident' (none) matches


def test_paired_kinds_go_through_the_pairing(detector: Detector) -> None:
    got = _obs(detector, {"pos": {"la": "31.230416", "lo": "121.473701"}})
    assert got["location.precise"].confidence is H
    assert "location.precise" not in _obs(detector, {"pos": {"la": "31.230416", "lo": "121.473701"}},
                                          host="api.example.net")


@pytest.mark.parametrize("host,path", [("api.mixpanel.com", "/decide"), ("api-eu.mixpanel.com", "/engage"),
                                       ("api.example.net", "/engage")])
def test_hosts_and_paths_restrict_the_schema(detector: Detector, host: str, path: str) -> None:
    assert "identity.name" not in _obs(detector, {"$name": "Li Lei"}, host=host, path=path)
    assert "identity.name" in _obs(detector, {"$name": "Li Lei"}, path="/track/batch")


def test_a_signature_applies_on_a_foreign_host(detector: Detector) -> None:
    auth = (("X-Sentry-Auth", "Sentry sentry_key=abc"),)
    body = {"who": "li.lei@example.com", "$name": "Li Lei"}
    got = _obs(detector, body, host="errors.example.net", path="/api/4/store/", headers=auth)
    assert got["contact.email"].detector == "wire:sentry:who" and "identity.name" not in got
    unsigned = _obs(detector, body, host="errors.example.net", path="/api/4/store/")
    assert unsigned["contact.email"].detector.startswith("pattern:")
    wrong_path = _obs(detector, body, host="errors.example.net", path="/v1/store/", headers=auth)
    assert wrong_path["contact.email"].detector.startswith("pattern:")


def test_a_response_is_demoted(detector: Detector) -> None:
    got = _obs(detector, {"$name": "Li Lei"}, direction="response")
    assert got["identity.name"].confidence is M


def test_generic_rules_still_run_beside_the_fields(detector: Detector) -> None:
    got = _obs(detector, {"$name": "Li Lei", "props": {"imei": IMEI, "mail": "han.mei@example.org"}})
    assert got["device.imei"].detector in ("key:imei", "pattern:imei") and got["device.imei"].confidence is H
    assert got["contact.email"].confidence >= M and got["identity.name"].confidence is H


def test_protobuf_fields_by_number_when_the_schema_frames_so(detector: Detector) -> None:
    body = b"\x12\x0d\x0a\x0b13812345678" + b"\x1a\x0f490154203237518"  # 2 {1: phone}, 3: an IMEI
    def obs(host: str) -> list[Observation]:
        m = Message("f", "request", "POST", "https", host, 443, "/track",
                    headers=(("content-type", "application/octet-stream"),), body=body)
        return detector.detect(m, "x")
    got = {o.pi: o for o in obs("api.mixpanel.com")}
    assert set(got) == {"contact.phone_number"}  # field 3 is none
    assert got["contact.phone_number"].location == "pb:2.1"
    assert got["contact.phone_number"].detector == "wire:mixpanel:pb:2.1"
    assert got["contact.phone_number"].confidence is H
    elsewhere = {o.pi: o for o in obs("api.example.net")}  # not decoded: the bytes searched as text
    assert elsewhere["contact.phone_number"].location == "body" and "device.imei" in elsewhere


def test_envelope_items_are_fields_by_their_path(detector: Detector) -> None:
    event = json.dumps({"user": {"ip_address": "13812345678", "who": "li.lei@example.com"}}).encode()
    body = (b'{"event_id": "9ec79c33ec9942ab8353589fcb2e04dc"}\n{"type": "event", "length": %d}\n'
            % len(event) + event + b"\n")
    m = Message("f", "request", "POST", "https", "errors.example.net", 443, "/api/4/envelope/",
                headers=(("x-sentry-auth", "Sentry sentry_key=abc"),), body=body)
    got = {o.pi: o for o in detector.detect(m, "x")}
    assert set(got) == {"contact.email"}  # user.ip_address is none
    assert got["contact.email"].location == "jsonl[2]:$.user.who"
    assert got["contact.email"].detector == "wire:sentry:who"


def test_a_signature_reads_query_and_form_keys(detector: Detector) -> None:
    data = base64.b64encode(gzip.compress(json.dumps([{"login_id": "13812345678"}]).encode())).decode()
    def found(query: str, form: dict[str, str], coding: str = "") -> dict[str, str]:
        body = urlencode(form).encode()
        hdrs = [("content-type", "application/x-www-form-urlencoded")]
        if coding:
            body = gzip.compress(body)
            hdrs.append(("content-encoding", coding))
        m = Message("f", "request", "POST", "https", "sa.example.net", 443, "/sa.gif", query=query,
                    headers=tuple(hdrs), body=body)
        return {o.pi: o.detector for o in detector.detect(m, "x") if o.confidence >= M}
    form, wire = {"data_list": data, "gzip": "1"}, {"contact.phone_number": "wire:sensors-analytics:login_id"}
    assert found("project=prod", form) == wire
    assert found("project=prod", form, coding="gzip") == wire
    assert found("p=prod", form) == {}  # no project key: the generic rules, an id (low)
    assert found("project=prod", {"data_list": data}) == {}  # no gzip form key


# -- fields whose meaning depends on the record (``when``) -------------------------------------------


def _names(det: Detector, payload: object, path: str = "/v1/batch") -> dict[str, str]:
    """Location -> detector of the names reported at medium or above in a message to Segment's host."""
    m = Message("f", "request", "POST", "https", "api.segment.io", 443, path,
                headers=(("content-type", "application/json"),), body=json.dumps(payload).encode())
    return {o.location: o.detector for o in det.detect(m, "x")
            if o.pi == "identity.name" and o.confidence >= M}


def test_a_record_condition_met(detector: Detector) -> None:
    got = _names(detector, {"batch": [{"type": "identify", "traits": {"name": "Li Lei"}}]})
    assert got == {"json:$.batch[0].traits.name": "wire:segment:traits.name"}


def test_a_record_condition_not_met(detector: Detector) -> None:
    assert _names(detector, {"batch": [{"type": "group", "traits": {"name": "Li Lei"}}]}) == {}


def test_a_record_without_the_key(detector: Detector) -> None:
    assert _names(detector, {"batch": [{"traits": {"name": "Li Lei"}}]}) == {}
    # a type that is no scalar is not the record's type
    assert _names(detector, {"type": {"v": "identify"}, "traits": {"name": "Li Lei"}}) == {}


def test_the_nearest_record_with_the_key_wins(detector: Detector) -> None:
    batch = {"type": "group", "batch": [{"type": "group", "traits": {"name": "Han Meimei"}},
                                        {"type": "identify", "traits": {"name": "Li Lei"}}]}
    assert _names(detector, batch) == {"json:$.batch[1].traits.name": "wire:segment:traits.name"}
    # the leaf's own object has the key: it is the nearest record
    assert _names(detector, {"type": "identify", "traits": {"type": "company", "name": "Li Lei"}}) == {}
    # the nearer object's key is no scalar: the next one out decides
    nested = {"type": "identify", "traits": {"type": ["a"], "name": "Li Lei"}}
    assert _names(detector, nested) == {"json:$.traits.name": "wire:segment:traits.name"}


def test_a_path_condition(detector: Detector) -> None:
    for path, hit in [("/v1/i", True), ("/v1/identify", True), ("/v1/t", False), ("/v1/batch", False)]:
        got = _names(detector, {"nick": "Li Lei"}, path=path)
        assert got == ({"json:$.nick": "wire:segment:nick"} if hit else {}), path


def test_every_condition_must_hold_integers_compare_as_text(detector: Detector) -> None:
    assert _names(detector, {"type": 7, "who": "Li Lei"}) == {"json:$.who": "wire:segment:who"}
    assert _names(detector, {"type": "identify", "who": "Li Lei"}) == {"json:$.who": "wire:segment:who"}
    assert _names(detector, {"type": "identify", "who": "Li Lei"}, path="/v1/i") == {}  # path fails
    assert _names(detector, {"type": "page", "who": "Li Lei"}) == {}  # type fails


def test_a_conditional_any_field(detector: Detector) -> None:
    def emails(payload: object) -> set[str]:
        m = Message("f", "request", "POST", "https", "api.segment.io", 443, "/v1/batch",
                    headers=(("content-type", "application/json"),), body=json.dumps(payload).encode())
        return {o.detector for o in detector.detect(m, "x") if o.pi == "contact.email"}
    assert emails({"kind": "person", "owner": "li.lei@example.com"}) == {"wire:segment:owner"}
    assert emails({"kind": "team", "owner": "li.lei@example.com"}) == {"pattern:email"}  # the shape alone


def test_records_inside_nested_json_and_json_lines(detector: Detector) -> None:
    records = [{"type": "track", "properties": {"name": "Han Meimei"}},
               {"type": "profile_set", "properties": {"name": "Li Lei"}}]
    data = base64.b64encode(gzip.compress(json.dumps(records).encode())).decode()
    m = Message("f", "request", "POST", "https", "sa.example.net", 443, "/sa", query="project=p",
                headers=(("content-type", "application/x-www-form-urlencoded"),),
                body=urlencode({"data_list": data, "gzip": "1"}).encode())
    got = {o.location: o.detector for o in detector.detect(m, "x") if o.pi == "identity.name"}
    assert got == {"form:data_list/json:$[1].properties.name": "wire:sensors-analytics:properties.name"}
    lines = (b'{"type": "group", "traits": {"name": "Han Meimei"}}\n'
             b'{"type": "identify", "traits": {"name": "Li Lei"}}\n')
    m = Message("f", "request", "POST", "https", "api.segment.io", 443, "/v1/batch", body=lines)
    got = {o.location: o.detector for o in detector.detect(m, "x") if o.pi == "identity.name"}
    assert got == {"jsonl[1]:$.traits.name": "wire:segment:traits.name"}


def test_the_walk_remembers_records_only_when_asked() -> None:
    m = Message("f", "request", "POST", "https", "api.segment.io", 443, "/v1/batch",
                headers=(("content-type", "application/json"),),
                body=json.dumps({"type": "batch",
                                 "batch": [{"type": "identify", "n": 1}, {"x": 2}]}).encode())
    plain = Unwrapper()
    plain.leaves(m)
    assert plain.records == {}
    asked = Unwrapper(record_keys=frozenset({"type", "n"}))
    asked.leaves(m)
    assert asked.records == {"json:$": {"type": "batch"}, "json:$.batch[0]": {"type": "identify", "n": "1"}}
