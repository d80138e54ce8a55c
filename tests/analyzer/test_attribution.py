"""Attribution: registrable domains from the bundled suffix list (no network), party, SDK, company."""

from __future__ import annotations

import socket

import pytest

from analyzer import attribution
from analyzer.attribution import Attributor, registrable_domain
from analyzer.errors import InputError
from analyzer.kb import load_kb


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


def test_geoip_needs_optional_library(tmp_path: object) -> None:
    try:
        import maxminddb  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        with pytest.raises(InputError, match="maxminddb"):
            attribution.open_geoip(tmp_path)  # type: ignore[arg-type]
    else:  # pragma: no cover - only where the user installed it
        with pytest.raises(InputError):
            attribution.open_geoip(tmp_path)  # type: ignore[arg-type]
