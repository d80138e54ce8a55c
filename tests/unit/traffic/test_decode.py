"""Body unwrapping: encodings, containers, and hostile bodies that must stay cheap."""

from __future__ import annotations

import base64
import gzip
import json
import time
import zlib

import brotli
import pytest
import zstandard

from analyzer.traffic.codings import MAX_DECODED, BoundExceeded, decompress
from analyzer.traffic.decode import Unwrapper
from analyzer.traffic.model import Message
from tests.unit.traffic.protobuf import pb_field


def _msg(body: bytes = b"", headers: tuple[tuple[str, str], ...] = (), query: str = "",
         path: str = "/") -> Message:
    return Message("f", "request", "POST", "https", "h.example.com", 443, path, query=query,
                   headers=headers, body=body)


def _leaves(m: Message) -> dict[str, tuple[str, str]]:
    return {lf.location: (lf.text, lf.encoding) for lf in Unwrapper().leaves(m)}


@pytest.mark.parametrize("coding,pack", [
    ("gzip", gzip.compress), ("deflate", zlib.compress), ("br", brotli.compress),
    ("zstd", lambda b: zstandard.ZstdCompressor().compress(b)),
])
def test_content_codings(coding: str, pack: object) -> None:
    body = pack(json.dumps({"a": {"imei": "x1"}}).encode())  # type: ignore[operator]
    leaves = _leaves(_msg(body, (("Content-Encoding", coding), ("Content-Type", "application/json"))))
    assert leaves["json:$.a.imei"] == ("x1", f"{coding}>json")


def test_query_form_cookie_header_and_multipart() -> None:
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
            "Content-Type: application/json\r\n\r\n{\"mac\": \"aa\"}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
            f"--{boundary}--\r\n").encode()
    m = _msg(body, (("Content-Type", f"multipart/form-data; boundary={boundary}"),
                    ("Cookie", "uid=u1; did=d2"), ("X-Dev", "abc")), query="a=1&b=%E4%BD%A0")
    leaves = _leaves(m)
    assert leaves["query:b"] == ("你", "url")
    assert leaves["cookie:did"][0] == "d2"
    assert leaves["header:X-Dev"][0] == "abc"
    assert leaves["multipart:meta/json:$.mac"] == ("aa", "multipart>json")
    assert leaves["multipart:note"][0] == "hello"


def test_form_body_and_nested_base64_json() -> None:
    inner = base64.b64encode(json.dumps({"imsi": "460011234567890"}).encode()).decode()
    m = _msg(f"d={inner}&v=1".encode(), (("Content-Type", "application/x-www-form-urlencoded"),))
    leaves = _leaves(m)
    assert leaves["form:d/json:$.imsi"] == ("460011234567890", "form>base64>json")


def test_gzip_inside_base64_inside_json() -> None:
    blob = base64.b64encode(gzip.compress(b"androidId=9f3c2a7b1e5d4c60&x=1")).decode()
    leaves = _leaves(_msg(json.dumps({"p": blob}).encode(), (("Content-Type", "application/json"),)))
    assert leaves["json:$.p/form:androidId"] == ("9f3c2a7b1e5d4c60", "json>base64>gzip>form")


def test_decompression_bomb_is_bounded() -> None:
    bomb = gzip.compress(b"\0" * (MAX_DECODED + 1024 * 1024))
    with pytest.raises(BoundExceeded):
        decompress(bomb, "gzip")
    t0 = time.perf_counter()
    leaves = list(Unwrapper().leaves(_msg(bomb, (("Content-Encoding", "gzip"),))))
    assert time.perf_counter() - t0 < 2.0
    assert len(leaves) == 1 and len(leaves[0].text) <= 65536   # the raw prefix, not the expansion
    zbomb = zstandard.ZstdCompressor().compress(b"\0" * (MAX_DECODED + 1))
    with pytest.raises(BoundExceeded):
        decompress(zbomb, "zstd")
    bbomb = brotli.compress(b"\0" * (MAX_DECODED + 1))
    with pytest.raises(BoundExceeded):
        decompress(bbomb, "br")


