"""Every table behind the dashboard as an XLSX workbook: one sheet per table, Vietnamese headers,
real number and date cells (with number formats), a frozen header row and set column widths.

Each table ends with its total rows as plain values (not formulas), so a reader that does not
calculate (openpyxl, a phone preview) sees the same totals as the dashboard. "Thông tin chung" lists
every figure with its label, value and definition (`selectors.FIGURES`), as the dashboard and the DOCX
do. No cell is ever a formula: text that looks like one is written as text (`as_text`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from phoihop.reports.selectors import COLUMNS, ProgramFigures

INT = "#,##0"
ONE_DECIMAL = "#,##0.0"
PERCENT = "0.0%"
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
TEXT = "@"


@dataclass(frozen=True)
class Column:
    title: str | Promise
    width: float
    number_format: str = "General"


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the local wall time, naive."""
    return timezone.localtime(value).replace(tzinfo=None) if value is not None else None


def _fraction(percent: float | None) -> float | None:
    return percent / 100 if percent is not None else None


# Text a spreadsheet would read as a formula (or, after an edit, turn into one): "=SUM(…)", "+84…",
# "-5%", "@user", or a tab or carriage return in front of one. Such a cell is written as text with
# Excel's quote prefix (the cell shows the text, keeps it text when edited), never as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: Any) -> Any:
    """Keep `cell` text if its text starts like a formula (openpyxl stores any string starting with
    "=" as a live formula). Every cell of every XLSX the project writes goes through here."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_row(sheet: Any, values: Sequence[Any]) -> int:
    """`sheet.append`, with formula-like text kept as text; returns the new row's number."""
    sheet.append(list(values))
    row: int = sheet.max_row
    for cell in sheet[row]:
        as_text(cell)
    return row


