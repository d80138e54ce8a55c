"""The ``piflow batch`` command group: ``run`` (the default), ``report`` and ``summary``.

``piflow batch INPUT... --out DIR`` is ``piflow batch run INPUT... --out DIR``.
Usage errors inside the group are one line too, as everywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from analyzer.cli.group import handle_errors, main, output_to
from analyzer.errors import EXIT_OK, InputError


class _OneLineUsage(click.UsageError):
    """A usage error shown as one line (``piflow: error: …``), exit status 2."""

    def show(self, file: Any = None) -> None:
        click.echo(f"piflow: error: {self.format_message()}", err=True)


class _DefaultRun(click.Group):
    """A group whose first argument, when it names no subcommand, starts ``run``; usage errors in one line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            raise _OneLineUsage(e.format_message(), e.ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _OneLineUsage:
            raise
        except click.UsageError as e:
            raise _OneLineUsage(e.format_message(), e.ctx) from None


def _check_summary(paths: tuple[Path, ...]) -> None:
    from analyzer.batch.summary import FORMATS

    for p in paths:
        if p.suffix.lower() not in FORMATS:
            raise InputError(f"{p}: the summary is written as .csv or .parquet")


def _write_summaries(store_path: Path, paths: tuple[Path, ...]) -> None:
    from analyzer.batch.store import Store
    from analyzer.batch.summary import export, summary

    if not paths:
        return
    with Store(store_path, create=False) as store:
        df = summary(store)
    for p in paths:
        export(df, p)


def report_formats() -> list[str]:
    """Formats of ``piflow batch report`` (``html`` only when :mod:`analyzer.report.html.render` is
    installed)."""
    from analyzer.batch.report import FORMATTERS

    return list(FORMATTERS)


@main.group(cls=_DefaultRun, name="batch")
def batch() -> None:
    """Vet many APKs on Dask into a resumable SQLite store (`piflow batch INPUT... --out DIR`)."""

@batch.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="Folder of the results store (created 0700; re-runs skip what it holds).")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Worker processes of the local Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786) instead of a local one.")
@click.option("--time-budget", type=click.FloatRange(min=0.001), default=60.0, show_default=True,
              help="Seconds per APK; past it the results are partial (over_budget).")
@click.option("--memory-budget", type=click.FloatRange(min=128.0), default=2048.0, show_default=True,
              help="Resident MB of a worker per APK; past it the worker is restarted (over_budget).")
@click.option("--kill-grace", type=click.FloatRange(min=0.0), default=5.0, show_default=True,
              help="A task still running at 1.5 x its time budget + this many seconds ends its worker.")
@click.option("--summary", "summaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the per-app summary (.csv or .parquet; repeatable).")
@click.option("--retry", is_flag=True, help="Vet again APKs stored with status error or over_budget.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no closing line.")
@handle_errors
def run(inputs: tuple[str, ...], out: Path, workers: int, scheduler: str | None, time_budget: float,
        memory_budget: float, kill_grace: float, summaries: tuple[Path, ...], retry: bool, lang: str,
        quiet: bool) -> None:
    """Vet every APK of INPUTS (folders, globs, list files, YAML manifests) into the store in --out."""
    from analyzer.batch.inputs import expand
    from analyzer.batch.progress import line, live_bar
    from analyzer.batch.runner import BatchOptions, run_batch
    from analyzer.batch.store import STORE_NAME

    _check_summary(summaries)
    items = expand(inputs)
    if not items:
        raise InputError("no APK found in the inputs")
    opts = BatchOptions(out=out, workers=workers, scheduler=scheduler, time_budget_s=time_budget,
                        memory_budget_mb=memory_budget, kill_grace_s=kill_grace, lang=lang, retry=retry)
    err = Console(stderr=True, highlight=False)
    with live_bar(err, enabled=not quiet and err.is_terminal) as update:
        tally = run_batch(items, opts, update)
    if not quiet:
        click.echo(f"piflow batch: {line(tally)}; store {out / STORE_NAME}", err=True)
    _write_summaries(out / STORE_NAME, summaries)
    sys.exit(EXIT_OK)

@batch.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--app", "ref", required=True, metavar="PKG|SHA",
              help="Package name (its latest scan) or SHA-256 (a unique prefix of 8+ hex digits).")
@click.option("--format", "fmt", type=click.Choice(report_formats()), default="table", show_default=True,
              help="html when analyzer.report.html.render is installed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here (created 0600) instead of stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors.")
@handle_errors
def report(store: Path, ref: str, fmt: str, output: Path | None, quiet: bool) -> None:
    """Show one app of the batch store STORE (folder or .sqlite file)."""
    from analyzer.batch.report import FORMATTERS, to_dict
    from analyzer.batch.store import Store

    with Store(store, create=False) as st:
        doc = to_dict(st.find(ref))
    with output_to(output) as fh:
        FORMATTERS[fmt](doc, fh)
    sys.exit(EXIT_OK)

@batch.command(name="summary")
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("outputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors.")
@handle_errors
def summary_cmd(store: Path, outputs: tuple[Path, ...], quiet: bool) -> None:
    """Write the per-app summary of STORE to OUTPUTS (.csv or .parquet)."""
    _check_summary(outputs)
    _write_summaries(store, outputs)
    sys.exit(EXIT_OK)
