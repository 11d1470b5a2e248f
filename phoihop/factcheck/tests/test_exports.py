"""The claims tab as CSV/XLSX: its status filter carried, press members only."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from phoihop.factcheck import services
from phoihop.factcheck.models import Claim
from phoihop.factcheck.tests.base import FactcheckTestCase


class ClaimExportTests(FactcheckTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.open_claim = services.claim_create(actor=cls.editor, title="Thu phí hồ sơ GPMB 500.000đ", domain=cls.domain)
        cls.dismissed = services.claim_create(actor=cls.editor, title="-Tin đồn cũ", domain=cls.domain)
        Claim.objects.filter(pk=cls.dismissed.pk).update(status=Claim.Status.DISMISSED, dismiss_reason="Trùng hồ sơ cũ")

    def test_status_filter_and_injection(self) -> None:
        self.client.force_login(self.reporter)
        url = reverse("factcheck_workspace:claims_export", args=["csv"])
        rows = list(csv.reader(io.StringIO(self.client.get(url).content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:2], ["Số hồ sơ", "Thông tin cần kiểm chứng"])
        self.assertEqual(sorted(r[1] for r in rows[1:]), ["'-Tin đồn cũ", "Thu phí hồ sơ GPMB 500.000đ"])
        response = self.client.get(url, {"trang-thai": Claim.Status.DISMISSED})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual([r[1] for r in rows[1:]], ["'-Tin đồn cũ"])

    def test_partner_and_outsider_get_404(self) -> None:
        for user in (self.liaison_a, self.nobody):
            self.client.force_login(user)
            self.assertEqual(
                self.client.get(reverse("factcheck_workspace:claims_export", args=["xlsx"])).status_code, 404
            )

    def test_xlsx_opens(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.get(reverse("factcheck_workspace:claims_export", args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.max_row, 3)
        self.assertEqual(sheet.freeze_panes, "A2")