def _sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    totals: Sequence[Sequence[Any]] = (),
) -> Any:
    sheet = workbook.create_sheet(title=title[:31])
    append_row(sheet, [str(column.title) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        append_row(sheet, values)
    for values in totals:
        row = append_row(sheet, values)
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format != "General":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.number_format
    sheet.freeze_panes = "A2"
    return sheet


def build_xlsx(figures: ProgramFigures, *, generated_at: dt.datetime | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for build in SHEETS:
        build(workbook, figures)
    info = workbook.create_sheet(_("Thông tin chung"), 0)
    append_row(info, [_("Mục"), _("Giá trị"), _("Cách tính")])
    for cell in info[1]:
        cell.font = Font(bold=True)
    period = figures.period
    facts: list[tuple[str, Any, str, str]] = [
        (_("Chương trình phối hợp"), figures.program.title, TEXT, ""),
        (_("Số, ký hiệu"), figures.program.number, TEXT, ""),
        (_("Kỳ báo cáo"), period.label, TEXT, ""),
        (_("Từ ngày"), period.starts_on, DATE, ""),
        (_("Đến ngày"), period.ends_on, DATE, ""),
        (_("Số liệu tính đến"), _local(figures.now), DATETIME, figures.as_of_text),
        (_("Lập lúc"), _local(generated_at or timezone.now()), DATETIME, ""),
        # The key figures: the same labels, values and definitions as the dashboard and the DOCX.
        *((item.label, item.value, INT, item.definition) for item in figures.headline),
    ]
    for label, value, number_format, definition in facts:
        row = append_row(info, [label, value, definition])
        info.cell(row=row, column=2).number_format = number_format
        info.cell(row=row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    info.column_dimensions["A"].width = 48
    info.column_dimensions["B"].width = 40
    info.column_dimensions["C"].width = 90
    info.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _themes(workbook: Workbook, figures: ProgramFigures) -> None:
    totals = figures.totals["themes"]
    c = COLUMNS
    articles = figures.by_key["articles"]
    _sheet(
        workbook,
        _("Nội dung tuyên truyền"),
        [
            Column(c["no"], 6, INT),
            Column(c["theme"], 60, TEXT),
            Column(c["target"], 22, TEXT),
            Column(c["period_target"], 16, ONE_DECIMAL),
            Column(c["published"], 14, INT),
            Column(c["percent"], 12, PERCENT),
        ],
        [
            [i, row.title, row.target_label, row.target, row.published, _fraction(row.percent)]
            for i, row in enumerate(figures.themes, start=1)
        ],
        [
            [None, str(c["themes_sum"]), None, totals["target"], totals["published"], None],
            [None, articles.label, None, None, articles.value, None],
        ],
    )


def _submissions(workbook: Workbook, figures: ProgramFigures) -> None:
    totals = figures.totals["submissions"]
    c = COLUMNS
    _sheet(
        workbook,
        _("Cung cấp thông tin"),
        [
            Column(c["no"], 6, INT),
            Column(c["unit"], 44, TEXT),
            Column(c["total"], 11, INT),
            Column(c["sent"], 11, INT),
            Column(c["received"], 13, INT),
            Column(c["in_progress"], 12, INT),
            Column(c["used"], 14, INT),
            Column(c["not_used"], 14, INT),
            Column(c["used_percent"], 13, PERCENT),
        ],
        [
            [i, r.unit, r.total, r.sent, r.received, r.in_progress, r.published, r.not_used, _fraction(r.used_percent)]
            for i, r in enumerate(figures.submissions, start=1)
        ],
        [
            [
                None,
                str(c["sum"]),
                totals["total"],
                totals["sent"],
                totals["received"],
                totals["in_progress"],
                totals["published"],
                totals["not_used"],
                _fraction(totals["used_percent"]),
            ]
        ],
    )


def _requests(workbook: Workbook, figures: ProgramFigures) -> None:
    totals = figures.totals["requests"]
    c = COLUMNS
    _sheet(
        workbook,
        _("Đề nghị cung cấp thông tin"),
        [
            Column(c["no"], 6, INT),
            Column(c["unit"], 44, TEXT),
            Column(c["total"], 11, INT),
            Column(c["on_time"], 14, INT),
            Column(c["late"], 14, INT),
            Column(c["overdue"], 15, INT),
            Column(c["pending"], 15, INT),
            Column(c["withdrawn"], 10, INT),
            Column(c["median_hours"], 20, ONE_DECIMAL),
        ],
        [
            [i, r.unit, r.total, r.on_time, r.late, r.overdue, r.pending, r.withdrawn, r.median_hours]
            for i, r in enumerate(figures.requests, start=1)
        ],
        [
            [
                None,
                str(c["sum"]),
                totals["total"],
                totals["on_time"],
                totals["late"],
                totals["overdue"],
                totals["pending"],
                totals["withdrawn"],
                totals["median_hours"],
            ]
        ],
    )


def _claims(workbook: Workbook, figures: ProgramFigures) -> None:
    claims = figures.claims
    c = COLUMNS
    rows: list[list[Any]] = [[i, r.label, r.count] for i, r in enumerate(claims.verdicts, start=1)]
    _sheet(
        workbook,
        _("Kiểm chứng thông tin"),
        [Column(c["no"], 6, INT), Column(c["label"], 40, TEXT), Column(c["concluded"], 18, INT)],
        rows,
        [[None, str(c["sum"]), claims.verdicts_total]],
    )


def _most_read(workbook: Workbook, figures: ProgramFigures) -> None:
    c = COLUMNS
    _sheet(
        workbook,
        _("Tin bài đọc nhiều"),
        [
            Column(c["rank"], 7, INT),
            Column(c["article"], 60, TEXT),
            Column(c["url"], 40, TEXT),
            Column(c["published_on"], 13, DATE),
            Column(c["views"], 14, INT),
        ],
        [
            [r.rank, r.title, r.url, timezone.localdate(r.published_at) if r.published_at else None, r.views]
            for r in figures.most_read
        ],
        [[None, str(c["views_sum"]), None, None, figures.totals["most_read"]["views"]]],
    )


SHEETS: list[Callable[[Workbook, ProgramFigures], None]] = [_themes, _submissions, _requests, _claims, _most_read]
