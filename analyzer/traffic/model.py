"""Value types of the traffic side: neutral HTTP/WebSocket messages, PI observations, unseen connections.

The mitmproxy adapter (``addons/piflow_addon.py``) turns flows into
:class:`Message`; the detector (:mod:`analyzer.traffic.detect`) turns a message into
:class:`Observation` records. Nothing here knows mitmproxy, so detection is
tested, benchmarked and replayed without a proxy.

Phases are the consent timeline regulators test (MIIT's 2019-2021 app
campaigns check what an app sends before the user agrees, after refusing,
after revoking a permission, in the background, after logout and after
account deletion). Every observation carries the phase that was active when
the message was seen, and the message's timestamp.
"""

from __future__ import annotations

import enum
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from analyzer.model import Confidence

SCHEMA = "piflow.traffic/1"



def finite(value: object, what: str) -> float:
    """``value`` as a finite number; ValueError otherwise (NaN and infinities are no time or place).

    >>> finite("1.5", "t"), finite(2, "t")
    (1.5, 2.0)
    """
    num = float(value)  # type: ignore[arg-type]
    if not math.isfinite(num):
        raise ValueError(f"{what} is not a finite number")
    return num

class Phase(enum.Enum):
    """A point on the consent timeline (values are what the CLI and command accept)."""

    PRE_CONSENT = "pre-consent"
    """First launch, before the user has seen or answered the privacy notice."""
    CONSENT_REFUSED = "consent-refused"
    """The user declined the privacy notice."""
    CONSENT_GIVEN = "consent-given"
    """The user accepted the privacy notice."""
    PERMISSION_DENIED = "permission-denied"
    """The user denied (or revoked) a runtime permission."""
    BACKGROUND = "background"
    """The app is in the background."""
    LOGGED_OUT = "logged-out"
    """The user logged out."""
    ACCOUNT_DELETED = "account-deleted"
    """The user deleted the account."""
    UNMARKED = "unmarked"
    """Offline replay of a capture with no phase history."""

    @classmethod
    def parse(cls, text: str) -> Phase:
        """The phase named ``text`` (``consent_given`` and upper case are accepted too).

        >>> Phase.parse("Consent_Given")
        <Phase.CONSENT_GIVEN: 'consent-given'>
        """
        norm = text.strip().lower().replace("_", "-")
        for p in cls:
            if p.value == norm:
                return p
        names = ", ".join(p.value for p in cls if p is not cls.UNMARKED)
        raise ValueError(f"unknown phase {text!r} (one of: {names})")


MARKABLE_PHASES = tuple(p.value for p in Phase if p is not Phase.UNMARKED)


@dataclass(frozen=True, slots=True)
class Message:
    """One HTTP request or response, or one WebSocket message, as seen on the wire."""

    flow_id: str
    """Id of the proxy flow (stable within one capture)."""
    direction: str
    """``request``, ``response`` or ``websocket``."""
    method: str
    """HTTP method of the request (also set for responses and WebSocket messages)."""
    scheme: str
    """``http`` or ``https`` (``ws``/``wss`` flows keep the scheme of their upgrade request)."""
    host: str
    """Host the app asked for (Host header / SNI, lower case)."""
    port: int
    """Server port."""
    path: str
    """URL path without the query string."""
    query: str = ""
    """Raw query string (without ``?``)."""
    headers: tuple[tuple[str, str], ...] = ()
    """Header fields in order (request headers for requests, response headers for responses)."""
    body: bytes = b""
    """Body as sent (still content-encoded), possibly truncated to the capture's bound."""
    timestamp: float = 0.0
    """Unix time the message started."""
    tls: bool = False
    """Whether the connection to the proxy was TLS (False: cleartext on the wire)."""
    http_version: str = ""
    """``HTTP/1.1``, ``HTTP/2.0``, … (empty for WebSocket messages)."""
    server_ip: str = ""
    """Server address the proxy connected to, if known."""
    from_client: bool = True
    """For WebSocket messages: sent by the app (True) or by the server."""
    truncated: bool = False
    """The body was cut to the size bound before detection."""

    @property
    def endpoint(self) -> str:
        """``scheme://host[:port]/path`` (no query)."""
        default = {"http": 80, "https": 443}.get(self.scheme)
        port = "" if self.port in (0, default) else f":{self.port}"
        return f"{self.scheme}://{self.host}{port}{self.path}"

    def header(self, name: str) -> str:
        """First value of header ``name`` (case-insensitive), or ``""``."""
        low = name.lower()
        for k, v in self.headers:
            if k.lower() == low:
                return v
        return ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who receives a message: domain, party, SDK and company, the host's region and role, country."""

    domain: str
    """Registrable domain (public-suffix list), or the host itself for IPs and unknown suffixes."""
    party: str
    """``first``, ``third`` or ``unknown`` (no app package or first-party domains given)."""
    sdk: str = ""
    """SDK id from ``policies/sdks.yaml`` whose network signature matches the host."""
    company: str = ""
    """Company behind that SDK."""
    country: str = ""
    """ISO country the data goes to: the server address's country from a GeoIP database when one was
    supplied and knows the address, else the country the SDK's ``hosts`` entry documents for the host's
    region; ``""`` when neither says (see ``country_source``)."""
    region: str = ""
    """The vendor's region or cluster the host serves (``EU``, ``US``, ``CN``, …) from the SDK's ``hosts``
    entry (:meth:`analyzer.kb.catalogue.KnowledgeBase.host_info`), or ``""``."""
    role: str = ""
    """What the host is for (``ingest``, ``crash``, ``push``, …) from that entry, or ``""``."""
    country_source: str = ""
    """Where ``country`` came from: ``geoip`` (the server address), ``kb`` (the host's entry in
    ``policies/sdks.yaml``), or ``""`` when there is no country."""

    @classmethod
    def from_record(cls, d: dict[str, Any], party: str = "") -> Attribution:
        """The attribution fields of a flattened record (older records lack region, role, source)."""
        return cls(domain=str(d.get("domain", "")), party=str(d.get("party", party)),
                   sdk=str(d.get("sdk", "")), company=str(d.get("company", "")),
                   country=str(d.get("country", "")), region=str(d.get("region", "")),
                   role=str(d.get("role", "")), country_source=str(d.get("country_source", "")))