def test_a_brotli_bomb_costs_its_bound_not_its_expansion() -> None:
    """A few hundred bytes of brotli that unpack to 512 MiB: the decoder stops at the bound."""
    comp = brotli.Compressor(quality=5, lgwin=24)
    zeros = b"\0" * (1 << 20)
    bomb = b"".join(comp.process(zeros) for _ in range(512)) + comp.finish()
    assert len(bomb) < 2048
    t0 = time.perf_counter()
    with pytest.raises(BoundExceeded):
        decompress(bomb, "br")
    leaves = list(Unwrapper().leaves(_msg(bomb, (("Content-Encoding", "br"),))))
    assert time.perf_counter() - t0 < 2.0  # unbounded, this took minutes and GBs
    assert len(leaves) == 1 and len(leaves[0].text) <= 65536


def test_deeply_nested_json_is_cheap() -> None:
    deep = ("[" * 200_000 + "]" * 200_000).encode()
    t0 = time.perf_counter()
    leaves = list(Unwrapper().leaves(_msg(deep, (("Content-Type", "application/json"),))))
    assert time.perf_counter() - t0 < 2.0
    assert len(leaves) <= 2
    nested: object = "v"
    for _ in range(100):
        nested = {"k": nested}
    leaves = list(Unwrapper().leaves(_msg(json.dumps(nested).encode())))
    assert leaves == []          # below MAX_DEPTH nothing is emitted, and nothing raised


def test_leaf_count_is_bounded() -> None:
    body = json.dumps([str(i) for i in range(50_000)]).encode()
    assert len(list(Unwrapper().leaves(_msg(body)))) == 20_000


def test_garbage_never_raises() -> None:
    for body, hdrs in [(b"\x1f\x8b\x08garbage", ()), (b"x", (("Content-Encoding", "br"),)),
                       (b"{bad json", (("Content-Type", "application/json"),)),
                       (b"--b\r\nno headers", (("Content-Type", "multipart/form-data; boundary=b"),)),
                       (b"a", (("Content-Encoding", "compress"),)), (b"c=1", (("Cookie", "\x00;;=;"),))]:
        list(Unwrapper().leaves(_msg(body, hdrs)))


def test_focused_walk_keeps_known_numbers_shapes_and_telling_keys_only() -> None:
    from analyzer.traffic.focus import Focus

    body = json.dumps({"hdr": {"uid": 20231234, "imei": "x", "note": "page_view"},
                       "ev": [{"ts": 1700000000000, "tel": "13812345678", "n": 8},
                              {"ts": 1700000000001, "card": 6222021234567890123}],
                       "tags": ["a", "b"]}).encode()
    m = _msg(body, (("Content-Type", "application/json"),))
    telling = {"imei", "tags"}.__contains__
    plain = {lf.location for lf in Unwrapper(Focus(telling)).leaves(m)}
    assert plain == {"json:$.hdr.imei", "json:$.ev[0].tel", "json:$.ev[1].card", "json:$.tags[0]",
                     "json:$.tags[1]"}
    known = {lf.location for lf in Unwrapper(Focus(telling, exact=frozenset({"20231234"}))).leaves(m)}
    assert known == plain | {"json:$.hdr.uid"}


def test_json_lines_are_walked_per_record() -> None:
    body = b'{"event": "open", "n": 1}\n\n{"user": {"email": "li.lei@example.com"}}\nnot json\n'
    leaves = _leaves(_msg(body, (("Content-Type", "application/x-ndjson"),)))
    assert leaves["jsonl[1]:$.user.email"] == ("li.lei@example.com", "jsonl")
    assert leaves["jsonl[2]"] == ("not json", "jsonl")
    assert "body" not in leaves


def test_a_sentry_envelope_cuts_items_by_their_length() -> None:
    attachment = b'{"user": {"email": "han.mei@example.org"}}\n\x00\x01binary'
    event = b'{"user": {"email": "li.lei@example.com"}, "a": 1}'
    body = (b'{"event_id": "9ec79c33ec9942ab8353589fcb2e04dc", "dsn": "https://k@o1.ingest.sentry.io/1"}\n'
            b'{"type": "attachment", "length": %d, "filename": "a.bin"}\n' % len(attachment) + attachment +
            b'\n{"type": "event", "length": %d}\n' % len(event) + event +
            b'\n{"type": "session"}\n{"did": "13812345678"}\n')
    leaves = _leaves(_msg(body, (("Content-Type", "application/x-sentry-envelope"),)))
    assert leaves["jsonl[4]:$.user.email"] == ("li.lei@example.com", "jsonl")
    assert leaves["jsonl[6]:$.did"] == ("13812345678", "jsonl")
    assert "jsonl[2]:$.user.email" not in leaves and not any(k.startswith("jsonl[2]") for k in leaves)
    # a text attachment is searched as it is, never parsed
    text = b'{"user": {"email": "han.mei@example.org"}}'
    body = b'{}\n{"type": "attachment", "length": %d}\n' % len(text) + text + b"\n"
    leaves = _leaves(_msg(body))
    assert leaves["jsonl[2]"] == (text.decode(), "jsonl")


