"""Rows as an Excel workbook (.xlsx, openpyxl): dates as real date cells, links as links,
text as text.

Pure (no Streamlit): the app's downloads and `vbgraph query … --format xlsx` both write
through `workbook_bytes`. A date or datetime becomes a date cell shown dd/mm/yyyy (with
hh:mm when it has an hour), so Excel and LibreOffice sort and filter it as a date. Text
is never a formula: a cell whose text starts with "=" stays that text (document text is
shown as text), and the control characters the format cannot hold are dropped.
"""
from __future__ import annotations

import io
import json
from datetime import date, datetime, time
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DEFAULT_WIDTH = 18   # characters
MAX_WIDTH = 80
_LINK_PREFIXES = ("http://", "https://")


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _put(cell, value: Any) -> None:
    """One value into one cell: dates as dates, links as links, everything else as text
    or a number."""
    value = _native(value)
    if value is None:
        return
    if isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATE_FORMAT if value.time() == time() else DATETIME_FORMAT
        return
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return
    if isinstance(value, bool) or isinstance(value, (int, float)):
        cell.value = value
        return
    if isinstance(value, (list, dict, tuple)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if text.startswith(_LINK_PREFIXES):
        cell.hyperlink = text
        cell.style = "Hyperlink"


def columns_of(rows: Iterable[dict]) -> list[str]:
    """Every key of the rows, in first-seen order."""
    cols: list[str] = []
    for r in rows:
        cols += [c for c in r if c not in cols]
    return cols


def workbook_bytes(rows: list[dict], sheet: str = "Dữ liệu", widths: dict[str, int] | None = None,
                   columns: list[str] | None = None) -> bytes:
    """The rows as one sheet (header row bold, frozen, with a filter); `widths` in
    characters per column, others DEFAULT_WIDTH."""
    cols = columns or columns_of(rows)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, r in enumerate(rows, start=2):
        for j, c in enumerate(cols, start=1):
            cell = ws.cell(row=i, column=j)
            _put(cell, r.get(c))
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))
    for j, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min((widths or {}).get(c, DEFAULT_WIDTH), MAX_WIDTH)
    ws.freeze_panes = "A2"
    if cols:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(len(rows) + 1, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
