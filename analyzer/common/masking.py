"""Mask PI values for display: keep a few characters at each end, hide the middle.

Observations carry masked excerpts unless the user asked for values
(``--show-values``). Endpoints and host names are masked too: the values
detected in the same message wherever they occur (as they are or
percent-encoded), and what looks like PI anyway (long digit and hex runs,
phone numbers with separators, e-mail addresses also as ``%40``,
percent-encoded names, a device id as a subdomain).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus


def mask(value: str, show: bool = False) -> str:
    """``value`` with its middle hidden (2–3 characters kept at each end), unless ``show``.

    >>> mask("490154203237518")
    '490*********518'
    >>> mask("abcd")
    'a***'
    """
    if show:
        return value[:200]
    n = len(value)
    if n <= 6:
        return value[:1] + "*" * min(max(n - 1, 3), 8)
    keep = 2 if n < 12 else 3
    return value[:keep] + "*" * min(n - 2 * keep, 24) + value[-keep:]


_LONG_RUN = re.compile(
    r"[^/]*(?:@|%40)[^/]*"                       # an e-mail-like segment (also percent-encoded)
    r"|(?:%[0-9A-Fa-f]{2}){2,}"                   # percent-encoded bytes: names in other scripts
    r"|\+?\d(?:[-. ]|%20|\d){5,}\d"                # digit runs, also with separators (138-0013-8000)
    r"|[0-9A-Fa-f]{7,}")                         # long hex runs (ids, hashes)
_HOST_LABEL = re.compile(r"[^.]*\d(?:[-]?\d){6,}[^.]*|[0-9A-Fa-f]{16,}")


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span masked (overlapping spans merged).

    >>> mask_spans("id-490154203237518-x", [(3, 18)])
    'id-490*********518-x'
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [text[pos:start], mask(text[start:end])]
        pos = end
    return "".join(out) + text[pos:]


def value_spans(text: str, values: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``values`` (as they are, percent-encoded, in either case) occur in ``text``."""
    low = text.lower()
    spans = []
    for v in values:
        if len(v) < 4:
            continue
        for spelling in {v, quote(v, safe=""), quote_plus(v, safe="")}:
            needle = spelling.lower()
            start = low.find(needle)
            while start >= 0:
                spans.append((start, start + len(needle)))
                start = low.find(needle, start + 1)
    return spans


def mask_endpoint(endpoint: str, show: bool = False, values: Iterable[str] = ()) -> str:
    """An endpoint with the PI in its path and host masked: ``values`` found in the message, and
    what looks like PI anyway (long digit and hex runs, e-mails, percent-encoded names).

    >>> mask_endpoint("https://868001234567890.t.example.com/u/li%40example.com/p")
    'https://868*********890.t.example.com/u/li%**********com/p'
    """
    if show:
        return endpoint
    head, sep, path = endpoint.partition("://")
    host, slash, rest = path.partition("/")
    rest = mask_spans(rest, value_spans(rest, values))
    return head + sep + mask_host(host, values=values) + slash + _LONG_RUN.sub(_keep_masked, rest)


def _keep_masked(m: re.Match[str]) -> str:
    return m.group(0) if "*" in m.group(0) else mask(m.group(0))


def mask_host(host: str, show: bool = False, values: Iterable[str] = ()) -> str:
    """A host name with labels that carry PI masked (a device id as a subdomain), the rest as it is.

    >>> mask_host("868001234567890.t.example.com"), mask_host("api.example.com")
    ('868*********890.t.example.com', 'api.example.com')
    """
    if show:
        return host
    host = mask_spans(host, value_spans(host, values))
    labels = host.split(".")
    return ".".join(lab if "*" in lab or not _HOST_LABEL.fullmatch(lab) else mask(lab) for lab in labels)
