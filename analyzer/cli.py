"""The ``piflow`` command line: one small function per command, exit codes in one place.

Results go to stdout (or ``--output``); progress and logs go to stderr.
Exit statuses are documented in :mod:`analyzer.errors` and README.md.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from analyzer import __version__
from analyzer.errors import EXIT_INTERNAL, EXIT_OK, PiflowError
from analyzer.report_formats import REPORT_FORMATS

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("piflow")


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _quiet(quiet: bool) -> None:
    """``-q``: only errors are logged (progress bars are off where a command has them)."""
    if quiet:
        logging.getLogger().setLevel(logging.ERROR)


def handle_errors(fn: F) -> F:
    """Turn piflow errors into a one-line message and their exit status; anything else is a bug (3)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PiflowError as e:
            click.echo(f"piflow: error: {e}", err=True)
            sys.exit(e.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("piflow: interrupted", err=True)
            sys.exit(130)
        except MemoryError:
            click.echo("piflow: error: out of memory", err=True)
            sys.exit(EXIT_INTERNAL)
        except Exception as e:  # a bug: one line unless asked for the traceback
            if os.environ.get("PIFLOW_DEBUG"):
                raise
            click.echo(f"piflow: internal error: {type(e).__name__}: {str(e)[:200]} "
                       "(set PIFLOW_DEBUG=1 for the traceback)", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="piflow")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """Which personal information an Android app collects and sends, to whom, and which rules it breaks."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="piflow: %(levelname)s: %(message)s")


@main.command()
@click.argument("apk", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Summary format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the summary here instead of stdout.")
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the flow graph (.json node-link, .graphml, .gexf or .dot).")
@click.option("--sites", is_flag=True, help="List every call site in the table output.")
@click.option("--taint", is_flag=True,
              help="Also follow PI to sinks (taint paths; slower on large apps).")
@click.option("--budget", type=click.FloatRange(min=1.0), default=60.0, show_default=True,
              help="Seconds the scan may take; past it, the taint results are marked partial.")
@click.option("--max-memory", "max_memory", type=click.FloatRange(min=1.0), default=4096.0,
              show_default=True,
              help="Resident MB the scan may use; past it, the taint results are marked partial.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@handle_errors
def scan(apk: Path, fmt: str, output: Path | None, graph_path: Path | None, sites: bool,
         taint: bool, budget: float, max_memory: float, quiet: bool) -> None:
    """Scan APK: the PI its code can reach, through which APIs and classes, and its SDKs."""
    from analyzer import graph as graphmod
    from analyzer.console import render_scan
    from analyzer.kb import load_kb
    from analyzer.progress import Bars, scan_steps
    from analyzer.scan import scan_apk
    from analyzer.serialize import scan_to_dict

    _quiet(quiet)
    kb = load_kb()
    with Bars(enabled=not quiet, console=_stderr()) as bars:
        result = scan_apk(apk, kb, progress=bars.job(apk.name, scan_steps(taint)),
                          taint=taint, budget_s=budget, max_memory_mb=max_memory)
    if graph_path is not None:
        graphmod.export(graphmod.from_scan(result, kb), graph_path)
    if fmt == "json":
        text = json.dumps(scan_to_dict(result), ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
    else:
        if output:
            with output.open("w", encoding="utf-8") as fh:
                render_scan(result, kb, Console(file=fh, width=120, highlight=False), verbose=sites)
        else:
            out = Console(highlight=False)
            if not out.is_terminal:
                out = Console(highlight=False, width=120)
            render_scan(result, kb, out, verbose=sites)
    sys.exit(EXIT_OK)


# ---------------------------------------------------------------------------
# Traffic
# ---------------------------------------------------------------------------


@main.command(context_settings={"ignore_unknown_options": False})
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Device profile YAML (known PI values of the test phone).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Capture folder (created 0700; files in it 0600).")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Proxy port.")
@click.option("--listen-host", default="127.0.0.1", show_default=True, help="Proxy address.")
@click.option("--app", default="", help="Package name of the app under test (first/third party).")
@click.option("--first-party", multiple=True, help="A domain the app's publisher operates (repeatable).")
@click.option("--phase", default="pre-consent", show_default=True, help="Consent phase at start.")
@click.option("--confdir", type=click.Path(file_okay=False, path_type=Path),
              help="mitmproxy configuration folder holding the CA (default ~/.mitmproxy).")
@click.option("--show-values", is_flag=True, help="Write PI values unmasked (the file stays 0600).")
@click.option("--geoip", type=click.Path(dir_okay=False, path_type=Path),
              help="MaxMind-format GeoIP database (.mmdb) for server countries.")
@click.option("-q", "--quiet", is_flag=True, help="No set-up instructions or warnings on stderr.")
@click.argument("mitmdump_args", nargs=-1, type=click.UNPROCESSED)
@handle_errors
def capture(profile: Path | None, out: Path, port: int, listen_host: str, app: str,
            first_party: tuple[str, ...], phase: str, confdir: Path | None, show_values: bool,
            geoip: Path | None, quiet: bool, mitmdump_args: tuple[str, ...]) -> None:
    """Capture traffic through mitmdump with the piflow addon (extra mitmdump options after --)."""
    from analyzer.capture import CaptureSpec, instructions, mitmdump_argv, prepare_out, run
    from analyzer.errors import InputError
    from analyzer.profile import load_profile
    from analyzer.traffic import Phase

    if profile is not None:
        load_profile(profile)  # fail here, with one line, rather than inside mitmdump
    if geoip is not None:
        from analyzer.attribution import open_geoip

        open_geoip(geoip)
    try:
        phase = Phase.parse(phase).value
    except ValueError as e:
        raise InputError(str(e)) from None
    prepare_out(out)
    from analyzer.phase import mark as mark_phase

    mark_phase(out, phase)  # each start marks its phase (a restart does not inherit the last mark)
    spec = CaptureSpec(out=out.resolve(), profile=profile.resolve() if profile else None, port=port,
                       listen_host=listen_host, app=app, first_party=first_party, phase=phase,
                       confdir=confdir.resolve() if confdir else None, show_values=show_values,
                       geoip=geoip.resolve() if geoip else None, extra=mitmdump_args)
    _quiet(quiet)
    if not quiet:
        click.echo(instructions(spec), err=True)
    sys.exit(run(mitmdump_argv(spec)))


@main.command()
@click.argument("phase")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The capture folder of a running `piflow capture`.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr (errors still).")
@handle_errors
def mark(phase: str, out: Path, quiet: bool) -> None:
    """Switch the consent phase of a running capture to PHASE (no mitmproxy UI needed)."""
    _quiet(quiet)
    from analyzer.phase import mark as mark_phase

    rec = mark_phase(out, phase)
    click.echo(f"phase {rec['phase']} from {rec['since']:.3f}")


@main.command()
@click.argument("captures", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Device profile YAML for known-value detection.")
@click.option("--app", default="", help="Package name of the app under test (first/third party).")
@click.option("--first-party", multiple=True, help="A domain the app's publisher operates (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True, help="Output format.")
@click.option("--min-confidence", type=click.Choice(["low", "medium", "high"]), default="medium",
              show_default=True, help="Leave out weaker observations.")
@click.option("--show-values", is_flag=True, help="Print PI values unmasked.")
@click.option("--geoip", type=click.Path(dir_okay=False, path_type=Path),
              help="MaxMind-format GeoIP database (.mmdb) for server countries.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the result here instead of stdout (created 0600).")
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the flow graph (.json node-link, .graphml, .gexf or .dot).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr (errors still).")
@handle_errors
def traffic(captures: tuple[Path, ...], profile: Path | None, app: str, first_party: tuple[str, ...],
            fmt: str, min_confidence: str, show_values: bool, geoip: Path | None, output: Path | None,
            graph_path: Path | None, quiet: bool) -> None:
    """Extract PI observations from saved captures (.mitm flow files, HAR files, observations.jsonl)."""
    _quiet(quiet)
    from analyzer.offline import OfflineSpec, extract
    from analyzer.traffic_report import FORMATTERS

    spec = OfflineSpec(captures=captures, profile=profile, app=app, first_party=first_party,
                       min_confidence=min_confidence, show_values=show_values, geoip=geoip)
    obs, unseen = extract(spec)
    if graph_path is not None:
        from analyzer import graph as graphmod
        from analyzer.kb import load_kb

        graphmod.export(graphmod.from_observations(obs, load_kb(), app=app), graph_path)
    if output is not None:
        from analyzer.phase import open_private

        with os.fdopen(open_private(output, "w"), "w", encoding="utf-8") as fh:
            FORMATTERS[fmt](obs, unseen, fh)
    else:
        FORMATTERS[fmt](obs, unseen, None)
    sys.exit(EXIT_OK)


# ---------------------------------------------------------------------------
# Check (issue 5): evidence → joined graph → Order 24 rule pack
# ---------------------------------------------------------------------------

_SEVERITIES = ["info", "low", "medium", "high", "critical", "none"]


@main.command()
@click.argument("target", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--capture", "captures", multiple=True, type=click.Path(path_type=Path),
              help="A capture: .mitm, HAR, observations.jsonl or a capture folder (repeatable).")
@click.option("--declaration", type=click.Path(dir_okay=False, path_type=Path),
              help="What the app declares (YAML, docs/declaration.md).")
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Device profile YAML (known PI values of the test phone).")
@click.option("--suppressions", type=click.Path(dir_okay=False, path_type=Path),
              help="Accepted findings with reasons and expiry dates (YAML).")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default="none", show_default=True,
              help="Exit 1 when a finding at or above this severity remains.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sarif", "markdown", "html"]),
              default="table", show_default=True,
              help="table, json (piflow.check/2), sarif (2.1.0), markdown (PR comment) or html "
                   "(one self-contained file, best with -o report.html).")
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the joined graph (.json node-link, .graphml, .gexf or .dot).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True,
              help="Language of titles and messages.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the report here instead of stdout.")
@click.option("--app-types", type=click.Path(dir_okay=False, path_type=Path),
              help="Necessary-PI lists per app type (default policies/app-types.yaml).")
@click.option("--no-taint", is_flag=True, help="Scan the APK without the taint analysis (faster).")
@click.option("--budget", type=click.FloatRange(min=1.0), default=60.0, show_default=True,
              help="Seconds the APK scan may take.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings new against this baseline (`piflow baseline`) or check JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@handle_errors
def check(target: Path | None, captures: tuple[Path, ...], declaration: Path | None, profile: Path | None,
          suppressions: Path | None, fail_on: str, fmt: str, graph_path: Path | None, lang: str,
          output: Path | None, app_types: Path | None, no_taint: bool, budget: float,
          baseline: Path | None, quiet: bool) -> None:
    """Check an app against MIIT Order 24: TARGET (APK or saved scan), captures and a declaration."""
    from analyzer.check import CheckRequest, run_check
    from analyzer.check_report import FORMATTERS
    from analyzer.declaration import load_declaration
    from analyzer.errors import EXIT_FINDINGS
    from analyzer.model import Severity
    from analyzer.phase import open_private

    decl = load_declaration(declaration) if declaration is not None else None
    from analyzer.check import CHECK_STEPS
    from analyzer.progress import Bars, scan_steps

    req = CheckRequest(target=target, captures=captures, profile=profile, suppressions=suppressions,
                       lang=lang, app_types=app_types, taint=not no_taint, budget_s=budget, baseline=baseline)
    _quiet(quiet)
    scanning = target is not None and target.suffix.lower() != ".json"
    with Bars(enabled=not quiet, console=_stderr()) as bars:
        name = target.name if target is not None else "check"
        result = run_check(req, decl, progress=bars.job(name, CHECK_STEPS + (
            scan_steps(not no_taint) if scanning else 0)))
    if graph_path is not None:
        from analyzer import graph as graphmod

        graphmod.export(result.graph, graph_path)
    if fmt not in FORMATTERS:  # sarif, markdown: rendered from the piflow.check/2 document
        from analyzer.check_report import to_json
        from analyzer.report_formats import render

        _write_text(render(to_json(result, lang), fmt), output)
    elif output is not None:
        with os.fdopen(open_private(output, "w"), "w", encoding="utf-8") as fh:
            FORMATTERS[fmt](result, lang, fh)
    else:
        FORMATTERS[fmt](result, lang, None)
    threshold = None if fail_on == "none" else Severity(fail_on)
    sys.exit(EXIT_FINDINGS if result.failing(threshold) else EXIT_OK)


# ---------------------------------------------------------------------------
# Report (issue 6): render a saved check result in another format, without scanning again
# ---------------------------------------------------------------------------


def _write_text(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (created 0600: results name PI types, hosts and code) or stdout."""
    if output is None:
        click.echo(text, nl=False)
        return
    from analyzer.phase import open_private

    with os.fdopen(open_private(output, "w"), "w", encoding="utf-8") as fh:
        fh.write(text)


@main.command()
@click.argument("result_file", metavar="RESULT.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="markdown", show_default=True,
              help="Output format (graph formats export the joined graph).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write here instead of stdout (created 0600).")
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors (report draws no progress).")
@handle_errors
def report(result_file: Path, fmt: str, output: Path | None, quiet: bool) -> None:
    """Render RESULT.json (saved by `piflow check --format json`) in another format."""
    from analyzer.report_formats import render
    from analyzer.result_doc import load_result

    _write_text(render(load_result(result_file), fmt), output)
    sys.exit(EXIT_OK)


# ---------------------------------------------------------------------------
# Declarations (issue 5: declaration side)
# ---------------------------------------------------------------------------


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr (errors still).")
@handle_errors
def declaration(file: Path, fmt: str, quiet: bool) -> None:
    """Validate the declaration FILE; show what it declares and what its policy text mentions."""
    _quiet(quiet)
    from analyzer.declaration import load_declaration
    from analyzer.declaration_report import declaration_to_dict, render_declaration
    from analyzer.kb import load_kb

    kb = load_kb()
    decl = load_declaration(file, kb)
    if fmt == "json":
        click.echo(json.dumps(declaration_to_dict(decl), ensure_ascii=False, indent=2))
    else:
        out = Console(highlight=False)
        render_declaration(decl, kb, out if out.is_terminal else Console(highlight=False, width=120))
    sys.exit(EXIT_OK)


def _register() -> None:
    from analyzer.cli_diff import baseline_command, diff_command

    main.add_command(diff_command(handle_errors))
    main.add_command(baseline_command(handle_errors))

    from analyzer.batch.cli import batch_group  # many APKs on Dask into a SQLite store (issue 7)

    main.add_command(batch_group(handle_errors))


_register()


if __name__ == "__main__":  # pragma: no cover
    main()