def test_one_json_document_is_not_json_lines() -> None:
    leaves = _leaves(_msg(b'{"a": {"imei": "490154203237518"}}\n', (("Content-Type", "application/json"),)))
    assert leaves["json:$.a.imei"] == ("490154203237518", "json")
    assert list(_leaves(_msg(b'{"a": 1\n{"b": 2}\n'))) == ["body"]  # the first line is no JSON


_pb_field = pb_field


def test_protobuf_without_a_schema() -> None:
    device = _pb_field(1, b"490154203237518") + _pb_field(2, 13812345678)
    user = _pb_field(4, _pb_field(2, b"li.lei@example.com")) + _pb_field(4, _pb_field(2, b"x"))
    body = _pb_field(1, device + user) + _pb_field(3, b"\xff\xfe\x00") + _pb_field(5, b"\xff13812345678\x00")
    for ctype in ("application/x-protobuf", "application/vnd.google.protobuf", "application/protobuf"):
        leaves = _leaves(_msg(body, (("Content-Type", ctype),)))
        assert leaves["pb:1.1"] == ("490154203237518", "protobuf")
        assert leaves["pb:1.2"] == ("13812345678", "protobuf")
        assert leaves["pb:1.4[0].2"] == ("li.lei@example.com", "protobuf")
        assert not any(k.startswith("pb:3") for k in leaves)  # bytes that are neither message nor text
        assert leaves["pb:5"] == ("13812345678", "protobuf")  # … but for their printable runs
    assert "pb:1.1" not in _leaves(_msg(body, (("Content-Type", "application/octet-stream"),)))
    assert [lf.key for lf in Unwrapper().leaves(_msg(body, (("Content-Type", "application/x-protobuf"),)))
            if lf.location == "pb:1.4[0].2"] == ["pb:1.4.2"]


def _entry(key: bytes, value: bytes | int) -> bytes:
    return _pb_field(1, key) + _pb_field(2, value)


_PB = (("Content-Type", "application/x-protobuf"),)


def test_protobuf_map_entries_are_keyed_by_their_key_text() -> None:
    log = _pb_field(1, 1700000000) + _pb_field(2, _entry(b"imei", b"490154203237518")) \
        + _pb_field(2, _entry(b"lat", b"31.230416")) + _pb_field(2, _entry(b"count", 3))
    body = _pb_field(1, log) + _pb_field(1, log) + _pb_field(4, b"203.0.113.45")
    got = {lf.location: (lf.key, lf.text) for lf in Unwrapper().leaves(_msg(body, _PB))}
    assert got["pb:1[0].2{imei}"] == ("imei", "490154203237518")
    assert got["pb:1[1].2{lat}"] == ("lat", "31.230416")
    assert got["pb:1[0].2{count}"] == ("count", "3")
    assert got["pb:4"] == ("pb:4", "203.0.113.45")  # a plain field keeps its field-path key
    assert got["pb:1[0].2[0].1"] == ("pb:1.2.1", "imei")  # the key text, as before (a known value in it)
    assert not any(loc.endswith(".2") and loc.startswith("pb:1[0].2") for loc in got)  # no value twice


