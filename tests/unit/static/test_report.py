"""The scan table: taint paths are listed with both call sites and the methods between them."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console

from analyzer.kb.catalogue import load_kb
from analyzer.static.report import render_scan
from analyzer.static.scan import scan_apk
from tests.conftest import sample_apk


def _table(app: str, taint: bool) -> str:
    buf = io.StringIO()
    render_scan(scan_apk(sample_apk(app), taint=taint), load_kb(), Console(file=buf, width=400))
    return buf.getvalue()


def test_taint_paths_are_listed_with_source_path_and_sink() -> None:
    out = _table("shop", True)
    rows = out.split("Taint paths: PI reaching a sink", 1)[1]
    oaid = next(line for line in rows.splitlines() if "device.oaid" in line)
    # the OAID from the MSA callback reaches logcat in the listener: source and sink call sites both shown
    assert "IdSupplier.getOAID" in oaid and "log: android.util.Log.i" in oaid
    assert "OaidListener.OnSupport" in oaid
    assert any("device.serial" in line and "android.os.Build.SERIAL" in line for line in rows.splitlines())


def test_no_taint_no_paths_table() -> None:
    assert "Taint paths" not in _table("shop", False)


def test_an_app_without_leaks_says_so() -> None:
    r = scan_apk(sample_apk("notes"), taint=True)
    buf = io.StringIO()
    render_scan(replace(r, leaks=[]), load_kb(), Console(file=buf, width=400))  # the note's write left out
    out = buf.getvalue()
    assert "Taint paths" not in out and "no PI reaches a catalogued sink" in out
