"""End to end: WebSocket messages through a real mitmdump (`piflow capture`) on 127.0.0.1.

A local WebSocket server (wsproto, which mitmproxy itself speaks WebSocket with) answers every client
message with a message of its own; a wsproto client that trusts mitmproxy's CA talks to it through a
CONNECT tunnel, over cleartext ``ws`` and over ``wss``. The client sends PI as JSON text, as a
gzip-compressed binary message and as a form; the server sends the phone number back. The phase is
switched with `piflow mark` between messages of one connection. Servers bind 127.0.0.1; every wait is
bounded.
"""

from __future__ import annotations

import gzip
import json
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest
from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Message,
    Ping,
    Request,
    TextMessage,
)

from analyzer.traffic.observations import FLOWS
from tests.e2e.proxy import (
    BIN,
    PROFILE,
    TIMEOUT,
    Capture,
    client_ctx,
    observations,
    self_signed,
    tunnel,
    wait_for,
)

IMEI = "869876041234561"
MAC = "3c:a9:f4:5e:21:07"
OAID = "5b2f7c1e-9a3d-4e8b-b6f2-0c4d8a1e7f93"
REPLY = json.dumps({"user": {"nick": "lw", "bind": "+86 139 1234 5678"}})  # the profile's phone


class _WsServer:
    """WebSocket server on 127.0.0.1: records each client message and answers it with :data:`REPLY`."""

    def __init__(self, tls: ssl.SSLContext | None) -> None:
        self.tls = tls
        self.received: list[bytes | str] = []
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                raw, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(TIMEOUT)
        conn = self.tls.wrap_socket(raw, server_side=True) if self.tls else raw
        ws = WSConnection(ConnectionType.SERVER)
        parts: list[bytes | str] = []
        deadline = time.monotonic() + 4 * TIMEOUT
        with conn:
            while time.monotonic() < deadline and not self.stop.is_set():
                data = conn.recv(65536)
                if not data:
                    return
                ws.receive_data(data)
                for ev in ws.events():
                    if isinstance(ev, Request):
                        conn.sendall(ws.send(AcceptConnection()))
                    elif isinstance(ev, Message):
                        parts.append(ev.data)
                        if ev.message_finished:
                            self.received.append(b"".join(parts) if isinstance(ev, BytesMessage)  # type: ignore[arg-type]
                                                 else "".join(parts))  # type: ignore[arg-type]
                            parts = []
                            conn.sendall(ws.send(TextMessage(REPLY)))
                    elif isinstance(ev, Ping):
                        conn.sendall(ws.send(ev.response()))
                    elif isinstance(ev, CloseConnection):
                        conn.sendall(ws.send(ev.response()))
                        return


class _WsClient:
    """A wsproto client through the proxy's CONNECT tunnel (TLS inside it when ``ctx`` is given)."""

    def __init__(self, proxy: int, upstream: int, host: str, ctx: ssl.SSLContext | None) -> None:
        sock = tunnel(proxy, f"127.0.0.1:{upstream}")
        self.sock = ctx.wrap_socket(sock, server_hostname=host) if ctx else sock
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.sock.sendall(self.ws.send(Request(host=host, target="/push/v1")))
        assert any(isinstance(ev, AcceptConnection) for ev in self._events()), "handshake refused"

    def _events(self) -> list[object]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            data = self.sock.recv(65536)
            assert data, "connection closed"
            self.ws.receive_data(data)
            evs = list(self.ws.events())
            if evs:
                return evs
        raise AssertionError("no WebSocket event in time")

    def send(self, msg: TextMessage | BytesMessage) -> str:
        """Send one message; the server's answer."""
        self.sock.sendall(self.ws.send(msg))
        text = ""
        while True:
            for ev in self._events():
                if isinstance(ev, TextMessage):
                    text += ev.data
                    if ev.message_finished:
                        return text

    def close(self) -> None:
        self.sock.sendall(self.ws.send(CloseConnection(code=1000)))
        self.sock.close()


