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
        host = flow.request.pretty_host.lower()
        status, ctype, body = answer(host, flow.request.path)
        if host.endswith("mixpanel.com") and "1" in (flow.request.query.get("verbose", ""),
                                                      flow.request.urlencoded_form.get("verbose", "")):
            status, ctype, body = MIXPANEL_VERBOSE
        flow.response = http.Response.make(status, body, {"content-type": ctype})


addons = [Responder()]
