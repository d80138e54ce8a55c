"""End to end: bodies that are slow to examine hold no connection through a real mitmdump.

The addon examines messages on a background thread (``analyzer/traffic/examiner.py``); mitmproxy's event
loop only snapshots them. Here four clients each send a body that costs about a second to examine (the
detector's own time bound) plus a brotli bomb, all at once, and a fifth client's small requests must pass
while that backlog is still being worked through. Examined on the event loop, the small requests would
wait for the four seconds of examination ahead of them.
"""

from __future__ import annotations

import base64
import http.client
import json
import random
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest

from analyzer.traffic.model import NotInspected
from analyzer.traffic.observations import OBSERVATIONS, read_records
from tests.e2e.proxy import TIMEOUT, observations, running_capture, wait_for

IMEI = "869876041234561"


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _reply(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        while n > 0:
            n -= len(self.rfile.read(min(n, 1 << 20)) or b"x" * n)
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _reply

    def log_message(self, *args: object) -> None:
        pass


def _slow_body(seed: int) -> bytes:
    """A form of ~1.8 MB whose every value is base64 of JSON holding base64: about a second to examine."""
    rnd = random.Random(seed)
    return b"&".join(b"d%d=%s" % (i, base64.b64encode(json.dumps(
        {"v": base64.b64encode(rnd.randbytes(9)).decode()}).encode())) for i in range(50_000))


def _send(port: int, target: str, method: str, path: str, body: bytes, headers: dict[str, str]) -> float:
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT * 4)
    conn.request(method, f"http://{target}{path}", body=body, headers=headers)
    resp = conn.getresponse()
    resp.read()
    conn.close()
    assert resp.status == 200
    return time.perf_counter() - t0


@pytest.mark.slow
def test_slow_bodies_hold_no_connection(tmp_path: Path) -> None:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    target = f"127.0.0.1:{srv.server_address[1]}"
    slow = [_slow_body(i) for i in range(4)]
    bomb = brotli.compress(b"\0" * (256 * 1024 * 1024), quality=1)
    try:
        with running_capture(tmp_path) as (out, port, _conf, stop):
            _send(port, target, "GET", f"/warm?imei={IMEI}", b"", {"host": "warm.example.com"})
            wait_for(out, lambda obs: any(o.host == "warm.example.com" for o in obs), "the warm-up request")
            form = {"host": "alog.umeng.com", "content-type": "application/x-www-form-urlencoded"}
            senders = [threading.Thread(target=_send,
                                        args=(port, target, "POST", f"/s{i}?imei={IMEI}", b, form))
                       for i, b in enumerate(slow)]
            senders.append(threading.Thread(target=_send, args=(
                port, target, "POST", f"/bomb?imei={IMEI}", bomb,
                {"host": "alog.umeng.com", "content-type": "application/json", "content-encoding": "br"})))
            for t in senders:
                t.start()
            time.sleep(0.5)                   # the slow bodies are in the proxy (or on their way)
            fast = [_send(port, target, "GET", f"/f{i}", b"", {"host": "fast.example.com"}) for i in range(5)]
            pending = 5 - sum(o.host == "alog.umeng.com" for o in observations(out))
            for t in senders:
                t.join(TIMEOUT * 4)
            obs = wait_for(out, lambda obs: sum(o.host == "alog.umeng.com" for o in obs) >= 5,
                           "the slow bodies' observations")
            assert stop() == 0
    finally:
        srv.shutdown()
    # the small requests passed quickly, while the slow bodies were still being examined (examined on the
    # event loop, the first small request waited 3.5 s here and the backlog was gone when they passed)
    assert statistics.median(fast) < 0.5 and max(fast) < 1.5, fast
    assert pending > 0, "the slow bodies were examined before the small requests: nothing was measured"
    paths = {o.endpoint.rsplit("/", 1)[1] for o in obs if o.host == "alog.umeng.com"}
    assert paths == {"s0", "s1", "s2", "s3", "bomb"}
    assert not [r for r in read_records(out / OBSERVATIONS) if isinstance(r, NotInspected)]