def _mark(out: Path, phase: str) -> None:
    r = subprocess.run([str(BIN / "piflow"), "mark", phase, "--out", str(out)], capture_output=True,
                       timeout=60, check=False)
    assert r.returncode == 0, r.stderr


@pytest.mark.slow
def test_websocket_messages_both_ways_over_ws_and_wss(capture: Capture, tmp_path: Path) -> None:
    out, port, conf, stop = capture
    cert, key = self_signed(tmp_path)
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(cert, key)
    plain, secure = _WsServer(None), _WsServer(sctx)
    first = json.dumps({"cmd": "reg", "imei": IMEI})
    second = gzip.compress(json.dumps({"cmd": "wifi", "wifiMac": MAC}).encode())
    third = f"cmd=hb&oaid={OAID}&t=1700000000123"
    try:
        _mark(out, "consent-given")
        ws = _WsClient(port, plain.port, "ws.jpush.cn", None)
        assert ws.send(TextMessage(first)) == REPLY
        assert ws.send(BytesMessage(second)) == REPLY
        wait_for(out, lambda obs: {"device.imei", "device.mac"} <= {o.pi for o in obs}, "ws observations")
        _mark(out, "background")                        # same connection, later message, new phase
        assert ws.send(TextMessage(third)) == REPLY
        ws.close()
        wss = _WsClient(port, secure.port, "mqtt.umeng.com", client_ctx(conf, ["http/1.1"]))
        assert wss.send(TextMessage(json.dumps({"d": {"androidId": "9f3c2a7b1e5d4c60"}}))) == REPLY
        wss.close()
        obs = wait_for(out, lambda obs: {"device.oaid", "device.android_id"} <= {o.pi for o in obs}
                       and sum(o.pi == "contact.phone_number" for o in obs) >= 4, "wss observations")
    finally:
        plain.close()
        secure.close()

    # the proxy passed every message unchanged
    assert plain.received == [first, second, third]
    got = {(o.pi, o.direction, o.from_client, o.location, o.encoding, o.phase, o.host, o.tls)
           for o in obs if o.direction == "websocket"}
    assert ("device.imei", "websocket", True, "json:$.imei", "json", "consent-given", "ws.jpush.cn",
            False) in got
    assert ("device.mac", "websocket", True, "json:$.wifiMac", "gzip>json", "consent-given", "ws.jpush.cn",
            False) in got
    assert ("device.oaid", "websocket", True, "form:oaid", "form", "background", "ws.jpush.cn", False) in got
    assert ("device.android_id", "websocket", True, "json:$.d.androidId", "json", "background",
            "mqtt.umeng.com", True) in got
    # what the server sent back is what the device received, never what it sent
    back = {(o.phase, o.host) for o in obs if o.pi == "contact.phone_number"}
    assert back == {("consent-given", "ws.jpush.cn"), ("background", "ws.jpush.cn"),
                    ("background", "mqtt.umeng.com")}
    assert all(not o.from_client and o.location == "json:$.user.bind" for o in obs
               if o.pi == "contact.phone_number")
    assert not any(o.from_client for o in obs if o.pi == "contact.phone_number")
    umeng = next(o for o in obs if o.host == "mqtt.umeng.com")
    assert umeng.attribution.sdk == "umeng-analytics" and umeng.attribution.party == "third"

    # the flow file replays to the same WebSocket observations, phases taken from the mark history
    assert stop() == 0
    r = subprocess.run([str(BIN / "piflow"), "traffic", str(out / FLOWS), "--profile", str(PROFILE),
                        "--format", "json", "--min-confidence", "low"],
                       capture_output=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    offline = {(o["pi"], o["location"], o["from_client"], o["phase"], o["host"])
               for o in json.loads(r.stdout)["observations"] if o["direction"] == "websocket"}
    live = {(o.pi, o.location, o.from_client, o.phase, o.host) for o in observations(out)
            if o.direction == "websocket"}
    assert offline == live and len(live) == 7   # 4 sent by the app, the phone number received thrice
