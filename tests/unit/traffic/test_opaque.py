"""Opaque request bodies: what piflow cannot read is a not-inspected record, never silence.

Each case compares with a readable twin where one makes sense; bodies are seeded pseudo-random
bytes (the same on every run).
"""

from __future__ import annotations

import base64
import gzip
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from mitmproxy import http, io
from mitmproxy.test import taddons, tflow

from addons.piflow_addon import Piflow
from analyzer.cli import main
from analyzer.kb.catalogue import load_kb
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector
from analyzer.traffic.model import Message, NotInspected
from analyzer.traffic.observations import OBSERVATIONS, read_records
from analyzer.traffic.opaque import entropy, known_format

KB = load_kb()
NOISE = random.Random(7).randbytes(2300)
GENERIC = "request body opaque (encrypted or an unknown binary encoding, "


def _msg(body: bytes, ctype: str = "application/octet-stream", host: str = "api.example.com",
         coding: str = "", direction: str = "request", ts: float = 1_700_000_000.0) -> Message:
    headers = [("content-type", ctype)] if ctype else []
    if coding:
        headers.append(("content-encoding", coding))
    return Message("f1", direction, "POST", "https", host, 443, "/v1/upload", headers=tuple(headers),
                   body=body, timestamp=ts, tls=True)


def _records(*msgs: Message, phase: str = "consent-given") -> list[NotInspected]:
    det = Detector(None, Attributor(KB))
    for m in msgs:
        det.detect(m, phase)
    return det.opaque.records()


def test_random_bytes_are_an_opaque_record() -> None:
    [rec] = _records(_msg(NOISE))
    assert rec.host == "api.example.com" and rec.phase == "consent-given"
    assert rec.timestamp == 1_700_000_000.0 and rec.attribution.domain == "example.com"
    assert rec.reason == GENERIC + "2.2 KB): PI cannot be ruled out"


def test_a_readable_twin_is_no_record() -> None:
    doc = json.dumps({"events": [{"name": f"e{i}", "t": 1_700_000_000 + i} for i in range(60)]}).encode()
    assert _records(_msg(gzip.compress(doc), "application/json", coding="gzip")) == []
    assert _records(_msg(gzip.compress(doc), "")) == []  # gzip by its magic bytes
    assert _records(_msg(base64.b64encode(doc), "text/plain")) == []  # base64 of JSON decodes
    assert _records(_msg(doc * 3, "application/json")) == []
    text = " ".join(random.Random(3).choice(["alpha", "beta", "gamma", "delta"]) for _ in range(800))
    assert _records(_msg(text.encode(), "text/plain")) == []


def test_a_compressed_layer_of_noise_is_still_opaque() -> None:
    [rec] = _records(_msg(gzip.compress(NOISE), "application/octet-stream", coding="gzip"))
    assert rec.reason.startswith(GENERIC)


@pytest.mark.parametrize("body,ctype", [
    (b"\x89PNG\r\n\x1a\n" + NOISE, "image/png"),
    (b"\x89PNG\r\n\x1a\n" + NOISE, "application/octet-stream"),       # known by its magic bytes
    (NOISE, "image/jpeg"),                                              # known by its content type
    (b"\xff\xd8\xff\xe0" + NOISE, ""),
    (b"PK\x03\x04" + NOISE, "application/octet-stream"),               # a zip, an APK
    (b"\x00\x00\x00\x18ftypmp42" + NOISE, "application/octet-stream"),  # MP4
])
def test_media_and_archives_are_not_opaque(body: bytes, ctype: str) -> None:
    assert _records(_msg(body, ctype)) == []


def test_a_png_in_a_multipart_upload_is_not_opaque() -> None:
    body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
            b"Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n" + NOISE + b"\r\n--b--\r\n")
    assert _records(_msg(body, "multipart/form-data; boundary=b")) == []


def test_base64_of_noise_in_the_only_form_field_is_opaque() -> None:
    blob = base64.b64encode(NOISE[:600])
    [rec] = _records(_msg(b"data=" + blob.replace(b"+", b"%2B").replace(b"/", b"%2F"),
                          "application/x-www-form-urlencoded"))
    assert rec.reason == GENERIC + "600 B): PI cannot be ruled out"
    # the twin: the same field holding base64 of a JSON document (read, not opaque)
    doc = json.dumps({"k": [f"value {i}" for i in range(60)]}).encode()
    assert _records(_msg(b"data=" + base64.b64encode(doc), "application/x-www-form-urlencoded")) == []


def test_a_blob_that_is_a_small_part_of_the_body_is_not_the_body() -> None:
    blob = base64.b64encode(NOISE[:300]).decode()
    doc = json.dumps({"sig": blob, "events": [{"name": f"event number {i}"} for i in range(80)]})
    assert _records(_msg(doc.encode(), "application/json")) == []
    [rec] = _records(_msg(json.dumps({"payload": blob, "v": 3}).encode(), "application/json"))
    assert rec.reason.startswith(GENERIC)
    escaped = json.dumps({"v": 3, "t": 1_700_000_000, "payload": blob}).replace("/", "\\/")
    assert "\\/" in escaped and len(_records(_msg(escaped.encode(), "application/json"))) == 1


