"""The ``piflow`` command group, the one error decorator, and the one writer of command output.

Results go to stdout (or ``--output``, created 0600: results name PI types,
hosts and code); progress and logs go to stderr. :func:`handle_errors` turns
every :class:`~analyzer.errors.PiflowError` into one line and its documented
exit status (:mod:`analyzer.errors`); anything else is a bug (exit 3).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.console import Console

from analyzer import __version__
from analyzer.common.files import replacing
from analyzer.common.terminal import OneLineFormatter
from analyzer.errors import EXIT_INTERNAL, PiflowError, one_line

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("piflow")

INPUT = click.Path(dir_okay=False, path_type=Path)
"""A file argument or option the command reads."""
APP = click.Path(path_type=Path)
"""An app to read: an APK, a split set (.apks, .xapk), an app bundle (.aab) or an apktool-decoded folder."""
OUTPUT = click.Path(dir_okay=False, writable=True, path_type=Path)
"""A file option the command writes."""


def stderr() -> Console:
    """The console for progress and messages."""
    return Console(stderr=True, highlight=False)


def quiet_logs(quiet: bool) -> None:
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
            click.echo(f"piflow: internal error: {type(e).__name__}: {one_line(str(e)[:200])} "
                       "(set PIFLOW_DEBUG=1 for the traceback)", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def output_to(output: Path | None) -> Iterator[IO[str] | None]:
    """Where a command writes its result: ``output`` (0600, in full or not at all), or None for stdout."""
    if output is None:
        yield None
        return
    with replacing(output) as fh:
        yield fh


def write_output(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (created 0600) or stdout."""
    with output_to(output) as fh:
        if fh is None:
            click.echo(text, nl=False)
        else:
            fh.write(text)


def console_for(fh: IO[str] | None, width: int) -> Console:
    """A rich console on ``fh``; on stdout, the terminal's own when it is one, else ``width`` columns."""
    if fh is not None:
        return Console(file=fh, width=width, highlight=False)
    out = Console(highlight=False)
    return out if out.is_terminal else Console(highlight=False, width=width)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="piflow")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """Which personal information an Android app collects and sends, to whom, and which rules it breaks."""
    level = logging.WARNING - 10 * min(verbose, 2)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter("piflow: %(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