def test_a_submessage_of_fields_1_and_2_that_is_no_map_entry_stays_as_it_was() -> None:
    for key in (b"\xff\xfe\x01\x02", b"13812345678", b"li.lei@example.com", b"b7e4a1c2-9d3f-4e6a-8b5c",
                b"has space"):
        body = _pb_field(3, _entry(key, b"490154203237518"))
        got = {lf.location: lf.key for lf in Unwrapper().leaves(_msg(body, _PB))}
        assert got["pb:3.2"] == "pb:3.2", key
        assert not any("{" in loc for loc in got), key
    three = _pb_field(3, _entry(b"imei", b"490154203237518") + _pb_field(3, b"x"))  # three fields: no entry
    assert "pb:3.2" in _leaves(_msg(three, _PB))
    nested = _pb_field(3, _pb_field(1, b"user") + _pb_field(2, _entry(b"imei", b"490154203237518")))
    got = {lf.location: lf.key for lf in Unwrapper().leaves(_msg(nested, _PB))}
    assert got == {"pb:3.1": "pb:3.1", "pb:3.2.1": "pb:3.2.1", "pb:3.2{imei}": "imei"}  # map<string, Msg>


def test_nested_map_entries() -> None:
    inner = _pb_field(5, _entry(b"phone", b"13812345678")) + _pb_field(5, _entry(b"oaid", b"x" * 8))
    body = _pb_field(1, _pb_field(2, _pb_field(7, inner) + _pb_field(9, _entry(b"imei", b"490154203237518"))))
    got = {lf.location: (lf.key, lf.text) for lf in Unwrapper().leaves(_msg(body, _PB))}
    assert got["pb:1.2.7.5{phone}"] == ("phone", "13812345678")
    assert got["pb:1.2.7.5{oaid}"] == ("oaid", "x" * 8)
    assert got["pb:1.2.9{imei}"] == ("imei", "490154203237518")


def test_lz4_declared_by_the_apis_own_headers() -> None:
    import lz4.block

    raw = _pb_field(1, _pb_field(2, _entry(b"imei", b"490154203237518")))
    packed = lz4.block.compress(raw, store_size=False)
    heads = (*_PB, ("x-log-compresstype", "lz4"), ("x-log-bodyrawsize", str(len(raw))))
    assert _leaves(_msg(packed, heads))["pb:1.2{imei}"] == ("490154203237518", "lz4>protobuf")
    deflated = (*_PB, ("x-log-compresstype", "deflate"), ("x-log-bodyrawsize", str(len(raw))))
    assert _leaves(_msg(zlib.compress(raw), deflated))["pb:1.2{imei}"][1] == "deflate>protobuf"
    for size in ("", "x", str(len(raw) - 3), str(MAX_DECODED + 1)):  # no size, a wrong one, past the bound
        heads = (*_PB, ("x-log-compresstype", "lz4"), ("x-log-bodyrawsize", size))
        assert "pb:1.2{imei}" not in _leaves(_msg(packed, heads))


def test_lz4_is_bounded() -> None:
    from analyzer.traffic.codings import undo_declared

    with pytest.raises(BoundExceeded):
        undo_declared(b"\x00" * 16, "lz4", str(MAX_DECODED + 1))
    with pytest.raises(ValueError):
        undo_declared(b"\xff" * 16, "lz4", "1000")


def test_grpc_frames() -> None:
    msg = _pb_field(1, b"li.lei@example.com")
    frame = b"\x00" + len(msg).to_bytes(4, "big") + msg
    leaves = _leaves(_msg(frame, (("Content-Type", "application/grpc"),)))
    assert leaves["pb:1"] == ("li.lei@example.com", "grpc")
    packed = gzip.compress(msg)
    two = frame + b"\x01" + len(packed).to_bytes(4, "big") + packed
    leaves = _leaves(_msg(two, (("Content-Type", "application/grpc+proto"), ("grpc-encoding", "gzip"))))
    assert leaves["grpc[1]/pb:1"] == ("li.lei@example.com", "grpc")
    assert leaves["grpc[0]/pb:1"] == ("li.lei@example.com", "grpc")


def test_protobuf_that_is_not_one_is_text() -> None:
    leaves = _leaves(_msg(b"imei=490154203237518&x=1", (("Content-Type", "application/x-protobuf"),)))
    assert leaves["form:imei"][0] == "490154203237518"


def test_nested_length_prefixes_are_bounded() -> None:
    body = b"x"
    for _ in range(5000):
        body = _pb_field(1, body)
        if len(body) > 200_000:
            break
    t0 = time.perf_counter()
    list(Unwrapper().leaves(_msg(body, (("Content-Type", "application/x-protobuf"),))))
    assert time.perf_counter() - t0 < 2.0
