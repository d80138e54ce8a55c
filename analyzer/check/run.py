"""The pipeline behind ``piflow check``: evidence in, joined graph, rule pack, suppressions, verdict out.

Inputs are any of an APK (scanned here, with taint analysis) or a saved scan,
captures (``.mitm``, HAR, ``observations.jsonl`` or capture folders, with the
phase marks beside them) and a declaration (loaded by the caller). At least
one is needed; rules whose evidence is absent come back as not evaluated.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

from analyzer.check.snapshot import Snapshot, new_findings, snapshot_from_doc
from analyzer.declaration.model import Declaration
from analyzer.errors import InputError
from analyzer.graph import join
from analyzer.kb.catalogue import KnowledgeBase, load_kb
from analyzer.model import Finding, Severity
from analyzer.rules.pack import Pack, Report, evaluate, load_pack
from analyzer.rules.suppress import Suppression, apply, load_suppressions
from analyzer.static.scan import ScanResult
from analyzer.traffic.model import Observation
from analyzer.traffic.phase import history


@dataclass(frozen=True)
class CheckRequest:
    """What ``piflow check`` was asked to do."""

    target: Path | None = None
    """An APK, or a scan saved with ``piflow scan --format json``."""
    captures: tuple[Path, ...] = ()
    """Capture files or folders."""
    profile: Path | None = None
    """Device profile for known-value detection in ``.mitm``/HAR captures."""
    suppressions: Path | None = None
    """Suppression file."""
    lang: str = "en"
    """Language of messages: ``zh`` or ``en``."""
    app_types: Path | None = None
    """Necessary-PI lists per app type (default ``policies/app-types.yaml``)."""
    pack: Path | None = None
    """Rule pack folder (default ``policies/cn-miit-order24``)."""
    taint: bool = True
    """Run the taint analysis when scanning an APK."""
    budget_s: float = 60.0
    """Time budget of the scan."""
    max_memory_mb: float | None = None
    """Memory budget of the scan (resident MiB; default that of :func:`analyzer.static.scan.scan_apk`)."""
    today: datetime.date | None = None
    """The date suppressions expire against (default: today)."""
    baseline: Path | None = None
    """A baseline (``piflow baseline``) or earlier check JSON: report only findings new against it."""
    checkpoint: Path | None = None
    """With taint: save the scan without taint here (0600) before the taint analysis starts, for a
    batch to keep what was found should the process be killed."""


@dataclass(frozen=True)
class CheckResult:
    """The verdict and everything behind it."""

    graph: nx.MultiDiGraph
    pack: Pack
    report: Report
    findings: tuple[Finding, ...]
    """Findings not suppressed."""
    suppressed: tuple[tuple[Finding, Suppression], ...] = ()
    expired: tuple[Suppression, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    target: Path | None = None
    """The APK or saved scan checked (SARIF names it as the artifact)."""
    captures: tuple[Path, ...] = ()
    """The captures given."""
    partial: str = ""
    """The scan budget that ran out (``time`` or ``memory``): its results are partial; empty when complete."""
    input_format: str = ""
    """What the target was (``apk``, ``apks``, ``xapk``, ``aab``, ``decoded``); empty without a target."""
    splits: tuple[str, ...] = ()
    """The splits or bundle modules read as the one app checked (empty for a plain APK)."""

    @property
    def static_incomplete(self) -> str:
        """Why the scan's static evidence is incomplete (a packer hides the code); empty when it is not."""
        return str(self.graph.graph.get("static_incomplete", ""))

    def failing(self, fail_on: Severity | None) -> bool:
        """Whether some unsuppressed finding is at or above ``fail_on``, or, with a threshold, the
        static evidence is incomplete (a packed app: no finding is no pass, a gate must not let it by)."""
        if fail_on is None:
            return False
        return bool(self.static_incomplete) or any(f.severity >= fail_on for f in self.findings)


