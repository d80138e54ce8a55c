"""Read a Flutter AOT snapshot (``libapp.so``) by its strings: URLs and the plugin channels it names.

Dart code compiled ahead of time keeps its string literals in the snapshot's
object pool; the printable runs of the library (:func:`analyzer.apk.native.
library_strings`) hold them. This is strings only: no call graph, no data flow;
a channel name says a plugin that reads PI is linked in and called by name, not
that the app uses the value. The channel's owner is that of the Java class
opening it (:mod:`analyzer.static.hybrid.natives`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analyzer.static.hybrid.bridges import Channel
from analyzer.static.hybrid.js import URL_RE


@dataclass(frozen=True)
class DartFacts:
    """What the strings of one snapshot name."""

    file: str
    channels: tuple[Channel, ...]
    urls: tuple[tuple[str, str, str], ...]
    """(url, host, scheme)."""


def read_snapshot(file: str, strings: Iterable[str], channels: Iterable[Channel]) -> DartFacts:
    """The channels and URLs among a snapshot's strings."""
    strings = frozenset(strings)
    found = tuple(c for c in channels if c.name in strings)
    urls: dict[tuple[str, str, str], None] = {}
    for s in sorted(strings):
        if "://" not in s:
            continue
        for m in URL_RE.finditer(s):
            urls[(m.group(0), m.group(2).lower().rstrip("."), m.group(1)[:-3])] = None
    return DartFacts(file, found, tuple(urls))
