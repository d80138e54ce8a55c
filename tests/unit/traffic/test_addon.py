"""The mitmproxy addon, driven by mitmproxy's own test harness; and the offline readers."""

from __future__ import annotations

import dataclasses
import gzip
import json
import logging
import os
import threading
import time
from pathlib import Path

import pytest
from mitmproxy import exceptions, http, io, tls, websocket
from mitmproxy.test import taddons, tflow

from addons.piflow_addon import Piflow
from analyzer.errors import InputError
from analyzer.kb.catalogue import load_kb
from analyzer.traffic.attribution import Attributor
from analyzer.traffic.detect import Detector, observations_for
from analyzer.traffic.mitm import read_messages
from analyzer.traffic.model import MARKABLE_PHASES, NotInspected, Observation
from analyzer.traffic.observations import OBSERVATIONS, read_records
from analyzer.traffic.phase import mark
from analyzer.traffic.profile import load_profile
from tests.conftest import REPO

PROFILE = REPO / "samples" / "device-profile.yaml"
IMEI = "869876041234561"


def _flow(url: str = f"https://alog.umeng.com/app_logs?imei={IMEI}", body: bytes = b"",
          headers: dict[str, str] | None = None) -> http.HTTPFlow:
    req = http.Request.make("POST", url, body, headers or {})
    return tflow.tflow(req=req, resp=True)


def _observations(out: Path) -> list[Observation]:
    return [r for r in read_records(out / OBSERVATIONS) if isinstance(r, Observation)]


@pytest.fixture
def addon_ctx(tmp_path: Path):  # type: ignore[no-untyped-def]
    a = Piflow()
    with taddons.context(a) as tctx:
        tctx.configure(a, piflow_profile=str(PROFILE), piflow_out=str(tmp_path / "cap"),
                       piflow_app="com.example.shop")
        yield a, tctx, tmp_path / "cap"
        a.done()


def test_request_observed_flow_unchanged(addon_ctx) -> None:  # type: ignore[no-untyped-def]
    a, _tctx, out = addon_ctx
    body = gzip.compress(json.dumps({"mac": "3C:A9:F4:5E:21:07"}).encode())
    f = _flow(body=body, headers={"content-encoding": "gzip", "content-type": "application/json"})
    before = f.get_state()
    a.request(f)
    a.response(f)
    assert f.get_state() == before
    assert a.settle(30)
    obs = _observations(out)
    assert {(o.pi, o.location) for o in obs} >= {("device.imei", "query:imei"), ("device.mac", "json:$.mac")}
    o = next(o for o in obs if o.pi == "device.imei")
    assert o.phase == "pre-consent" and o.attribution.sdk == "umeng-analytics" and IMEI not in o.excerpt
    assert oct(os.stat(out / OBSERVATIONS).st_mode & 0o777) == "0o600"
    assert (out / "phase.json").exists()


