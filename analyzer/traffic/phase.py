"""The consent-phase timeline of a capture: mark the current phase, read it live, replay it by time.

``piflow mark PHASE --out DIR`` and the mitmproxy command ``piflow.phase``
both call :func:`mark`, which replaces ``DIR/phase.json`` atomically (write a
temporary file, then ``os.replace``) and appends the mark to
``DIR/phases.jsonl``. The addon's :class:`PhaseWatcher` checks the state
file's modification stamp on every message (one ``stat``) and re-reads it
only when it changed, so a mark takes effect on the next message without any
mitmproxy UI. Offline, :func:`phase_at` turns the history into a lookup by
timestamp.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from analyzer.common.files import open_private, read_text
from analyzer.errors import InputError
from analyzer.traffic.model import Phase, finite

STATE = "phase.json"
HISTORY = "phases.jsonl"

log = logging.getLogger("piflow.phase")


def mark(out_dir: Path, phase: str, now: float | None = None) -> dict[str, object]:
    """Make ``phase`` current for the capture in ``out_dir``; returns the mark record."""
    try:
        p = Phase.parse(phase)
    except ValueError as e:
        raise InputError(str(e)) from None
    if p is Phase.UNMARKED:
        raise InputError("'unmarked' is not a phase one can mark")
    if not out_dir.is_dir():
        raise InputError(f"{out_dir}: no such capture folder")
    since = time.time() if now is None else now
    rec: dict[str, object] = {"record": "phase", "phase": p.value, "since": since}
    line = json.dumps(rec, allow_nan=False) + "\n"
    tmp = out_dir / f".{STATE}.{os.getpid()}.tmp"
    fd = open_private(tmp, "w")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(line)
    os.replace(tmp, out_dir / STATE)
    fd = open_private(out_dir / HISTORY, "a")
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line)
    return rec


class PhaseWatcher:
    """The current phase of a capture folder, re-read only when the state file changes."""

    def __init__(self, out_dir: Path | None, default: str = Phase.PRE_CONSENT.value) -> None:
        self.path = out_dir / STATE if out_dir is not None else None
        self.phase = default
        self.since = 0.0
        self._stamp: tuple[int, int] | None = None

    def set(self, phase: str, since: float) -> None:
        """Set the phase directly (the mitmproxy command does this as well as writing the file)."""
        self.phase, self.since = phase, since

    def current(self) -> str:
        """The phase now (a malformed or half-written state file keeps the last good phase)."""
        if self.path is None:
            return self.phase
        try:
            st = self.path.stat()
        except OSError:
            return self.phase
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                rec = json.loads(self.path.read_text(encoding="utf-8"))
                self.phase = Phase.parse(str(rec["phase"])).value
                self.since = finite(rec.get("since", 0.0), "since")
            except (OSError, ValueError, KeyError, TypeError) as e:
                log.warning("piflow: ignoring unreadable phase file %s (%s)", self.path, e)
        return self.phase


def history(out_dir: Path) -> list[tuple[float, str]]:
    """The marks recorded in ``out_dir`` (empty when there are none), oldest first."""
    path = out_dir / HISTORY
    if not path.exists():
        return []
    out = []
    for n, line in enumerate(read_text(path, "phase history").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append((finite(rec["since"], "since"), Phase.parse(str(rec["phase"])).value))
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}:{n}: not a phase record ({e})") from None
    return sorted(out)


def phase_at(marks: list[tuple[float, str]]) -> Callable[[float], str]:
    """Timestamp → the phase marked last before it (``unmarked`` before the first mark).

    >>> f = phase_at([(10.0, "pre-consent"), (20.0, "consent-given")])
    >>> f(5), f(15), f(25)
    ('unmarked', 'pre-consent', 'consent-given')
    """
    times = [t for t, _ in marks]

    def at(ts: float) -> str:
        i = bisect.bisect_right(times, ts)
        return marks[i - 1][1] if i else Phase.UNMARKED.value

    return at
