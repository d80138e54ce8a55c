"""Loading wire schemas (policies/wire/*.yaml): every field form is read, a malformed one fails in a line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzer.errors import PolicyError
from analyzer.kb.catalogue import load_kb
from analyzer.kb.wire import load_wire

GOOD = """\
schemas:
  - sdk: mixpanel
    mark: V-partial
    source: "a test schema"
    hosts: [api.mixpanel.com]
    paths: [/track, /engage]
    framing: [json, form-base64-json]
    fields:
      $email: email
      distinct_id: {any: [imei, email]}
      idmd5: {kind: imei, hash: md5}
      $device_id: none
      context.device.advertisingId: gaid
      pb:1.4.2: phone
      traits.name: {kind: name, when: {type: [identify, 7], path: [/engage]}}
      owner: {any: [email], when: {"#type": [user_set]}}
      pb:2: {kind: phone, when: {path: [/track]}}
    cases:
      - name: e-mail
        request: {path: /engage, content_type: application/json, body: '{"$email": "a@example.com"}'}
        expect: {contact.email: high}
      - name: nothing
        request: {path: /track, body_b64: AAEC, headers: {x-a: b}}
        expect: {}
  - sdk: sentry
    mark: U
    source: "a test schema"
    signature: {paths: [/api/], headers: [X-Sentry-Auth]}
    framing: [jsonl]
    fields: {user.email: email}
    cases:
      - name: self-hosted
        request: {host: sentry.example.net, path: /api/1/envelope/, body: '{}'}
        expect: {contact.email: high}
