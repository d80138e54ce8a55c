"""Write and read a capture's observations as JSON Lines (``piflow.traffic/1``), files created 0600.

Each line is one record: ``capture`` (a header: schema, start time, profile,
app), ``phase`` (a mark), ``observation`` or ``not_inspected``. Readers
refuse malformed lines with the file and line number.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from analyzer.common.files import open_private
from analyzer.errors import InputError
from analyzer.traffic.model import SCHEMA, NotInspected, Observation

OBSERVATIONS = "observations.jsonl"
FLOWS = "flows.mitm"
MAX_RECORD = 1 << 20
"""Bytes of one JSONL record read at most (an observation is a few hundred)."""


class ObservationWriter:
    """Appends records to a JSONL file opened 0600; flushes every record (a crash loses nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: TextIO | None = os.fdopen(open_private(path, "a"), "a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        """Append one record."""
        line = json.dumps(record, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n"
        with self._lock:
            if self._fh is not None:
                self._fh.write(line)
                self._fh.flush()

    def header(self, **info: Any) -> None:
        """Write the capture header record."""
        self.write({"record": "capture", "schema": SCHEMA, **info})

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None


Record = Observation | NotInspected | dict[str, Any]


def read_records(path: Path) -> Iterator[Record]:
    """Observations, not-inspected records and other records (as dicts) from a JSONL file."""
    try:
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    with fh:
        for n, raw in enumerate(iter(lambda: fh.readline(MAX_RECORD + 1), b""), 1):
            if len(raw) > MAX_RECORD:
                raise InputError(f"{path}:{n}: a record over {MAX_RECORD} bytes is no piflow observation")
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
                if not isinstance(rec, dict):
                    raise ValueError("not an object")
                kind = rec.get("record")
                if kind == "observation":
                    yield Observation.from_dict(rec)
                elif kind == "not_inspected":
                    yield NotInspected.from_dict(rec)
                elif kind in ("capture", "phase"):
                    if kind == "capture" and rec.get("schema") != SCHEMA:
                        raise ValueError(f"schema {rec.get('schema')!r}, expected {SCHEMA!r}")
                    yield rec
                else:
                    raise ValueError(f"unknown record kind {kind!r}")
            except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as e:
                raise InputError(f"{path}:{n}: not a piflow observation record ({str(e)[:100]})") from None
