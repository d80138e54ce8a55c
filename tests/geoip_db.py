"""Build tiny MaxMind-format (.mmdb) GeoIP databases for tests with mmdb-writer (a pinned dev dependency)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mmdb_writer import MMDBWriter
from netaddr import IPSet


def build_mmdb(path: Path, networks: dict[str, dict[str, Any]]) -> Path:
    """Write a GeoLite2-Country-shaped database (IPv6 tree, IPv4 mapped, as MaxMind ships it) to ``path``.

    ``networks`` maps a CIDR to its record, e.g. ``{"1.2.3.0/24": {"country": {"iso_code": "CN"}}}``.
    """
    w = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type="GeoLite2-Country",
                   languages=["en"], description={"en": "piflow test database"})
    for cidr, record in networks.items():
        w.insert_network(IPSet([cidr]), record)
    w.to_db_file(str(path))
    return path
