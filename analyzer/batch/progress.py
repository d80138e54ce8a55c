"""The live progress bar of ``piflow batch`` on stderr: done, failed, over budget, remaining, APKs/min."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from analyzer.batch.runner import Tally


def line(t: Tally) -> str:
    """The tally as one line of text."""
    return (f"done {t.done} · failed {t.failed} · over budget {t.over_budget} · "
            f"remaining {t.remaining} · skipped {t.skipped} · {t.per_minute:.1f} APKs/min")


@contextmanager
def live_bar(console: Console, enabled: bool = True) -> Iterator[Callable[[Tally], None]]:
    """A callback that redraws the bar from a :class:`Tally` (a no-op when not ``enabled``)."""
    if not enabled:
        yield lambda _t: None
        return
    progress = Progress(TextColumn("[bold]piflow batch[/bold]"), BarColumn(),
                        TextColumn("{task.description}"), TimeElapsedColumn(), console=console)
    task = progress.add_task("starting…", total=None)

    def update(t: Tally) -> None:
        progress.update(task, total=max(t.total - t.skipped, 1), completed=t.finished, description=line(t))

    with progress:
        yield update
