"""``piflow diff`` and ``piflow baseline``: what a build adds, drops or changes against a saved state.

Exit statuses of ``diff``: 0 no gate failed (or none asked), 1 the
``--fail-on`` gate failed (or the new side is packed: its static evidence is
incomplete), 2 bad input, 3 a bug.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from analyzer.cli.group import INPUT, OUTPUT, handle_errors, main, output_to, quiet_logs, write_output
from analyzer.diff.compare import FAIL_ON
from analyzer.errors import EXIT_FINDINGS, EXIT_OK, InputError


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--capture-old", multiple=True, type=click.Path(path_type=Path),
              help="A capture for OLD (repeatable; OLD an APK or saved scan).")
@click.option("--capture-new", multiple=True, type=click.Path(path_type=Path),
              help="A capture for NEW (repeatable; NEW an APK or saved scan).")
@click.option("--declaration", type=INPUT,
              help="A declaration (YAML) for the sides that are APKs or saved scans.")
@click.option("--profile", type=INPUT, help="Device profile YAML for .mitm/HAR captures.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=OUTPUT, help="Write the diff here instead of stdout (created 0600).")
@click.option("--fail-on", type=click.Choice(["none", *FAIL_ON]), default="none", show_default=True,
              help="Exit 1 when NEW adds a finding (or raises one's severity) at or above this level.")
@click.option("--no-taint", is_flag=True, help="Scan APKs without the taint analysis (faster).")
@click.option("--budget", type=click.FloatRange(min=1.0), default=60.0, show_default=True,
              help="Seconds each APK scan may take.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@handle_errors
def diff(old: Path, new: Path, capture_old: tuple[Path, ...], capture_new: tuple[Path, ...],
         declaration: Path | None, profile: Path | None, fmt: str, output: Path | None, fail_on: str,
         no_taint: bool, budget: float, quiet: bool) -> None:
    """What NEW adds, drops or changes against OLD (each an APK, saved scan, check JSON or baseline).

    Exit status: 0 the gate passed (or none was asked), 1 the --fail-on gate failed, 2 bad input, 3 a bug.
    """
    from analyzer.common.progress import Bars
    from analyzer.declaration.load import load_declaration
    from analyzer.diff.compare import diff as diff_snapshots
    from analyzer.diff.operand import Operand, checked_snapshot, read_saved, steps
    from analyzer.diff.report import FORMATTERS, DiffReport
    from analyzer.kb.catalogue import load_kb

    quiet_logs(quiet)
    kb = load_kb()
    decl = load_declaration(declaration, kb) if declaration is not None else None
    sides = [Operand(p, caps, profile, decl, not no_taint, budget)
             for p, caps in ((old, capture_old), (new, capture_new))]
    saved = [read_saved(op) for op in sides]  # bad files fail before anything is scanned
    if (declaration is not None or profile is not None) and all(s is not None for s in saved):
        raise InputError("--declaration and --profile need an APK or saved scan on one side "
                         "(check results and baselines are compared as they are)")
    with Bars(enabled=not quiet) as bars:
        old_snap, new_snap = (
            snap if snap is not None else checked_snapshot(
                op, kb, bars.job(op.path.name, steps(op)))
            for op, snap in zip(sides, saved, strict=True)
        )
    if old_snap.app and new_snap.app and old_snap.app != new_snap.app:
        logging.getLogger("piflow").warning("comparing two different apps: %s and %s", old_snap.app,
                                            new_snap.app)
    for side, snap in (("old", old_snap), ("new", new_snap)):
        if snap.incomplete:  # a packed build: what it lacks is unseen, not gone
            logging.getLogger("piflow").warning(
                "the %s side's static evidence is incomplete (%s): its static items are unknown, not gone",
                side, snap.incomplete)
    gate = None if fail_on == "none" else fail_on
    rep = DiffReport(diff_snapshots(old_snap, new_snap), str(old), str(new), gate)
    with output_to(output) as fh:
        FORMATTERS[fmt](rep, fh)
    # a gate cannot pass a new build whose code it could not read
    failed = rep.diff.gate_failures(gate) or (gate is not None and bool(new_snap.incomplete))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command("baseline")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--capture", "captures", multiple=True, type=click.Path(path_type=Path),
              help="A capture (repeatable; TARGET an APK or saved scan).")
@click.option("--declaration", type=INPUT, help="What the app declares (YAML).")
@click.option("--profile", type=INPUT, help="Device profile YAML for .mitm/HAR captures.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write the baseline here (e.g. piflow-baseline.json, created 0600) instead of stdout.")
@click.option("--no-taint", is_flag=True, help="Scan the APK without the taint analysis (faster).")
@click.option("--budget", type=click.FloatRange(min=1.0), default=60.0, show_default=True,
              help="Seconds the APK scan may take.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@handle_errors
def baseline(target: Path, captures: tuple[Path, ...], declaration: Path | None, profile: Path | None,
             output: Path | None, no_taint: bool, budget: float, quiet: bool) -> None:
    """Write a baseline of TARGET (APK, saved scan or check JSON) for `piflow check --baseline`/`diff`."""
    from analyzer.check.snapshot import baseline_doc
    from analyzer.common.progress import Bars
    from analyzer.declaration.load import load_declaration
    from analyzer.diff.operand import Operand, checked_snapshot, read_saved, steps
    from analyzer.kb.catalogue import load_kb

    quiet_logs(quiet)
    kb = load_kb()
    decl = load_declaration(declaration, kb) if declaration is not None else None
    op = Operand(target, captures, profile, decl, not no_taint, budget)
    snap = read_saved(op)
    if snap is not None and (declaration is not None or profile is not None):
        raise InputError(f"{target}: --declaration and --profile need an APK or saved scan")
    if snap is None:
        with Bars(enabled=not quiet) as bars:
            snap = checked_snapshot(op, kb, bars.job(target.name, steps(op)))
    doc = baseline_doc(snap)
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
    write_output(text, output)
    sys.exit(EXIT_OK)
