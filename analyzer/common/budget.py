"""The time and memory one scan may use, checked in the loop of every phase.

A :class:`Budget` is made once per scan from ``--budget`` and
``--max-memory``; every phase that walks the app's code (reading classes,
reachability, PI access, endpoints, security facts, the pre-consent window,
unresolved calls) calls :meth:`Budget.tick` once per class or method, and
every 256 ticks the clock and the resident memory are read. Past either
limit, :class:`OverBudget` ends the phase; the scan then returns what it
has, marked partial with the phase that was cut. The taint analysis gets
what is left of the time (:meth:`Budget.remaining`) and stops itself.

>>> b = Budget(60.0, None)
>>> for _ in range(1000): b.tick()
>>> Budget(0.0, None).check()
Traceback (most recent call last):
  ...
analyzer.common.budget.OverBudget: time
"""

from __future__ import annotations

import time
from collections.abc import Callable

from analyzer.common.memory import rss_mb


class OverBudget(Exception):
    """The scan's time or memory budget ran out (``kind``: ``time`` or ``memory``)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class Budget:
    """A wall-clock deadline and a resident-memory ceiling (MiB; None for none)."""

    __slots__ = ("_count", "deadline", "max_rss_mb")

    EVERY = 256
    """Ticks between two real checks (a tick is cheap; a check reads the clock and /proc)."""

    def __init__(self, seconds: float, max_rss_mb: float | None) -> None:
        self.deadline = time.monotonic() + seconds
        self.max_rss_mb = max_rss_mb
        self._count = 0

    def tick(self) -> None:
        """Count one unit of work; every :data:`EVERY` units, :meth:`check`."""
        self._count += 1
        if self._count >= self.EVERY:
            self._count = 0
            self.check()

    def check(self) -> None:
        """Raise :class:`OverBudget` when the deadline has passed or memory is over its ceiling."""
        if time.monotonic() > self.deadline:
            raise OverBudget("time")
        if self.max_rss_mb is not None and rss_mb() > self.max_rss_mb:
            raise OverBudget("memory")

    def remaining(self) -> float:
        """Seconds left (0 when none)."""
        return max(0.0, self.deadline - time.monotonic())


def ticker(budget: Budget | None) -> Callable[[], None]:
    """``budget.tick``, or a function that does nothing when there is no budget."""
    return budget.tick if budget is not None else _nothing


def _nothing() -> None:
    return None
