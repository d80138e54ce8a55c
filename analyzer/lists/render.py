"""The two lists as text: Markdown, HTML (one self-contained file, escaped, no script) and CSV.

Every format fills its cells from :func:`pi_cells` and :func:`party_cells`,
so the four formats (with :mod:`analyzer.lists.xlsx`) say the same thing.
Cells come from an APK, a capture or a declaration: Markdown escapes them
(:func:`analyzer.report.markdown.md_escape`), HTML through
:func:`html.escape` (links only to the https privacy-policy URLs of the
knowledge base), CSV neutralises formula starts (:mod:`analyzer.common.cells`)
and begins with a byte-order mark so spreadsheets read the Chinese text as
UTF-8.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io

from analyzer.common.cells import safe_cell
from analyzer.lists import text
from analyzer.lists.model import Lists, PartyRow, PIRow
from analyzer.report.markdown import md_escape

BOM = "\ufeff"
_CELL = 600


def _review(keys: tuple[str, ...], lang: str) -> str:
    if not keys:
        return ""
    sep = "、" if lang == "zh" else ", "
    return ("是：" if lang == "zh" else "yes: ") + sep.join(text.REVIEW[k].get(lang) for k in keys)


def _evidence(kinds: tuple[str, ...], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(text.EVIDENCE[k].get(lang) for k in kinds)


def _against(declared: bool | None, gaps: tuple[str, ...], lang: str, extra: str = "") -> str:
    if declared is None:
        return text.NO_DECLARATION.get(lang)
    said = (text.DECLARED if declared else text.NOT_DECLARED).get(lang)
    if not gaps:
        return said
    rules = ", ".join(gaps)
    if lang == "zh":
        return f"{said}{'；' + extra if extra else ''}（见规则 {rules}）"
    return f"{said}{'; ' + extra if extra else ''} (see rule {rules})"


def pi_cells(lists: Lists, row: PIRow, lang: str) -> list[str]:
    """The cells of one PI row, in :data:`analyzer.lists.text.PI_COLUMNS` order."""
    return [
        row.name.get(lang), row.pi, row.purpose.get(lang), row.scenario.get(lang), row.collected_by.get(lang),
        text.WHEN[row.when].get(lang), row.when_basis.get(lang), _evidence(row.evidence, lang),
        _review(row.review, lang), _against(row.declared, row.gaps, lang),
    ]


def party_cells(lists: Lists, row: PartyRow, lang: str) -> list[str]:
    """The cells of one third-party row, in :data:`analyzer.lists.text.PARTY_COLUMNS` order."""
    sep = "；" if lang == "zh" else "; "
    pis = sep.join(lists.pi_name(p, lang) for p in row.pi) or text.FOR_A_PERSON.get(lang)
    extra = ""
    if row.gap_pi:
        extra = (("未声明共享：" if lang == "zh" else "PI not declared as shared: ")
                 + ", ".join(row.gap_pi))
    return [
        row.name.get(lang), row.company or text.UNKNOWN_COMPANY.get(lang), row.country,
        pis, row.purpose.get(lang), text.HOW[row.how].get(lang), ", ".join(row.hosts), row.privacy_policy,
        _evidence(row.evidence, lang), _review(row.review, lang),
        _against(row.declared, row.gaps, lang, extra),
    ]


def summary(lists: Lists, lang: str) -> str:
    """The one summary line: rows, rows for a person, rows the declaration leaves out."""
    if not lists.declaration:
        return text.SUMMARY_NO_DECL.get(lang).format(pi=len(lists.pi), parties=len(lists.parties),
                                                     undecided=lists.undecided)
    gaps = {g for r in lists.pi for g in r.gaps} | {g for p in lists.parties for g in p.gaps}
    rules = sorted(gaps) or ["o24-09-2-*"]
    return text.SUMMARY.get(lang).format(pi=len(lists.pi), parties=len(lists.parties),
                                         undecided=lists.undecided, left_out=lists.left_out,
                                         rules=", ".join(rules))


def _header(lists: Lists, lang: str) -> list[str]:
    zh = lang == "zh"
    lines = [("应用" if zh else "app") + f": {lists.app}"]
    if lists.declaration:
        lines.append(("对照声明" if zh else "compared with the declaration") + f": {lists.declaration}")
    lines.append(("证据" if zh else "evidence") + f": {', '.join(lists.evidence) or '-'}")
    if lists.phases:
        lines.append(("抓包阶段" if zh else "capture phases") + f": {', '.join(lists.phases)}")
    if lists.static_incomplete:
        lines.append(text.INCOMPLETE.get(lang) + lists.static_incomplete)
    if lists.partial:
        lines.append(text.PARTIAL.get(lang).format(phase=lists.partial))
    return lines


def markdown(lists: Lists, lang: str) -> str:
    """Both lists as one Markdown document."""
    out = [f"# {md_escape(text.TITLES['pi'].get(lang))} / {md_escape(text.TITLES['parties'].get(lang))}", ""]
    out += [f"- {md_escape(line, _CELL)}" for line in _header(lists, lang)]
    out += ["", md_escape(summary(lists, lang), _CELL), ""]
    for key, cols, rows in (
        ("pi", text.PI_COLUMNS, [pi_cells(lists, r, lang) for r in lists.pi]),
        ("parties", text.PARTY_COLUMNS, [party_cells(lists, r, lang) for r in lists.parties]),
    ):
        out += [f"## {md_escape(text.TITLES[key].get(lang))}", ""]
        out.append("| " + " | ".join(md_escape(c.get(lang)) for c in cols) + " |")
        out.append("|" + " --- |" * len(cols))
        out += ["| " + " | ".join(md_escape(c, _CELL) for c in cells) + " |" for cells in rows]
        if not rows:
            out.append("| " + " | ".join(["-"] * len(cols)) + " |")
        out.append("")
    out += [md_escape(text.NOTES.get(lang), _CELL), ""]
    return "\n".join(out)


_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2em;font-size:13px}
th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eef2f7;min-width:4.5em}tr.review td{background:#fff6e0}
tr.gap td:last-child{color:#a00;font-weight:bold}
.summary{font-weight:bold}.notes{color:#555;font-size:12px}"""


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; form-action 'none'"


