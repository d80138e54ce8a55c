"""mitmproxy flows as piflow messages, live and from saved ``.mitm`` and HAR files (the mitmproxy adapter).

Apart from the addon's hooks (``addons/piflow_addon.py``), the only module
that imports mitmproxy. A request, a response and each WebSocket message
become a :class:`~analyzer.traffic.model.Message` (body still content-encoded,
cut to a limit; bytes that are not UTF-8 in paths and headers as U+FFFD);
saved flows are read through mitmproxy's own ``io.FlowReader``, so the
offline path is the live one, with reads capped at what the file holds. HAR
files are streamed entry by entry with ijson, never loaded whole.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from io import BufferedReader
from pathlib import Path
from typing import BinaryIO, cast

import ijson
from mitmproxy import exceptions, flow, http, io
from mitmproxy.io.har import request_to_flow

from analyzer.errors import InputError
from analyzer.traffic.model import Message

DEFAULT_MAX_BODY = 4 * 1024 * 1024
MAX_CAPTURE_FILE = 2 * 1024 * 1024 * 1024
MAX_ELEMENT = 256 * 1024 * 1024
"""Bytes of one element of a ``.mitm`` file read at once (bodies are cut to ``limit`` afterwards)."""


def server_ip(f: http.HTTPFlow) -> str:
    peer = f.server_conn.peername if f.server_conn else None
    return str(peer[0]) if peer else ""


def _client_tls(f: http.HTTPFlow) -> bool:
    return bool(f.client_conn and f.client_conn.tls_established) or f.request.scheme in ("https", "wss")


def _text(s: str) -> str:
    """A string mitmproxy decoded from bytes, with what was not UTF-8 as U+FFFD.

    mitmproxy keeps undecodable bytes of paths and header names as lone
    surrogates (``surrogateescape``); no such string may enter piflow's data,
    which is written as UTF-8.
    """
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _headers(headers: http.Headers) -> tuple[tuple[str, str], ...]:
    return tuple((_text(k), _text(v)) for k, v in headers.items(multi=True))


def _base(f: http.HTTPFlow) -> dict[str, object]:
    req = f.request
    path, _, query = _text(req.path).partition("?")
    return {"flow_id": f.id, "method": _text(req.method), "scheme": _text(req.scheme),
            "host": _text(req.pretty_host or req.host).lower(), "port": req.port, "path": path,
            "query": query, "tls": _client_tls(f), "server_ip": server_ip(f)}


MAX_TIME = 253402300800.0
"""Year 10000: a saved timestamp at or past it (or before 1970) is no time, read as 0."""


def _when(ts: float | None) -> float:
    """A flow's timestamp: now when it has none (live), 0 when a saved one is no time (NaN, <0, huge)."""
    if not ts:
        return time.time()
    return ts if math.isfinite(ts) and 0 <= ts < MAX_TIME else 0.0


def _cut(body: bytes | None, limit: int) -> tuple[bytes, bool]:
    body = body or b""
    return (body[:limit], True) if len(body) > limit else (body, False)


def request_message(f: http.HTTPFlow, limit: int = DEFAULT_MAX_BODY) -> Message:
    """The request of ``f`` as a :class:`Message` (body still content-encoded, cut to ``limit``)."""
    body, cut = _cut(f.request.raw_content, limit)
    return Message(direction="request", headers=_headers(f.request.headers), body=body,
                   timestamp=_when(f.request.timestamp_start),
                   http_version=_text(f.request.http_version),
                   truncated=cut, **_base(f))  # type: ignore[arg-type]


def response_message(f: http.HTTPFlow, limit: int = DEFAULT_MAX_BODY) -> Message | None:
    """The response of ``f``, if any."""
    if f.response is None:
        return None
    body, cut = _cut(f.response.raw_content, limit)
    return Message(direction="response", headers=_headers(f.response.headers), body=body,
                   timestamp=_when(f.response.timestamp_start),
                   http_version=_text(f.response.http_version), truncated=cut,
                   **_base(f))  # type: ignore[arg-type]


def websocket_messages(f: http.HTTPFlow, limit: int = DEFAULT_MAX_BODY,
                       last_only: bool = False) -> Iterator[Message]:
    """WebSocket messages of ``f`` (only the newest with ``last_only``)."""
    if f.websocket is None:
        return
    msgs = f.websocket.messages[-1:] if last_only else f.websocket.messages
    for m in msgs:
        body, cut = _cut(m.content, limit)
        yield Message(direction="websocket", headers=(), body=body, timestamp=_when(m.timestamp),
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
            head = fh.peek(4)[:4]
            if head.startswith((b"{", b"\xef\xbb\xbf{")):
                if head.startswith(b"\xef"):
                    fh.read(3)  # the BOM some tools write before a HAR
                flows: Iterable[flow.Flow] = _har_flows(fh)
            else:
                flows = io.FlowReader(cast(BinaryIO, _Capped(fh, size))).stream()
            for f in flows:
                yield from flow_messages(f, limit)
        except exceptions.FlowReadException as e:
            raise InputError(f"{path}: not a readable mitmproxy flow file or HAR ({str(e)[:120]})") from None
        except _TooLarge as e:
            raise InputError(f"{path}: {e}") from None
        except RecursionError:
            raise InputError(f"{path}: malformed capture (nested too deeply)") from None
        except (ijson.JSONError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: not a readable HAR file ({str(e)[:120]})") from None
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
            raise InputError(f"{path}: malformed capture ({type(e).__name__}: {str(e)[:100]})") from None


class _TooLarge(Exception):
    """One element of a flow file is larger than piflow reads at once."""


class _Capped:
    """A flow file whose reads never ask for more than is left in it, nor more than :data:`MAX_ELEMENT`.

    mitmproxy's reader reads each element's declared length in one call, so a
    forged length would otherwise ask for terabytes before finding the file
    short.
    """

    def __init__(self, fh: BufferedReader, size: int) -> None:
        self.fh, self.size = fh, size

    def read(self, n: int | None = -1) -> bytes:
        left = self.size - self.fh.tell()
        if n is None or n < 0 or n > left:
            n = left
        if n > MAX_ELEMENT:
            raise _TooLarge(f"an element of {n} bytes is larger than piflow reads at once ({MAX_ELEMENT})")
        return self.fh.read(n)

    def peek(self, n: int) -> bytes:
        return self.fh.peek(n)

    def tell(self) -> int:
        return self.fh.tell()

    def seek(self, pos: int, whence: int = 0) -> int:
        return self.fh.seek(pos, whence)


def _har_flows(fh: BufferedReader) -> Iterator[flow.Flow]:
    """The flows of a HAR file, one entry at a time (a HAR is one JSON document; it is not loaded whole)."""
    start = fh.tell()
    seen = 0
    for entry in ijson.items(fh, "log.entries.item", use_float=True):
        if not isinstance(entry, dict):
            raise ValueError("a HAR entry is not an object")
        seen += 1
        yield request_to_flow(entry)
    if not seen:  # an empty HAR has a log.entries array; other JSON is no HAR
        fh.seek(start)
        if not any(p == "log.entries" and e == "start_array" for p, e, _v in ijson.parse(fh)):
            raise exceptions.FlowReadException("a JSON document without log.entries is no HAR file")
