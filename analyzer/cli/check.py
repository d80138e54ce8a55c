"""``piflow check`` and ``piflow report``: the Order 24 verdict of an app, or a saved one re-rendered."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from analyzer.cli.group import APP, INPUT, OUTPUT, handle_errors, main, quiet_logs, stderr, write_output
from analyzer.errors import EXIT_FINDINGS, EXIT_OK
from analyzer.report.formats import CHECK_FORMATS, REPORT_FORMATS

Doc = dict[str, object]


def write_document(doc: Doc, fmt: str, output: Path | None) -> None:
    """A ``piflow.check/2`` document in ``fmt`` to ``output`` or stdout (drawn in colour on a terminal)."""
    from analyzer.report.formats import DRAWERS, render

    if output is None and fmt in DRAWERS:
        out = Console(highlight=False)
        if out.is_terminal:
            DRAWERS[fmt](doc, out)
            return
    write_output(render(doc, fmt), output)


_SEVERITIES = ["info", "low", "medium", "high", "critical", "none"]


@main.command()
@click.argument("target", required=False, type=APP)
@click.option("--capture", "captures", multiple=True, type=click.Path(path_type=Path),
              help="A capture: .mitm, HAR, observations.jsonl or a capture folder (repeatable).")
@click.option("--declaration", type=INPUT,
              help="What the app declares (YAML, docs/declaration.md).")
@click.option("--profile", type=INPUT,
              help="Device profile YAML (known PI values of the test phone).")
@click.option("--suppressions", type=INPUT,
              help="Accepted findings with reasons and expiry dates (YAML).")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default="none", show_default=True,
              help="Exit 1 when a finding at or above this severity remains.")
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS),
              default="table", show_default=True,
              help="table, json (piflow.check/2), sarif (2.1.0), markdown (PR comment) or html "
                   "(one self-contained file, best with -o report.html).")
@click.option("--graph", "graph_path", type=OUTPUT,
              help="Also write the joined graph (.json node-link, .graphml, .gexf or .dot).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True,
              help="Language of titles and messages.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write the report here instead of stdout.")
@click.option("--app-types", type=INPUT,
              help="Necessary-PI lists per app type (default policies/app-types.yaml).")
@click.option("--no-taint", is_flag=True, help="Scan the APK without the taint analysis (faster).")
@click.option("--budget", type=click.FloatRange(min=1.0), default=60.0, show_default=True,
              help="Seconds the APK scan may take.")
@click.option("--baseline", type=INPUT,
              help="Report only findings new against this baseline (`piflow baseline`) or check JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@handle_errors
def check(target: Path | None, captures: tuple[Path, ...], declaration: Path | None, profile: Path | None,
          suppressions: Path | None, fail_on: str, fmt: str, graph_path: Path | None, lang: str,
          output: Path | None, app_types: Path | None, no_taint: bool, budget: float,
          baseline: Path | None, quiet: bool) -> None:
    """Check an app against MIIT Order 24: TARGET (APK or saved scan), captures and a declaration."""
    from analyzer.check.document import to_json
    from analyzer.check.run import CHECK_STEPS, CheckRequest, run_check
    from analyzer.common.progress import Bars, scan_steps
    from analyzer.declaration.load import load_declaration
    from analyzer.model import Severity

    decl = load_declaration(declaration) if declaration is not None else None
    req = CheckRequest(target=target, captures=captures, profile=profile, suppressions=suppressions,
                       lang=lang, app_types=app_types, taint=not no_taint, budget_s=budget, baseline=baseline)
    quiet_logs(quiet)
    scanning = target is not None and target.suffix.lower() != ".json"
    with Bars(enabled=not quiet, console=stderr()) as bars:
        name = target.name if target is not None else "check"
        result = run_check(req, decl, progress=bars.job(name, CHECK_STEPS + (
            scan_steps(not no_taint) if scanning else 0)))
    if graph_path is not None:
        from analyzer.graph import build as graphmod

        graphmod.export(result.graph, graph_path)
    write_document(to_json(result, lang), fmt, output)
    threshold = None if fail_on == "none" else Severity(fail_on)
    sys.exit(EXIT_FINDINGS if result.failing(threshold) else EXIT_OK)


@main.command()
@click.argument("result_file", metavar="RESULT.json", type=INPUT)
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="markdown", show_default=True,
              help="Output format (graph formats export the joined graph).")
@click.option("-o", "--output", type=OUTPUT,
              help="Write here instead of stdout (created 0600).")
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors (report draws no progress).")
@handle_errors
def report(result_file: Path, fmt: str, output: Path | None, quiet: bool) -> None:
    """Render RESULT.json (saved by `piflow check --format json`) in another format."""
    from analyzer.check.readback import load_result

    write_document(load_result(result_file), fmt, output)
    sys.exit(EXIT_OK)
