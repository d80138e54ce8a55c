"""``piflow declaration``: validate what an app declares and show what its privacy-policy text mentions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analyzer.cli.group import console_for, handle_errors, main, quiet_logs
from analyzer.errors import EXIT_OK


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr (errors still).")
@handle_errors
def declaration(file: Path, fmt: str, quiet: bool) -> None:
    """Validate the declaration FILE; show what it declares and what its policy text mentions."""
    quiet_logs(quiet)
    from analyzer.declaration.load import load_declaration
    from analyzer.declaration.report import declaration_to_dict, render_declaration
    from analyzer.kb.catalogue import load_kb

    kb = load_kb()
    decl = load_declaration(file, kb)
    if fmt == "json":
        click.echo(json.dumps(declaration_to_dict(decl), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        render_declaration(decl, kb, console_for(None, 120))
    sys.exit(EXIT_OK)
