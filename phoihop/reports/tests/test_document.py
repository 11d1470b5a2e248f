"""The exported DOCX, opened with python-docx: A4, margins, font and sizes, header lines, number and
date, sections, signature block — for the State layout (Decree 30/2020) and the Party layout."""

import datetime as dt
import io
from decimal import Decimal

import time_machine
from docx import Document
from docx.oxml.ns import qn

from phoihop.core.services import next_number
from phoihop.reports import periods, services
from phoihop.reports.models import ReportLayout
from phoihop.reports.tests.base import NOW, ReportsTestCase


def texts(container):
    return [p.text for p in container.paragraphs if p.text.strip()]


def paragraph(container, text):
    return next(p for p in container.paragraphs if p.text == text)


def has_bottom_rule(p):
    borders = p._p.pPr.find(qn("w:pBdr")) if p._p.pPr is not None else None
    return borders is not None and borders.find(qn("w:bottom")) is not None


@time_machine.travel(NOW, tick=False)
class DocumentTests(ReportsTestCase):
    def export(self, *, issuer, actor, layout_kind="state", **fields):
        period = periods.make(periods.QUARTER, self.program.starts_on, self.program.ends_on, 2026, 1)
        layout = ReportLayout.objects.get(kind=layout_kind)
        report = services.report_create(actor=actor, program=self.program, issuer=issuer, period=period, layout=layout)
        report = services.report_update(actor=actor, report=report, issued_on=dt.date(2026, 2, 5), **fields)
        with self.captureOnCommitCallbacks(execute=True):
            services.report_request_export(actor=actor, report=report)
        report.refresh_from_db()
        self.assertEqual(report.status, "done", report.error)
        return report, Document(io.BytesIO(report.docx.open("rb").read()))

    def test_state_layout_follows_decree_30(self):
        for _ in range(4):  # four reports of the press this year already
            next_number(f"report:{self.press.pk}:2026")
        report, doc = self.export(
            issuer=self.press,
            actor=self.chief,
            issuer_code="BTN",
            parent_body="Liên đoàn Lao động Thành phố",
            general_assessment="Hai bên phối hợp chặt chẽ, thông tin kịp thời.",
            shortcomings="Một số đề nghị được trả lời trễ hạn.",
            proposals="Đề nghị UBND xã cử cán bộ đầu mối thường trực.",
        )
        section = doc.sections[0]
        self.assertAlmostEqual(section.page_width.mm, 210, delta=0.1)
        self.assertAlmostEqual(section.page_height.mm, 297, delta=0.1)
        self.assertTrue(20 <= round(section.top_margin.mm, 1) <= 25)
        self.assertTrue(20 <= round(section.bottom_margin.mm, 1) <= 25)
        self.assertTrue(30 <= round(section.left_margin.mm, 1) <= 35)
        self.assertTrue(15 <= round(section.right_margin.mm, 1) <= 20)

        self.assertTrue(section.different_first_page_header_footer)  # no number on the first page
        self.assertIn("PAGE", section.header._element.xml)

        normal = doc.styles["Normal"]
        self.assertEqual(normal.font.name, "Times New Roman")
        self.assertEqual(normal.font.size.pt, 14)
        runs = [r for p in doc.paragraphs for r in p.runs] + [
            r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
        ]
        self.assertTrue(runs)
        self.assertEqual({r.font.name for r in runs}, {"Times New Roman"})
        self.assertEqual({r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}, {"Times New Roman"})
        body = [p for p in doc.paragraphs if p.text.startswith("Hai bên phối hợp")]
        self.assertEqual([r.font.size.pt for p in body for r in p.runs], [14])

        left, right = doc.tables[0].rows[0].cells
        self.assertEqual(texts(left), ["LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ", "BÁO THỬ NGHIỆM", "Số: 05/BC-BTN"])
        self.assertFalse(paragraph(left, "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ").runs[0].bold)
        issuer = paragraph(left, "BÁO THỬ NGHIỆM")
        self.assertTrue(issuer.runs[0].bold)
        self.assertEqual(issuer.runs[0].font.size.pt, 13)
        self.assertTrue(any(has_bottom_rule(p) for p in left.paragraphs))  # the rule under the issuer
        self.assertEqual(paragraph(left, "Số: 05/BC-BTN").runs[0].font.size.pt, 13)

        self.assertEqual(
            texts(right),
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 05 tháng 02 năm 2026"],
        )
        motto = paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").runs[0]
        self.assertTrue(motto.bold)
        self.assertIn(motto.font.size.pt, (12, 13))
        self.assertTrue(paragraph(right, "Độc lập - Tự do - Hạnh phúc").runs[0].bold)
        self.assertTrue(has_bottom_rule(right.paragraphs[2]))  # the rule under the motto
        date_line = paragraph(right, "Hà Nội, ngày 05 tháng 02 năm 2026").runs[0]
        self.assertTrue(date_line.italic)
        self.assertIn(date_line.font.size.pt, (13, 14))

        body_texts = [p.text for p in doc.paragraphs]
        title = paragraph(doc, "BÁO CÁO")
        self.assertTrue(title.runs[0].bold)
        self.assertEqual(body_texts[body_texts.index("BÁO CÁO") + 1], report.subject)
        self.assertTrue(report.subject.startswith("Sơ kết quý I năm 2026 thực hiện Chương trình phối hợp"))
        for heading in (
            "I. ĐÁNH GIÁ CHUNG",
            "II. KẾT QUẢ THỰC HIỆN",
            "1. Kết quả tuyên truyền theo nội dung",
            "2. Trao đổi, cung cấp thông tin",
            "3. Đấu tranh, phản bác thông tin sai sự thật",
            "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        ):
            self.assertIn(heading, body_texts)
            self.assertTrue(paragraph(doc, heading).runs[0].bold)
        self.assertIn("Một số đề nghị được trả lời trễ hạn.", body_texts)
        self.assertIn("Đề nghị UBND xã cử cán bộ đầu mối thường trực.", body_texts)
        self.assertIn("Trên đây là báo cáo sơ kết thực hiện chương trình phối hợp của Báo Thử Nghiệm./.", body_texts)

        # The submissions table: the unit's row and the total (Q1: unit A 3, its department 1).
        submissions = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị" and
                           t.rows[0].cells[3].text == "Chưa xử lý xong")  # fmt: skip
        rows = {r.cells[1].text: [c.text for c in r.cells[2:]] for r in submissions.rows[1:]}
        self.assertEqual(rows["UBND xã An Khánh"], ["3", "1", "1", "1"])
        self.assertEqual(rows["Tổng cộng"], ["4", "1", "2", "1"])

        recipients, signer = doc.tables[-1].rows[0].cells
        label = paragraph(recipients, "Nơi nhận:").runs[0]
        self.assertTrue(label.bold and label.italic)
        self.assertEqual(label.font.size.pt, 12)
        self.assertEqual(paragraph(recipients, "- UBND xã An Khánh;").runs[0].font.size.pt, 11)
        self.assertEqual(texts(signer), ["TỔNG BIÊN TẬP", "Lê Thị Bích Ngọc"])
        self.assertTrue(all(p.runs[0].bold for p in signer.paragraphs if p.text))

    def test_party_layout_follows_guide_36(self):
        report, doc = self.export(
            issuer=self.unit_a,
            actor=self.leader_a,
            layout_kind="party",
            parent_body="Đảng bộ huyện Hoài Đức",
            issuer_name="Đảng ủy xã An Khánh",
            issuer_code="ĐU",
            signer_title="T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        )
        left, right = doc.tables[0].rows[0].cells
        self.assertEqual(texts(left), ["ĐẢNG BỘ HUYỆN HOÀI ĐỨC", "ĐẢNG ỦY XÃ AN KHÁNH", "*", "Số 1-BC/ĐU"])
        self.assertEqual(texts(right), ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 05 tháng 02 năm 2026"])
        party = paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM").runs[0]
        self.assertTrue(party.bold)
        self.assertEqual(party.font.size.pt, 15)
        self.assertNotIn("Độc lập - Tự do - Hạnh phúc", [p.text for c in (left, right) for p in c.paragraphs])
        self.assertEqual(report.number_text, "Số 1-BC/ĐU")
        self.assertEqual(texts(doc.tables[-1].rows[0].cells[1])[:2], ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"])

    def test_the_layout_is_data_a_clerk_adjusts(self):
        ReportLayout.objects.filter(kind="state").update(
            margin_left_mm=Decimal("35"), margin_top_mm=Decimal("25"), body_size_pt=Decimal("13"), place_name="Hà Nội"
        )
        _report, doc = self.export(issuer=self.press, actor=self.chief, general_assessment="Đánh giá chung.")
        self.assertAlmostEqual(doc.sections[0].left_margin.mm, 35, delta=0.1)
        self.assertAlmostEqual(doc.sections[0].top_margin.mm, 25, delta=0.1)
        self.assertEqual(paragraph(doc, "Đánh giá chung.").runs[0].font.size.pt, 13)

    def test_number_pattern_is_validated(self):
        from django.core.exceptions import ValidationError

        layout = ReportLayout(name="Thử", number_pattern="Số: {n.__class__}")
        with self.assertRaises(ValidationError):
            layout.clean()
        layout.number_pattern = "Số: {n:02d}/BC-{code}-{year}"
        layout.clean()
