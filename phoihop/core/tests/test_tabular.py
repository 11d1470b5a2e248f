"""The generic table writer: BOM, Vietnamese wall time, formula-like text inert in CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase
from openpyxl import load_workbook

from phoihop.core import tabular
from phoihop.core.tabular import Column

COLUMNS = [Column("Tiêu đề", lambda r: r["title"], 40), Column("Hạn", lambda r: r["due"], 18)]
ROWS = [
    {"title": '=HYPERLINK("http://x","bấm")', "due": dt.datetime(2026, 12, 7, 17, 5, tzinfo=dt.UTC)},
    {"title": "Đề nghị cung cấp thông tin", "due": dt.date(2026, 12, 31)},
    {"title": "+84 912", "due": None},
]


class TabularTests(SimpleTestCase):
    def test_csv_has_bom_local_time_and_inert_formulas(self) -> None:
        body = tabular.to_csv(COLUMNS, ROWS)
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        text = body.decode("utf-8-sig")
        lines = text.split("\r\n")
        self.assertEqual(lines[0], "Tiêu đề,Hạn")
        self.assertIn("'=HYPERLINK", lines[1])
        self.assertIn("08/12/2026 00:05", lines[1])  # 17:05 UTC is 00:05 the next day in Hà Nội
        self.assertEqual(lines[2], "Đề nghị cung cấp thông tin,31/12/2026")
        self.assertTrue(lines[3].startswith("'+84 912"))

    def test_xlsx_header_frozen_widths_and_text_cells(self) -> None:
        sheet = load_workbook(io.BytesIO(tabular.to_xlsx(COLUMNS, ROWS, title="Phân công: tuần"))).active
        self.assertEqual(sheet.title, "Phân công  tuần")
        self.assertEqual([c.value for c in sheet[1]], ["Tiêu đề", "Hạn"])
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.column_dimensions["A"].width, 40)
        self.assertEqual(sheet["A2"].data_type, "s")
        self.assertTrue(sheet["A2"].quotePrefix)
        self.assertEqual(sheet["A2"].value, '=HYPERLINK("http://x","bấm")')
        self.assertEqual(sheet["B2"].value, "08/12/2026 00:05")

    def test_naive_datetime_is_taken_as_local(self) -> None:
        self.assertEqual(tabular.local_text(dt.datetime(2026, 1, 2, 8, 30)), "02/01/2026 08:30")  # noqa: DTZ001
        aware = dt.datetime(2026, 1, 2, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        self.assertEqual(tabular.local_text(aware), "02/01/2026 08:30")