def _td(cell: str, link: bool = False) -> str:
    if link and cell.startswith("https://"):
        return f'<td><a href="{html.escape(cell)}" rel="noreferrer noopener">{html.escape(cell)}</a></td>'
    return f"<td>{html.escape(cell)}</td>"


def html_page(lists: Lists, lang: str) -> str:
    """Both lists as one self-contained HTML page (no script, no remote content, CSP by hash)."""
    e = html.escape
    title = f"{text.TITLES['pi'].get(lang)} / {text.TITLES['parties'].get(lang)}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(_csp())}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(title)} — {e(lists.app)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        "<ul>" + "".join(f"<li>{e(line)}</li>" for line in _header(lists, lang)) + "</ul>",
        f'<p class="summary">{e(summary(lists, lang))}</p>',
    ]
    for key, cols, rows, link in (
        ("pi", text.PI_COLUMNS, [(r, pi_cells(lists, r, lang)) for r in lists.pi], -1),
        ("parties", text.PARTY_COLUMNS, [(r, party_cells(lists, r, lang)) for r in lists.parties], 7),
    ):
        out.append(f'<h2 id="{key}">{e(text.TITLES[key].get(lang))}</h2>')
        out.append("<table><thead><tr>" + "".join(f"<th>{e(c.get(lang))}</th>" for c in cols)
                   + "</tr></thead><tbody>")
        for row, cells in rows:
            cls = " ".join(c for c, on in (("review", bool(row.review)), ("gap", bool(row.gaps))) if on)
            out.append((f'<tr class="{cls}">' if cls else "<tr>")
                       + "".join(_td(c, i == link) for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table>")
    out += [f'<p class="notes">{e(text.NOTES.get(lang))}</p>', "</body></html>", ""]
    return "\n".join(out)


def csv_text(lists: Lists, which: str, lang: str) -> str:
    """One list (``pi`` or ``parties``) as CSV, UTF-8 with a byte-order mark, formula starts neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if which == "pi":
        w.writerow([c.get(lang) for c in text.PI_COLUMNS])
        w.writerows([safe_cell(c) for c in pi_cells(lists, r, lang)] for r in lists.pi)
    else:
        w.writerow([c.get(lang) for c in text.PARTY_COLUMNS])
        w.writerows([safe_cell(c) for c in party_cells(lists, r, lang)] for r in lists.parties)
    return BOM + buf.getvalue()
