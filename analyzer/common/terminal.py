"""Text from APKs and captures made safe for a terminal: one printable line, no console markup.

A version name, a label, a host or a class name can hold a newline (a forged
second line, a fake traceback), a carriage return, an escape sequence that
moves the cursor or recolours the screen, a bidirectional override that
reverses what follows, or rich markup (``[link=…]``). Every renderer that
writes for people passes such text through :func:`term`; log messages go
through :class:`OneLineFormatter`.
"""

from __future__ import annotations

import logging

from rich.markup import escape

from analyzer.errors import one_line


def term(text: object) -> str:
    r"""``text`` as one printable line with rich markup escaped.

    >>> term("1.0\nTraceback (most recent call last):\x1b[2J [red]x[/red]")
    '1.0\\nTraceback (most recent call last):\\x1b[2J \\[red]x\\[/red]'
    """
    return escape(one_line(str(text)))


class OneLineFormatter(logging.Formatter):
    """A log formatter whose messages are one printable line (tracebacks, shown with ``-vv``, keep theirs)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.message)
        return super().formatMessage(record)
