"""Run a batch on Dask: start (or join) the cluster, submit one task per new APK, store each result.

The only module that imports ``dask``/``distributed``. By default it starts a
``LocalCluster`` of single-threaded worker processes bound to 127.0.0.1
(dashboard off), each under a nanny that restarts it past 95 % of the memory
budget; the scheduler lets no task retry on another worker
(``allowed-failures: 0``). The client keeps two tasks per worker thread in
flight (the next APK waits on the worker, so no slot idles for a round trip);
a dead worker's task that had not started (it logs a start event) is
submitted again, so a dead worker takes down only the APK it was vetting,
which comes back as ``KilledWorker`` and is stored as over budget (the
nanny's ``worker-restart-memory`` event or the watchdog's time event says
which budget) or, with neither event, as an error (a crash). With
``scheduler`` the same tasks go to an existing cluster, unchanged; its
own retry and memory settings then apply, and the APK paths must be
readable by its workers.

The client process is the store's one writer. It submits the largest APKs
first (:class:`_Queue`), hashing each as its turn comes, and only those
whose SHA-256 the store does not hold.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.batch.inputs import Item, sha256_of
from analyzer.batch.store import STORE_NAME, Store
from analyzer.batch.task import SOFT_MEMORY_SHARE, START_EVENT, TIME_KILL_EVENT, vet, warm
from analyzer.errors import InputError

log = logging.getLogger(__name__)

KILL_FACTOR = 1.5
"""A task still running at ``KILL_FACTOR`` × its time budget + the grace is ended with its worker."""
MEMORY_EVENT = "worker-restart-memory"
CHECKPOINT_MIN_BYTES = 1 << 20
"""APKs from this size on save their scan without taint before the taint analysis (local clusters)."""
PARTIAL_DIR = "partial"
"""Folder under ``--out`` for the scans without taint that local workers save while the taint runs."""
PREFETCH = 2
"""Tasks in flight per worker thread."""
MAX_REQUEUE = 3
"""Times a task lost unstarted with a dead worker is sent again."""


@dataclass(frozen=True)
class BatchOptions:
    """How ``piflow batch`` was asked to run."""

    out: Path
    """Folder of the SQLite store (created 0700)."""
    workers: int = 2
    """Worker processes of the local cluster."""
    scheduler: str | None = None
    """Address of an existing Dask scheduler (no local cluster then)."""
    time_budget_s: float = 60.0
    """Seconds per APK; past them the scan's results are partial."""
    memory_budget_mb: float = 2048.0
    """Resident MB of a worker process per APK; the nanny restarts a worker past 95 % of it."""
    kill_grace_s: float = 5.0
    """Seconds past ``KILL_FACTOR`` × the time budget before a task is ended with its worker."""
    lang: str = "en"
    """Language of the stored check documents."""
    retry: bool = False
    """Vet again APKs stored with status ``error`` or ``over_budget``."""


@dataclass
class Tally:
    """How far a batch has got."""

    total: int = 0
    """APKs named by the inputs (each SHA-256 once)."""
    skipped: int = 0
    """Already in the store."""
    done: int = 0
    """Stored with status ``ok`` in this run."""
    failed: int = 0
    """Stored with status ``error``."""
    over_budget: int = 0
    """Stored with status ``over_budget``."""
    started: float = field(default_factory=time.perf_counter)

    @property
    def finished(self) -> int:
        return self.done + self.failed + self.over_budget

    @property
    def remaining(self) -> int:
        return self.total - self.skipped - self.finished

    @property
    def per_minute(self) -> float:
        elapsed = time.perf_counter() - self.started
        return 60.0 * self.finished / elapsed if elapsed > 0 else 0.0


@dataclass(frozen=True)
class _Job:
    sha256: str
    item: Item
    size: int
    time_budget_s: float
    memory_budget_mb: float
    attempt: int = 0
    """Times it was sent to a worker that died before starting it."""

    def checkpoint(self, opts: BatchOptions) -> Path:
        """Where a local worker saves this APK's scan without taint while the taint runs."""
        return opts.out / PARTIAL_DIR / f"{self.sha256}.scan.json"

    def payload(self, opts: BatchOptions, kill: bool) -> dict[str, Any]:
        soft = self.memory_budget_mb if self.memory_budget_mb < opts.memory_budget_mb \
            else opts.memory_budget_mb * SOFT_MEMORY_SHARE
        return {
            "key": task_key(self.sha256) + (f"-{self.attempt}" if self.attempt else ""),
            "apk": str(self.item.apk.resolve()),
            "captures": [str(c.resolve()) for c in self.item.captures],
            "declaration": str(self.item.declaration.resolve()) if self.item.declaration else None,
            "time_budget_s": self.time_budget_s,
            "memory_budget_mb": soft,
            "kill_after_s": KILL_FACTOR * self.time_budget_s + opts.kill_grace_s if kill else None,
            "lang": opts.lang,
            # local workers only, and only for APKs big enough that a kill is plausible and the JSON
            # write is small beside the scan
            "checkpoint": str(self.checkpoint(opts).resolve()) if kill and self.size >= CHECKPOINT_MIN_BYTES
            else None,
        }


