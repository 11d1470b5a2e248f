"""Inbox downloads: the inbox's filters carried into the file, nobody exports what they cannot see."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from phoihop.exchange import services
from phoihop.exchange.tests.base import ExchangeTestCase


class InboxExportTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.news_a = services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Cầu dân sinh An Khánh"
        )
        cls.evil_a = services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="=cmd|' /C calc'!A0", kind="event"
        )
        cls.news_b = services.submission_create(actor=cls.liaison_b, organization=cls.unit_b, title="Chợ Bình Minh")
        cls.req_a = services.info_request_create(
            actor=cls.chief,
            organization=cls.unit_a,
            subject="Tiến độ GPMB",
            questions="Bao giờ xong?",
            policy=cls.policy,
        )
        cls.req_b = services.info_request_create(
            actor=cls.chief, organization=cls.unit_b, subject="Giá đất Bình Minh", questions="Giá?", policy=cls.policy
        )

    def rows(self, response) -> list[list[str]]:  # type: ignore[no-untyped-def]
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"))
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_filters_carried_into_csv(self) -> None:
        self.client.force_login(self.chief)
        url = reverse("exchange:inbox_export", args=["csv"])
        everything = self.rows(self.client.get(url))
        self.assertEqual(everything[0][:2], ["Số tiếp nhận", "Tiêu đề"])
        titles = {row[1] for row in everything[1:]}
        self.assertIn("Chợ Bình Minh", titles)
        filtered = self.rows(self.client.get(url, {"unit": str(self.unit_a.pk), "kind": "news"}))
        self.assertEqual([row[1] for row in filtered[1:]], ["Cầu dân sinh An Khánh"])

    def test_formula_neutralized(self) -> None:
        self.client.force_login(self.chief)
        rows = self.rows(self.client.get(reverse("exchange:inbox_export", args=["csv"]), {"kind": "event"}))
        self.assertEqual(rows[1][1], "'=cmd|' /C calc'!A0")

    def test_partner_never_gets_another_units_rows(self) -> None:
        self.client.force_login(self.liaison_a)
        url = reverse("exchange:inbox_export", args=["csv"])
        titles = {row[1] for row in self.rows(self.client.get(url))[1:]}
        self.assertIn("Cầu dân sinh An Khánh", titles)
        self.assertNotIn("Chợ Bình Minh", titles)
        # Asking for the other unit by its id gives nothing of it (the form refuses the choice).
        titles = {row[1] for row in self.rows(self.client.get(url, {"unit": self.unit_b.pk}))[1:]}
        self.assertNotIn("Chợ Bình Minh", titles)
        subjects = {row[2] for row in self.rows(self.client.get(url, {"muc": "de-nghi"}))[1:]}
        self.assertEqual(subjects, {"Tiến độ GPMB"})

    def test_requests_xlsx_opens(self) -> None:
        self.client.force_login(self.chief)
        response = self.client.get(
            reverse("exchange:inbox_export", args=["xlsx"]), {"muc": "de-nghi", "unit": str(self.unit_b.pk)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["A1"].value, "Số đề nghị")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual([row[2] for row in sheet.iter_rows(min_row=2, values_only=True)], ["Giá đất Bình Minh"])

    def test_inbox_links_carry_the_filters(self) -> None:
        self.client.force_login(self.chief)
        response = self.client.get(reverse("exchange:inbox"), {"muc": "de-nghi", "status": "sent"})
        self.assertContains(response, reverse("exchange:inbox_export", args=["xlsx"]) + "?muc=de-nghi&amp;status=sent")
        self.assertContains(response, "Tải CSV")

    def test_anonymous_and_unknown_format(self) -> None:
        url = reverse("exchange:inbox_export", args=["csv"])
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.force_login(self.chief)
        self.assertEqual(self.client.get(reverse("exchange:inbox_export", args=["pdf"])).status_code, 404)
