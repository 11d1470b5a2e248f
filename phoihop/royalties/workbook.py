"""The monthly royalty sheet as XLSX: per author (one line per author and article, subtotals) and per
section, with Vietnamese headers, dd/mm/yyyy dates, totals, and the legal basis of the figures."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from phoihop.royalties.models import Royalty
from phoihop.royalties.selectors import AuthorSheet, SectionSheet

DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
BOLD = Font(bold=True)


def _header(sheet: object, title: str, headers: list[str]) -> None:
    sheet.append([title])  # type: ignore[attr-defined]
    sheet["A1"].font = Font(bold=True, size=13)  # type: ignore[index]
    sheet.append(headers)  # type: ignore[attr-defined]
    for column in range(1, len(headers) + 1):
        sheet.cell(row=2, column=column).font = BOLD  # type: ignore[attr-defined]
        sheet.column_dimensions[get_column_letter(column)].width = 14 if column > 2 else 36  # type: ignore[attr-defined]


def _bold_row(sheet: object, values: list[object]) -> None:
    sheet.append(values)  # type: ignore[attr-defined]
    for cell in sheet[sheet.max_row]:  # type: ignore[index, attr-defined]
        cell.font = BOLD


def royalty_workbook(
    *, month_label: str, authors: list[AuthorSheet], sections: list[SectionSheet], royalties: list[Royalty]
) -> bytes:
    workbook = Workbook()
    by_author = workbook.active
    by_author.title = _("Theo tác giả")
    _header(
        by_author,
        _("Bảng nhuận bút tháng %(month)s theo tác giả") % {"month": month_label},
        [
            _("Tác giả"), _("Tin, bài"), _("Chuyên mục"), _("Ngày đăng"), _("Thể loại"), _("Hệ số"),
            _("Nhuận bút tin, bài (đồng)"), _("Tỷ lệ (%)"), _("Số tiền (đồng)"), _("Hạn chi trả"),
            _("Trạng thái"), _("Ngày chi"),
        ],
    )  # fmt: skip
    grand = 0
    for author in authors:
        for line in author.lines:
            r, s = line.royalty, line.share
            by_author.append(
                [
                    s.name, r.article.title, r.section.title if r.section else "", r.published_on, r.genre.name,
                    float(r.coefficient), r.amount, float(s.percent), s.amount, r.due_on, r.get_status_display(),
                    r.paid_on,
                ]
            )  # fmt: skip
            row = by_author.max_row
            for column in (4, 10, 12):
                by_author.cell(row=row, column=column).number_format = DATE_FORMAT
            for column in (7, 9):
                by_author.cell(row=row, column=column).number_format = MONEY_FORMAT
        _bold_row(by_author, [_("Cộng: %(name)s") % {"name": author.name}, "", "", "", "", "", "", "", author.total])
        by_author.cell(row=by_author.max_row, column=9).number_format = MONEY_FORMAT
        grand += author.total
    _bold_row(by_author, [_("Tổng cộng"), "", "", "", "", "", "", "", grand])
    by_author.cell(row=by_author.max_row, column=9).number_format = MONEY_FORMAT

    by_section = workbook.create_sheet(_("Theo chuyên mục"))
    _header(
        by_section,
        _("Bảng nhuận bút tháng %(month)s theo chuyên mục") % {"month": month_label},
        [_("Chuyên mục"), _("Số tin, bài"), _("Nhuận bút (đồng)"), _("Đã chi (đồng)")],
    )
    for section in sections:
        paid = sum(r.amount for r in section.royalties if r.status == Royalty.Status.PAID)
        by_section.append([section.name, len(section.royalties), section.total, paid])
        for column in (3, 4):
            by_section.cell(row=by_section.max_row, column=column).number_format = MONEY_FORMAT
    _bold_row(
        by_section,
        [
            _("Tổng cộng"),
            sum(len(s.royalties) for s in sections),
            sum(s.total for s in sections),
            sum(r.amount for s in sections for r in s.royalties if r.status == Royalty.Status.PAID),
        ],
    )
    for column in (3, 4):
        by_section.cell(row=by_section.max_row, column=column).number_format = MONEY_FORMAT

    basis = workbook.create_sheet(_("Căn cứ"))
    basis.append([_("Căn cứ tính nhuận bút")])
    basis["A1"].font = BOLD
    seen: set[str] = set()
    for royalty in royalties:
        for text in (
            _("Khung hệ số “%(genre)s” %(range)s: %(basis)s")
            % {"genre": royalty.genre.name, "range": royalty.genre.range_label, "basis": royalty.genre.legal_basis},
            _("Đơn vị hệ số %(unit)s: %(basis)s") % {"unit": royalty.unit, "basis": royalty.unit.legal_basis},
        ):
            if text not in seen:
                seen.add(text)
                basis.append([text])
    basis.append([_("Nhuận bút = hệ số × giá trị một đơn vị hệ số; trả chậm nhất 60 ngày kể từ ngày đăng.")])
    basis.column_dimensions["A"].width = 120
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
