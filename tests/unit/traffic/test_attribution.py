"""Attribution: registrable domains from the bundled suffix list (no network), party, SDK, company."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from analyzer.errors import InputError
from analyzer.kb.catalogue import load_kb
from analyzer.traffic import attribution
from analyzer.traffic.attribution import Attributor, registrable_domain
from tests.geoip_db import build_mmdb


def test_no_network_is_attempted(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    attribution._extractor.cache_clear()
    registrable_domain.cache_clear()
    assert registrable_domain("a.b.example.co.uk") == "example.co.uk"
    assert registrable_domain("x.y.gov.cn") == "y.gov.cn"
    assert registrable_domain("[::1]") == "::1"


def test_party_sdk_company() -> None:
    kb = load_kb()
    att = Attributor(kb, app="com.example.shop", first_party=["shop-cdn.net"])
    umeng = att("alog.umeng.com")
    assert umeng.party == "third" and umeng.sdk == "umeng-analytics" and umeng.company
    assert att("api.example.com").party == "first"
    assert att("img.shop-cdn.net").party == "first"
    assert att("tracker.other.com").party == "third"
    assert Attributor(kb)("api.example.com").party == "unknown"


def test_geoip_country_from_a_real_mmdb(tmp_path: Path) -> None:
    db = build_mmdb(tmp_path / "country.mmdb", {
        "203.0.113.0/24": {"country": {"iso_code": "CN", "names": {"en": "China"}}},
        "198.51.100.0/24": {"registered_country": {"iso_code": "SG"}},   # no country: registered one
        "2001:db8::/32": {"country": {"iso_code": "DE"}},
        "192.0.2.0/24": {"continent": {"code": "AS"}},                    # a record without a country
    })
    country = attribution.open_geoip(db)
    assert country("203.0.113.9") == "CN"
    assert country("198.51.100.1") == "SG"
    assert country("2001:db8::1") == "DE"
    assert country("192.0.2.1") == ""
    assert country("10.0.0.1") == ""            # not in the database
    assert country("not-an-ip") == ""
    att = Attributor(load_kb(), app="com.example.shop", country=country)
    assert att("alog.umeng.com", "203.0.113.5").country == "CN"
    assert att("alog.umeng.com", "10.0.0.1").country == ""
    assert att("alog.umeng.com").country == ""  # no server address known


def test_geoip_bad_database_is_one_line_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mmdb"
    junk.write_bytes(b"\x00" * 4096)
    with pytest.raises(InputError, match="not a readable GeoIP database"):
        attribution.open_geoip(junk)
    with pytest.raises(InputError, match="not a readable GeoIP database"):
        attribution.open_geoip(tmp_path / "missing.mmdb")


def test_a_regional_host_carries_its_region_role_and_data_country_without_geoip() -> None:
    att = Attributor(load_kb(), app="com.example.shop")
    eu = att("eu.i.posthog.com", "198.51.100.7")  # an address, but no database to place it
    facts = (eu.sdk, eu.region, eu.country, eu.role, eu.country_source)
    assert facts == ("posthog", "EU", "DE", "ingest", "kb")
    assert eu.company == "PostHog" and eu.party == "third"
    us = att("us.i.posthog.com")
    assert (us.region, us.country, us.country_source) == ("US", "US", "kb")
    sentry = att("o4507.ingest.de.sentry.io")
    assert (sentry.sdk, sentry.region, sentry.country, sentry.role) == ("sentry", "EU", "DE", "crash")
    # the SDK's host without an entry, and hosts of no SDK: nothing made up
    for host in ("alog.umeng.com", "api.example.com", "eu.i.posthog.com.evil.example"):
        a = att(host)
        assert (a.region, a.role, a.country, a.country_source) == ("", "", "", ""), host


def test_geoip_overrides_the_kb_country_where_it_knows_the_address(tmp_path: Path) -> None:
    db = build_mmdb(tmp_path / "country.mmdb", {"198.51.100.0/24": {"country": {"iso_code": "US"}}})
    att = Attributor(load_kb(), app="com.example.shop", country=attribution.open_geoip(db))
    seen = att("eu.i.posthog.com", "198.51.100.7")
    assert (seen.country, seen.country_source, seen.region, seen.role) == ("US", "geoip", "EU", "ingest")
    unknown_ip = att("eu.i.posthog.com", "192.0.2.1")  # not in the database: the KB's country stands
    assert (unknown_ip.country, unknown_ip.country_source) == ("DE", "kb")
    no_ip = att("eu.i.posthog.com")
    assert (no_ip.country, no_ip.country_source) == ("DE", "kb")
    other = att("api.example.com", "198.51.100.9")
    assert (other.country, other.country_source, other.region) == ("US", "geoip", "")
