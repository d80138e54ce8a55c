"""Decode a user-given text file: declarations and privacy-policy files (.txt/.md/.html) as text.

Files are read within their size bound (:mod:`analyzer.common.files`).
Bytes are decoded as UTF-8 (a BOM is allowed) or else GB 18030, the
encodings Chinese policy pages use. HTML is reduced to its visible text with
the standard-library parser: scripts, styles and ``<head>`` are dropped, block
elements become line breaks; nothing is run and nothing is fetched.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from analyzer.common.files import read_bounded
from analyzer.errors import InputError

POLICY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def decode(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: not UTF-8 or GB 18030 text")  # pragma: no cover - gb18030 takes most bytes


class _TextOnly(HTMLParser):
    """Collect an HTML page's text; drop scripts, styles and markup; keep block breaks."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML document (no scripts or styles), one block per line.

    >>> html_to_text("<p>我们会收集<b>位置信息</b>。</p><script>x()</script><p>Second</p>")
    '我们会收集位置信息。\\nSecond'
    """
    p = _TextOnly()
    p.feed(html)
    p.close()
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in "".join(p.parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def read_policy_file(path: Path) -> str:
    """The text of a privacy-policy file (.txt, .md or .html), bounded in size."""
    if path.suffix.lower() not in POLICY_SUFFIXES:
        raise InputError(f"{path}: privacy policy must be one of {', '.join(POLICY_SUFFIXES)}")
    text = decode(read_bounded(path, "privacy-policy file"), path)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return text
