"""The annual report on spokesperson work as a DOCX in the Decree 30/2020 layout and as an XLSX.

The DOCX follows the appendix form of Decree 244/2026 (docs/legal-2026-verified.md §3, "Appendix
form"): the issuing body and "Số: …/BC-…" on the left, the national motto and "(place), ngày … tháng
… năm …" on the right (the same header as every report, `document.write_header`), the title, "I. Về số
liệu" with the six rows, "II. Khó khăn, vướng mắc và đề xuất, kiến nghị (nếu có)", then "Nơi nhận"
beside the signature. The XLSX holds the same six rows (value, total, the form's words, what is
counted) and the report's facts; every cell goes through `workbook.as_text`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from phoihop.reports.document import Writer, format_count, write_header, write_signature
from phoihop.reports.models import SpokespersonReport
from phoihop.reports.spokesperson import AnnualFigures
from phoihop.reports.workbook import DATE, DATETIME, TEXT, append_row
from vntext import format_date


def subject_line(report: SpokespersonReport) -> str:
    return _("Về công tác phát ngôn và cung cấp thông tin cho báo chí năm %(year)s") % {"year": report.year}


def figure_rows(figures: AnnualFigures) -> list[list[str]]:
    """The table "I. Về số liệu": number, the form's words, the figure ("3" or "2/5"), what is counted."""
    return [[str(row.number), row.label, _ratio(row.value, row.total), row.definition] for row in figures.rows]


def _ratio(value: int, total: int | None) -> str:
    return format_count(value) if total is None else f"{format_count(value)}/{format_count(total)}"


def build_annual_docx(report: SpokespersonReport, figures: AnnualFigures, *, issued_on: dt.date) -> bytes:
    """The report document, as bytes. `report.number` must already be given."""
    layout = report.layout
    w = Writer(layout)
    core = w.doc.core_properties
    core.title = report.title[:255]
    core.author = report.issuer_name[:255]
    core.language = "vi-VN"
    w.page_numbers()
    write_header(w, report, issued_on)
    title = w.line(w.doc, layout.title_text, float(layout.title_size_pt), bold=True)
    title.paragraph_format.space_before = Pt(18)
    w.line(w.doc, subject_line(report), float(layout.subject_size_pt), bold=True)
    w.rule(w.doc, w.text_width_mm / 4, w.text_width_mm)
    w.doc.add_paragraph()
    w.body_paragraph(
        _(
            "Thực hiện Điều 10 Nghị định số 244/2026/NĐ-CP của Chính phủ, %(issuer)s báo cáo về công tác phát "
            "ngôn và cung cấp thông tin cho báo chí năm %(year)s (số liệu %(period)s) như sau:"
        )
        % {"issuer": report.issuer_name, "year": report.year, "period": figures.bounds.label}
    )
    w.heading(_("I. VỀ SỐ LIỆU"))
    w.body_paragraph(figures.as_of_text)
    w.table(
        [_("STT"), _("Nội dung"), _("Số liệu"), _("Cách tính")],
        figure_rows(figures),
        [14, 68, 18, 70],
        align_left=(1, 3),
    )
    for note in figures.notes:
        w.body_paragraph(note)
    if report.figures_notes:
        w.narrative(report.figures_notes, "")
    w.heading(_("II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ (NẾU CÓ)"))
    w.narrative(report.difficulties, _("(Không có.)"))
    w.body_paragraph(
        _("Trên đây là báo cáo về công tác phát ngôn và cung cấp thông tin cho báo chí năm %(year)s của %(issuer)s./.")
        % {"year": report.year, "issuer": report.issuer_name}
    )
    write_signature(w, report)
    return w.save()


def build_annual_xlsx(
    report: SpokespersonReport, figures: AnnualFigures, *, generated_at: dt.datetime | None = None
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Số liệu")[:31]
    append_row(sheet, [_("STT"), _("Nội dung"), _("Tử số"), _("Mẫu số"), _("Số liệu"), _("Cách tính")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in figures.rows:
        number = append_row(
            sheet, [row.number, row.label, row.value, row.total, _ratio(row.value, row.total), row.definition]
        )
        for cell in sheet[number]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=number, column=5).number_format = TEXT
    for letter, width in zip("ABCDEF", (6, 60, 10, 10, 12, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    info = workbook.create_sheet(_("Thông tin chung"))
    append_row(info, [_("Mục"), _("Giá trị")])
    for cell in info[1]:
        cell.font = Font(bold=True)
    local = timezone.localtime(generated_at or timezone.now()).replace(tzinfo=None)
    facts: list[tuple[str, Any, str]] = [
        (_("Báo cáo"), report.title, TEXT),
        (_("Cơ quan hành chính"), report.issuer_name, TEXT),
        (_("Số, ký hiệu"), report.number_text, TEXT),
        (_("Năm báo cáo"), report.year, "0"),
        (_("Số liệu từ ngày"), figures.bounds.first_day, DATE),
        (_("Số liệu đến ngày"), figures.bounds.last_day, DATE),
        (_("Hạn gửi báo cáo"), report.due_on, DATE),
        (_("Căn cứ"), report.legal_basis, TEXT),
        (_("Nơi nhận báo cáo"), _("Bộ Văn hóa, Thể thao và Du lịch"), TEXT),
        (_("Số liệu tính đến"), timezone.localtime(figures.now).replace(tzinfo=None), DATETIME),
        (_("Lập lúc"), local, DATETIME),
        *((_("Ghi chú"), note, TEXT) for note in figures.notes),
    ]
    for label, value, number_format in facts:
        number = append_row(info, [label, value])
        info.cell(row=number, column=2).number_format = number_format
        info.cell(row=number, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def period_text(report: SpokespersonReport) -> str:
    return f"{format_date(report.period_start)} – {format_date(report.period_end)}"
