"""Vet one APK on a batch worker: run ``piflow check`` under its budgets and return a plain dict.

:func:`vet` takes and returns only JSON-like values, so any Dask worker can
run it and the client can store it without piflow types crossing the wire.
The result's ``status`` is ``ok``, ``over_budget`` (the scan's time or
memory budget ran out: ``doc`` holds what was found so far) or ``error``
(corrupt or hostile input, a crash: ``reason`` is the one-line message).

Budgets: the scan's own time and memory budgets stop the taint analysis
with partial results (:mod:`analyzer.taint`). A task still running at its
hard deadline (``kill_after_s``) is past saving: a watchdog reports it to
the scheduler and ends the worker process, which the Dask nanny restarts;
the client sees ``KilledWorker`` and records the APK as over budget by time.
The watchdog acts only on single-threaded workers (``threads_per_worker=1``,
what ``piflow batch`` starts), where the only task it can take down is its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import logging
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

from analyzer.common.memory import rss_mb
from analyzer.errors import PiflowError
from analyzer.kb.catalogue import KnowledgeBase, load_kb

log = logging.getLogger(__name__)

TIME_KILL_EVENT = "piflow-batch-time-kill"
"""Scheduler event topic the watchdog logs to before it ends its worker."""
START_EVENT = "piflow-batch-start"
"""Scheduler event topic a task logs to as it starts (a task killed before it is requeued, not failed)."""
EVENT_DELAY_S = 0.2
"""Seconds the watchdog waits, after logging its event, before it ends the worker."""
GC_AFTER_MB = 200.0
"""A task whose worker grew by more than this many MiB is followed by a full garbage collection."""
SOFT_MEMORY_SHARE = 0.85
"""Share of the worker's memory limit at which the scan stops its taint analysis (the nanny kills at 95 %)."""


@functools.lru_cache(maxsize=1)
def _kb() -> KnowledgeBase:
    return load_kb()


class _PeakRSS:
    """Samples this process's resident memory (MiB) in a thread while a task runs."""

    def __init__(self, interval_s: float = 0.05) -> None:
        self.start = self.peak = rss_mb()
        self._stop = threading.Event()
        self._interval = interval_s
        self._thread = threading.Thread(target=self._run, name="piflow-peak-rss", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> _PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def _single_threaded_worker() -> Any | None:
    """The Dask worker running this task when it has one thread, else None."""
    try:
        from distributed import get_worker  # only present on a Dask worker

        worker = get_worker()
    except (ImportError, ValueError):
        return None
    return worker if getattr(worker.state, "nthreads", 0) == 1 else None


def _watchdog(key: str, kill_after_s: float | None, finished: threading.Event) -> threading.Timer | None:
    if kill_after_s is None:
        return None
    worker = _single_threaded_worker()
    if worker is None:
        return None

    def fire() -> None:
        if finished.is_set():
            return
        with contextlib.suppress(Exception):
            worker.log_event(TIME_KILL_EVENT, {"key": key, "worker": worker.address,
                                               "kill_after_s": kill_after_s})
        if not finished.wait(EVENT_DELAY_S):  # the event reaches the scheduler; the task may still finish
            log.info("%s: past its hard deadline of %.3f s: ending this worker", key, kill_after_s)
            os._exit(75)

    timer = threading.Timer(kill_after_s, fire)
    timer.daemon = True
    timer.start()
    return timer


def _give_back_memory(grew_mb: float) -> None:
    if grew_mb > GC_AFTER_MB:  # a full collection costs ~65 ms: only after big APKs
        gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def warm() -> str:
    """Load what every task needs (the check modules and the knowledge base) before the first APK."""
    import analyzer.check.document
    import analyzer.check.run
    import analyzer.declaration.load  # noqa: F401

    _kb()
    return f"{socket.gethostname()}:{os.getpid()}"


def vet(job: dict[str, Any]) -> dict[str, Any]:
    """Check one APK. ``job``: ``key``, ``apk``, ``captures``, ``declaration``, ``time_budget_s``,
    ``memory_budget_mb`` (the scan's), ``kill_after_s`` (or None), ``lang``, ``checkpoint`` (or None:
    where the scan without taint is saved while the taint runs)."""
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check
    from analyzer.declaration.load import load_declaration

    with contextlib.suppress(Exception):  # no worker when called directly (tests)
        from distributed import get_worker

        get_worker().log_event(START_EVENT, {"key": job["key"]})
    started = time.time()
    t0, c0 = time.perf_counter(), time.process_time()
    out: dict[str, Any] = {"key": job["key"], "status": "error", "reason": "", "budget": "",
                           "doc": None, "worker": f"{socket.gethostname()}:{os.getpid()}", "started": started}
    finished = threading.Event()
    timer = _watchdog(job["key"], job.get("kill_after_s"), finished)
    try:
        with _PeakRSS() as peak:
            try:
                kb = _kb()
                decl = load_declaration(Path(job["declaration"]), kb) if job.get("declaration") else None
                ckpt = Path(job["checkpoint"]) if job.get("checkpoint") else None
                req = CheckRequest(target=Path(job["apk"]), captures=tuple(Path(c) for c in job["captures"]),
                                   lang=job.get("lang", "en"), budget_s=float(job["time_budget_s"]),
                                   max_memory_mb=float(job["memory_budget_mb"]), checkpoint=ckpt)
                try:
                    result = run_check(req, decl, kb)
                finally:  # only a killed process leaves it behind, for the client to use
                    if ckpt is not None:
                        ckpt.unlink(missing_ok=True)
                out["doc"] = to_json(result, req.lang)
                if result.partial:
                    out.update(status="over_budget", budget=result.partial,
                               reason="no code piflow reads (smali only): results are partial"
                               if result.partial == "no code"
                               else f"{result.partial} budget ran out: results are partial")
                else:
                    out["status"] = "ok"
                    if result.static_incomplete:  # a packed app: no verdict from its stub
                        out["reason"] = f"static evidence incomplete: {result.static_incomplete}"
            except PiflowError as e:
                out["reason"] = str(e).splitlines()[0] if str(e) else type(e).__name__
            except MemoryError:
                out.update(status="over_budget", budget="memory", reason="out of memory")
            except RecursionError:
                out["reason"] = "crash: recursion too deep"
            except Exception as e:  # a bug or a hostile input we did not foresee: the batch goes on
                out["reason"] = f"crash: {type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
    finally:
        finished.set()
        if timer is not None:
            timer.cancel()
    out["seconds"] = round(time.perf_counter() - t0, 3)
    out["cpu_seconds"] = round(time.process_time() - c0, 3)
    out["peak_rss_mb"] = round(peak.peak, 1)
    out["finished"] = time.time()
    _give_back_memory(peak.peak - peak.start)
    return out
