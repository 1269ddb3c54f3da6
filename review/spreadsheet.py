"""CSV for spreadsheets, with no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# Excel, LibreOffice and Google Sheets start a formula (or a DDE call) with any of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as text, with a leading quote if it would otherwise start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_csv(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A CSV document whose every cell, header included, is safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