def test_bad_options_raise_options_error(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("imei: 123\n", encoding="utf-8")
    a = Piflow()
    with taddons.context(a) as tctx:
        with pytest.raises(exceptions.OptionsError, match="too short"):
            tctx.configure(a, piflow_profile=str(bad))
        with pytest.raises(exceptions.OptionsError, match="unknown phase"):
            tctx.configure(a, piflow_phase="after-lunch")
        with pytest.raises(exceptions.OptionsError, match="max_body"):
            tctx.configure(a, piflow_max_body=10)


def test_phase_by_command_and_by_mark(addon_ctx) -> None:  # type: ignore[no-untyped-def]
    a, tctx, out = addon_ctx
    a.request(_flow())
    tctx.command(a.phase, "consent-refused")
    a.request(_flow())
    mark(out, "background")            # what `piflow mark` does, from another process
    a.request(_flow())
    assert a.settle(30)
    phases = [o.phase for o in _observations(out) if o.pi == "device.imei"]
    assert phases == ["pre-consent", "consent-refused", "background"]
    with pytest.raises(exceptions.CommandError):
        tctx.command(a.phase, "lunch")
    marks = [r["phase"] for r in read_records(out / "phases.jsonl") if isinstance(r, dict)]
    assert marks == ["pre-consent", "consent-refused", "background"]


def test_detection_errors_are_caught(addon_ctx, caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    a, _tctx, _out = addon_ctx

    def boom(*args: object) -> None:
        raise RuntimeError("detector bug")

    assert a.detector is not None
    monkeypatch.setattr(a.detector, "detect", boom)
    f = _flow()
    before = f.get_state()
    with caplog.at_level(logging.ERROR, logger="piflow.addon"):
        a.request(f)
        assert a.settle(30)
    assert f.get_state() == before
    assert "detection failed" in caplog.text


def test_body_bound(tmp_path: Path) -> None:
    a = Piflow()
    with taddons.context(a) as tctx:
        tctx.configure(a, piflow_profile=str(PROFILE), piflow_max_body=2048)
        a.request(_flow(url="https://h.example.com/x", body=b"x" * 4096 + f"imei={IMEI}".encode()))
        assert a.settle(30) and a.seen == []
        a.request(_flow(url="https://h.example.com/x", body=f"imei={IMEI}&".encode() + b"x" * 4096))
        assert a.settle(30)
        assert [o.pi for o in a.seen] == ["device.imei"]


def test_hooks_only_snapshot_examination_runs_off_the_event_loop(addon_ctx,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    a, _tctx, out = addon_ctx
    assert a.detector is not None
    real, gate = a.detector.detect, threading.Event()

    def slow(m, phase):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return real(m, phase)

    monkeypatch.setattr(a.detector, "detect", slow)
    bomb = gzip.compress(b"0" * (64 * 1024 * 1024))
    flows = [_flow(url=f"https://alog.umeng.com/x{i}?imei={IMEI}", body=bomb,
                   headers={"content-encoding": "gzip", "content-type": "application/json"})
             for i in range(3)]
    t0 = time.perf_counter()
    for f in flows:
        before = f.get_state()
        a.request(f)
        assert f.get_state() == before
    assert time.perf_counter() - t0 < 1.0          # the hooks did not wait for the examination
    assert a.seen == [] and a.examiner.backlog()[0] == 3
    a.phase("consent-given")                         # the phase at the time each message was seen counts
    gate.set()
    assert a.settle(30)
    assert [(o.endpoint.rsplit("/", 1)[1], o.phase) for o in _observations(out) if o.pi == "device.imei"] == \
        [("x0", "pre-consent"), ("x1", "pre-consent"), ("x2", "pre-consent")]


def test_full_backlog_examines_url_and_headers_and_records_the_body(addon_ctx,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.traffic.examiner import Examiner

    a, _tctx, out = addon_ctx
    a.examiner = Examiner(max_bytes=10_000)
    gate = threading.Event()
    a.examiner.submit(gate.wait, 9_000)             # the examiner is busy and its backlog nearly full
    body = json.dumps({"mac": "3C:A9:F4:5E:21:07", "pad": "x" * 4000}).encode()
    a.request(_flow(url=f"https://alog.umeng.com/full?imei={IMEI}", body=body,
                    headers={"content-type": "application/json"}))
    gate.set()
    assert a.settle(30)
    assert {(o.pi, o.location) for o in _observations(out)} == {("device.imei", "query:imei")}
    [rec] = [r for r in read_records(out / OBSERVATIONS) if isinstance(r, NotInspected)]
    assert rec.host == "alog.umeng.com" and rec.reason.startswith("body of a request not examined")
    assert rec.attribution.sdk == "umeng-analytics" and rec.phase == "pre-consent"


def test_websocket_message(addon_ctx) -> None:  # type: ignore[no-untyped-def]
    a, _tctx, _out = addon_ctx
    f = tflow.twebsocketflow()
    assert f.websocket is not None
    f.websocket.messages.append(websocket.WebSocketMessage(1, True, json.dumps({"imei": IMEI}).encode()))
    a.websocket_message(f)
    assert a.settle(30)
    [o] = [o for o in a.seen if o.direction == "websocket"]
    assert o.pi == "device.imei" and o.location == "json:$.imei"


def test_tls_failure_is_recorded_not_ignored(addon_ctx) -> None:  # type: ignore[no-untyped-def]
    a, _tctx, out = addon_ctx
    client = tflow.tclient_conn()
    client.sni = "pinned.bugly.qq.com"
    client.error = "Client TLS handshake failed. The client does not trust the proxy's certificate"
    a.tls_failed_client(tls.TlsData(client, context=None))  # type: ignore[arg-type]
    recs = [r for r in read_records(out / OBSERVATIONS) if isinstance(r, NotInspected)]
    assert [r.host for r in recs] == ["pinned.bugly.qq.com"]
    assert recs[0].reason.startswith("not inspected") and recs[0].phase == "pre-consent"


def test_offline_mitm_matches_live(addon_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, _tctx, _out = addon_ctx
    flows = [_flow(), _flow(url="https://x.example.com/p", body=b'{"lat": 39.908823, "lng": 116.39747}',
                            headers={"content-type": "application/json"})]
    for f in flows:
        a.request(f)
        a.response(f)
    assert a.settle(30)
    path = tmp_path / "flows.mitm"
    with path.open("wb") as fh:
        w = io.FlowWriter(fh)
        for f in flows:
            w.add(f)
    d = Detector(load_profile(PROFILE), Attributor(a.detector.attribute.kb, "com.example.shop"))
    offline = observations_for(d, read_messages(path), lambda ts: "pre-consent")
    assert [o.to_dict() for o in offline] == [o.to_dict() for o in a.seen]


def test_offline_har(tmp_path: Path) -> None:
    har = {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [{
        "startedDateTime": "2026-01-01T00:00:00.000Z", "time": 10,
        "request": {"method": "POST", "url": f"https://api.jpush.cn/v3/reg?imei={IMEI}",
                    "httpVersion": "HTTP/2.0",
                    "headers": [{"name": "content-type", "value": "application/json"}], "queryString": [],
                    "cookies": [], "headersSize": -1, "bodySize": 0,
                    "postData": {"mimeType": "application/json", "text": "{\"shouji\": \"13912345678\"}"}},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/2.0", "headers": [],
                     "cookies": [],
                     "content": {"size": 2, "mimeType": "text/plain", "text": "ok"}, "redirectURL": "",
                     "headersSize": -1, "bodySize": 2},
        "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}]}}
    path = tmp_path / "c.har"
    path.write_text(json.dumps(har), encoding="utf-8")
    d = Detector(None, Attributor(None))
    pis = {o.pi for o in observations_for(d, read_messages(path))}
    assert pis == {"device.imei", "contact.phone_number"}


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"log": {"entries": [{"request": 1}]}}'])
def test_bad_capture_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.har"
    path.write_bytes(content)
    with pytest.raises(InputError):
        list(read_messages(path))


def test_truncated_mitm(tmp_path: Path) -> None:
    path = tmp_path / "t.mitm"
    with path.open("wb") as fh:
        io.FlowWriter(fh).add(_flow())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="not a readable"):
        list(read_messages(path))


def test_geoip_request_waits_for_the_server_address(tmp_path: Path) -> None:
    from tests.geoip_db import build_mmdb

    db = build_mmdb(tmp_path / "geo.mmdb", {"203.0.113.0/24": {"country": {"iso_code": "CN"}}})
    a = Piflow()
    with taddons.context(a) as tctx:
        tctx.configure(a, piflow_profile=str(PROFILE), piflow_geoip=str(db))
        f = _flow()
        f.server_conn.peername = None                   # not connected yet when the request hook runs
        a.request(f)
        assert a.settle(30) and a.seen == []
        a.phase("consent-refused")      # switched before the answer: the request keeps its phase
        f.server_conn.peername = ("203.0.113.7", 443)
        a.response(f)
        assert a.settle(30)
        [o] = [o for o in a.seen if o.pi == "device.imei"]
        assert (o.attribution.country, o.phase, o.direction) == ("CN", "pre-consent", "request")
        g = _flow()
        g.server_conn.peername = None
        a.request(g)
        a.error(g)                                      # no answer at all: still analysed
        assert a.settle(30)
        assert sum(o.pi == "device.imei" for o in a.seen) == 2
        a.done()


def test_all_seven_phases_by_command_and_by_mark(addon_ctx) -> None:  # type: ignore[no-untyped-def]
    a, tctx, out = addon_ctx
    for p in MARKABLE_PHASES:              # the mitmproxy command, as typed in mitmproxy or mitmweb
        tctx.command(a.phase, p)
        a.request(_flow())
    for p in reversed(MARKABLE_PHASES):    # `piflow mark`, from another process, seen by the addon
        mark(out, p)
        a.request(_flow())
    assert a.settle(30)
    phases = [o.phase for o in _observations(out) if o.pi == "device.imei"]
    assert len(MARKABLE_PHASES) == 7
    assert phases == [*MARKABLE_PHASES, *reversed(MARKABLE_PHASES)]


def test_offline_har_export_matches_live(addon_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mitmproxy.addons.savehar import SaveHar

    a, _tctx, _out = addon_ctx
    flows = [_flow(),
             _flow(url="https://api.jpush.cn/v3/reg", headers={"content-type": "application/json",
                                                               "cookie": "tel=%2B8613912345678"},
                   body=gzip.compress(json.dumps({"dev": {"mac": "3CA9F45E2107"}}).encode())),
             _flow(url="https://x.example.com/p", body=b"lat=39.908823&lng=116.39747",
                   headers={"content-type": "application/x-www-form-urlencoded"})]
    flows[1].request.headers["content-encoding"] = "gzip"
    for f in flows:
        a.request(f)
        a.response(f)
    assert a.settle(30)
    path = tmp_path / "export.har"
    path.write_text(json.dumps(SaveHar().make_har(flows)), encoding="utf-8")   # mitmproxy's own HAR export
    d = Detector(load_profile(PROFILE), Attributor(a.detector.attribute.kb, "com.example.shop"))
    offline = observations_for(d, read_messages(path), lambda ts: "pre-consent")

    def fact(o: Observation) -> tuple[str, ...]:
        return (o.pi, o.location, o.encoding, o.excerpt, o.direction, o.host, o.phase, o.attribution.sdk)

    assert {fact(o) for o in offline} == {fact(o) for o in a.seen}
    assert {o.pi for o in a.seen} == {"device.imei", "device.mac", "contact.phone_number", "location.precise"}


@pytest.mark.parametrize("ts", [float("nan"), -1.0, 1e300, float("inf")])
def test_saved_times_that_are_no_time_read_as_zero_and_print(tmp_path: Path, ts: float) -> None:
    import io as _io

    from analyzer.traffic.report import render_table

    f = _flow()
    f.request.timestamp_start = ts
    path = tmp_path / "t.mitm"
    with path.open("wb") as fh:
        io.FlowWriter(fh).add(f)
    [req, _resp] = list(read_messages(path))
    assert req.timestamp == 0.0
    d = Detector(load_profile(PROFILE), Attributor(load_kb(), "com.example.shop"))
    obs = observations_for(d, [req], lambda _t: "pre-consent")
    hostile = [dataclasses.replace(obs[0], timestamp=1e300)]   # a record written by something else
    buf = _io.StringIO()
    render_table(obs + hostile, [], buf)
    assert "1970-01-01 00:00:00" in buf.getvalue() and " - " in buf.getvalue()
