"""``piflow batch report``: one stored APK's scan row and check document, as JSON, a table or HTML.

HTML is offered when :mod:`analyzer.report.html.render` is installed (it renders
the stored ``piflow.check/2`` document); this module does not depend on it.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections.abc import Callable
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from analyzer.errors import InputError

REPORT_SCHEMA = "piflow.batch-report/1"
_META = ("sha256", "apk_path", "size", "status", "reason", "budget", "verdict", "seconds", "peak_rss_mb",
         "worker", "time_budget_s", "memory_budget_mb", "piflow_version", "started", "finished")


def to_dict(row: sqlite3.Row) -> dict[str, Any]:
    """The ``piflow.batch-report/1`` document: the scan's row and its ``piflow.check/2`` doc (or None)."""
    keys = row.keys()
    scan = {k: row[k] for k in _META if k in keys}
    scan.update(package=row["package"] or "", version_name=row["version_name"] or "",
                version_code=row["version_code"] or "")
    return {"schema": REPORT_SCHEMA, "scan": scan, "check": json.loads(row["doc"]) if row["doc"] else None}


def _json(doc: dict[str, Any], fh: IO[str] | None) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if fh is None:
        print(text, end="")
    else:
        fh.write(text)


def _table(doc: dict[str, Any], fh: IO[str] | None) -> None:
    out = Console(file=fh, width=140, highlight=False) if fh is not None else Console(highlight=False)
    if fh is None and not out.is_terminal:
        out = Console(highlight=False, width=140)
    s = doc["scan"]
    out.print(f"[bold]{escape(s['package'] or s['apk_path'])}[/bold] {escape(s['version_name'])}  "
              f"status: {s['status']}  verdict: {s['verdict']}  sha256: {s['sha256'][:16]}…")
    if s["reason"]:
        out.print(f"reason: {escape(s['reason'])}")
    out.print(f"{s['seconds']} s, peak {s['peak_rss_mb']} MB (budgets {s['time_budget_s']:g} s, "
              f"{s['memory_budget_mb']:g} MB)")
    check = doc["check"]
    if check is None:
        return
    for w in check.get("warnings", []):
        out.print(f"[yellow]warning:[/yellow] {escape(w)}")
    if check["flows"]:
        t = Table(title="PI flows")
        for col in ("PI", "host", "owner", "status"):
            t.add_column(col)
        for f in check["flows"]:
            t.add_row(*(escape(str(f[k])) for k in ("pi", "host", "owner", "status")))
        out.print(t)
    t = Table(title="Findings", show_lines=True)
    for col in ("article", "severity", "rule", "finding"):
        t.add_column(col, overflow="fold")
    for f in check["findings"]:
        t.add_row(escape(f["order24"]["article"]), f["severity"], escape(f["rule"]), escape(f["message"]))
    out.print(t if check["findings"] else "no findings")


def _html(doc: dict[str, Any], fh: IO[str] | None) -> None:
    from analyzer.report.html import render as html_report  # type: ignore[attr-defined,unused-ignore]

    check = doc["check"]
    if check is None:
        raise InputError(f"{doc['scan']['sha256'][:16]}: status {doc['scan']['status']}, "
                         "no check document to render as HTML")
    text = html_report.render_html(check, check.get("lang", "en"))
    if fh is None:
        print(text, end="")
    else:
        fh.write(text)


FORMATTERS: dict[str, Callable[[dict[str, Any], IO[str] | None], None]] = {"json": _json, "table": _table}
if importlib.util.find_spec("analyzer.report.html.render") is not None:
    FORMATTERS["html"] = _html
