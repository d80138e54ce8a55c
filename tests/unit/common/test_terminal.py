"""Text from inputs on a terminal: one printable line, no markup; log messages too."""

from __future__ import annotations

import io
import logging

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
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(OneLineFormatter("piflow: %(levelname)s: %(message)s"))
    log = logging.getLogger("piflow.test.terminal")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("class %s skipped", "a.B\nTraceback (most recent call last):")
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("failed on %s", "x\x1b[31m")
    finally:
        log.removeHandler(handler)
    lines = buf.getvalue().splitlines()
    assert lines[0] == "piflow: WARNING: class a.B\\nTraceback (most recent call last): skipped"
    assert lines[1] == "piflow: ERROR: failed on x\\x1b[31m"
    assert lines[2] == "Traceback (most recent call last):" and lines[-1] == "ValueError: boom"
