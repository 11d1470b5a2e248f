"""Every table behind the dashboard as an XLSX workbook: one sheet per table, Vietnamese headers,
real number and date cells (with number formats), a frozen header row and set column widths.

Each table ends with a "Tổng cộng" row of plain values (not formulas), so a reader that does not
calculate (openpyxl, a phone preview) sees the same totals as the dashboard.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from phoihop.reports.selectors import ProgramFigures

INT = "#,##0"
ONE_DECIMAL = "#,##0.0"
PERCENT = "0.0%"
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
TEXT = "@"


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    number_format: str = "General"


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the local wall time, naive."""
    return timezone.localtime(value).replace(tzinfo=None) if value is not None else None


def _fraction(percent: float | None) -> float | None:
    return percent / 100 if percent is not None else None


def _sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    total: Sequence[Any] | None = None,
) -> Any:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([column.title for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        sheet.append(list(values))
    if total is not None:
        sheet.append(list(total))
        for cell in sheet[sheet.max_row]:
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
    info.append([_("Mục"), _("Giá trị")])
    for cell in info[1]:
        cell.font = Font(bold=True)
    period = figures.period
    facts: list[tuple[str, Any, str]] = [
        (_("Chương trình phối hợp"), figures.program.title, TEXT),
        (_("Số, ký hiệu"), figures.program.number, TEXT),
        (_("Kỳ báo cáo"), period.label, TEXT),
        (_("Từ ngày"), period.starts_on, DATE),
        (_("Đến ngày"), period.ends_on, DATE),
        (_("Số tin, bài đã đăng (không trùng lặp)"), figures.articles_total, INT),
        (_("Hồ sơ kiểm chứng tiếp nhận"), figures.claims.received if figures.claims.available else None, INT),
        (_("Số liệu tính đến"), _local(figures.now), DATETIME),
        (_("Lập lúc"), _local(generated_at or timezone.now()), DATETIME),
    ]
    if not figures.claims.available:
        facts.append((_("Ghi chú"), figures.claims.note, TEXT))
    for label, value, number_format in facts:
        info.append([label, value])
        info.cell(row=info.max_row, column=2).number_format = number_format
    info.column_dimensions["A"].width = 42
    info.column_dimensions["B"].width = 70
    info.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _themes(workbook: Workbook, figures: ProgramFigures) -> None:
    totals = figures.totals["themes"]
    _sheet(
        workbook,
        _("Nội dung tuyên truyền"),
        [
            Column(_("STT"), 6, INT),
            Column(_("Nội dung tuyên truyền"), 60, TEXT),
            Column(_("Chỉ tiêu theo chương trình"), 22, TEXT),
            Column(_("Chỉ tiêu trong kỳ"), 16, ONE_DECIMAL),
            Column(_("Đã đăng"), 12, INT),
            Column(_("Tỉ lệ đạt"), 12, PERCENT),
        ],
        [
            [i, row.title, row.target_label, row.target, row.published, _fraction(row.percent)]
            for i, row in enumerate(figures.themes, start=1)
        ],
        [None, _("Tổng cộng"), None, totals["target"], totals["published"], None],
    )


def _submissions(workbook: Workbook, figures: ProgramFigures) -> None:
    totals = figures.totals["submissions"]
    _sheet(
        workbook,
        _("Cung cấp thông tin"),
        [
            Column(_("STT"), 6, INT),
            Column(_("Đơn vị"), 44, TEXT),
            Column(_("Tổng số"), 11, INT),
            Column(_("Đã gửi"), 11, INT),
            Column(_("Đã tiếp nhận"), 13, INT),
            Column(_("Đang xử lý"), 12, INT),
            Column(_("Đã đăng (sử dụng)"), 14, INT),
            Column(_("Không sử dụng"), 14, INT),
            Column(_("Tỉ lệ sử dụng"), 13, PERCENT),
        ],
        [
            [i, r.unit, r.total, r.sent, r.received, r.in_progress, r.published, r.not_used, _fraction(r.used_percent)]
            for i, r in enumerate(figures.submissions, start=1)
        ],
        [
            None,
            _("Tổng cộng"),
            totals["total"],
            totals["sent"],
            totals["received"],
            totals["in_progress"],
            totals["published"],
            totals["not_used"],
            totals["published"] / totals["total"] if totals["total"] else None,
        ],
    )


def _requests(workbook: Workbook, figures: ProgramFigures) -> None:
    totals = figures.totals["requests"]
    _sheet(
        workbook,
        _("Đề nghị cung cấp thông tin"),
        [
            Column(_("STT"), 6, INT),
            Column(_("Đơn vị"), 44, TEXT),
            Column(_("Tổng số"), 11, INT),
            Column(_("Trả lời đúng hạn"), 14, INT),
            Column(_("Trả lời trễ hạn"), 14, INT),
            Column(_("Chưa trả lời, quá hạn"), 15, INT),
            Column(_("Chưa trả lời, còn hạn"), 15, INT),
            Column(_("Đã rút"), 10, INT),
            Column(_("Thời gian trả lời trung vị (giờ lịch)"), 20, ONE_DECIMAL),
        ],
        [
            [i, r.unit, r.total, r.on_time, r.late, r.overdue, r.pending, r.withdrawn, r.median_hours]
            for i, r in enumerate(figures.requests, start=1)
        ],
        [
            None,
            _("Tổng cộng"),
            totals["total"],
            totals["on_time"],
            totals["late"],
            totals["overdue"],
            totals["pending"],
            totals["withdrawn"],
            totals["median_hours"],
        ],
    )


def _claims(workbook: Workbook, figures: ProgramFigures) -> None:
    claims = figures.claims
    rows: list[list[Any]] = [[i, r.label, r.count] for i, r in enumerate(claims.verdicts, start=1)]
    _sheet(
        workbook,
        _("Kiểm chứng thông tin"),
        [Column(_("STT"), 6, INT), Column(_("Nhãn kết luận"), 40, TEXT), Column(_("Số kết luận"), 14, INT)],
        rows,
        [None, _("Tổng cộng"), claims.verdicts_total],
    )


def _most_read(workbook: Workbook, figures: ProgramFigures) -> None:
    _sheet(
        workbook,
        _("Tin bài đọc nhiều"),
        [
            Column(_("Hạng"), 7, INT),
            Column(_("Tin, bài"), 60, TEXT),
            Column(_("Đường dẫn"), 40, TEXT),
            Column(_("Ngày đăng"), 13, DATE),
            Column(_("Lượt đọc"), 12, INT),
        ],
        [
            [r.rank, r.title, r.url, timezone.localdate(r.published_at) if r.published_at else None, r.views]
            for r in figures.most_read
        ],
        [None, _("Tổng cộng"), None, None, figures.totals["most_read"]["views"]],
    )


SHEETS: list[Callable[[Workbook, ProgramFigures], None]] = [_themes, _submissions, _requests, _claims, _most_read]
