"""The batch results store: a SQLite schema (docs/batch-schema.md), its one writer and its readers.

One process writes (the ``piflow batch`` client); each APK's rows go in one
transaction, so a client killed at any moment leaves every APK either fully
stored or absent, and a re-run vets exactly the absent ones. The database
runs in WAL mode (readers never block the writer) and is created 0600 with
its folder 0700: it holds what the apps collect and where they send it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer import __version__
from analyzer.common.files import open_private
from analyzer.errors import InputError

STORE_NAME = "piflow-batch.sqlite"
SCHEMA_VERSION = 1
STATUSES = ("ok", "over_budget", "error")
VERDICT_SEVERITIES = {"medium", "high", "critical"}
"""A finding at one of these severities makes the app's verdict ``fail``."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS apps (
    id INTEGER PRIMARY KEY,
    package TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    app_id INTEGER NOT NULL REFERENCES apps(id),
    version_name TEXT NOT NULL DEFAULT '',
    version_code TEXT NOT NULL DEFAULT '',
    UNIQUE (app_id, version_name, version_code)
);
CREATE TABLE IF NOT EXISTS scans (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    version_id INTEGER REFERENCES versions(id),
    apk_path TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'over_budget', 'error')),
    reason TEXT NOT NULL DEFAULT '',
    budget TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'incomplete', 'error')),
    started REAL,
    finished REAL,
    seconds REAL,
    cpu_seconds REAL,
    peak_rss_mb REAL,
    worker TEXT NOT NULL DEFAULT '',
    time_budget_s REAL NOT NULL,
    memory_budget_mb REAL NOT NULL,
    piflow_version TEXT NOT NULL,
    stored REAL NOT NULL,
    doc TEXT
);
CREATE TABLE IF NOT EXISTS pi_types (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    pi TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (scan_id, pi)
);
CREATE TABLE IF NOT EXISTS flows (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    pi TEXT NOT NULL,
    host TEXT NOT NULL,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    phases TEXT NOT NULL,
    cleartext INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sdks (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    sdk TEXT NOT NULL,
    name TEXT NOT NULL,
    company TEXT NOT NULL,
    reachable INTEGER NOT NULL,
    PRIMARY KEY (scan_id, sdk)
);
CREATE TABLE IF NOT EXISTS hosts (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    host TEXT NOT NULL,
    third_party INTEGER NOT NULL,
    PRIMARY KEY (scan_id, host)
);
CREATE TABLE IF NOT EXISTS findings (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    severity TEXT NOT NULL,
    confidence TEXT NOT NULL,
    article TEXT NOT NULL,
    subject TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_scan ON findings (scan_id);
CREATE INDEX IF NOT EXISTS flows_scan ON flows (scan_id);
"""


@dataclass(frozen=True)
class Facts:
    """The rows one check document gives the child tables."""

    package: str
    version_name: str
    version_code: str
    pi_types: dict[str, str]
    """PI type → ``code``, ``traffic`` or ``code+traffic``."""
    sdks: list[tuple[str, str, str, bool]]
    hosts: dict[str, bool]
    """Host → whether a third party receives what goes to it."""


def facts_of(doc: dict[str, Any]) -> Facts:
    """What the store keeps of a ``piflow.check/2`` document's graph."""
    graph = doc.get("graph") or {"nodes": [], "edges": []}
    nodes = {n["id"]: n for n in graph["nodes"]}
    app: dict[str, Any] = next((n for n in graph["nodes"] if n.get("kind") == "app"), {})
    seen: dict[str, set[str]] = {}
    third: dict[str, bool] = {n["id"][5:]: False for n in graph["nodes"] if n["id"].startswith("host:")}
    sdks: dict[str, tuple[str, str, str, bool]] = {}
    for e in graph["edges"]:
        kind, src, dst = e.get("kind"), e["source"], e["target"]
        code = kind in ("accesses", "accesses_before_consent")
        if code and dst.startswith("pi:") and e.get("reachable", True):
            seen.setdefault(dst[3:], set()).add("code")
        elif kind == "sent" and src.startswith("pi:"):
            seen.setdefault(src[3:], set()).add("traffic")
        if dst.startswith("host:") and (src.startswith("sdk:") or e.get("party") == "third"):
            third[dst[5:]] = True
        if src.startswith("pi:") and dst.startswith("host:") and e.get("party") == "third":
            third[dst[5:]] = True
        if kind == "bundles" and dst.startswith("sdk:"):
            n = nodes.get(dst, {})
            sdks[dst[4:]] = (dst[4:], str(n.get("label", dst[4:])), str(n.get("company", "")),
                             bool(e.get("reachable", False)))
    for f in doc.get("flows", []):
        if str(f.get("owner", "")).startswith("sdk:"):
            third[f["host"]] = True
    return Facts(
        package=str(app.get("label", "") or doc.get("app", "")),
        version_name=str(app.get("version", "") or ""),
        version_code=str(app.get("version_code", "") or ""),
        pi_types={p: "+".join(sorted(ev)) for p, ev in sorted(seen.items())},
        sdks=[sdks[k] for k in sorted(sdks)],
        hosts=dict(sorted(third.items())),
    )


def _static_incomplete(doc: dict[str, Any]) -> bool:
    """Whether a check document's graph says its static evidence is incomplete (a packed app)."""
    graph = doc.get("graph")
    attrs = graph.get("graph") if isinstance(graph, dict) else None
    return isinstance(attrs, dict) and bool(attrs.get("static_incomplete"))


def verdict(status: str, doc: dict[str, Any] | None) -> str:
    """``fail`` (a finding at medium or above), ``pass``, ``incomplete`` (over budget, or packed: the
    static evidence is incomplete, none) or ``error``."""
    if status == "error":
        return "error"
    if doc and any(f["severity"] in VERDICT_SEVERITIES for f in doc.get("findings", [])):
        return "fail"
    return "pass" if status == "ok" and not (doc and _static_incomplete(doc)) else "incomplete"


def store_path(path: Path) -> Path:
    """The database file of a store given as the file or its folder."""
    return path / STORE_NAME if path.is_dir() else path


class Store:
    """The one writer of a batch store (also usable to read it)."""

    def __init__(self, path: Path, create: bool = True) -> None:
        """Open the store at ``path`` (a folder means its ``piflow-batch.sqlite``), creating it if asked."""
        path = store_path(path)
        if create:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                os.close(open_private(path, "a"))
        elif not path.is_file():
            raise InputError(f"{path}: no such batch store")
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30.0)
            self.db.execute("PRAGMA foreign_keys = ON")
            if create:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")  # durable across a killed process in WAL mode
                self.db.executescript(_SCHEMA)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            elif self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                raise InputError(f"{path}: not a piflow batch store (schema version)")
            self.db.execute("SELECT count(*) FROM scans").fetchone()
        except sqlite3.DatabaseError as e:
            raise InputError(f"{path}: not a piflow batch store ({e})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def done(self, retry: bool = False) -> set[str]:
        """SHA-256 of the APKs already stored (with ``retry``, only those that came out ``ok``)."""
        q = "SELECT sha256 FROM scans" + (" WHERE status = 'ok'" if retry else "")
        return {r[0] for r in self.db.execute(q)}

    def _id(self, insert: str, select: str, args: tuple[Any, ...]) -> int:
        self.db.execute(insert, args)
        return int(self.db.execute(select, args).fetchone()[0])

    def write(self, sha256: str, apk: Path, size: int, budgets: tuple[float, float],
              result: dict[str, Any]) -> None:
        """Store one APK's result (replacing an earlier one for the same SHA-256) in one transaction."""
        doc = result.get("doc")
        status = result["status"]
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        facts = facts_of(doc) if doc else None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM scans WHERE sha256 = ?", (sha256,))
            version_id = None
            if facts and facts.package:
                app_id = self._id("INSERT OR IGNORE INTO apps (package) VALUES (?)",
                                  "SELECT id FROM apps WHERE package = ?", (facts.package,))
                version_id = self._id(
                    "INSERT OR IGNORE INTO versions (app_id, version_name, version_code) VALUES (?, ?, ?)",
                    "SELECT id FROM versions WHERE app_id = ? AND version_name = ? AND version_code = ?",
                    (app_id, facts.version_name, facts.version_code))
            cur = db.execute(
                "INSERT INTO scans (sha256, version_id, apk_path, size, status, reason, budget, verdict,"
                " started, finished, seconds, cpu_seconds, peak_rss_mb, worker, time_budget_s,"
                " memory_budget_mb, piflow_version, stored, doc)"
                f" VALUES ({', '.join('?' * 19)})",
                (sha256, version_id, str(apk), size, status, result.get("reason", ""),
                 result.get("budget", ""), verdict(status, doc), result.get("started"),
                 result.get("finished"), result.get("seconds"), result.get("cpu_seconds"),
                 result.get("peak_rss_mb"),
                 result.get("worker", ""), budgets[0], budgets[1], __version__, time.time(),
                 json.dumps(doc, ensure_ascii=False, allow_nan=False) if doc else None))
            scan_id = cur.lastrowid
            if facts and doc:
                db.executemany("INSERT INTO pi_types VALUES (?, ?, ?)",
                               [(scan_id, p, ev) for p, ev in facts.pi_types.items()])
                db.executemany("INSERT INTO sdks VALUES (?, ?, ?, ?, ?)",
                               [(scan_id, *s) for s in facts.sdks])
                db.executemany("INSERT INTO hosts VALUES (?, ?, ?)",
                               [(scan_id, h, int(t)) for h, t in facts.hosts.items()])
                db.executemany("INSERT INTO flows VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(scan_id, f["pi"], f["host"], f["owner"], f["status"],
                                 json.dumps(f.get("phases", []), allow_nan=False),
                                 int(bool(f.get("cleartext"))))
                                for f in doc.get("flows", [])])
                db.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(scan_id, f["rule"], f["fingerprint"], f["severity"], f["confidence"],
                                 f["order24"]["article"], f["subject"], f["message"])
                                for f in doc.get("findings", [])])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def rows(self, query: str, args: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
        """Rows of a read query, as mappings."""
        cur = self.db.cursor()
        cur.row_factory = sqlite3.Row
        yield from cur.execute(query, args)

    def find(self, ref: str) -> sqlite3.Row:
        """The latest scan of a package name, or the scan of a SHA-256 (or a unique prefix of one)."""
        q = ("SELECT s.*, a.package, v.version_name, v.version_code FROM scans s"
             " LEFT JOIN versions v ON v.id = s.version_id LEFT JOIN apps a ON a.id = v.app_id ")
        found = list(self.rows(q + "WHERE a.package = ? ORDER BY s.stored DESC LIMIT 1", (ref,)))
        if not found and len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower()):
            found = list(self.rows(q + "WHERE s.sha256 LIKE ? LIMIT 2", (ref.lower() + "%",)))
            if len(found) > 1:
                raise InputError(f"{ref}: more than one scan has this SHA-256 prefix")
        if not found:
            raise InputError(f"{ref}: no app or SHA-256 of that name in {self.path}")
        return found[0]