def _size(path: Path) -> int:
    """Bytes of an app file, or of the files of a decoded folder."""
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return path.stat().st_size


def task_key(sha256: str) -> str:
    """The Dask key of an APK's task."""
    return f"piflow-vet-{sha256}"


class _Queue:
    """The APKs still to vet, largest first, each hashed only when its turn comes.

    Largest first is a longest-job-first schedule (file size standing in for
    scan time): a big APK left to the end would keep one worker busy while
    the others idle. Hashing on the way, not before the first task, lets
    the workers start at once on thousands of APKs; an APK whose SHA-256
    the store holds (or that an earlier input named) is counted and passed.
    """

    def __init__(self, items: list[Item], store: Store, opts: BatchOptions, tally: Tally) -> None:
        self._done = store.done(retry=opts.retry)
        self._opts, self._tally = opts, tally
        self._seen: set[str] = set()
        self._again: list[_Job] = []
        paths: dict[Path, Item] = {}
        for item in items:
            paths.setdefault(item.apk.resolve(), item)
        try:
            sized = [(_size(p), str(p), item) for p, item in paths.items()]
        except OSError as e:
            raise InputError(f"{e.filename}: cannot read ({e.strerror or type(e).__name__})") from None
        self._todo = sorted(sized, key=lambda t: (t[0], t[1]))  # pop() takes the largest
        tally.total = len(self._todo)

    def __bool__(self) -> bool:
        return bool(self._again or self._todo)

    def push(self, job: _Job) -> None:
        """Give ``job`` back: it is the next to go."""
        self._again.append(job)

    def again(self, job: _Job) -> None:
        """Send ``job`` again next (its worker died before starting it)."""
        self.push(dataclasses.replace(job, attempt=job.attempt + 1))

    def pop(self) -> _Job | None:
        """The next APK to vet, or None when none is left."""
        if self._again:
            return self._again.pop()
        while self._todo:
            size, _, item = self._todo.pop()
            sha = sha256_of(item.apk)
            if sha in self._seen:  # the same APK under another path: one task, counted once
                self._tally.total -= 1
                continue
            self._seen.add(sha)
            if sha in self._done:
                self._tally.skipped += 1
                continue
            tb = item.time_budget or self._opts.time_budget_s
            mb = min(item.memory_budget or self._opts.memory_budget_mb, self._opts.memory_budget_mb)
            return _Job(sha, item, size, tb, mb)
        return None


