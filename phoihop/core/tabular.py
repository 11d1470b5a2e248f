"""One small writer for the lists a newsroom downloads (CSV and XLSX): the same columns for both, a
Vietnamese header row, times in the newsroom's wall time (Asia/Ho_Chi_Minh) as dd/mm/yyyy HH:MM, and
no cell a spreadsheet could run as a formula.

Each app describes its own columns in its `exports.py` and hands this module the rows its list
selector already returned, so an export never shows a row the list would not.

CSV is UTF-8 with a byte-order mark: without it Excel on Windows reads the file as the local ANSI code
page and "Đề nghị" arrives as "Ä á» nghá»‹". Text that starts like a formula ("=", "+", "-", "@", a tab
or a carriage return) is prefixed with an apostrophe in CSV (the convention OWASP recommends) and stored
as quoted text in XLSX, so a crafted title such as `=HYPERLINK(...)` is shown, never evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_FORMAT = "%d/%m/%Y"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    """One column: its Vietnamese header, how to read the value from a row, and its XLSX width."""

    header: str
    value: Callable[[Any], Any]
    width: int = 18


def local_text(value: Any) -> str:
    """A cell's text: aware datetimes in Vietnamese wall time, dates dd/mm/yyyy, None as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, LOCAL_ZONE)
        return value.astimezone(LOCAL_ZONE).strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def neutralize(text: str) -> str:
    """Text that a spreadsheet would read as a formula, made inert with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _texts(columns: Sequence[Column], rows: Iterable[Any]) -> Iterable[list[str]]:
    for row in rows:
        yield [local_text(column.value(row)) for column in columns]


def to_csv(columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark, CRLF line ends (RFC 4180), every cell inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for values in _texts(columns, rows):
        writer.writerow([neutralize(value) for value in values])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(columns: Sequence[Column], rows: Iterable[Any], *, title: str) -> bytes:
    """The table as one XLSX sheet: a bold, frozen header row, set column widths, an autofilter, and
    every cell stored as text (formula-like text with Excel's quote prefix)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for values in _texts(columns, rows):
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            # openpyxl stores any string starting with "=" as a live formula; keep every cell text.
            cell.data_type = "s"
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _sheet_title(title: str) -> str:
    # Excel refuses sheet names over 31 characters or with any of []:*?/\ in them.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:31] or "Sheet"


def response(fmt: str, columns: Sequence[Column], rows: Iterable[Any], *, name: str, title: str) -> HttpResponse:
    """The download of the table in `fmt` ("csv" or "xlsx"), named `name`-YYYYMMDD-HHMM.ext."""
    stamp = timezone.now().astimezone(LOCAL_ZONE).strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        body, content_type = to_xlsx(columns, rows, title=title), XLSX_TYPE
    else:
        body, content_type = to_csv(columns, rows), "text/csv; charset=utf-8"
    result = HttpResponse(body, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    result["Cache-Control"] = "private, no-store"
    return result
