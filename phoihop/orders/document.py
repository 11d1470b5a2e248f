"""The acceptance minutes (biên bản nghiệm thu) as DOCX in the layout of Decree 30/2020 (national
motto and title in the header, Times New Roman 13–14 pt, A4 margins 20–30/15–20 mm, signature blocks
of both sides) and the same table as XLSX."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl import Workbook

from phoihop.orders.models import AcceptancePeriod
from phoihop.orders.selectors import MinutesRow

FONT = "Times New Roman"


def vnd(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _run(paragraph: Any, text: str, size: float = 13, *, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return run


def _para(
    container: Any, text: str, size: float = 13, *, bold: bool = False, italic: bool = False, center: bool = False
) -> Any:
    paragraph = container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _table(document: Any, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], text, 11, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _run(cell.paragraphs[0], text, 11)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def build_docx(period: AcceptancePeriod, rows: list[MinutesRow]) -> bytes:
    order = period.order
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], order.unit.name.upper(), 12)
    _para(left, _("BÁO ĐIỆN TỬ").upper(), 12, bold=True, center=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, center=True)
    day = timezone.localtime(period.accepted_at) if period.accepted_at else timezone.localtime()
    _para(
        right,
        _("ngày %(d)02d tháng %(m)02d năm %(y)d") % {"d": day.day, "m": day.month, "y": day.year},
        13,
        italic=True,
        center=True,
    )
    _para(document, _("BIÊN BẢN NGHIỆM THU"), 14, bold=True, center=True)
    _para(
        document,
        _("Sản phẩm thông tin, tuyên truyền đặt hàng kỳ %(label)s") % {"label": period.label},
        14,
        bold=True,
        center=True,
    )
    if order.legal_basis:
        for line in order.legal_basis.splitlines():
            _para(document, line, italic=True)
    contract = order.contract_number
    if order.contract_date:
        contract += _(" ngày %(date)s") % {"date": order.contract_date.strftime("%d/%m/%Y")}
    _para(
        document,
        _("Căn cứ hợp đồng đặt hàng số %(contract)s: %(title)s.") % {"contract": contract, "title": order.title},
    )
    _para(document, _("Bên đặt hàng (Bên A): %(unit)s.") % {"unit": order.unit.name}, bold=True)
    _para(
        document,
        _("Bên nhận đặt hàng (Bên B): Tòa soạn báo, đơn vị chủ trì chương trình “%(program)s”.")
        % {"program": order.program.title},
        bold=True,
    )
    _para(
        document,
        _("Hai bên thống nhất nghiệm thu các sản phẩm đã đăng từ ngày %(start)s đến ngày %(end)s như sau:")
        % {"start": period.starts_on.strftime("%d/%m/%Y"), "end": period.ends_on.strftime("%d/%m/%Y")},
    )
    total = sum(row.amount for row in rows)
    body = [
        [
            str(r.number),
            r.title,
            r.url,
            r.published_at.strftime("%d/%m/%Y %H:%M"),
            r.kind,
            vnd(r.unit_price),
            vnd(r.amount),
        ]
        for r in rows
    ]
    body.append(["", _("Tổng cộng: %(n)d sản phẩm") % {"n": len(rows)}, "", "", "", "", vnd(total)])
    _table(
        document,
        [
            _("STT"),
            _("Tên tin, bài"),
            _("Đường dẫn"),
            _("Ngày đăng"),
            _("Loại"),
            _("Đơn giá (đồng)"),
            _("Thành tiền (đồng)"),
        ],
        body,
        [10, 45, 45, 22, 15, 19, 19],
    )
    _para(document, _("Tổng giá trị nghiệm thu: %(total)s đồng.") % {"total": vnd(total)}, bold=True)
    _para(document, _("Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản có giá trị như nhau."))
    signatures = document.add_table(rows=1, cols=2)
    a, b = signatures.rows[0].cells
    a.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(a.paragraphs[0], _("ĐẠI DIỆN BÊN A"), 13, bold=True)
    b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(b.paragraphs[0], _("ĐẠI DIỆN BÊN B"), 13, bold=True)
    _para(a, _("(Ký, ghi rõ họ tên, đóng dấu)"), 12, italic=True, center=True)
    _para(b, _("(Ký, ghi rõ họ tên, đóng dấu)"), 12, italic=True, center=True)
    for _n in range(3):
        _para(a, "")
        _para(b, "")
    if period.accepted_by is not None:
        _para(a, period.accepted_by.get_full_name() or period.accepted_by.get_username(), 13, bold=True, center=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_xlsx(period: AcceptancePeriod, rows: list[MinutesRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nghiệm thu")
    sheet.append(
        [_("Biên bản nghiệm thu kỳ %(label)s — %(unit)s") % {"label": period.label, "unit": period.order.unit.name}]
    )
    sheet.append(
        [
            _("STT"),
            _("Tên tin, bài"),
            _("Đường dẫn"),
            _("Ngày đăng"),
            _("Loại"),
            _("Nội dung tuyên truyền"),
            _("Đơn giá (đồng)"),
            _("Thành tiền (đồng)"),
        ]
    )
    for r in rows:
        sheet.append(
            [r.number, r.title, r.url, r.published_at.replace(tzinfo=None), r.kind, r.theme, r.unit_price, r.amount]
        )
        sheet.cell(row=sheet.max_row, column=4).number_format = "DD/MM/YYYY HH:MM"
    sheet.append(["", _("Tổng cộng"), "", "", "", "", "", sum(r.amount for r in rows)])
    for column, width in zip("ABCDEFGH", [6, 50, 50, 18, 10, 30, 16, 18], strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
