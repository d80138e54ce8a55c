"""Mask PI values for display: keep a few characters at each end, hide the middle.

Observations carry masked excerpts unless the user asked for values
(``--show-values``); endpoints get long digit and hex runs masked too.
"""

from __future__ import annotations

import re


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


_LONG_RUN = re.compile(r"[0-9A-Fa-f]{7,}|\d{6,}|[^/]*@[^/]*")


def mask_endpoint(endpoint: str, show: bool = False) -> str:
    """An endpoint with long digit/hex runs and e-mail-like segments in the path masked."""
    if show:
        return endpoint
    head, sep, path = endpoint.partition("://")
    host, slash, rest = path.partition("/")
    return head + sep + host + slash + _LONG_RUN.sub(lambda m: mask(m.group(0)), rest)
