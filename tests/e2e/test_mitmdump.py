"""End to end: `piflow capture` runs a real mitmdump on 127.0.0.1; HTTP/1.1 and HTTP/2 clients that trust
its CA send PI in many encodings to local HTTP and HTTPS servers; the phase is switched with `piflow mark`.

Everything binds 127.0.0.1 on free ports and every wait is bounded (helpers in ``tests/e2e/proxy.py``).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import json
import ssl
import subprocess
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode

import brotli
import h2.connection
import h2.events
import pytest
import zstandard

from analyzer.traffic.model import NotInspected
from analyzer.traffic.observations import FLOWS, OBSERVATIONS, read_records
from tests.e2e.proxy import (
    BIN,
    PROFILE,
    TIMEOUT,
    Capture,
    client_ctx,
    observations,
    running_capture,
    self_signed,
    tunnel,
    wait_for,
)
from tests.geoip_db import build_mmdb

IMEI = "869876041234561"
MAC = "3c:a9:f4:5e:21:07"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _reply(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        if n:
            self.rfile.read(min(n, 1 << 20))
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply

    def log_message(self, *args: object) -> None:
        pass


def _serve(tls: ssl.SSLContext | None) -> tuple[ThreadingHTTPServer, int]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.timeout = 1
    if tls is not None:
        srv.socket = tls.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    return srv, int(srv.server_address[1])


def _h1(port: int, target: str, method: str, path: str, body: bytes, headers: dict[str, str],
        tls_host: str | None = None, ctx: ssl.SSLContext | None = None) -> int:
    """One HTTP/1.1 request through the proxy (absolute form for http, CONNECT tunnel for https)."""
    if tls_host is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.request(method, f"http://{target}{path}", body=body, headers=headers)
    else:
        assert ctx is not None
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.set_tunnel(target)
        conn.connect()                      # CONNECT through the proxy, still cleartext
        assert conn.sock is not None
        # TLS inside the tunnel with the SDK's host name as SNI, as the app would send it
        conn.sock = ctx.wrap_socket(conn.sock, server_hostname=tls_host)
        conn.request(method, path, body=body, headers={"host": tls_host, **headers})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status


def _h2(port: int, target: str, sni: str, ctx: ssl.SSLContext, path: str, body: bytes,
        headers: dict[str, str]) -> int:
    """One HTTP/2 request through a CONNECT tunnel (h2 is a mitmproxy dependency)."""
    sock = tunnel(port, target)
    tls = ctx.wrap_socket(sock, server_hostname=sni)
    assert tls.selected_alpn_protocol() == "h2"
    conn = h2.connection.H2Connection()
    conn.initiate_connection()
    sid = conn.get_next_available_stream_id()
    conn.send_headers(sid, [(":method", "POST"), (":scheme", "https"), (":authority", sni), (":path", path),
                            *headers.items(), ("content-length", str(len(body)))])
    conn.send_data(sid, body, end_stream=True)
    tls.sendall(conn.data_to_send())
    status = 0
    deadline = time.monotonic() + TIMEOUT
    done = False
    while not done and time.monotonic() < deadline:
        data = tls.recv(65536)
        if not data:
            break
        for ev in conn.receive_data(data):
            if isinstance(ev, h2.events.ResponseReceived):
                status = int(dict(ev.headers)[b":status"])
            elif isinstance(ev, h2.events.DataReceived):
                conn.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
            elif isinstance(ev, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
        tls.sendall(conn.data_to_send())
    tls.close()
    return status


@pytest.mark.slow
def test_capture_end_to_end(capture: Capture, tmp_path: Path) -> None:
    out, port, conf, _stop = capture
    cert, key = self_signed(tmp_path)
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(cert, key)
    plain, plain_port = _serve(None)
    secure, secure_port = _serve(sctx)
    try:
        ctx = client_ctx(conf, ["http/1.1"])
        # --- phase 1 (pre-consent): HTTP/1.1, cleartext and TLS -------------------------------
        q = urlencode({"imei": IMEI, "t": "1700000000123"})
        aid = hashlib.sha256(b"9f3c2a7b1e5d4c60").hexdigest().upper()
        assert _h1(port, f"127.0.0.1:{plain_port}", "GET", f"/log?{q}", b"",
                   {"host": "alog.umeng.com", "x-aid": aid}) == 200
        blob = base64.urlsafe_b64encode(b"\xfb\xff" + b"k=" + IMEI.encode() + b"&z=1").decode()
        form2 = urlencode({"e": b"li.wei.test@example.com".hex(), "blob": blob}).encode()
        assert _h1(port, f"127.0.0.1:{secure_port}", "POST", "/collect", zlib.compress(form2),
                   {"content-type": "application/x-www-form-urlencoded", "content-encoding": "deflate"},
                   tls_host="log.tbs.qq.com", ctx=ctx) == 200
        body = gzip.compress(json.dumps({"dev": {"m": MAC.replace(":", "").upper()},
                                         "geo": "39.90882,116.39747"}).encode())
        assert _h1(port, f"127.0.0.1:{secure_port}", "POST", "/v3/report", body,
                   {"content-type": "application/json", "content-encoding": "gzip"},
                   tls_host="api.jpush.cn", ctx=ctx) == 200
        inner = base64.b64encode(b'{"seq":7,"imsi":"460011234567890"}').decode()
        form = urlencode({"d": inner, "sig": hashlib.md5(IMEI.encode()).hexdigest()}).encode()
        assert _h1(port, f"127.0.0.1:{secure_port}", "POST", "/upload", brotli.compress(form),
                   {"content-type": "application/x-www-form-urlencoded", "content-encoding": "br",
                    "cookie": "uid=abc; tel=%2B8613912345678"}, tls_host="t.bugly.qq.com", ctx=ctx) == 200
        wait_for(out, lambda obs: {"device.imei", "device.mac", "location.precise", "device.imsi",
                                    "contact.phone_number"} <= {o.pi for o in obs}, "phase-1 observations")
        # --- switch phase without any mitmproxy UI ------------------------------------------
        r = subprocess.run([str(BIN / "piflow"), "mark", "consent-refused", "--out", str(out)],
                           capture_output=True, timeout=60, check=False)
        assert r.returncode == 0, r.stderr
        # --- phase 2 (consent-refused): HTTP/2 -------------------------------------------------
        boundary = "pf0"
        mp = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
              f"Content-Type: application/json\r\n\r\n{json.dumps({'androidId': '9f3c2a7b1e5d4c60'})}\r\n"
              f"--{boundary}--\r\n").encode()
        h2ctx = client_ctx(conf, ["h2", "http/1.1"])
        assert _h2(port, f"127.0.0.1:{secure_port}", "sdk.e.qq.com", h2ctx, "/ad", mp,
                   {"content-type": f"multipart/form-data; boundary={boundary}"}) == 200
        zs = zstandard.ZstdCompressor().compress(json.dumps({"oaid": "5b2f7c1e-9a3d-4e8b-b6f2-0c4d8a1e7f93",
                                                             "u": quote("李卫东")}).encode())
        assert _h2(port, f"127.0.0.1:{secure_port}", "api.pangolin-sdk-toutiao.com", h2ctx,
                   f"/api/ad?mac={quote(MAC)}", zs,
                   {"content-type": "application/json", "content-encoding": "zstd"}) == 200
        obs = wait_for(out, lambda obs: {"device.android_id", "device.oaid", "identity.name"}
                        <= {o.pi for o in obs}, "phase-2 observations")
        # --- a client that does not trust the CA: recorded as not inspected ---------------------
        untrusting = ssl.create_default_context()
        with pytest.raises(ssl.SSLError):
            _h1(port, f"127.0.0.1:{secure_port}", "GET", "/", b"", {}, tls_host="pinned.example.net",
                ctx=untrusting)
    finally:
        plain.shutdown()
        secure.shutdown()

    by = {(o.pi, o.host, o.phase, o.http_version, o.tls) for o in obs if o.direction == "request"}
    assert ("device.imei", "alog.umeng.com", "pre-consent", "HTTP/1.1", False) in by
    assert ("device.mac", "api.jpush.cn", "pre-consent", "HTTP/1.1", True) in by
    assert ("device.android_id", "sdk.e.qq.com", "consent-refused", "HTTP/2.0", True) in by
    assert ("device.oaid", "api.pangolin-sdk-toutiao.com", "consent-refused", "HTTP/2.0", True) in by
    enc = {(o.pi, o.encoding) for o in obs}
    assert ("device.mac", "gzip>json") in enc
    assert ("device.imsi", "br>form>base64>json") in enc
    assert ("device.imei", "br>form>md5") in enc
    assert ("device.android_id", "multipart>json") in enc
    assert ("identity.name", "zstd>json>url") in enc
    assert ("device.android_id", "sha256") in enc                      # a header, upper-case hex
    assert ("contact.email", "deflate>form>hex") in enc
    # inside URL-safe base64 at an offset (this core has no -/_, so it reads as either alphabet)
    assert {e for p, e in enc if p == "device.imei"} & {"deflate>form>base64", "deflate>form>base64url"}
    umeng = next(o for o in obs if o.host == "alog.umeng.com")
    assert umeng.attribution.sdk == "umeng-analytics" and umeng.attribution.party == "third"
    assert all(IMEI not in o.excerpt for o in obs)

    deadline = time.monotonic() + TIMEOUT
    unseen: list[NotInspected] = []
    while time.monotonic() < deadline and not unseen:
        unseen = [r for r in read_records(out / OBSERVATIONS) if isinstance(r, NotInspected)]
        time.sleep(0.2)
    assert [u.host for u in unseen] == ["pinned.example.net"]

    for name in (OBSERVATIONS, "phase.json", "phases.jsonl"):
        assert oct((out / name).stat().st_mode & 0o777) == "0o600", name


@pytest.mark.slow
def test_offline_replay_of_the_flow_file(capture: Capture) -> None:
    out, port, _conf, stop = capture
    plain, plain_port = _serve(None)
    try:
        body = json.dumps({"shouji": "13912345678"}).encode()
        assert _h1(port, f"127.0.0.1:{plain_port}", "POST", "/reg", body,
                   {"host": "api.jpush.cn", "content-type": "application/json"}) == 200
        wait_for(out, lambda obs: any(o.pi == "contact.phone_number" for o in obs), "live observation")
    finally:
        plain.shutdown()
    r = subprocess.run([str(BIN / "piflow"), "mark", "background", "--out", str(out)], capture_output=True,
                       timeout=60, check=False)
    assert r.returncode == 0
    assert stop() == 0        # mitmdump writes flows.mitm out when it stops
    live = {(o.pi, o.location, o.phase) for o in observations(out)}
    flows = out / FLOWS
    assert oct(flows.stat().st_mode & 0o777) == "0o600"
    r = subprocess.run([str(BIN / "piflow"), "traffic", str(flows), "--profile", str(PROFILE),
                        "--format", "json"], capture_output=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    offline = {(o["pi"], o["location"], o["phase"]) for o in json.loads(r.stdout)["observations"]}
    assert offline == live == {("contact.phone_number", "json:$.shouji", "pre-consent")}


@pytest.mark.slow
def test_geoip_country_live_and_offline(tmp_path: Path) -> None:
    # the test servers are on 127.0.0.1, so the database places loopback in a country
    db = build_mmdb(tmp_path / "geo.mmdb", {"127.0.0.0/8": {"country": {"iso_code": "CN"}}})
    with running_capture(tmp_path, "--geoip", str(db)) as (out, port, _conf, stop):
        plain, plain_port = _serve(None)
        try:
            assert _h1(port, f"127.0.0.1:{plain_port}", "GET", f"/log?imei={IMEI}", b"",
                       {"host": "alog.umeng.com"}) == 200
            live = wait_for(out, lambda obs: any(o.pi == "device.imei" for o in obs), "live observation")
        finally:
            plain.shutdown()
        assert stop() == 0
    assert {o.attribution.country for o in live} == {"CN"}
    printed = (tmp_path / "capture.log").read_bytes().decode("utf-8", "replace")
    # piflow capture told the tester how to point a phone at it
    assert f"adb reverse tcp:{port} tcp:{port}" in printed and "mitmproxy-ca-cert" in printed
    assert f"piflow mark PHASE --out {out}" in printed
    r = subprocess.run([str(BIN / "piflow"), "traffic", str(out / FLOWS), "--profile", str(PROFILE),
                        "--geoip", str(db), "--format", "json"],
                       capture_output=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert {o["country"] for o in json.loads(r.stdout)["observations"]} == {"CN"}
