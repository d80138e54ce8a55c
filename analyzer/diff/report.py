"""``piflow diff`` output: new, gone and changed items per category as a table, JSON or Markdown.

The JSON document::

    {"schema": "piflow.diff/1", "old": {"app": …, "source": …}, "new": {…},
     "empty": bool, "fail_on": "new-high" | null, "gate_failed": bool,
     "gate_failures": ["<finding key>", …],
     "pi" | "flows" | "sdks" | "hosts" | "permissions" | "findings":
         {"new": [{"key": …, "attributes": {…}}],
          "gone": [{"key": …, "attributes": {…}}],
          "changed": [{"key": …, "fields": [...], "old": {…}, "new": {…}}]}}

Evidence in it is what the check report showed: PI values masked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from analyzer.check.snapshot import CATEGORIES
from analyzer.diff.compare import DIFF_SCHEMA, Change, Diff

TITLES = {
    "pi": "PI types",
    "flows": "PI flows (pi -> host/sink, owner)",
    "sdks": "SDKs",
    "hosts": "Hosts",
    "permissions": "Permissions",
    "findings": "Findings (rule subject)",
}


@dataclass(frozen=True)
class DiffReport:
    """A diff and what it was asked for, for the formatters."""

    diff: Diff
    old_source: str
    """How the old side was given (file name), for the header."""
    new_source: str
    fail_on: str | None = None


def _brief(cat: str, attrs: Mapping[str, Any] | None) -> str:
    """One line about an item: the attributes a reader needs to tell it apart."""
    if not attrs:
        return ""
    if cat == "findings":
        ev = "; ".join(attrs.get("evidence") or [])
        return f"{attrs.get('severity', '')} · {attrs.get('article', '')} · {attrs.get('title', '')}" + (
            f" · {ev}" if ev else ""
        )
    if cat == "flows":
        return f"{attrs.get('status', '')}" + (" · cleartext" if attrs.get("cleartext") else "")
    if cat == "pi":
        return ", ".join(attrs.get("owners") or [])
    if cat == "sdks":
        return f"{attrs.get('label', '')} ({attrs.get('company', '')})"
    if cat == "hosts":
        return " ".join(f"{k}={v}" for k, v in attrs.items() if v)
    return ""


def _delta(c: Change) -> str:
    """What changed: ``field: old → new``, or for lists the entries added (+) and dropped (-)."""
    assert c.old is not None and c.new is not None
    parts = []
    for k in c.changed_fields:
        a, b = c.old.get(k), c.new.get(k)
        if isinstance(a, list) and isinstance(b, list):
            moved = [f"+{x}" for x in b if x not in a] + [f"-{x}" for x in a if x not in b]
            parts.append(f"{k}: {', '.join(moved)}")
        else:
            parts.append(f"{k}: {a} → {b}")
    return "; ".join(parts)


def to_json(rep: DiffReport) -> dict[str, Any]:
    """The ``piflow.diff/1`` document."""
    d = rep.diff
    failures = d.gate_failures(rep.fail_on)
    doc: dict[str, Any] = {
        "schema": DIFF_SCHEMA,
        "old": {"app": d.old_app, "source": rep.old_source},
        "new": {"app": d.new_app, "source": rep.new_source},
        "empty": d.empty,
        "fail_on": rep.fail_on,
        "gate_failed": bool(failures),
        "gate_failures": [c.key for c in failures],
    }
    for cat in CATEGORIES:
        cd = d.categories[cat]
        doc[cat] = {
            "new": [{"key": c.key, "attributes": dict(c.new or {})} for c in cd.new],
            "gone": [{"key": c.key, "attributes": dict(c.old or {})} for c in cd.gone],
            "changed": [
                {"key": c.key, "fields": list(c.changed_fields), "old": dict(c.old or {}),
                 "new": dict(c.new or {})}
                for c in cd.changed
            ],
        }
    return doc


def render_table(rep: DiffReport, out: Console) -> None:
    """The diff for people: one table per category that changed."""
    d = rep.diff
    out.print(
        f"[bold]piflow diff[/bold] {escape(rep.old_source)} ({escape(d.old_app)}) → "
        f"{escape(rep.new_source)} ({escape(d.new_app)})"
    )
    if d.empty:
        out.print("no differences")
    for cat in CATEGORIES:
        cd = d.categories[cat]
        if not cd:
            continue
        t = Table(title=TITLES[cat], title_justify="left")
        for col in ("", "key", "detail"):
            t.add_column(col, overflow="fold")
        for c in cd.new:
            t.add_row("[green]+ new[/green]", escape(c.key), escape(_brief(cat, c.new)))
        for c in cd.gone:
            t.add_row("[red]- gone[/red]", escape(c.key), escape(_brief(cat, c.old)))
        for c in cd.changed:
            t.add_row("[yellow]~ changed[/yellow]", escape(c.key), escape(_delta(c)))
        out.print(t)
    if rep.fail_on:
        failures = d.gate_failures(rep.fail_on)
        verdict = f"[red]failed[/red] ({len(failures)})" if failures else "[green]passed[/green]"
        out.print(f"gate --fail-on {rep.fail_on}: {verdict}")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str) -> str:
    """``text`` safe in a Markdown table cell: entities for ``<>&``, a backslash before ``\\`*_[]|~``.

    >>> md_escape("a|b <script>")
    'a\\\\|b &lt;script&gt;'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\r", " ").replace("\n", " ")


def render_markdown(rep: DiffReport) -> str:
    """The diff as Markdown for a pull-request comment (every value escaped)."""
    d = rep.diff
    lines = [
        f"## piflow diff: {md_escape(rep.old_source)} → {md_escape(rep.new_source)}",
        "",
    ]
    if d.empty:
        lines.append("No differences.")
    for cat in CATEGORIES:
        cd = d.categories[cat]
        if not cd:
            continue
        lines += [f"### {md_escape(TITLES[cat])}", "", "| | key | detail |", "| --- | --- | --- |"]
        lines += [f"| new | {md_escape(c.key)} | {md_escape(_brief(cat, c.new))} |" for c in cd.new]
        lines += [f"| gone | {md_escape(c.key)} | {md_escape(_brief(cat, c.old))} |" for c in cd.gone]
        lines += [f"| changed | {md_escape(c.key)} | {md_escape(_delta(c))} |" for c in cd.changed]
        lines.append("")
    if rep.fail_on:
        failures = d.gate_failures(rep.fail_on)
        lines.append(
            f"Gate `--fail-on {rep.fail_on}`: " + (f"**failed** ({len(failures)})" if failures else "passed")
        )
    return "\n".join(lines).rstrip() + "\n"


def _json(rep: DiffReport, fh: IO[str] | None) -> None:
    text = json.dumps(to_json(rep), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    print(text, end="") if fh is None else fh.write(text)


def _markdown(rep: DiffReport, fh: IO[str] | None) -> None:
    text = render_markdown(rep)
    print(text, end="") if fh is None else fh.write(text)


def _table(rep: DiffReport, fh: IO[str] | None) -> None:
    out = Console(file=fh, width=140, highlight=False) if fh is not None else Console(highlight=False)
    if fh is None and not out.is_terminal:
        out = Console(highlight=False, width=140)
    render_table(rep, out)


FORMATTERS: dict[str, Callable[[DiffReport, IO[str] | None], None]] = {
    "table": _table,
    "json": _json,
    "markdown": _markdown,
}