@contextmanager
def _client(opts: BatchOptions) -> Iterator[tuple[Any, bool]]:
    """A Dask client, and whether its workers are ours (single-threaded, so the watchdog may end them)."""
    import dask
    from distributed import Client, LocalCluster

    if opts.scheduler:
        try:
            client = Client(opts.scheduler, timeout="3s")
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(f"cannot connect to the Dask scheduler at {opts.scheduler}: "
                             f"{type(e).__name__}") from None
        try:
            yield client, False
        finally:
            client.close()
        return
    settings = {
        "distributed.scheduler.allowed-failures": 0,
        "distributed.worker.memory.target": False,
        "distributed.worker.memory.spill": False,
        "distributed.worker.memory.pause": False,
        "distributed.worker.memory.terminate": 0.95,
        "distributed.admin.system-monitor.gil.enabled": False,
    }
    if log.getEffectiveLevel() > logging.INFO:  # the scheduler runs here; what it logs is in the store
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
    with dask.config.set(settings):
        cluster = LocalCluster(n_workers=opts.workers, threads_per_worker=1, processes=True,
                               memory_limit=f"{opts.memory_budget_mb}MiB", host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.CRITICAL,
                               # no dashboard; the scheduler's health routes on a free local port
                               scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
        client = Client(cluster)
        try:
            yield client, True
        finally:
            client.close()
            cluster.close()


def _events(client: Any, topic: str) -> list[dict[str, Any]]:
    try:
        return [msg for _, msg in client.get_events(topic) if isinstance(msg, dict)]
    except Exception:  # an old scheduler without events: treat as none
        return []


def _started(client: Any, key: str) -> bool:
    return any(e.get("key") == key for e in _events(client, START_EVENT))


def _killed(client: Any, job: _Job, key: str, worker: str, opts: BatchOptions) -> dict[str, Any]:
    """The result of a task whose worker died, from the scheduler's events."""
    deadline = time.monotonic() + 2.0
    while True:
        if any(e.get("key") == key for e in _events(client, TIME_KILL_EVENT)):
            after = KILL_FACTOR * job.time_budget_s + opts.kill_grace_s
            return {"status": "over_budget", "budget": "time",
                    "reason": f"still running {after:.3g} s after start (time budget "
                              f"{job.time_budget_s:g} s): worker ended and restarted, nothing kept"}
        restarts = [e for e in _events(client, MEMORY_EVENT) if e.get("worker") == worker]
        if restarts:
            rss = restarts[-1].get("rss")
            return {"status": "over_budget", "budget": "memory",
                    "peak_rss_mb": round(rss / (1 << 20), 1) if isinstance(rss, int) else None,
                    "reason": f"worker past its memory budget of {opts.memory_budget_mb:g} MB: "
                              "restarted by the nanny, nothing kept"}
        if time.monotonic() > deadline:
            return {"status": "error", "reason": "crash: the worker process died while vetting it"}
        time.sleep(0.2)


def _keep_checkpoint(job: _Job, opts: BatchOptions, result: dict[str, Any]) -> None:
    """What a killed worker had found before the taint analysis: its saved scan, checked here."""
    ckpt = job.checkpoint(opts)
    if not ckpt.exists():
        return
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check
    from analyzer.declaration.load import load_declaration

    try:
        decl = load_declaration(job.item.declaration) if job.item.declaration else None
        req = CheckRequest(target=ckpt, captures=job.item.captures, lang=opts.lang)
        result["doc"] = to_json(run_check(req, decl), opts.lang)
        result["reason"] = str(result["reason"]).replace(
            "nothing kept", "kept what the scan found before the taint analysis")
    except Exception as e:  # a half-written checkpoint: keep the row without a document
        log.warning("%s: checkpoint not usable (%s)", job.item.apk, type(e).__name__)
    finally:
        ckpt.unlink(missing_ok=True)


def run_batch(items: list[Item], opts: BatchOptions,
              on_progress: Callable[[Tally], None] | None = None) -> Tally:
    """Vet ``items`` into the store at ``opts.out``; returns the final tally."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    notify = on_progress or (lambda _t: None)
    if opts.out.exists() and not opts.out.is_dir():
        raise InputError(f"{opts.out}: --out must be a folder")
    opts.out.mkdir(mode=0o700, parents=True, exist_ok=True)
    with Store(opts.out / STORE_NAME) as store:
        tally = Tally()
        queue = _Queue(items, store, opts, tally)
        first = queue.pop()  # hashes up to the first APK the store lacks: none, no cluster
        notify(tally)
        if first is None:
            return tally
        queue.push(first)
        with _client(opts) as (client, ours):
            if ours:
                (opts.out / PARTIAL_DIR).mkdir(mode=0o700, exist_ok=True)
                client.run(warm)  # imports and the knowledge base, in every worker at once
            by_key: dict[str, _Job] = {}
            running = as_completed(with_results=True, raise_errors=False)  # results fetched as tasks end

            def refill() -> None:
                # two tasks per worker thread in flight: the next one waits on the worker
                slots = PREFETCH * max(1, sum(client.nthreads().values()))  # a --scheduler's cluster may grow
                while running.count() < slots and (job := queue.pop()) is not None:
                    payload = job.payload(opts, kill=ours)
                    by_key[payload["key"]] = job
                    running.add(client.submit(vet, payload, key=payload["key"], pure=False, retries=0))

            tally.started = time.perf_counter()
            refill()
            while running.count():
                fut, got = next(running)
                refill()  # the freed worker gets its next APK before this result is stored
                job = by_key.pop(fut.key)
                try:
                    exc = fut.exception() if fut.status in ("error", "cancelled") else None
                except BaseException as e:  # a cancelled future raises its CancelledError
                    exc = e
                lost = isinstance(exc, KilledWorker) and not _started(client, fut.key)
                if lost and job.attempt < MAX_REQUEUE:
                    fut.release()  # queued on a worker that died: not this APK's fault, send it again
                    queue.again(job)
                    refill()
                    continue
                if isinstance(exc, KilledWorker):
                    result = _killed(client, job, fut.key, exc.last_worker.address, opts)
                    if result["status"] == "over_budget":
                        _keep_checkpoint(job, opts, result)
                elif exc is not None or not isinstance(got, dict):  # could not run at all (lost, cancelled)
                    result = {"status": "error", "reason": f"crash: {type(exc).__name__}: {str(exc)[:200]}"}
                else:
                    result = got
                fut.release()
                store.write(job.sha256, job.item.apk, job.size, (job.time_budget_s, job.memory_budget_mb),
                            result)
                tally.done += result["status"] == "ok"
                tally.failed += result["status"] == "error"
                tally.over_budget += result["status"] == "over_budget"
                notify(tally)
    return tally
