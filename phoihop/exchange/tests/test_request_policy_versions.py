"""A request keeps the version of its deadline policy that was in force when it was sent (issue #13)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

from phoihop.deadlines.models import DeadlinePolicy, DeadlinePolicyVersion, LegalInstrument
from phoihop.exchange import services
from phoihop.exchange.forms import InfoRequestForm
from phoihop.exchange.tests.base import ExchangeTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
LAST_DAY_OLD_LAW = dt.datetime(2026, 6, 30, 16, 0, tzinfo=HANOI)  # Tuesday
FIRST_DAY_NEW_LAW = dt.datetime(2026, 7, 1, 9, 0, tzinfo=HANOI)  # Wednesday


class RequestPolicyVersionTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reply = DeadlinePolicy.objects.get(code="tra-loi-tren-bao")
        cls.old, cls.new = (
            services.info_request_create(
                actor=cls.chief,
                organization=cls.unit_a,
                subject=f"Trả lời trên báo {sent:%d/%m}",
                questions="Đề nghị trả lời trên báo về kết quả xử lý.",
                policy=cls.reply,
                now=sent,
            )
            for sent in (LAST_DAY_OLD_LAW, FIRST_DAY_NEW_LAW)
        )

    def test_a_request_sent_on_30_06_2026_keeps_the_press_law_2016(self):
        self.assertEqual(self.old.policy_version.instrument.number, "103/2016/QH13")
        self.assertEqual(self.old.due_at, dt.datetime(2026, 7, 30, 16, tzinfo=HANOI))
        self.login(self.liaison_a)
        page = self.client.get(self.old.get_absolute_url())
        self.assertContains(page, "Luật Báo chí số 103/2016/QH13")
        self.assertContains(page, "quy định áp dụng đến hết 30/06/2026")
        self.assertNotContains(page, "237/2026")

    def test_a_request_sent_on_01_07_2026_gets_decree_237(self):
        self.assertEqual(self.new.policy_version.citation, "khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP")
        self.assertEqual(self.new.due_at, dt.datetime(2026, 7, 31, 9, tzinfo=HANOI))
        self.login(self.liaison_a)
        page = self.client.get(self.new.get_absolute_url())
        self.assertContains(
            page, "Trả lời trên báo chí: 30 ngày (theo lịch) — khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP"
        )
        self.assertContains(page, "quy định áp dụng từ 01/07/2026")

    def test_both_keep_their_version_when_the_policy_changes_again(self):
        DeadlinePolicyVersion.objects.create(
            policy=self.reply,
            valid_from=dt.date(2027, 1, 1),
            amount=20,
            unit="calendar_days",
            instrument=LegalInstrument.objects.get(code="nd-237-2026"),
            article="18",
            clause="1",
            summary="Thử: thời hạn mới.",
        )
        later = services.info_request_create(
            actor=self.chief,
            organization=self.unit_a,
            subject="Trả lời trên báo năm 2027",
            questions="Đề nghị trả lời.",
            policy=self.reply,
            now=dt.datetime(2027, 1, 4, 9, tzinfo=HANOI),
        )
        self.assertEqual(later.due_at, dt.datetime(2027, 1, 25, 17, tzinfo=HANOI))  # 24/01 is a Sunday
        for request, instrument, due in (
            (self.old, "luat-103-2016", dt.datetime(2026, 7, 30, 16, tzinfo=HANOI)),
            (self.new, "nd-237-2026", dt.datetime(2026, 7, 31, 9, tzinfo=HANOI)),
        ):
            request.refresh_from_db()
            with self.subTest(request=request.reference):
                self.assertEqual(request.policy_version.instrument.code, instrument)
                self.assertEqual(request.policy_version.amount, 30)
                self.assertEqual(request.due_at, due)

    def test_the_version_a_request_used_cannot_be_rewritten(self):
        version = self.new.policy_version
        self.assertTrue(version.is_in_use())
        version.amount = 20
        with self.assertRaisesMessage(ValidationError, "đã được dùng để tính thời hạn"):
            version.full_clean()
        version.refresh_from_db()
        version.valid_until = dt.date(2027, 12, 31)
        version.full_clean()  # closing its period is allowed

    def test_a_policy_not_in_force_on_the_day_is_refused(self):
        petitions = DeadlinePolicy.objects.get(code="tra-loi-kien-nghi")
        with self.assertRaisesMessage(ValidationError, "không áp dụng vào ngày 30/06/2026"):
            services.info_request_create(
                actor=self.chief,
                organization=self.unit_a,
                subject="Kiến nghị",
                questions="?",
                policy=petitions,
                now=LAST_DAY_OLD_LAW,
            )

    def test_the_form_offers_the_request_policies_in_force_today(self):
        codes = list(InfoRequestForm(user=self.chief).fields["policy"].queryset.values_list("code", flat=True))
        self.assertNotIn("tra-loi-kien-nghi", codes)  # petitions have their own form (test_petitions)
        self.assertIn("tra-loi-tren-bao", codes)
        self.assertIn("thuong", codes)
        self.assertNotIn("phat-ngon-ban-dau", codes)
        self.assertNotIn("van-ban-den-trinh", codes)
