"""The report as a DOCX a unit can sign: layout from a `ReportLayout`, figures from the selectors.

Decree 30/2020/NĐ-CP (Appendix I) for State bodies, Hướng dẫn 36-HD/VPTW for Party bodies. The two
differ only in data (header lines, number pattern, sizes, the mark under the issuer), so one builder
prints both. The header is a two-column table without borders: the issuing body with its rule (or
the Party's asterisk) and the number on the left; the national motto (or "ĐẢNG CỘNG SẢN VIỆT NAM")
with its rule and the place-and-date line on the right. Then the document type and subject, the
sections, and the signature block beside "Nơi nhận".
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any, Protocol

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from phoihop.reports.models import ProgramReport, ReportLayout, format_number
from phoihop.reports.selectors import COLUMNS, ProgramFigures
from vntext import format_date, format_date_long

LEFT_COLUMN_SHARE = 0.4
PARAGRAPH_INDENT_MM = 12.7
_P_ORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def text_width_mm(text: str, size_pt: float, *, digits: bool = False) -> float:
    """About how wide `text` prints in bold Times at `size_pt`: the rule under the motto is as long
    as the line above it (Decree 30, Appendix I), and Word cannot size a border to text by itself.
    With `digits`, figures and "/" count as wide as they print (half an em), for the columns of
    numbers and dates that must not wrap."""
    em_mm = size_pt * 25.4 / 72
    widths = {True: 0.72, False: 0.5}

    def width(ch: str) -> float:
        if ch == " ":
            return 0.25
        if ch.isalpha():
            return widths[ch.isupper()]
        return 0.5 if digits and (ch.isdigit() or ch == "/") else 0.4

    return em_mm * sum(width(ch) for ch in text)


# A table cell's left and right margins in Word's "Table Grid" (0.19 cm each) and a little air, so a
# text measured by `text_width_mm` fits on one line.
CELL_PADDING_MM = 6.0
_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")


def unbroken_columns(rows: Sequence[Sequence[str]]) -> list[int]:
    """The columns printed on one line: the first (STT, Hạng) and each column of dates."""
    columns = [0]
    for index in range(1, len(rows[0]) if rows else 0):
        values = [row[index] for row in rows if row[index] not in {"", "—"}]
        if values and all(_DATE.fullmatch(value) for value in values):
            columns.append(index)
    return columns


def fit_widths(widths_mm: Sequence[float], total_mm: float, needed_mm: dict[int, float]) -> list[float]:
    """`widths_mm` scaled to `total_mm`, with each column at least as wide as `needed_mm` says; the
    columns wider than they need give up the difference in proportion to their spare width."""
    scale = total_mm / sum(widths_mm)
    widths = [width * scale for width in widths_mm]
    least = [needed_mm.get(i, 0.0) for i in range(len(widths))]
    deficit = sum(max(low - width, 0.0) for width, low in zip(widths, least, strict=True))
    widths = [max(width, low) for width, low in zip(widths, least, strict=True)]
    spare = sum(width - low for width, low in zip(widths, least, strict=True))
    if deficit and spare:
        share = min(deficit / spare, 1.0)
        widths = [width - (width - low) * share for width, low in zip(widths, least, strict=True)]
    return widths


def _table_layout_fixed(table: Any) -> None:
    """Fixed layout: Word and LibreOffice keep the given column widths instead of fitting to text."""
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")


def _row_property(row: Any, tag: str) -> None:
    """`w:cantSplit` (the row never breaks across pages) or `w:tblHeader` (repeated on each page)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(tag)) is None:
        properties.append(OxmlElement(tag))


