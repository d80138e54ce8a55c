"""piflow's mitmproxy adapter: turn flows into messages, report PI observations live, read saved captures.

The only module that imports mitmproxy. Load it into mitmdump, mitmproxy or
mitmweb with ``-s addons/piflow_addon.py`` (``piflow capture`` does this for
you) and set its options::

    mitmdump -s addons/piflow_addon.py --set piflow_profile=device.yaml \\
             --set piflow_out=capture/ --set piflow_app=com.example.app

Hooks: ``request``, ``response`` and ``websocket_message`` run detection;
``tls_failed_client`` records connections the app refused to let us see
(certificate pinning, untrusted CA) as *not inspected*; the command
``piflow.phase PHASE`` switches the consent phase (as ``piflow mark`` does
from another terminal). The addon never alters a flow; any exception in
detection is caught and logged, and bodies beyond ``piflow_max_body`` bytes
are cut before detection.

Offline, :func:`read_messages` feeds ``.mitm`` flow files and HAR files
(both through mitmproxy's ``io.FlowReader``) to the same detector.
"""

from __future__ import annotations

import logging
import time
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

from mitmproxy import command, ctx, exceptions, flow, http, io, tls
from mitmproxy.addonmanager import Loader

from analyzer.attribution import Attributor, open_geoip
from analyzer.detect import Detector
from analyzer.errors import InputError, PiflowError
from analyzer.kb import load_kb
from analyzer.phase import PhaseWatcher, mark
from analyzer.profile import DeviceProfile, load_profile
from analyzer.store import OBSERVATIONS, ObservationWriter
from analyzer.traffic import Message, NotInspected, Observation, Phase

log = logging.getLogger("piflow.addon")

DEFAULT_MAX_BODY = 4 * 1024 * 1024
MAX_CAPTURE_FILE = 2 * 1024 * 1024 * 1024


# ---------------------------------------------------------------------------
# Flow -> Message
# ---------------------------------------------------------------------------


def _server_ip(f: http.HTTPFlow) -> str:
    peer = f.server_conn.peername if f.server_conn else None
    return str(peer[0]) if peer else ""


def _client_tls(f: http.HTTPFlow) -> bool:
    return bool(f.client_conn and f.client_conn.tls_established) or f.request.scheme in ("https", "wss")


def _base(f: http.HTTPFlow) -> dict[str, object]:
    req = f.request
    path, _, query = req.path.partition("?")
    return {"flow_id": f.id, "method": req.method, "scheme": req.scheme,
            "host": (req.pretty_host or req.host).lower(), "port": req.port, "path": path, "query": query,
            "tls": _client_tls(f), "server_ip": _server_ip(f)}


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


# ---------------------------------------------------------------------------
# The addon
# ---------------------------------------------------------------------------


