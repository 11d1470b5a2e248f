"""The exported XLSX, opened with openpyxl: one sheet per dashboard table, Vietnamese headers, real
numbers and dates, frozen headers, and sums equal to what the dashboard shows."""

import datetime as dt
import io

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.reports import periods, services
from phoihop.reports.tests.base import NOW, ReportsTestCase


@time_machine.travel(NOW, tick=False)
class WorkbookTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        period = periods.make(periods.WHOLE, cls.program.starts_on, cls.program.ends_on, None, None)
        with time_machine.travel(NOW, tick=False):
            cls.report = services.report_create(actor=cls.chief, program=cls.program, issuer=cls.press, period=period)

    def workbook(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.report_request_export(actor=self.chief, report=self.report)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "done", self.report.error)
        return load_workbook(io.BytesIO(self.report.xlsx.open("rb").read()))

    def dashboard(self):
        self.login(self.leader_a)
        page = self.client.get(reverse("reports:dashboard", args=[self.program.pk]) + "?ky=ca")
        self.assertEqual(page.status_code, 200)
        return page

    def test_one_sheet_per_table_with_vietnamese_headers_and_frozen_header_row(self):
        book = self.workbook()
        self.assertEqual(
            book.sheetnames,
            [
                "Thông tin chung",
                "Nội dung tuyên truyền",
                "Cung cấp thông tin",
                "Đề nghị cung cấp thông tin",
                "Kiểm chứng thông tin",
                "Tin bài đọc nhiều",
            ],
        )
        requests = book["Đề nghị cung cấp thông tin"]
        self.assertEqual(
            [c.value for c in requests[1]],
            [
                "STT",
                "Đơn vị",
                "Tổng số",
                "Trả lời đúng hạn",
                "Trả lời trễ hạn",
                "Chưa trả lời, quá hạn",
                "Chưa trả lời, còn hạn",
                "Đã rút",
                "Thời gian trả lời trung vị (giờ lịch)",
            ],
        )
        for sheet in book.worksheets:
            self.assertEqual(sheet.freeze_panes, "A2", sheet.title)
            self.assertTrue(sheet["A1"].font.bold, sheet.title)
            self.assertGreater(sheet.column_dimensions["B"].width, 20, sheet.title)

    def test_numbers_and_dates_are_real_cells(self):
        book = self.workbook()
        info = {row[0]: row[1] for row in book["Thông tin chung"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(info["Từ ngày"], dt.datetime(2026, 1, 1))  # noqa: DTZ001 — Excel dates are naive
        self.assertEqual(book["Thông tin chung"]["B5"].number_format, "dd/mm/yyyy")
        self.assertEqual(info["Số liệu tính đến"], dt.datetime(2026, 5, 10, 10, 0))  # noqa: DTZ001 — local wall time
        sheet = book["Đề nghị cung cấp thông tin"]
        unit = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "UBND xã An Khánh")
        self.assertIsInstance(unit[2].value, int)
        self.assertEqual(unit[2].number_format, "#,##0")
        self.assertEqual(unit[8].value, 180.0)
        self.assertEqual(unit[8].number_format, "#,##0.0")
        themes = book["Nội dung tuyên truyền"]
        digital = next(r for r in themes.iter_rows(min_row=2) if r[1].value == "Chuyển đổi số")
        self.assertEqual(digital[3].value, 24)  # 6 a quarter over the whole year
        self.assertEqual(digital[5].number_format, "0.0%")

    def test_sums_equal_the_dashboard(self):
        book = self.workbook()
        page = self.dashboard()
        totals = page.context["figures"].totals

        def column_sum(title, column, total_label="Tổng cộng"):
            sheet = book[title]
            rows = list(sheet.iter_rows(min_row=2, values_only=True))
            data = [r for r in rows if r[0] is not None]  # numbered rows; the total rows have no number
            (total,) = [r for r in rows if r[1] == total_label]
            self.assertEqual(sum(r[column] or 0 for r in data), total[column])
            return total[column]

        themes_sum = "Cộng theo nội dung (một tin, bài có thể thuộc nhiều nội dung)"
        self.assertEqual(column_sum("Nội dung tuyên truyền", 4, themes_sum), totals["themes"]["published"])
        for column, key in enumerate(["total", "sent", "received", "in_progress", "published", "not_used"], start=2):
            self.assertEqual(column_sum("Cung cấp thông tin", column), totals["submissions"][key])
        for column, key in enumerate(["total", "on_time", "late", "overdue", "pending", "withdrawn"], start=2):
            self.assertEqual(column_sum("Đề nghị cung cấp thông tin", column), totals["requests"][key])
        self.assertEqual(column_sum("Kiểm chứng thông tin", 2), totals["claims"]["verdicts"])
        views_sum = "Cộng lượt đọc trong kỳ của các tin, bài trên"
        self.assertEqual(column_sum("Tin bài đọc nhiều", 4, views_sum), totals["most_read"]["views"])
        # And the dashboard shows those totals in its tables' footers.
        self.assertContains(
            page,
            f'<tfoot><tr><th scope="row">Tổng cộng</th><td>{totals["submissions"]["total"]}</td>',
        )
