"""``piflow scan``: the static evidence of one APK (PI its code can reach, SDKs, endpoints, taint paths)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analyzer.cli.group import APP, OUTPUT, console_for, handle_errors, main, output_to, quiet_logs, stderr
from analyzer.errors import EXIT_OK


@main.command()
@click.argument("apk", type=APP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Summary format.")
@click.option("-o", "--output", type=OUTPUT, help="Write the summary here instead of stdout (created 0600).")
@click.option("--graph", "graph_path", type=OUTPUT,
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
    from analyzer.common.progress import Bars, scan_steps
    from analyzer.graph import build as graphmod
    from analyzer.kb.catalogue import load_kb
    from analyzer.static.report import render_scan
    from analyzer.static.scan import scan_apk
    from analyzer.static.serialize import scan_to_dict

    quiet_logs(quiet)
    kb = load_kb()
    with Bars(enabled=not quiet, console=stderr()) as bars:
        result = scan_apk(apk, kb, progress=bars.job(apk.name, scan_steps(taint)),
                          taint=taint, budget_s=budget, max_memory_mb=max_memory)
    if graph_path is not None:
        graphmod.export(graphmod.from_scan(result, kb), graph_path)
    with output_to(output) as fh:
        if fmt == "json":
            text = json.dumps(scan_to_dict(result), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
            click.echo(text, nl=False) if fh is None else fh.write(text)
        else:
            render_scan(result, kb, console_for(fh, 120), verbose=sites)
    sys.exit(EXIT_OK)
