"""Progress bars on stderr for a command's slow steps; silent when stderr is not a terminal or with ``-q``.

A command opens one :class:`Bars` and asks it for a step callback per job
(``bars.job("tracker.apk", total=9)``); the library functions it calls
(``scan_apk``, ``run_check``) report each step they start by name, and the
bar advances. Results never go through here: they go to stdout or files.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

SCAN_STEPS = 5
"""Steps ``scan_apk`` reports (opening, DEX, reachability, PI access, security facts)."""
TAINT_STEPS = 1
"""The extra step with the taint analysis."""


def scan_steps(taint: bool) -> int:
    """How many steps a scan reports."""
    return SCAN_STEPS + (TAINT_STEPS if taint else 0)


class Bars:
    """Progress bars for a command's jobs, shown only when ``enabled`` and stderr is a terminal."""

    def __init__(self, enabled: bool = True, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        # the file itself, not rich's is_terminal: FORCE_COLOR (some CI runners) must not draw bars in logs
        isatty = getattr(self.console.file, "isatty", None)
        self.shown = enabled and bool(isatty and isatty())
        self._progress: Progress | None = None
        self._tasks: list[tuple[TaskID, int]] = []

    def __enter__(self) -> Bars:
        if self.shown:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            for task, total in self._tasks if exc_type is None else ():
                self._progress.update(task, completed=total)
            self._progress.stop()
            self._progress = None

    def job(self, name: str, total: int) -> Callable[[str], None] | None:
        """A step callback for one job of ``total`` steps (None when bars are off)."""
        progress = self._progress
        if progress is None:
            return None
        tasks: list[TaskID] = []  # the bar appears with the job's first step

        def step(msg: str) -> None:
            if not tasks:
                tasks.append(progress.add_task(f"{name}: {msg}", total=total))
                self._tasks.append((tasks[0], total))
            else:
                progress.update(tasks[0], advance=1, description=f"{name}: {msg}")

        return step
