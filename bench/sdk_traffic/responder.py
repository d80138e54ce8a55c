"""mitmdump addon of the SDK bench: answer every request on loopback, so nothing leaves the machine.

Loaded with ``mitmdump -s`` by ``bench/sdk_traffic.py generate``. Each request
is answered here, in the ``request`` hook, with what the SDK's client expects
from its real back end (a JSON status, an empty 200), so mitmdump never opens
an upstream connection (``connection_strategy=lazy``) and the recorded flow
keeps the SDK's real host (``api.mixpanel.com``, ``us.i.posthog.com``, ...).
The answers are plain data below, one per back end, with a default.
"""

from __future__ import annotations

from mitmproxy import http

# (host suffix, path prefix) -> (status, content type, body); first match wins.
ANSWERS: list[tuple[str, str, tuple[int, str, bytes]]] = [
    ("mixpanel.com", "/", (200, "text/plain", b"1")),  # verbose=1 (the Python client): see MIXPANEL_VERBOSE
    ("posthog.com", "/flags", (200, "application/json", b'{"flags": {}}')),
    ("posthog.com", "/decide", (200, "application/json", b'{"featureFlags": {}}')),
    ("posthog.com", "/", (200, "application/json", b'{"status": 1}')),
    ("segment.io", "/", (200, "application/json", b'{"success": true}')),
    ("rudderstack.com", "/", (200, "text/plain", b"OK")),
    ("amplitude.com", "/", (200, "application/json", b'{"code": 200, "events_ingested": 1}')),
    ("sentry.io", "/", (200, "application/json", b'{"id": "00000000000000000000000000000000"}')),
    ("facebook.com", "/", (200, "application/json", b'{"events_received": 1, "messages": []}')),
    ("sensorsdata.cn", "/", (200, "text/plain", b"")),
    ("thinkingdata.cn", "/", (200, "application/json", b'{"code": 0}')),
    ("jpush.cn", "/", (200, "application/json", b'{"sendno": "0", "msg_id": "54043195528"}')),
    ("log.aliyuncs.com", "/logstores/", (200, "application/json", b"")),  # PutLogs: 200, empty body
]
DEFAULT = (200, "application/json", b"{}")
MIXPANEL_VERBOSE = (200, "application/json", b'{"status": 1, "error": null}')
"""Mixpanel answers ``1`` unless the request asks ``verbose=1`` (query or form), then a JSON status."""


def answer(host: str, path: str) -> tuple[int, str, bytes]:
    for suffix, prefix, ans in ANSWERS:
        if (host == suffix or host.endswith("." + suffix)) and path.startswith(prefix):
            return ans
    return DEFAULT


class Responder:
    def request(self, flow: http.HTTPFlow) -> None:
        req = flow.request
        host = req.pretty_host.lower()
        origin = req.headers.get("origin", "")
        cors = {"access-control-allow-origin": origin, "access-control-allow-credentials": "true"}
        if not origin:
            cors = {}
        if req.method == "OPTIONS":  # a browser's CORS preflight, answered as the real back ends do
            flow.response = http.Response.make(204, b"", {
                **cors, "access-control-allow-methods": "GET, POST, OPTIONS",
                "access-control-allow-headers": req.headers.get("access-control-request-headers", "*"),
                "access-control-max-age": "86400"})
            return
        status, ctype, body = answer(host, req.path)
        if host.endswith("mixpanel.com") and "1" in (req.query.get("verbose", ""),
                                                      req.urlencoded_form.get("verbose", "")):
            status, ctype, body = MIXPANEL_VERBOSE
        flow.response = http.Response.make(status, body, {"content-type": ctype, **cors})


addons = [Responder()]
