"""The board's assignments as CSV/XLSX, with the board's filters and the board's visibility."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from phoihop.newsroom import services
from phoihop.newsroom.tests.base import NewsroomTestCase


class AssignmentExportTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        due = timezone.now() + dt.timedelta(days=2)
        cls.mine = services.assignment_create(
            actor=cls.chief, title="Đưa tin cầu An Khánh", due_at=due, assignee=cls.reporter, section=cls.cat_a
        )
        cls.other = services.assignment_create(
            actor=cls.chief, title="@Phỏng vấn giá vàng", due_at=due, assignee=cls.reporter_b, section=cls.cat_b
        )

    def titles(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        self.assertEqual(response.status_code, 200)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][0], "Tên việc")
        return [row[0] for row in rows[1:]]

    def test_filter_by_section_and_injection(self) -> None:
        self.client.force_login(self.chief)
        url = reverse("newsroom:assignments_export", args=["csv"])
        self.assertEqual(sorted(self.titles(self.client.get(url))), ["'@Phỏng vấn giá vàng", "Đưa tin cầu An Khánh"])
        self.assertEqual(self.titles(self.client.get(url, {"ban": self.cat_a.pk})), ["Đưa tin cầu An Khánh"])

    def test_reporter_sees_only_own_work(self) -> None:
        self.client.force_login(self.reporter)
        titles = self.titles(self.client.get(reverse("newsroom:assignments_export", args=["csv"])))
        self.assertEqual(titles, ["Đưa tin cầu An Khánh"])

    def test_partner_gets_404(self) -> None:
        self.client.force_login(self.liaison_a)
        self.assertEqual(self.client.get(reverse("newsroom:assignments_export", args=["csv"])).status_code, 404)

    def test_xlsx_and_board_link(self) -> None:
        self.client.force_login(self.chief)
        response = self.client.get(reverse("newsroom:assignments_export", args=["xlsx"]), {"ban": self.cat_b.pk})
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["A2"].value, "@Phỏng vấn giá vàng")
        self.assertTrue(sheet["A2"].quotePrefix)
        board = self.client.get(reverse("newsroom:board"), {"ban": self.cat_b.pk})
        self.assertContains(board, reverse("newsroom:assignments_export", args=["xlsx"]) + f"?ban={self.cat_b.pk}")
