"""The errors piflow reports to users, each tied to one documented exit status.

Exit statuses (also in README.md):

- 0: success, no finding at or above ``--fail-on``;
- 1: findings at or above ``--fail-on``, or, with ``--fail-on``, an app whose static evidence is
  incomplete (a packer hides its code: no finding there is no pass);
- 2: usage or input error (bad option, unreadable, corrupt or hostile file);
- 3: internal error (a bug in piflow: please report it).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


def one_line(text: str) -> str:
    r"""``text`` with every character a terminal would act on escaped: one printable line.

    Messages quote names from APKs and captures; a newline, a carriage return
    or an escape sequence in one must not forge a second line or move the
    cursor.

    >>> one_line("a.dex\nTraceback (most recent call last):\x1b[2K")
    'a.dex\\nTraceback (most recent call last):\\x1b[2K'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class PiflowError(Exception):
    """Base class: an error with a one-line message and an exit status."""

    exit_code = EXIT_INTERNAL

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(PiflowError):
    """The input cannot be analysed: not an APK, corrupt, truncated or hostile."""

    exit_code = EXIT_INPUT


class PolicyError(PiflowError):
    """A data file in ``policies/`` (or one the user gave) is malformed."""

    exit_code = EXIT_INPUT
