"""Say who receives a message: registrable domain, first or third party, SDK and company, country.

- The registrable domain comes from the public-suffix list that ships inside
  tldextract (its bundled snapshot); piflow never fetches the list: the
  extractor is built with no suffix-list URLs and no cache directory.
- First party: the host's registrable domain is one the user declared
  (``--first-party``), or its name label is a segment of the app's package
  (``com.example.shop`` → ``example.com``, ``example.cn``). A host matching an
  SDK's network signature (``policies/sdks.yaml``) is third party even so.
- Region, role and country from the knowledge base: a host an SDK lists under
  ``hosts`` in ``policies/sdks.yaml`` carries the vendor's region (``eu.i.posthog.com``
  → EU), its role (ingest, crash, push, …) and the country where the vendor
  documents that region's data is kept (DE), not the company's seat (US).
- Country from the server address when the user supplies a MaxMind-format GeoIP
  database (GeoLite2/GeoIP2 Country or City, or any MMDB whose records carry
  ``country.iso_code``); read with ``maxminddb``. piflow ships no database. Where it
  knows the address, it wins over the knowledge base (where the packets went,
  seen, over where the vendor says it keeps the data); ``country_source`` says which.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import tldextract

from analyzer.errors import InputError
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.traffic.model import Attribution

# Package segments that never name the publisher.
_GENERIC_SEGMENTS = frozenset({"com", "cn", "net", "org", "io", "app", "android", "mobile", "client",
                               "www", "main", "debug", "release", "lite", "pro", "sdk", "demo", "test"})


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() and cache_dir=None: use the bundled snapshot, never the network or disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The registrable domain of ``host`` (the host itself for IP addresses and unknown suffixes).

    >>> registrable_domain("alog.umeng.com.cn"), registrable_domain("10.0.0.1")
    ('umeng.com.cn', '10.0.0.1')
    """
    h = host.lower().rstrip(".").strip("[]")
    try:
        ipaddress.ip_address(h)
        return h
    except ValueError:
        pass
    r = _extractor()(h)
    return r.top_domain_under_public_suffix or h


def open_geoip(path: Path) -> Callable[[str], str]:
    """A country lookup (server address → ISO code, ``""`` if unknown) from a MaxMind-format database."""
    import maxminddb  # only when asked for: most runs have no database

    try:
        reader = maxminddb.open_database(str(path))
    except (OSError, ValueError, maxminddb.InvalidDatabaseError) as e:
        raise InputError(f"{path}: not a readable GeoIP database ({str(e)[:120]})") from None

    def country(ip: str) -> str:
        try:
            rec: Any = reader.get(ip)
        except (ValueError, maxminddb.InvalidDatabaseError):  # not an address, a corrupt record
            return ""
        if isinstance(rec, dict):
            c = rec.get("country") or rec.get("registered_country") or {}
            return str(c.get("iso_code", "")) if isinstance(c, dict) else ""
        return ""

    return country


class Attributor:
    """Attribution for hosts of one capture (app package, declared first-party domains, SDK signatures)."""

    def __init__(self, kb: KnowledgeBase | None, app: str = "", first_party: Iterable[str] = (),
                 country: Callable[[str], str] | None = None) -> None:
        self.kb = kb
        self.app = app
        self.first_party = frozenset(registrable_domain(d) for d in first_party if d)
        self.app_labels = frozenset(s for s in app.lower().split(".") if len(s) >= 3
                                    and s not in _GENERIC_SEGMENTS)
        self.country = country
        self._cache: dict[tuple[str, str], Attribution] = {}

    def __call__(self, host: str, server_ip: str = "") -> Attribution:
        """Attribution of ``host`` (cached)."""
        key = (host, server_ip)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._attribute(host, server_ip)
            if len(self._cache) < 65536:
                self._cache[key] = hit
        return hit

    def _attribute(self, host: str, server_ip: str) -> Attribution:
        domain = registrable_domain(host) if host else ""
        sdk = self.kb.sdk_for_host(host) if self.kb is not None and host else None
        if sdk is not None:
            party = "third"
        elif domain in self.first_party or (self.app_labels and domain.split(".")[0] in self.app_labels):
            party = "first"
        elif self.app or self.first_party:
            party = "third"
        else:
            party = "unknown"
        info = self.kb.host_info(host) if sdk is not None and self.kb is not None else None
        country = ""
        if self.country is not None and server_ip:
            try:
                country = self.country(server_ip)
            except Exception:  # a broken database must not stop detection
                country = ""
        source = "geoip" if country else ""
        if not country and info is not None and info.country:
            country, source = info.country, "kb"
        return Attribution(domain=domain, party=party, sdk=sdk.id if sdk else "",
                           company=sdk.company if sdk else "", country=country,
                           region=info.region if info else "", role=info.role if info else "",
                           country_source=source)
