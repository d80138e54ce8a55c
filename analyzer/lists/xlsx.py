"""The two lists as one XLSX workbook (openpyxl, imported only here): a sheet per list and a summary."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from analyzer.common.cells import safe_cell
from analyzer.lists import text
from analyzer.lists.model import Lists
from analyzer.lists.render import party_cells, pi_cells, summary

SHEETS = {"zh": ("已收集个人信息清单", "第三方信息共享清单", "说明"),
          "en": ("PI collected", "Third parties", "About")}
_REVIEW = PatternFill("solid", fgColor="FFF6E0")
_WIDTH = 42


def workbook(lists: Lists, lang: str) -> bytes:
    """The workbook's bytes: the PI list, the third-party list and a summary sheet."""
    wb = Workbook()
    pi_sheet = wb.active
    assert pi_sheet is not None
    names = SHEETS[lang]
    pi_sheet.title = names[0]
    party_sheet = wb.create_sheet(names[1])
    about = wb.create_sheet(names[2])
    for ws, cols, rows in (
        (pi_sheet, text.PI_COLUMNS, [(r.review, pi_cells(lists, r, lang)) for r in lists.pi]),
        (party_sheet, text.PARTY_COLUMNS, [(r.review, party_cells(lists, r, lang)) for r in lists.parties]),
    ):
        ws.append([c.get(lang) for c in cols])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for review, cells in rows:
            ws.append([safe_cell(c) for c in cells])
            if review:
                for cell in ws[ws.max_row]:
                    cell.fill = _REVIEW
        for col in ws.columns:
            letter = col[0].column_letter
            ws.column_dimensions[letter].width = _WIDTH
            for cell in col:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    about.append([safe_cell(f"{text.TITLES['pi'].get(lang)} / {text.TITLES['parties'].get(lang)}")])
    about.append([safe_cell(lists.app)])
    about.append([safe_cell(summary(lists, lang))])
    about.append([safe_cell(text.NOTES.get(lang))])
    about.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
