"""Read user-given files within a size bound and write files that may hold PI privately (0600).

Every file piflow reads on a user's behalf goes through :func:`read_bounded`
with its document kind; each kind has one limit, in :data:`LIMITS`. A file
over its limit is refused with one line before it is read, so a hostile or
mistaken input never costs unbounded memory. (APKs, captures and native
libraries have their own bounded readers beside their parsers: their limits
are per entry, not per file.)

Every file piflow writes that names PI, hosts or code is created through
:func:`open_private` (mode 0600, also when it already existed with another
mode); :func:`replacing` and :func:`write_private` write a whole result that
way, in full or not at all (a failure leaves no empty or half file).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from analyzer.errors import InputError

MiB = 1 << 20

LIMITS: dict[str, int] = {
    "declaration": 1 * MiB,
    "privacy-policy file": 4 * MiB,
    "device profile": 1 * MiB,
    "suppressions file": 4 * MiB,
    "piflow result": 64 * MiB,
    "list file": 64 * MiB,
    "manifest": 64 * MiB,
    "phase history": 16 * MiB,
}
"""Document kind → the most bytes piflow reads of one such file.

A declaration is a few KB of YAML and a long privacy policy ~100 KB of HTML;
a device profile or a suppressions file is a page. A piflow result (a saved
scan, a ``piflow.check/2`` document or a baseline) of the 24.6 MB reference
app is 3 MB. Batch list files and manifests name one APK per line. A
capture's phase history holds one line per mark.
"""


def read_bounded(path: Path, kind: str) -> bytes:
    """The bytes of ``path``, a ``kind`` document; :class:`InputError` if unreadable or over its limit."""
    limit = LIMITS[kind]
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise InputError(f"{path}: {kind} too large ({size} bytes, at most {limit})")
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: {kind} not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: {kind} expected, found a folder") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read {kind} ({e.strerror})") from None
    if len(data) > limit:  # grew while being read
        raise InputError(f"{path}: {kind} too large (more than {limit} bytes)")
    return data


def read_text(path: Path, kind: str) -> str:
    """:func:`read_bounded`, decoded as UTF-8."""
    try:
        return read_bounded(path, kind).decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: {kind} is not UTF-8 text ({e.reason} at byte {e.start})") from None


def read_json(path: Path, kind: str = "piflow result") -> Any:
    """A JSON document of ``kind``; :class:`InputError` if it is not UTF-8 JSON."""
    text = read_text(path, kind)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}:{e.colno}: not JSON ({e.msg})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None


def open_private(path: Path, mode: str = "a") -> int:
    """A file descriptor for ``path`` created with mode 0600 (``mode`` ``a`` appends, ``w`` truncates)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    os.fchmod(fd, 0o600)
    return fd


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[IO[str]]:
    """A text file (UTF-8, 0600) that is written in full or not at all.

    It is written beside ``path`` and renamed over it when the block ends
    without an error; on an error ``path`` is left as it was. A path that is
    no regular file (``/dev/stdout``, a FIFO) is written directly.
    """
    if path.exists() and not path.is_file():
        with os.fdopen(open_private(path, "w"), "w", encoding="utf-8") as fh:
            yield fh
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with os.fdopen(open_private(tmp, "w"), "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8, 0600), replacing what was there only once it is all written."""
    with replacing(path) as fh:
        fh.write(text)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (0600), replacing what was there only once it is all written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with os.fdopen(open_private(tmp, "w"), "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
