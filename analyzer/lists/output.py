"""Write the lists to a folder: the chosen formats in the chosen languages, each file 0600."""

from __future__ import annotations

from pathlib import Path

from analyzer.common.files import write_private, write_private_bytes
from analyzer.errors import InputError
from analyzer.lists.model import Lists

FORMATS = ("md", "html", "csv", "xlsx")
LANGS = ("zh", "en")


def file_names(fmt: str, lang: str) -> tuple[str, ...]:
    """The names a format writes in one language (CSV: one file per list)."""
    if fmt == "csv":
        return (f"pi-collected.{lang}.csv", f"third-parties.{lang}.csv")
    return (f"lists.{lang}.{fmt}",)


def write_lists(lists: Lists, out: Path, langs: tuple[str, ...], formats: tuple[str, ...]) -> list[Path]:
    """Write every format in every language into ``out`` (created 0700); the paths written."""
    from analyzer.lists import render

    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: not a folder")
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = []
    for lang in langs:
        for fmt in formats:
            names = file_names(fmt, lang)
            if fmt == "md":
                write_private(out / names[0], render.markdown(lists, lang))
            elif fmt == "html":
                write_private(out / names[0], render.html_page(lists, lang))
            elif fmt == "csv":
                write_private(out / names[0], render.csv_text(lists, "pi", lang))
                write_private(out / names[1], render.csv_text(lists, "parties", lang))
            else:
                from analyzer.lists.xlsx import workbook

                write_private_bytes(out / names[0], workbook(lists, lang))
            written += [out / n for n in names]
    return written
