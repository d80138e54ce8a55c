"""Decide which scalars of a message deserve a leaf: telling keys, known-value spellings, PI-like shapes.

The leaf walk (:mod:`analyzer.traffic.decode`) asks these questions for every scalar
of every body, so each is a set or dict lookup or one precompiled regex. They
over-approximate: a scalar kept here is only a candidate, the detectors
(:mod:`analyzer.traffic.detect`) decide; a scalar dropped here can hold no PI shape,
no spelling of a known value and no nested structure that could.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

# No look-arounds: they make Python's regex engine try every alternative at every position.
_PI_LIKE = re.compile(r"\d{11}|\d[ -]\d{4}[ -]\d{4}|[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-]"
                      r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}|\d\.\d{3}|@")
_NESTED = r"%[0-9A-Fa-f]{2}|^\s*[\[{]|=[^&]*&"  # escapes, JSON, a form
_WORTH = re.compile(f"{_PI_LIKE.pattern}|{_NESTED}")  # one search instead of two
_B64_ONLY = re.compile(r"(?=[^G-Zg-z+/_-]*[G-Zg-z+/_-])[A-Za-z0-9+/_-]{16,}={0,2}")  # not hex, not digits


def digits_pi_like(v: str) -> bool:
    """Could all-digit ``v`` be a phone, IMEI/IMSI, resident ID, bank card or ICCID (length, prefix)?

    >>> digits_pi_like("13812345678"), digits_pi_like("1700000000000")
    (True, False)
    """
    n = len(v)
    return ((n == 11 and v[0] == "1" and v[1] > "2") or n == 15 or (n == 18 and "1" <= v[0] <= "8")
            or (16 <= n <= 19 and (v[0] in "2345" or v[:2] == "62")) or (n in (19, 20) and v[:2] == "89"))


def interesting(v: str) -> bool:
    """Could ``v`` be PI, or hide some (JSON, a form, escapes, base64)? Cheap: called for every scalar.

    >>> interesting("page_view"), interesting("a=1&b=2"), interesting("mac 02:00:00:00:00:00")
    (False, True, True)
    """
    if v.isdigit():
        return digits_pi_like(v)
    if len(v) < 7:
        return False
    return _WORTH.search(v) is not None or (len(v) >= 16 and _B64_ONLY.fullmatch(v) is not None)


def pi_number(v: int) -> bool:
    """Whether a JSON integer has a PI length: 11 digits (phone) or 15-20 (IMEI, IMSI, card, ICCID)."""
    return 10**10 <= v < 10**11 or 10**14 <= v < 10**20


@dataclass(frozen=True, slots=True)
class Focus:
    """Which scalars deserve a leaf: telling keys, known-value spellings, PI-like shapes, nested structure."""

    telling: Callable[[str], bool]
    """Whether a key name says PI."""
    known: Callable[[str], bool] | None = None
    """Whether a text holds a spelling of a known value (None: the message holds none)."""
    exact: frozenset[str] = frozenset()
    """Top-level JSON scalars (decoded) that the first pass saw a known-value spelling in."""
    complete: bool = True
    """Whether :attr:`exact` holds every such scalar (else top-level JSON is searched like the rest)."""

    def wants(self, key: str, text: str) -> bool:
        """Keep (key, text)?"""
        if (key and self.telling(key)) or text in self.exact:
            return True
        if self.known is not None and self.known(text):
            return True
        if text.isdigit():
            return digits_pi_like(text)
        return _PI_LIKE.search(text) is not None

    def descend(self, key: str, text: str) -> bool:
        """Worth unwrapping (:meth:`wants`, or it may hide JSON, a form, escapes, base64)?"""
        return self.wants(key, text) or interesting(text)

    def wants_number(self, key: str, v: float) -> bool:
        """Keep a JSON number? Only 11- and 15–20-digit integers have PI shapes (phones, IMEIs, cards)."""
        if self.telling(key):
            return True
        if type(v) is int and pi_number(v):
            return True
        if not self.exact and self.known is None:
            return False
        text = str(v)
        return text in self.exact or (self.known is not None and self.known(text))

    def exact_numbers(self) -> frozenset[float]:
        """:attr:`exact` scalars that read as numbers, as numbers (so a walk need not ``str()`` each)."""
        out: set[float] = set()
        for x in self.exact:
            try:  # int first: a 19-digit ICCID does not survive a float
                out.add(int(x))
            except ValueError:
                try:
                    out.add(float(x))
                except ValueError:
                    continue
        return frozenset(out)


class TellingKeys(dict[str, bool]):
    """key -> whether it is telling, filled on first sight (``get`` and ``[]`` stay C calls).

    Classifying a new key name costs microseconds; a hostile body of a hundred thousand distinct
    keys stops being classified at ``deadline`` (``time.perf_counter()``), its keys then count as
    not telling.
    """

    def __init__(self, telling: Callable[[str], bool], deadline: float = float("inf")) -> None:
        super().__init__()
        self.telling = telling
        self.deadline = deadline
        self.misses = 0

    def __missing__(self, key: str) -> bool:
        self.misses += 1
        if self.misses % 64 == 0 and time.perf_counter() > self.deadline:
            self.deadline = float("-inf")
        if self.deadline == float("-inf"):
            return False
        hit = self[key] = self.telling(key)
        return hit
