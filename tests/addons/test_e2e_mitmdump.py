"""End to end: `piflow capture` runs a real mitmdump on 127.0.0.1; HTTP/1.1 and HTTP/2 clients that trust
its CA send PI in many encodings to local HTTP and HTTPS servers; the phase is switched with `piflow mark`.

Everything binds 127.0.0.1 on free ports; every wait is bounded; the capture is stopped (and, failing
that, killed) in a finally. Upstream certificate checks are relaxed only here (``ssl_insecure``), because
the test servers use a self-signed certificate made on the spot.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import http.client
import ipaddress
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode

import brotli
import h2.connection
import h2.events
import pytest
import zstandard
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from analyzer.store import FLOWS, OBSERVATIONS, read_records
from analyzer.traffic import NotInspected, Observation
from tests.conftest import REPO

PROFILE = REPO / "samples" / "device-profile.yaml"
BIN = Path(sys.executable).parent
IMEI = "869876041234561"
MAC = "3c:a9:f4:5e:21:07"
TIMEOUT = 15.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "piflow-test-upstream")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cpath, kpath = tmp / "up.crt", tmp / "up.key"
    cpath.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    kpath.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    return cpath, kpath


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


def _wait_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"piflow capture exited early with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("mitmdump did not start listening in 60 s")


Capture = tuple[Path, int, Path, Callable[[], int]]


@pytest.fixture
def capture(tmp_path: Path) -> Iterator[Capture]:
    out, conf = tmp_path / "cap", tmp_path / "conf"
    port = _free_port()
    argv = [str(BIN / "piflow"), "capture", "--profile", str(PROFILE), "--out", str(out), "--port", str(port),
            "--app", "com.example.shop", "--confdir", str(conf), "--",
            "--set", "ssl_insecure=true", "--set", "connection_strategy=lazy"]
    log = (tmp_path / "capture.log").open("wb")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop() -> int:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)   # piflow passes it on to mitmdump as SIGINT: a clean stop
        return proc.wait(timeout=30)

    try:
        _wait_port(port, proc)
        yield out, port, conf, stop
        assert stop() == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def _client_ctx(conf: Path, alpn: list[str]) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(conf / "mitmproxy-ca-cert.pem"))
    ctx.set_alpn_protocols(alpn)
    return ctx


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
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        assert chunk, "proxy closed the tunnel"
        reply += chunk
    assert reply.split(b" ")[1] == b"200"
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


def _observations(out: Path) -> list[Observation]:
    return [r for r in read_records(out / OBSERVATIONS) if isinstance(r, Observation)]


def _wait_for(out: Path, pred: object, what: str) -> list[Observation]:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        obs = _observations(out) if (out / OBSERVATIONS).exists() else []
        if pred(obs):  # type: ignore[operator]
            return obs
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; have {[(o.pi, o.location) for o in obs]}")


@pytest.mark.slow
def test_capture_end_to_end(capture: Capture, tmp_path: Path) -> None:
    out, port, conf, _stop = capture
    cert, key = _self_signed(tmp_path)
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(cert, key)
    plain, plain_port = _serve(None)
    secure, secure_port = _serve(sctx)
    try:
        ctx = _client_ctx(conf, ["http/1.1"])
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
        _wait_for(out, lambda obs: {"device.imei", "device.mac", "location.precise", "device.imsi",
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
        h2ctx = _client_ctx(conf, ["h2", "http/1.1"])
        assert _h2(port, f"127.0.0.1:{secure_port}", "sdk.e.qq.com", h2ctx, "/ad", mp,
                   {"content-type": f"multipart/form-data; boundary={boundary}"}) == 200
        zs = zstandard.ZstdCompressor().compress(json.dumps({"oaid": "5b2f7c1e-9a3d-4e8b-b6f2-0c4d8a1e7f93",
                                                             "u": quote("李卫东")}).encode())
        assert _h2(port, f"127.0.0.1:{secure_port}", "api.pangolin-sdk-toutiao.com", h2ctx,
                   f"/api/ad?mac={quote(MAC)}", zs,
                   {"content-type": "application/json", "content-encoding": "zstd"}) == 200
        obs = _wait_for(out, lambda obs: {"device.android_id", "device.oaid", "identity.name"}
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
        _wait_for(out, lambda obs: any(o.pi == "contact.phone_number" for o in obs), "live observation")
    finally:
        plain.shutdown()
    r = subprocess.run([str(BIN / "piflow"), "mark", "background", "--out", str(out)], capture_output=True,
                       timeout=60, check=False)
    assert r.returncode == 0
    assert stop() == 0        # mitmdump writes flows.mitm out when it stops
    live = {(o.pi, o.location, o.phase) for o in _observations(out)}
    flows = out / FLOWS
    assert oct(flows.stat().st_mode & 0o777) == "0o600"
    r = subprocess.run([str(BIN / "piflow"), "traffic", str(flows), "--profile", str(PROFILE),
                        "--format", "json"], capture_output=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    offline = {(o["pi"], o["location"], o["phase"]) for o in json.loads(r.stdout)["observations"]}
    assert offline == live == {("contact.phone_number", "json:$.shouji", "pre-consent")}