def _static(
    target: Path, kb: KnowledgeBase, req: CheckRequest, progress: Callable[[str], None] | None = None
) -> ScanResult:
    if not target.exists():
        raise InputError(f"{target}: no such file")
    if target.suffix.lower() == ".json":
        from analyzer.static.serialize import load_scan

        return load_scan(target)
    from analyzer.static.scan import scan_apk

    extra: dict[str, Any] = {}
    if req.max_memory_mb is not None:
        extra["max_memory_mb"] = req.max_memory_mb
    if req.checkpoint is not None:
        extra["checkpoint"] = partial(_save_checkpoint, req.checkpoint)
    return scan_apk(target, kb, progress=progress, taint=req.taint, budget_s=req.budget_s, **extra)


def _save_checkpoint(path: Path, result: ScanResult) -> None:
    """The scan without taint, saved (0600) where ``CheckRequest.checkpoint`` says."""
    from analyzer.common.files import write_private
    from analyzer.static.serialize import scan_to_dict

    write_private(path, json.dumps(scan_to_dict(result), ensure_ascii=False, allow_nan=False))


def _traffic(
    req: CheckRequest, package: str, first_party: tuple[str, ...]
) -> tuple[list[Observation], set[str]]:
    from analyzer.traffic.offline import OfflineSpec, extract

    spec = OfflineSpec(captures=req.captures, profile=req.profile, app=package, first_party=first_party)
    obs, _unseen = extract(spec)
    marked: set[str] = set()
    for c in req.captures:
        marked.update(p for _, p in history(c if c.is_dir() else c.parent))
    return obs, marked


CHECK_STEPS = 3
"""Steps ``run_check`` reports to ``progress`` beyond the scan's own (captures, join, rules)."""


def _baseline(path: Path) -> Snapshot:
    from analyzer.common.files import read_json

    return snapshot_from_doc(read_json(path), str(path))


def run_check(
    req: CheckRequest,
    declaration: Declaration | None = None,
    kb: KnowledgeBase | None = None,
    progress: Callable[[str], None] | None = None,
) -> CheckResult:
    """Build the joined graph from the request's evidence and run the pack on it.

    ``progress`` is told each step by name (the scan's steps, then reading
    captures, joining, rules), for a progress bar.
    """
    step = progress or (lambda _msg: None)
    if req.target is None and not req.captures and declaration is None:
        raise InputError("nothing to check: give an APK or saved scan, --capture or --declaration")
    kb = kb or load_kb()
    pack = load_pack(req.pack)
    entries = load_suppressions(req.suppressions) if req.suppressions else []
    base = _baseline(req.baseline) if req.baseline is not None else None
    scan = _static(req.target, kb, req, progress) if req.target is not None else None
    package = (
        scan.app.package if scan else (declaration.package if declaration and declaration.package else "")
    )
    obs: list[Observation] | None = None
    phases: set[str] = set()
    step("reading captures")
    if req.captures:
        obs, phases = _traffic(req, package, declaration.first_party_domains if declaration else ())
    step("joining evidence")
    g = join.build(kb, scan, obs, declaration, phases, package, req.app_types)
    g.graph["profile"] = req.profile is not None or any(o.detector.startswith("profile:") for o in obs or ())
    step("running rules")
    report = evaluate(pack, g, req.lang, kb)
    kept, hidden, expired = apply(report.findings, entries, req.today)
    known: list[Finding] = []
    if base is not None:
        kept, known = new_findings(kept, base)
    warnings = list(scan.warnings) if scan else []
    warnings += [
        f"suppression for {s.rule or s.fingerprint} {s.subject} expired on {s.expires}: "
        "it no longer suppresses"
        for s in expired
    ]
    if req.baseline is not None:
        warnings.append(f"baseline {req.baseline.name}: {len(known)} finding(s) already in it left out")
    partial = scan.stats.partial_reason if scan and scan.stats.partial else ""
    return CheckResult(g, pack, report, tuple(kept), tuple(hidden), tuple(expired), tuple(warnings),
                       req.target, tuple(req.captures), partial,
                       scan.input_format if scan else "", scan.splits if scan else ())