class Piflow:
    """Detect PI in every message passing through the proxy; write observations to ``piflow_out``."""

    def __init__(self) -> None:
        self.detector: Detector | None = None
        self.writer: ObservationWriter | None = None
        self.phases = PhaseWatcher(None)
        self.out: Path | None = None
        self.limit = DEFAULT_MAX_BODY
        self.seen: list[Observation] = []
        """Observations of this session (kept for tests and the summary at exit; bounded)."""
        self.geoip = False
        self.pending: dict[str, tuple[http.HTTPFlow, str]] = {}
        """Requests waiting for their server address (for its country): flow id -> (flow, phase then)."""

    def load(self, loader: Loader) -> None:
        """Declare the options."""
        add = loader.add_option
        add("piflow_profile", str, "", "Device profile YAML with the test phone's PI values (optional).")
        add("piflow_out", str, "", "Capture folder: observations.jsonl and phase.json go here.")
        add("piflow_phase", str, Phase.PRE_CONSENT.value, "Consent phase at start.")
        add("piflow_app", str, "", "Package name of the app under test (first-party attribution).")
        add("piflow_first_party", typing.Sequence[str], [],
            "Domains the app's publisher operates.")
        add("piflow_show_values", bool, False, "Write PI values unmasked.")
        add("piflow_max_body", int, DEFAULT_MAX_BODY, "Bytes of a body piflow looks at.")
        add("piflow_geoip", str, "", "MaxMind-format GeoIP database (.mmdb) for server countries.")

    def configure(self, updated: set[str]) -> None:
        """Validate the options and (re)build the detector; bad options raise OptionsError."""
        if not any(k.startswith("piflow_") for k in updated) and self.detector is not None:
            return
        o = ctx.options
        try:
            phase = Phase.parse(o.piflow_phase).value
        except ValueError as e:
            raise exceptions.OptionsError(f"piflow_phase: {e}") from None
        if o.piflow_max_body < 1024:
            raise exceptions.OptionsError("piflow_max_body: at least 1024 bytes")
        profile: DeviceProfile | None = None
        country = None
        try:
            if o.piflow_profile:
                profile = load_profile(Path(o.piflow_profile).expanduser())
            if o.piflow_geoip:
                country = open_geoip(Path(o.piflow_geoip).expanduser())
            kb = load_kb()
        except PiflowError as e:
            raise exceptions.OptionsError(f"piflow: {e}") from None
        out = Path(o.piflow_out).expanduser() if o.piflow_out else None
        if out is not None:
            try:
                out.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as e:
                raise exceptions.OptionsError(f"piflow_out: cannot create {out} ({e.strerror})") from None
        self.limit = o.piflow_max_body
        self.geoip = country is not None
        self.detector = Detector(profile, Attributor(kb, o.piflow_app, o.piflow_first_party, country),
                                 show_values=o.piflow_show_values)
        if out != self.out:
            if self.writer is not None:
                self.writer.close()
            self.out = out
            self.writer = ObservationWriter(out / OBSERVATIONS) if out is not None else None
            self.phases = PhaseWatcher(out, phase)
            if self.writer is not None:
                self.writer.header(started=time.time(), profile=profile.name if profile else "",
                                   app=o.piflow_app)
                if out is not None and not (out / "phase.json").exists():
                    mark(out, phase)
        elif "piflow_phase" in updated:
            self._switch(phase)

    # -- events ---------------------------------------------------------------

    def request(self, f: http.HTTPFlow) -> None:
        """Detect PI in the request (once the server address is known, when countries are wanted)."""
        if self.geoip and not _server_ip(f) and len(self.pending) < 10_000:
            # the proxy connects after this hook (plain HTTP, lazy strategy): wait for the address
            self.pending[f.id] = (f, self.phases.current())
            return
        self._run(lambda: [request_message(f, self.limit)])

    def response(self, f: http.HTTPFlow) -> None:
        """Detect PI in the response (and in its request, if that waited for the server address)."""
        self._flush(f.id)
        self._run(lambda: [m for m in [response_message(f, self.limit)] if m is not None])

    def websocket_message(self, f: http.HTTPFlow) -> None:
        """Detect PI in the newest WebSocket message."""
        self._run(lambda: list(websocket_messages(f, self.limit, last_only=True)))

    def tls_failed_client(self, data: tls.TlsData) -> None:
        """The app refused our certificate: record the connection as not inspected."""
        try:
            conn = data.conn
            host = str(conn.sni or (conn.peername[0] if conn.peername else "") or "?")
            reason = str(conn.error or "client TLS handshake failed")
            att = self.detector.attribute(host) if self.detector else None
            rec = NotInspected(host=host, reason=f"not inspected: {reason}", phase=self.phases.current(),
                               timestamp=time.time(), **({"attribution": att} if att else {}))
            log.warning("piflow: %s not inspected (%s): pinning or untrusted CA", host, reason[:80])
            if self.writer is not None:
                self.writer.write(rec.to_dict())
        except Exception:  # never break the proxy
            log.exception("piflow: failed to record a TLS failure")

    def error(self, f: http.HTTPFlow) -> None:
        """Log flows that ended in an error (their request is analysed all the same)."""
        self._flush(f.id)
        log.info("piflow: flow %s to %s ended with an error: %s", f.id, f.request.pretty_host,
                 f.error.msg if f.error else "?")

    @command.command("piflow.phase")
    def phase(self, phase: str) -> None:
        """Switch the consent phase (pre-consent, consent-refused, consent-given, …)."""
        try:
            p = Phase.parse(phase).value
        except ValueError as e:
            raise exceptions.CommandError(str(e)) from None
        self._switch(p)

    def done(self) -> None:
        """Analyse requests still waiting for a server address; flush and close the observation file."""
        for fid in list(self.pending):
            self._flush(fid)
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    # -- internals ------------------------------------------------------------

    def _switch(self, phase: str) -> None:
        now = time.time()
        self.phases.set(phase, now)
        if self.out is not None:
            try:
                mark(self.out, phase, now)
            except PiflowError as e:
                log.warning("piflow: %s", e)
        log.info("piflow: phase is now %s", phase)

    def _flush(self, flow_id: str) -> None:
        waiting = self.pending.pop(flow_id, None)
        if waiting is not None:
            f, phase = waiting
            self._run(lambda: [request_message(f, self.limit)], phase)

    def _run(self, messages: Callable[[], list[Message]], phase: str = "") -> None:
        if self.detector is None:
            return
        try:
            phase = phase or self.phases.current()
            for m in messages():
                for o in self.detector.detect(m, phase):
                    self._report(o)
        except Exception:  # detection must never break traffic
            log.exception("piflow: detection failed; the flow passes unchanged")

    def _report(self, o: Observation) -> None:
        if len(self.seen) < 100_000:
            self.seen.append(o)
        if self.writer is not None:
            self.writer.write(o.to_dict())
        log.info("piflow: [%s] %s -> %s %s (%s, %s, %s)", o.phase, o.pi, o.host, o.location, o.encoding,
                 o.excerpt, o.confidence.value)


addons = [Piflow()]
