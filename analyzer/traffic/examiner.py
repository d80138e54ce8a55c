"""Examine live messages in order on a background thread, so the proxy's event loop never waits for detection.

mitmproxy runs every addon hook on its one event loop: a hook that takes a
second holds every connection through the proxy for that second. The addon
therefore only snapshots a message on the loop (its body cut to the body
limit, a copy) and hands detection to an :class:`Examiner`, whose single
thread works through the messages in arrival order. The flows themselves go
on at once; the observations follow a moment later.

The backlog is bounded: the bodies waiting hold at most ``max_bytes`` and at
most ``max_jobs`` messages wait. A message that does not fit is refused
(:meth:`Examiner.submit` returns False) and the caller decides what to keep
of it (the addon examines its URL and headers without the body, and records
that the body was not examined), so memory stays bounded however fast an app
sends and nothing is dropped without a record.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

log = logging.getLogger("piflow.examiner")

DEFAULT_BACKLOG_BYTES = 256 * 1024 * 1024
DEFAULT_BACKLOG_JOBS = 50_000


class Examiner:
    """One daemon thread running submitted jobs in order, with a bounded backlog."""

    def __init__(self, max_bytes: int = DEFAULT_BACKLOG_BYTES, max_jobs: int = DEFAULT_BACKLOG_JOBS,
                 name: str = "piflow-examiner") -> None:
        self.max_bytes, self.max_jobs, self.name = max_bytes, max_jobs, name
        self._queue: queue.SimpleQueue[tuple[Callable[[], None], int] | None] = queue.SimpleQueue()
        self._cond = threading.Condition()
        self._bytes = 0
        self._jobs = 0
        self._thread: threading.Thread | None = None
        self.refused = 0
        """Jobs refused because the backlog was full."""
        self.failed = 0
        """Jobs that raised (logged with their traceback; the thread goes on)."""

    def submit(self, job: Callable[[], None], size: int = 0) -> bool:
        """Queue ``job`` (holding ``size`` bytes until it has run); False if the backlog has no room."""
        with self._cond:
            if self._jobs >= self.max_jobs or (size and self._bytes + size > self.max_bytes):
                self.refused += 1
                return False
            self._bytes += size
            self._jobs += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name=self.name, daemon=True)
                self._thread.start()
        self._queue.put((job, size))
        return True

    def backlog(self) -> tuple[int, int]:
        """Jobs waiting or running, and the bytes they hold."""
        with self._cond:
            return self._jobs, self._bytes

    def settle(self, timeout: float | None = None) -> bool:
        """Wait until every job submitted so far has run; False if ``timeout`` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._jobs:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float | None = None) -> bool:
        """Run what is queued, then stop the thread; False if ``timeout`` seconds passed first."""
        done = self.settle(timeout)
        with self._cond:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(0 if not done else timeout)
        return done

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job, size = item
            try:
                job()
            except Exception:  # a bug in one job must not end the examination of the others
                self.failed += 1
                log.exception("piflow: examining a message failed; the others go on")
            finally:
                with self._cond:
                    self._bytes -= size
                    self._jobs -= 1
                    self._cond.notify_all()