def test_hex_of_noise_is_opaque() -> None:
    [rec] = _records(_msg(NOISE[:400].hex().encode(), "text/plain"))
    assert rec.reason == GENERIC + "400 B): PI cannot be ruled out"


def test_a_body_with_pi_found_is_not_opaque() -> None:
    body = NOISE[:1200] + b' {"email": "li.lei@example.com"} ' + NOISE[1200:]
    det = Detector(None, Attributor(KB))
    assert {o.pi for o in det.detect(_msg(body), "x")} == {"contact.email"}
    assert det.opaque.records() == []


def test_small_bodies_and_responses_are_not_judged() -> None:
    assert _records(_msg(NOISE[:200])) == []
    assert _records(_msg(NOISE, direction="response")) == []


def test_an_encrypted_schema_names_the_sdk() -> None:
    [rec] = _records(_msg(NOISE, host="android.bugly.qq.com"))
    assert rec.attribution.sdk == "tencent-bugly"
    assert rec.reason == (f"request body opaque (encrypted by {KB.sdks['tencent-bugly'].name}'s own key "
                          "(policies/wire), 2.2 KB): PI cannot be ruled out")


def test_one_record_per_host_and_phase_with_a_count() -> None:
    det = Detector(None, Attributor(KB))
    for ts, phase, host in [(1.0, "pre-consent", "a.example.com"), (2.0, "pre-consent", "a.example.com"),
                            (3.0, "pre-consent", "a.example.com"), (4.0, "consent-given", "a.example.com"),
                            (5.0, "pre-consent", "b.example.com")]:
        det.detect(_msg(NOISE, host=host, ts=ts), phase)
    recs = {(r.host, r.phase): r for r in det.opaque.records()}
    assert set(recs) == {("a.example.com", "pre-consent"), ("a.example.com", "consent-given"),
                         ("b.example.com", "pre-consent")}
    first = recs[("a.example.com", "pre-consent")]
    assert first.timestamp == 1.0 and first.reason == GENERIC + "2.2 KB; 3 requests): PI cannot be ruled out"
    assert "requests" not in recs[("b.example.com", "pre-consent")].reason
    assert len(det.opaque.new()) == 3 and det.opaque.new() == []


def test_entropy_and_formats() -> None:
    assert entropy(NOISE) > 7.8 and entropy(base64.b64encode(NOISE)) < 6.5 and entropy(b"") == 0.0
    assert known_format(b"%PDF-1.7") and known_format(b"", "font/woff2") and not known_format(NOISE[:16])


def _flow(body: bytes, host: str = "api.example.com") -> http.HTTPFlow:
    req = http.Request.make("POST", f"https://{host}/v1/upload", body,
                            {"content-type": "application/octet-stream"})
    return tflow.tflow(req=req, resp=True)


def test_live_addon_writes_one_record_per_host_and_phase(tmp_path: Path) -> None:
    a = Piflow()
    out = tmp_path / "cap"
    with taddons.context(a) as tctx:
        tctx.configure(a, piflow_out=str(out))
        for _ in range(3):
            a.request(_flow(NOISE))
        a.request(_flow(NOISE, "android.bugly.qq.com"))
        a.request(_flow(json.dumps({"a": 1}).encode()))
        assert a.settle(30)
        a.phase("consent-given")
        a.request(_flow(NOISE))
        assert a.settle(30)
        a.done()
    recs = [r for r in read_records(out / OBSERVATIONS) if isinstance(r, NotInspected)]
    assert sorted((r.host, r.phase) for r in recs) == [
        ("android.bugly.qq.com", "pre-consent"), ("api.example.com", "consent-given"),
        ("api.example.com", "pre-consent")]
    bugly = next(r for r in recs if r.host == "android.bugly.qq.com")
    assert bugly.attribution.sdk == "tencent-bugly" and "encrypted by Tencent Bugly" in bugly.reason
    assert all(r.reason.endswith("PI cannot be ruled out") for r in recs)


def test_offline_table_and_json_show_the_record(tmp_path: Path) -> None:
    cap = tmp_path / "flows.mitm"
    with cap.open("wb") as fh:
        w = io.FlowWriter(fh)
        for body in (NOISE, NOISE, b"\x89PNG\r\n\x1a\n" + NOISE):
            w.add(_flow(body))
    r = CliRunner().invoke(main, ["traffic", str(cap), "--format", "json"])
    assert r.exit_code == 0, r.output
    [rec] = json.loads(r.stdout)["not_inspected"]
    assert rec["host"] == "api.example.com" and rec["record"] == "not_inspected"
    assert rec["reason"] == GENERIC + "2.2 KB; 2 requests): PI cannot be ruled out"
    r = CliRunner().invoke(main, ["traffic", str(cap)])
    assert r.exit_code == 0 and "not inspected" in r.stdout and "request body opaque" in r.stdout
    assert "no PI observed" not in r.stdout
    saved = tmp_path / "obs.jsonl"
    r = CliRunner().invoke(main, ["traffic", str(cap), "--format", "jsonl", "-o", str(saved)])
    assert r.exit_code == 0
    [back] = [x for x in read_records(saved) if isinstance(x, NotInspected)]
    assert back.reason == rec["reason"]