"""


def _load(tmp_path: Path, text: str, name: str = "t.yaml") -> dict:  # type: ignore[type-arg]
    d = tmp_path / "wire"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return load_wire(d, load_kb())


def test_every_form_is_read(tmp_path: Path) -> None:
    wire = _load(tmp_path, GOOD)
    mp = wire["mixpanel"]
    by = {f.name: f for f in mp.fields}
    assert by["$email"].kinds == ("email",) and not by["$email"].any
    assert by["distinct_id"].any and by["distinct_id"].kinds == ("imei", "email")
    assert by["idmd5"].hash == "md5"
    assert by["$device_id"].none
    assert by["context.device.advertisingId"].path == ("context", "device", "advertisingid")
    assert by["pb:1.4.2"].path == ("pb:1.4.2",)
    assert mp.fields[0].name == "context.device.advertisingId"  # longest first
    assert by["traits.name"].when == (("type", frozenset({"identify", "7"})),)
    assert by["traits.name"].when_paths == ("/engage",)
    assert by["owner"].any and by["owner"].when == (("#type", frozenset({"user_set"})),)
    assert by["pb:2"].when == () and by["pb:2"].when_paths == ("/track",)
    assert by["$email"].when == () and by["$email"].when_paths == ()
    assert mp.record_keys == {"type", "#type"}
    assert mp.applies("api.mixpanel.com", "/engage/x") and not mp.applies("api.mixpanel.com", "/decide")
    assert not mp.applies("api-eu.mixpanel.com", "/track")
    assert mp.cases[0].host == "api.mixpanel.com" and mp.cases[0].method == "POST"
    assert mp.cases[0].headers == (("content-type", "application/json"),)
    assert mp.cases[1].body == b"\x00\x01\x02"
    sig = wire["sentry"].signature
    assert sig is not None and sig.headers == ("x-sentry-auth",) and sig.paths == ("/api/",)
    assert wire["sentry"].hosts == ("sentry.io",)  # the SDK's network by default


def test_no_directory_no_schemas(tmp_path: Path) -> None:
    assert load_wire(tmp_path / "absent", load_kb()) == {}


def test_the_shipped_schemas_load() -> None:
    kb = load_kb()
    for sdk, schema in kb.wire.items():
        assert sdk in kb.sdks and schema.cases


def _one(fields: str = "{a: email}", extra: str = "", sdk: str = "mixpanel",
         cases: str = "[{name: c, request: {body: x}, expect: {contact.email: high}}]") -> str:
    return (f"schemas:\n  - {{sdk: {sdk}, mark: V, source: s, framing: [json], fields: {fields},"
            f" cases: {cases}{extra}}}\n")


@pytest.mark.parametrize("text,words", [
    (_one(sdk="nosuch"), "t.yaml: nosuch: sdk 'nosuch' is not an id"),
    (_one(fields="{a: emial}"), "mixpanel: field a: 'emial' is not a key kind"),
    (_one(fields="{a: {any: [imei, name]}}"), "any: 'name' has no validated shape"),
    (_one(fields="{a: {kind: imei, hash: crc32}}"), "hash must be one of"),
    (_one(fields="{a: {kind: imei, salt: x}}"), "unknown key"),
    (_one(fields="{pb:1.x: email}"), "protobuf field path"),
    (_one(fields="{a..b: email}"), "not a key or a dotted key path"),
    (_one(fields="{a: email, A: phone}"), "name the same field"),
    (_one(fields="{}"), "fields must map"),
    (_one(fields="{a: {kind: name, when: [type]}}"), "field a: when must map record keys"),
    (_one(fields="{a: {kind: name, when: {}}}"), "when must map record keys"),
    (_one(fields="{a: {kind: name, when: {type: identify}}}"), "when: type must be a non-empty list"),
    (_one(fields="{a: {kind: name, when: {type: []}}}"), "when: type must be a non-empty list"),
    (_one(fields="{a: {kind: name, when: {type: [true]}}}"), "strings or integers"),
    (_one(fields="{a: {kind: name, when: {type: [[x]]}}}"), "strings or integers"),
    (_one(fields="{a: {kind: name, when: {a.type: [x]}}}"), "'a.type' is not a record key"),
    (_one(fields="{a: {kind: name, when: {path: [v1/i]}}}"), "path prefixes start with /"),
    (_one(fields="{pb:1.2: {kind: name, when: {type: [x]}}}"), "protobuf field has no record keys"),
    (_one(fields="{a: {kind: name, if: {type: [x]}}}"), "unknown key"),
    (_one(fields="{a: {any: [email], when: 3}}"), "when must map"),
    (_one(extra=", framing2: [x]"), "unknown key"),
    (_one(extra=", hosts: [sentry.io]"), "host sentry.io is attributed to sentry, not mixpanel"),
    (_one(extra=", hosts: [example.org]"), "attributed to no SDK"),
    (_one(extra=", paths: [track]"), "starting with /"),
    (_one(extra=", signature: {paths: [/sa]}"), "two conditions or more"),
    (_one(extra=", signature: {paths: [/sa], cookies: [a]}"), "unknown key"),
    (_one(cases="[]"), "cases must be a non-empty list"),
    (_one(cases="[{name: c, request: {body: x}, expect: {}}]"), "at least one case must expect"),
    (_one(cases="[{name: c, request: {body: x}, expect: {contact.mail: high}}]"), "not a PI type"),
    (_one(cases="[{name: c, request: {body: x}, expect: {contact.email: low}}]"), "medium or high"),
    (_one(cases="[{name: c, request: {body: x, body_b64: eA==}, expect: {contact.email: high}}]"),
     "not both"),
    (_one(cases="[{name: c, request: {path: x}, expect: {contact.email: high}}]"), "must start with /"),
    (_one(cases="[{name: c, request: {bdy: x}, expect: {contact.email: high}}]"), "unknown key"),
    (_one(cases="[{request: {body: x}, expect: {contact.email: high}}]"), "missing key"),
    ("schemas:\n  - {sdk: mixpanel, mark: V, source: s, framing: [xml], fields: {a: email}, cases: []}\n",
     "framing 'xml' is not one of"),
    ("schemas:\n  - {sdk: mixpanel, mark: X, source: s, framing: [json], fields: {a: email}, cases: []}\n",
     "mark must be"),
    ("schema: []\n", "one top-level key 'schemas'"),
    (_one() + _one().removeprefix("schemas:\n"), "already in t.yaml"),
])
def test_malformed_schemas(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(words)) as err:
        _load(tmp_path, text)
    assert "\n" not in str(err.value) and str(err.value).startswith("t.yaml")


def _sealed(framing: str = "[encrypted]", fields: str = "", expect: str = "{}") -> str:
    return (f"schemas:\n  - {{sdk: tencent-bugly, mark: U, source: s, framing: {framing},{fields}"
            f" cases: [{{name: c, request: {{body_b64: AAEC}}, expect: {expect}}}]}}\n")


@pytest.mark.parametrize("fields", ["", " fields: {},"])
def test_an_encrypted_schema_may_have_no_fields(tmp_path: Path, fields: str) -> None:
    s = _load(tmp_path, _sealed(fields=fields))["tencent-bugly"]
    assert s.fields == () and s.framing == ("encrypted",) and s.hosts == ("bugly.qq.com",)
    assert [c.expect for c in s.cases] == [()]


@pytest.mark.parametrize("text,words", [
    (_sealed(framing="[json]"), "a schema without fields must declare framing encrypted"),
    (_sealed(framing="[json]", fields=" fields: {},"), "a schema without fields must declare framing"),
    (_sealed(expect="{device.imei: high}"), "without fields reads nothing: its cases expect nothing"),
    (_sealed(fields=" fields: [],"), "fields must map"),
])
def test_a_field_less_schema_is_encrypted_and_expects_nothing(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(words)):
        _load(tmp_path, text)


def test_a_duplicate_across_files_names_both(tmp_path: Path) -> None:
    _load(tmp_path, _one(), "a.yaml")
    with pytest.raises(PolicyError, match=r"b\.yaml: mixpanel: a schema of this SDK is already in a\.yaml"):
        _load(tmp_path, _one(), "b.yaml")
