"""Turn one side of ``piflow diff`` or ``piflow baseline`` (APK, scan, check JSON, baseline) into a snapshot.

An APK or a scan saved with ``piflow scan --format json`` is checked here
(with the captures and declaration given for that side); a ``piflow.check/N``
document or a ``piflow.baseline/1`` file is read as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.check.snapshot import Snapshot, snapshot_from_check, snapshot_from_doc
from analyzer.common.files import read_json
from analyzer.declaration.model import Declaration
from analyzer.errors import InputError
from analyzer.kb.catalogue import KnowledgeBase

"""Largest saved result read (a check document with its graph is far smaller)."""


@dataclass(frozen=True)
class Operand:
    """One side of a diff and the evidence to check it with."""

    path: Path
    captures: tuple[Path, ...] = ()
    profile: Path | None = None
    declaration: Declaration | None = None
    taint: bool = True
    budget_s: float = 60.0


def _is_json(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    if path.is_dir():  # an apktool-decoded app
        return False
    with path.open("rb") as fh:
        return fh.read(64).lstrip()[:1] == b"{"


def steps(op: Operand) -> int:
    """How many steps checking ``op`` reports (a saved scan skips the scan's own)."""
    from analyzer.check.run import CHECK_STEPS
    from analyzer.common.progress import scan_steps

    return CHECK_STEPS + (0 if _is_json(op.path) else scan_steps(op.taint))


def check_doc(
    op: Operand, kb: KnowledgeBase, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Run ``piflow check`` on an APK or saved scan and return its JSON document."""
    from analyzer.check.document import to_json
    from analyzer.check.run import CheckRequest, run_check

    req = CheckRequest(target=op.path, captures=op.captures, profile=op.profile, taint=op.taint,
                       budget_s=op.budget_s)
    return to_json(run_check(req, op.declaration, kb, progress=progress), "en")


def read_saved(op: Operand) -> Snapshot | None:
    """The snapshot of a side that is a check result or baseline; None for one to check (APK, saved scan).

    Cheap, so a command can reject a bad side before it scans the other.
    Captures given for a saved result are an error; a declaration or profile
    (given for both sides) is simply not used for it.
    """
    path = op.path
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        if (path / "AndroidManifest.xml").is_file():
            return None  # an apktool-decoded app: checked like an APK
        raise InputError(f"{path}: is a folder without AndroidManifest.xml, not an app or result file")
    if not _is_json(path):
        return None
    doc = read_json(path)
    if isinstance(doc, dict) and doc.get("schema") == "piflow.scan/1":
        return None
    if op.captures:
        raise InputError(f"{path}: captures apply to an APK or saved scan, not to a check result or baseline")
    return snapshot_from_doc(doc, str(path))


def checked_snapshot(
    op: Operand, kb: KnowledgeBase, progress: Callable[[str], None] | None = None
) -> Snapshot:
    """The snapshot of an APK or saved scan, checked here with the side's evidence."""
    return snapshot_from_check(check_doc(op, kb, progress), str(op.path))
