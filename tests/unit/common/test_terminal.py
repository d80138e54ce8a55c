"""Text from inputs on a terminal: one printable line, no markup; log messages too."""

from __future__ import annotations

import io
import logging
import sys

from rich.console import Console

from analyzer.common.terminal import OneLineFormatter, term

HOSTILE = "1.0\nTraceback (most recent call last):\r\x1b[2J\u202egnp.exe [link=file:///etc/passwd]x[/link]"


def test_term_is_one_printable_line_without_markup() -> None:
    buf = io.StringIO()
    Console(file=buf, width=400, highlight=False).print(f"[bold]{term(HOSTILE)}[/bold]")
    out = buf.getvalue()
    assert out.count("\n") == 1 and out.endswith("\n")
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "[link=file:///etc/passwd]x[/link]" in out          # shown as text, not made a link
    assert "\\nTraceback" in out and "\\x1b[2J" in out and "\\u202e" in out


def test_log_messages_are_one_line_tracebacks_keep_theirs() -> None:
    fmt = OneLineFormatter("piflow: %(levelname)s: %(message)s")

    def record(level: int, msg: str, *args: object, exc: bool = False) -> logging.LogRecord:
        info = None
        if exc:
            try:
                raise ValueError("boom")
            except ValueError:
                info = sys.exc_info()
        return logging.LogRecord("piflow.x", level, __file__, 1, msg, args, info)

    forged = "a.B\nTraceback (most recent call last):"
    assert fmt.format(record(logging.WARNING, "class %s skipped", forged)) \
        == "piflow: WARNING: class a.B\\nTraceback (most recent call last): skipped"
    lines = fmt.format(record(logging.ERROR, "failed on %s", "x\x1b[31m", exc=True)).splitlines()
    assert lines[0] == "piflow: ERROR: failed on x\\x1b[31m"
    assert lines[1] == "Traceback (most recent call last):" and lines[-1] == "ValueError: boom"