@dataclass(frozen=True, slots=True)
class Observation:
    """One PI type seen in one place of one message."""

    pi: str
    """PI type id from ``policies/taxonomy.yaml``."""
    location: str
    """Where: ``query:KEY``, ``header:NAME``, ``cookie:NAME``, ``json:$.a.b[0]``, ``form:KEY``,
    ``multipart:NAME/…``, ``path``, ``body`` (text that is no container), ``ws`` (WebSocket)."""
    encoding: str
    """How the value was wrapped, outermost first, e.g. ``gzip>json>base64>md5``; ``plain`` if not at all."""
    excerpt: str
    """The matched text, masked unless values were asked for."""
    confidence: Confidence
    """How sure the detection is."""
    detector: str
    """``profile:FIELD`` (a known value), ``pattern:NAME`` (validated shape), ``key:NAME`` (field name) or
    ``wire:SDK:FIELD`` (a documented field of the receiving SDK's upload format, ``policies/wire/``)."""
    flow_id: str
    """Flow the message belongs to."""
    direction: str
    """``request``, ``response`` or ``websocket``."""
    method: str
    """HTTP method."""
    endpoint: str
    """``scheme://host/path`` with long digit and hex runs masked unless values were asked for."""
    host: str
    """Host name."""
    attribution: Attribution
    """Domain, party, SDK, company, country."""
    phase: str
    """Consent phase active when the message was seen (:class:`Phase` value)."""
    timestamp: float
    """Unix time of the message."""
    tls: bool
    """Whether the app's connection was TLS."""
    http_version: str = ""
    """HTTP version of the message."""
    from_client: bool = True
    """Sent by the app (requests, app-to-server WebSocket messages) or received by it (responses,
    server-to-app WebSocket messages: PI the device is given, not PI it gives away)."""

    def key(self) -> tuple[str, str, str, str, bool]:
        """What makes two observations of one message the same fact."""
        return (self.flow_id, self.direction, self.pi, self.location, self.from_client)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (``record: observation``)."""
        d = asdict(self)
        d["confidence"] = self.confidence.value
        att = d.pop("attribution")
        d.update(att)
        return {"record": "observation", **d}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Observation:
        """Inverse of :meth:`to_dict` (raises KeyError/ValueError/TypeError on bad records)."""
        missing = [k for k in ("domain", "party") if k not in d]
        if missing:  # required in an observation record
            raise KeyError(missing[0])
        att = Attribution.from_record(d)
        return cls(
            pi=str(d["pi"]), location=str(d["location"]), encoding=str(d["encoding"]),
            excerpt=str(d["excerpt"]), confidence=Confidence(d["confidence"]),
            detector=str(d["detector"]), flow_id=str(d["flow_id"]), direction=str(d["direction"]),
            method=str(d["method"]), endpoint=str(d["endpoint"]), host=str(d["host"]),
            attribution=att, phase=Phase.parse(str(d["phase"])).value,
            timestamp=finite(d["timestamp"], "timestamp"), tls=bool(d["tls"]),
            http_version=str(d.get("http_version", "")),
            from_client=bool(d.get("from_client", d["direction"] != "response")),
        )


@dataclass(frozen=True, slots=True)
class NotInspected:
    """What piflow could not see: a connection (TLS refused by the app: pinning, no CA trust), a body it
    had no room to examine, or request bodies it cannot read (opaque: :mod:`analyzer.traffic.opaque`)."""

    host: str
    """SNI or address the app connected to."""
    reason: str
    """Why, e.g. the TLS error mitmproxy reported, or ``request body opaque (…): PI cannot be ruled out``."""
    phase: str
    """Phase at the time."""
    timestamp: float
    """Unix time."""
    attribution: Attribution = field(default_factory=lambda: Attribution(domain="", party="unknown"))
    """Who the app tried to reach."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (``record: not_inspected``)."""
        d = asdict(self)
        d.update(d.pop("attribution"))
        return {"record": "not_inspected", **d}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NotInspected:
        """Inverse of :meth:`to_dict`."""
        att = Attribution.from_record(d, party="unknown")
        return cls(host=str(d["host"]), reason=str(d["reason"]), phase=Phase.parse(str(d["phase"])).value,
                   timestamp=finite(d["timestamp"], "timestamp"), attribution=att)
