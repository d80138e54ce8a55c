"""piflow's mitmproxy addon: hooks and options that report the PI in every flow as it passes the proxy.

Load it into mitmdump, mitmproxy or mitmweb with ``-s addons/piflow_addon.py``
(``piflow capture`` does this for you) and set its options::

    mitmdump -s addons/piflow_addon.py --set piflow_profile=device.yaml \\
             --set piflow_out=capture/ --set piflow_app=com.example.app

Hooks: ``request``, ``response`` and ``websocket_message`` run detection;
``tls_failed_client`` records connections the app refused to let us see
(certificate pinning, untrusted CA) as *not inspected*, as detection does
request bodies it cannot read (encrypted: :mod:`analyzer.traffic.opaque`),
once per host and phase; the command
``piflow.phase PHASE`` switches the consent phase (as ``piflow mark`` does
from another terminal). The addon never alters a flow; any exception in
detection is caught and logged, and bodies beyond ``piflow_max_body`` bytes
are cut before detection.

The hooks never examine a body on mitmproxy's event loop: they snapshot the
message (and the phase it was sent in) and hand it to an
:class:`~analyzer.traffic.examiner.Examiner` thread, so a body that is slow to
decode holds no connection through the proxy, not even its own. When the
examiner's bounded backlog is full, the message's URL and headers are still
examined and the skipped body is recorded as not inspected.

The addon is thin: flows become messages in :mod:`analyzer.traffic.mitm`
(which also reads saved ``.mitm`` and HAR files, so live and offline share
one path) and detection is :class:`analyzer.traffic.detect.Detector`.
"""

from __future__ import annotations

import logging
import time
import typing
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from mitmproxy import command, ctx, exceptions, http, tls
from mitmproxy.addonmanager import Loader

from analyzer.common.masking import mask_host
from analyzer.errors import PiflowError
from analyzer.kb.catalogue import load_kb
from analyzer.traffic.attribution import Attributor, open_geoip
from analyzer.traffic.detect import Detector
from analyzer.traffic.examiner import Examiner
from analyzer.traffic.mitm import (
    DEFAULT_MAX_BODY,
    request_message,
    response_message,
    server_ip,
    websocket_messages,
)
from analyzer.traffic.model import Message, NotInspected, Observation, Phase
from analyzer.traffic.observations import OBSERVATIONS, ObservationWriter
from analyzer.traffic.phase import PhaseWatcher, mark
from analyzer.traffic.profile import DeviceProfile, load_profile

log = logging.getLogger("piflow.addon")

# ---------------------------------------------------------------------------
# The addon
# ---------------------------------------------------------------------------


class Piflow:
    """Detect PI in every message passing through the proxy; write observations to ``piflow_out``."""

    def __init__(self) -> None:
        self.detector: Detector | None = None
        self._given: DeviceProfile | None = None
        self.writer: ObservationWriter | None = None
        self.phases = PhaseWatcher(None)
        self.out: Path | None = None
        self.limit = DEFAULT_MAX_BODY
        self.seen: list[Observation] = []
        """Observations of this session (kept for tests and the summary at exit; bounded)."""
        self.geoip = False
        self.pending: dict[str, tuple[http.HTTPFlow, str]] = {}
        """Requests waiting for their server address (for its country): flow id -> (flow, phase then)."""
        self.examiner = Examiner()
        """Runs detection off the event loop, in arrival order."""

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
        self.detector.learned, self._given = {}, profile
        if out != self.out:
            self.examiner.settle()  # observations already queued go to the old folder
            if self.writer is not None:
                self.writer.close()
            self.out = out
            self.writer = ObservationWriter(out / OBSERVATIONS) if out is not None else None
            self.phases = PhaseWatcher(out, phase)
            if self.writer is not None:
                self.writer.header(started=time.time(), profile=profile.label if profile else "",
                                   app=o.piflow_app)
                if out is not None and not (out / "phase.json").exists():
                    mark(out, phase)
        elif "piflow_phase" in updated:
            self._switch(phase)

    # -- events ---------------------------------------------------------------

    def request(self, f: http.HTTPFlow) -> None:
        """Detect PI in the request (once the server address is known, when countries are wanted)."""
        if self.geoip and not server_ip(f) and len(self.pending) < 10_000:
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
            host = mask_host(host, show=self.detector.show if self.detector else False)
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
        """Analyse requests still waiting for a server address and everything queued; close the file."""
        for fid in list(self.pending):
            self._flush(fid)
        self.examiner.close()
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

    def settle(self, timeout: float | None = None) -> bool:
        """Wait until every message seen so far has been examined (False if ``timeout`` passed first)."""
        return self.examiner.settle(timeout)

    def _run(self, messages: Callable[[], list[Message]], phase: str = "") -> None:
        """Snapshot the messages and their phase here, on the event loop; examine them on the examiner."""
        detector = self.detector
        if detector is None:
            return
        try:
            phase = phase or self.phases.current()
            for m in messages():
                if not self.examiner.submit(partial(self._examine, detector, m, phase), len(m.body)):
                    self._backlog_full(detector, m, phase)
        except Exception:  # detection must never break traffic
            log.exception("piflow: detection failed; the flow passes unchanged")

    def _examine(self, detector: Detector, m: Message, phase: str) -> None:
        try:
            for o in detector.detect(m, phase):
                self._report(o)
            for rec in detector.opaque.new():  # a body it could not read: once per host and phase
                log.warning("piflow: %s: %s", rec.host, rec.reason)
                if self.writer is not None:
                    self.writer.write(rec.to_dict())
            if detector is self.detector:
                self._learn(detector)
        except Exception:  # one bad message must not stop the others
            log.exception("piflow: detection failed; the flow passes unchanged")

    def _learn(self, detector: Detector) -> None:
        """Identifiers the capture named so far are searched for in the messages after (on the examiner)."""
        fresh = detector.relearned(self._given)
        if fresh is not None:
            self.detector = fresh

    def _backlog_full(self, detector: Detector, m: Message, phase: str) -> None:
        """No room for ``m``'s body: examine its URL and headers alone; record the body as not inspected."""
        bare = replace(m, body=b"", truncated=True)
        if m.body and self.examiner.submit(partial(self._examine, detector, bare, phase)):
            reason = f"body of a {m.direction} not examined: piflow's analysis backlog was full"
        else:
            reason = f"{m.direction} not examined: piflow's analysis backlog was full"
        host = mask_host(m.host, show=detector.show)
        if self.examiner.refused % 100 == 1:
            log.warning("piflow: %s (%s; %d so far)", reason, host, self.examiner.refused)
        if self.writer is not None:
            rec = NotInspected(host=host, reason=reason, phase=phase, timestamp=m.timestamp or time.time(),
                               attribution=detector.attribute(m.host, m.server_ip))
            self.writer.write(rec.to_dict())

    def _report(self, o: Observation) -> None:
        if len(self.seen) < 100_000:
            self.seen.append(o)
        if self.writer is not None:
            self.writer.write(o.to_dict())
        log.info("piflow: [%s] %s -> %s %s (%s, %s, %s)", o.phase, o.pi, o.host, o.location, o.encoding,
                 o.excerpt, o.confidence.value)


addons = [Piflow()]
