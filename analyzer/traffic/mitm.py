"""mitmproxy flows as piflow messages, live and from saved ``.mitm`` and HAR files (the mitmproxy adapter).

Apart from the addon's hooks (``addons/piflow_addon.py``), the only module
that imports mitmproxy. A request, a response and each WebSocket message
become a :class:`~analyzer.traffic.model.Message` (body still content-encoded,
cut to a limit); saved flows are read through mitmproxy's own
``io.FlowReader``, so the offline path is the live one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from mitmproxy import exceptions, flow, http, io

from analyzer.errors import InputError
from analyzer.traffic.model import Message

DEFAULT_MAX_BODY = 4 * 1024 * 1024
MAX_CAPTURE_FILE = 2 * 1024 * 1024 * 1024


def server_ip(f: http.HTTPFlow) -> str:
    peer = f.server_conn.peername if f.server_conn else None
    return str(peer[0]) if peer else ""


def _client_tls(f: http.HTTPFlow) -> bool:
    return bool(f.client_conn and f.client_conn.tls_established) or f.request.scheme in ("https", "wss")


def _base(f: http.HTTPFlow) -> dict[str, object]:
    req = f.request
    path, _, query = req.path.partition("?")
    return {"flow_id": f.id, "method": req.method, "scheme": req.scheme,
            "host": (req.pretty_host or req.host).lower(), "port": req.port, "path": path, "query": query,
            "tls": _client_tls(f), "server_ip": server_ip(f)}


def _cut(body: bytes | None, limit: int) -> tuple[bytes, bool]:
    body = body or b""
    return (body[:limit], True) if len(body) > limit else (body, False)


def request_message(f: http.HTTPFlow, limit: int = DEFAULT_MAX_BODY) -> Message:
    """The request of ``f`` as a :class:`Message` (body still content-encoded, cut to ``limit``)."""
    body, cut = _cut(f.request.raw_content, limit)
    return Message(direction="request", headers=tuple(f.request.headers.items(multi=True)), body=body,
                   timestamp=f.request.timestamp_start or time.time(), http_version=f.request.http_version,
                   truncated=cut, **_base(f))  # type: ignore[arg-type]


def response_message(f: http.HTTPFlow, limit: int = DEFAULT_MAX_BODY) -> Message | None:
    """The response of ``f``, if any."""
    if f.response is None:
        return None
    body, cut = _cut(f.response.raw_content, limit)
    return Message(direction="response", headers=tuple(f.response.headers.items(multi=True)), body=body,
                   timestamp=f.response.timestamp_start or time.time(),
                   http_version=f.response.http_version, truncated=cut, **_base(f))  # type: ignore[arg-type]


def websocket_messages(f: http.HTTPFlow, limit: int = DEFAULT_MAX_BODY,
                       last_only: bool = False) -> Iterator[Message]:
    """WebSocket messages of ``f`` (only the newest with ``last_only``)."""
    if f.websocket is None:
        return
    msgs = f.websocket.messages[-1:] if last_only else f.websocket.messages
    for m in msgs:
        body, cut = _cut(m.content, limit)
        yield Message(direction="websocket", headers=(), body=body, timestamp=m.timestamp,
                      from_client=m.from_client, truncated=cut, **_base(f))  # type: ignore[arg-type]


def flow_messages(f: flow.Flow, limit: int = DEFAULT_MAX_BODY) -> Iterator[Message]:
    """Every message of a saved flow: request, response, WebSocket messages."""
    if not isinstance(f, http.HTTPFlow):
        return
    yield request_message(f, limit)
    resp = response_message(f, limit)
    if resp is not None:
        yield resp
    yield from websocket_messages(f, limit)


def read_messages(path: Path, limit: int = DEFAULT_MAX_BODY) -> Iterator[Message]:
    """Messages from a ``.mitm`` flow file or a HAR file; unreadable input is an :class:`InputError`."""
    try:
        size = path.stat().st_size
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    if size > MAX_CAPTURE_FILE:
        fh.close()
        raise InputError(f"{path}: {size} bytes is more than piflow reads from one capture file")
    if size == 0:
        fh.close()
        raise InputError(f"{path}: empty file, not a mitmproxy flow file or HAR")
    with fh:
        try:
            for f in io.FlowReader(fh).stream():
                yield from flow_messages(f, limit)
        except exceptions.FlowReadException as e:
            raise InputError(f"{path}: not a readable mitmproxy flow file or HAR ({str(e)[:120]})") from None
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
            raise InputError(f"{path}: malformed capture ({type(e).__name__}: {str(e)[:100]})") from None