def _no_wrap(cell: Any) -> None:
    properties = cell._tc.get_or_add_tcPr()
    if properties.find(qn("w:noWrap")) is None:
        element = OxmlElement("w:noWrap")
        # CT_TcPr order: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, textDirection, tcFitText, vAlign.
        later = [
            properties.find(qn(t)) for t in ("w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
        ]
        anchor = next((e for e in later if e is not None), None)
        if anchor is not None:
            anchor.addprevious(element)
        else:
            properties.append(element)


class Issued(Protocol):
    """What the header and the signature block read of a report: a `ProgramReport` or a
    `SpokespersonReport` (the annual report prints the same Decree 30 header and signature)."""

    @property
    def layout(self) -> ReportLayout: ...
    @property
    def number(self) -> int | None: ...
    @property
    def number_year(self) -> int | None: ...
    @property
    def issuer_code(self) -> str: ...
    @property
    def parent_body(self) -> str: ...
    @property
    def issuer_name(self) -> str: ...
    @property
    def place_name(self) -> str: ...
    @property
    def recipients(self) -> str: ...
    @property
    def signer_title(self) -> str: ...
    @property
    def signer_name(self) -> str: ...


def number_text(report: Issued) -> str:
    return format_number(
        report.layout.number_pattern, n=report.number or 0, code=report.issuer_code, year=report.number_year or 0
    )


def _n(value: float | None, decimals: int = 0) -> str:
    """Vietnamese number format: 1.234 and 12,5."""
    if value is None:
        return "—"
    if decimals == 0 or float(value).is_integer():
        return f"{round(value):,}".replace(",", ".")
    whole = f"{value:,.{decimals}f}"
    return whole.replace(",", " ").replace(".", ",").replace(" ", ".")


class _Writer:
    def __init__(self, layout: ReportLayout) -> None:
        self.layout = layout
        self.font = layout.font_name
        self.body = float(layout.body_size_pt)
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width = Mm(float(layout.page_width_mm))
        section.page_height = Mm(float(layout.page_height_mm))
        section.top_margin = Mm(float(layout.margin_top_mm))
        section.bottom_margin = Mm(float(layout.margin_bottom_mm))
        section.left_margin = Mm(float(layout.margin_left_mm))
        section.right_margin = Mm(float(layout.margin_right_mm))
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        self.text_width_mm = float(layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm)
        normal = self.doc.styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(self.body)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), self.font)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)

    # --- primitives ------------------------------------------------------------------------

    def run(self, paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
        run = paragraph.add_run(text)
        run.font.name = self.font
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), self.font)
        return run

    def line(
        self,
        container: Any,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        align: Any = WD_ALIGN_PARAGRAPH.CENTER,
        first: bool = False,
    ) -> Any:
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = align
        self.run(paragraph, text, size, bold=bold, italic=italic)
        return paragraph

    def rule(self, container: Any, width_mm: float, container_mm: float) -> Any:
        """A short centred horizontal rule: the bottom border of an empty 1 pt paragraph."""
        paragraph = container.add_paragraph()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().insert_element_before(borders, *_P_ORDER)
        indent = max((container_mm - width_mm) / 2, 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(indent)
        fmt.right_indent = Mm(indent)
        fmt.line_spacing = Pt(1)
        return paragraph

    def body_paragraph(self, text: str, *, bold: bool = False, indent: bool = True) -> Any:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(6)
        fmt.line_spacing = 1.15
        if indent:
            fmt.first_line_indent = Mm(PARAGRAPH_INDENT_MM)
        self.run(paragraph, text, self.body, bold=bold)
        return paragraph

    def heading(self, text: str) -> Any:
        return self.body_paragraph(text, bold=True)

    def narrative(self, text: str, placeholder: str) -> None:
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        for line in lines or [placeholder]:
            self.body_paragraph(line)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        *,
        align_left: Sequence[int] = (1,),
    ) -> Any:
        """A grid table that prints whole (#15): the header row repeats on each page and stays with the
        first row, no row breaks across pages, and the number column and any column of dates are wide
        enough for "STT" and "06/12/2026" on one line (fixed layout, no wrapping in those cells)."""
        size = max(self.body - 1, 11)
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, title in enumerate(headers):
            cell = table.rows[0].cells[index]
            self.line(cell, title, size, bold=True, first=True)
        for values in rows:
            cells = table.add_row().cells
            for index, value in enumerate(values):
                align = WD_ALIGN_PARAGRAPH.LEFT if index in align_left else WD_ALIGN_PARAGRAPH.CENTER
                self.line(cells[index], value, size, align=align, first=True)
        # Whole text for the number and date columns; elsewhere the longest word, so no word breaks.
        unbroken = unbroken_columns(rows)
        needed = {}
        for i in range(len(headers)):
            texts = [headers[i], *(row[i] for row in rows)]
            pieces = texts if i in unbroken else [word for text in texts for word in text.split()]
            needed[i] = max(text_width_mm(piece, size, digits=True) for piece in pieces) + CELL_PADDING_MM
        self._widths(table, fit_widths(widths_mm, self.text_width_mm, needed))
        _table_layout_fixed(table)
        for number, row in enumerate(table.rows):
            _row_property(row, "w:cantSplit")
            if number == 0:
                _row_property(row, "w:tblHeader")
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            for index in unbroken:
                _no_wrap(row.cells[index])
        self.doc.add_paragraph()
        return table

    @staticmethod
    def _widths(table: Any, widths_mm: Sequence[float]) -> None:
        """Both the grid (LibreOffice reads it) and each cell (Word reads those)."""
        for index, column in enumerate(table.columns):
            column.width = Mm(widths_mm[index])
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = Mm(widths_mm[index])

    def borderless(self, widths_mm: Sequence[float]) -> Any:
        table = self.doc.add_table(rows=1, cols=len(widths_mm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._widths(table, widths_mm)
        return table

    def page_numbers(self) -> None:
        """Page numbers centred in the top margin from the second page on (Decree 30, Appendix I)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "2"), ("end", "")):
            run = self.run(paragraph, text if kind == "text" else "", self.body)
            if kind == "instr":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
                run._r.append(element)
            elif kind != "text":
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
                run._r.append(element)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def build_docx(report: ProgramReport, figures: ProgramFigures, *, issued_on: dt.date) -> bytes:
    """The report document, as bytes. `report.number` must already be given."""
    layout = report.layout
    w = _Writer(layout)
    core = w.doc.core_properties
    core.title = report.subject[:255]
    core.author = report.issuer_name[:255]
    core.language = "vi-VN"
    w.page_numbers()
    _header(w, report, issued_on)
    _title(w, report)
    _body(w, report, figures)
    _signature(w, report)
    return w.save()


def _header(w: _Writer, report: Issued, issued_on: dt.date) -> None:
    layout = w.layout
    left_mm = w.text_width_mm * LEFT_COLUMN_SHARE
    right_mm = w.text_width_mm - left_mm
    header = w.borderless([left_mm, right_mm])
    left, right = header.rows[0].cells
    issuer_size = float(layout.issuer_size_pt)
    first = True
    if report.parent_body:
        w.line(left, report.parent_body.upper(), issuer_size, first=True)
        first = False
    w.line(left, report.issuer_name.upper(), issuer_size, bold=True, first=first)
    if layout.issuer_mark == ReportLayout.IssuerMark.ASTERISK:
        w.line(left, "*", issuer_size)
    else:
        w.rule(left, min(left_mm / 3, 25), left_mm)
    number = w.line(left, number_text(report), float(layout.number_size_pt))
    number.paragraph_format.space_before = Pt(6)

    w.line(right, layout.motto_line_1, float(layout.motto_line_1_size_pt), bold=True, first=True)
    last_line, last_size = layout.motto_line_1, float(layout.motto_line_1_size_pt)
    if layout.motto_line_2:
        last_line, last_size = layout.motto_line_2, float(layout.motto_line_2_size_pt)
        w.line(right, last_line, last_size, bold=True)
    w.rule(right, min(text_width_mm(last_line, last_size), right_mm), right_mm)
    date_line = w.line(right, format_date_long(issued_on, report.place_name), float(layout.date_size_pt), italic=True)
    date_line.paragraph_format.space_before = Pt(6)


def _title(w: _Writer, report: ProgramReport) -> None:
    layout = w.layout
    title = w.line(w.doc, layout.title_text, float(layout.title_size_pt), bold=True)
    title.paragraph_format.space_before = Pt(18)
    w.line(w.doc, report.subject, float(layout.subject_size_pt), bold=True)
    w.rule(w.doc, w.text_width_mm / 4, w.text_width_mm)
    w.doc.add_paragraph()


def _body(w: _Writer, report: ProgramReport, figures: ProgramFigures) -> None:
    program = figures.program
    period = figures.period
    totals = figures.totals
    c = COLUMNS
    missing = _("(Chưa có nội dung.)")
    w.body_paragraph(
        _(
            "Thực hiện %(program)s%(number)s, %(issuer)s báo cáo kết quả thực hiện %(period)s "
            "(từ ngày %(start)s đến ngày %(end)s) như sau:"
        )
        % {
            "program": program.title,
            "number": f" ({program.number})" if program.number else "",
            "issuer": report.issuer_name,
            "period": period.phrase or _("chương trình"),
            "start": format_date(period.starts_on),
            "end": format_date(period.ends_on),
        }
    )

    w.heading(_("I. ĐÁNH GIÁ CHUNG"))
    w.narrative(report.general_assessment, missing)

    w.heading(_("II. KẾT QUẢ THỰC HIỆN"))
    # The key figures first, with the same labels and definitions as the dashboard and the XLSX.
    w.body_paragraph(figures.as_of_text)
    w.table(
        [str(c["no"]), _("Số liệu"), _("Giá trị"), _("Cách tính")],
        [[str(i), item.label, _n(item.value), item.definition] for i, item in enumerate(figures.headline, start=1)],
        [10, 52, 18, 90],
        align_left=(1, 3),
    )
    v = figures.by_key

    w.heading(_("1. Kết quả tuyên truyền theo nội dung"))
    w.body_paragraph(
        _("%(label)s: %(count)s; theo nội dung tuyên truyền như bảng dưới.")
        % {"label": v["articles"].label, "count": _n(v["articles"].value)}
    )
    w.table(
        [str(c["no"]), str(c["theme"]), str(c["target"]), str(c["period_target"]), str(c["published"]),
         str(c["percent"])],
        [
            [str(i), row.title, row.target_label or "—", _n(row.target, 1), _n(row.published), _n(row.percent, 1)]
            for i, row in enumerate(figures.themes, start=1)
        ]
        + [
            ["", str(c["themes_sum"]), "", _n(totals["themes"]["target"], 1), _n(totals["themes"]["published"]), ""],
            ["", v["articles"].label, "", "", _n(v["articles"].value), ""],
        ],
        [12, 78, 25, 22, 18, 18],
    )  # fmt: skip
    if report.results_notes:
        w.narrative(report.results_notes, "")

    w.heading(_("2. Trao đổi, cung cấp thông tin"))
    s = totals["submissions"]
    w.body_paragraph(
        _(
            "a) %(label)s: %(total)s; trong đó: đã được sử dụng (đăng) %(used)s; không sử dụng %(unused)s; "
            "chưa xử lý xong %(open)s."
        )
        % {
            "label": v["submissions"].label,
            "total": _n(v["submissions"].value),
            "used": _n(v["submissions_used"].value),
            "unused": _n(v["submissions_not_used"].value),
            "open": _n(v["submissions_open"].value),
        }
    )
    w.table(
        [str(c["no"]), str(c["unit"]), str(c["total"]), str(c["open"]), str(c["used"]), str(c["not_used"])],
        [
            [str(i), row.unit, _n(row.total), _n(row.open), _n(row.published), _n(row.not_used)]
            for i, row in enumerate(figures.submissions, start=1)
        ]
        + [["", str(c["sum"]), _n(s["total"]), _n(s["open"]), _n(s["published"]), _n(s["not_used"])]],
        [12, 80, 20, 26, 24, 22],
    )  # fmt: skip
    r = totals["requests"]
    w.body_paragraph(
        _(
            "b) %(label)s: %(total)s; trong đó: trả lời đúng hạn %(on_time)s; trả lời trễ hạn %(late)s; "
            "chưa trả lời, quá hạn %(overdue)s; chưa trả lời, còn hạn %(pending)s; đã rút %(withdrawn)s. "
            "Thời gian trả lời trung vị: %(median)s giờ (tính theo giờ lịch, từ lúc gửi đến lúc trả lời)."
        )
        % {
            "label": v["requests"].label,
            "total": _n(v["requests"].value),
            "on_time": _n(v["requests_on_time"].value),
            "late": _n(v["requests_late"].value),
            "overdue": _n(v["requests_overdue"].value),
            "pending": _n(v["requests_pending"].value),
            "withdrawn": _n(v["requests_withdrawn"].value),
            "median": _n(r["median_hours"], 1),
        }
    )
    w.table(
        [str(c["no"]), str(c["unit"]), str(c["total"]), str(c["on_time"]), str(c["late"]), str(c["overdue"]),
         str(c["pending"]), str(c["withdrawn"]), str(c["median_hours"])],
        [
            [str(i), row.unit, _n(row.total), _n(row.on_time), _n(row.late), _n(row.overdue), _n(row.pending),
             _n(row.withdrawn), _n(row.median_hours, 1)]
            for i, row in enumerate(figures.requests, start=1)
        ]
        + [["", str(c["sum"]), _n(r["total"]), _n(r["on_time"]), _n(r["late"]), _n(r["overdue"]), _n(r["pending"]),
            _n(r["withdrawn"]), _n(r["median_hours"], 1)]],
        [10, 50, 15, 17, 17, 17, 17, 14, 20],
    )  # fmt: skip
    if report.exchange_notes:
        w.narrative(report.exchange_notes, "")

    w.heading(_("3. Đấu tranh, phản bác thông tin sai sự thật"))
    claims = figures.claims
    w.body_paragraph(
        _("%(label)s: %(received)s; trong đó đã có kết luận được duyệt: %(done)s.")
        % {
            "label": v["claims"].label,
            "received": _n(v["claims"].value),
            "done": _n(v["claims_concluded"].value),
        }
    )
    if claims.verdicts:
        w.table(
            [str(c["no"]), str(c["label"]), str(c["concluded"])],
            [[str(i), row.label, _n(row.count)] for i, row in enumerate(claims.verdicts, start=1)]
            + [["", str(c["sum"]), _n(claims.verdicts_total)]],
            [12, 110, 40],
        )
    if report.refutation_notes:
        w.narrative(report.refutation_notes, "")

    w.heading(_("4. Tin, bài được đọc nhiều"))
    if figures.most_read:
        w.table(
            [str(c["rank"]), str(c["article"]), str(c["published_on"]), str(c["views"])],
            [
                [str(row.rank), row.title, format_date(row.published_at) if row.published_at else "—", _n(row.views)]
                for row in figures.most_read
            ]
            + [["", str(c["views_sum"]), "", _n(totals["most_read"]["views"])]],
            [12, 110, 25, 22],
        )
    else:
        w.body_paragraph(_("Chưa có số liệu lượt đọc trong kỳ."))

    w.heading(_("III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"))
    w.narrative(report.shortcomings, missing)
    w.heading(_("IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    w.narrative(report.proposals, missing)
    w.body_paragraph(
        _("Trên đây là báo cáo %(kind)s thực hiện chương trình phối hợp của %(issuer)s./.")
        % {"kind": report.get_kind_display().lower(), "issuer": report.issuer_name}
    )


def _signature(w: _Writer, report: Issued) -> None:
    """ "Nơi nhận" beside the signer's title and name, in one borderless row that never breaks
    across pages (#15: the block had split over pages 2 and 3); the closing line before it keeps with
    it, so the block never starts a page alone."""
    layout = w.layout
    if w.doc.paragraphs:
        w.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    spacer = w.doc.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    left_mm = w.text_width_mm * 0.45
    block = w.borderless([left_mm, w.text_width_mm - left_mm])
    _row_property(block.rows[0], "w:cantSplit")
    left, right = block.rows[0].cells
    w.line(
        left,
        layout.recipients_label,
        float(layout.recipients_label_size_pt),
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    for item in [line.strip() for line in report.recipients.splitlines() if line.strip()]:
        w.line(left, item, float(layout.recipients_size_pt), align=WD_ALIGN_PARAGRAPH.LEFT)
    size = float(layout.signature_size_pt)
    title_lines = [line.strip() for line in (report.signer_title or "").splitlines() if line.strip()]
    for index, line in enumerate(title_lines):
        w.line(right, line.upper(), size, bold=True, first=index == 0)
    for _blank in range(4):
        right.add_paragraph()
    w.line(right, report.signer_name, size, bold=True)
    for cell in (left, right):
        for paragraph in cell.paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True


# The pieces another report's builder reuses (the annual spokesperson report, `spokesperson_document`).
Writer = _Writer
write_header = _header
write_signature = _signature
format_count = _n
