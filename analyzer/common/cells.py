"""Text cells a spreadsheet will not run: CSV and XLSX outputs neutralise what looks like a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to Excel, LibreOffice and Google Sheets, and a package
name or version an APK chooses can be one (``=1+cmd|' /C calc'!A0``). Such a
cell gets a leading apostrophe, the way spreadsheets themselves mark text
(OWASP's advice for CSV injection); numbers are left alone.

>>> safe_cell("=1+cmd|' /C calc'!A0"), safe_cell("com.example.app"), safe_cell(-3)
("'=1+cmd|' /C calc'!A0", 'com.example.app', -3)
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet shows it as text (strings starting a formula get an apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
