"""Royalties: amounts across a unit change, frames, shares, the XLSX sheet, access, the 60-day clock."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.accounts.models import Role
from phoihop.newsroom import services as newsroom_services
from phoihop.notifications.models import Notification
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticleAuthor
from phoihop.royalties import services
from phoihop.royalties.models import Royalty
from phoihop.testing import PersonaTestCase

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=VN)


class RoyaltyTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.other_category = portal_services.category_ensure(slug="van-hoa", title="Văn hóa")
        cls.head = cls.make_user("tb", "Đặng Thu Trang", cls.press, Role.SECTION_HEAD)
        newsroom_services.section_member_set(actor=cls.chief, category=cls.category, user=cls.head, is_head=True)
        cls.reporter2 = cls.make_user("pv2", "Lý Hải Yến", cls.press, Role.REPORTER)
        # 20/6/2026: the unit is 234.000 đồng; 10/7/2026: 253.000 đồng (base salary 2.530.000 from 01/7/2026).
        cls.june = cls.article("Tin tháng sáu", "2026-06-20", [cls.reporter, cls.reporter2])
        cls.july = cls.article("Phóng sự tháng bảy", "2026-07-10", [cls.reporter])
        cls.other = cls.article("Bài văn hóa", "2026-07-12", [cls.reporter2], category=cls.other_category)

    @classmethod
    def article(cls, title: str, day: str, users: list, category=None):  # type: ignore[no-untyped-def]
        article = portal_services.article_create(
            actor=None,
            category=category or cls.category,
            title=title,
            sapo="Sapo.",
            authors=[u.get_full_name() for u in users],
            published_at=at(day),
        )
        for author, user in zip(
            ArticleAuthor.objects.filter(article=article).order_by("sort_order"), users, strict=True
        ):
            author.user = user
            author.save()
        return article


class AmountTests(RoyaltyTestCase):
    def test_amount_uses_the_unit_in_force_on_the_publication_day(self) -> None:
        june = services.royalty_create(actor=self.chief, article=self.june, genre_code="tin", coefficient="8")
        july = services.royalty_create(actor=self.chief, article=self.july, genre_code="phong-su", coefficient="12,5")
        self.assertEqual((june.unit_value, june.amount), (234_000, 1_872_000))
        self.assertEqual((july.unit_value, july.amount), (253_000, 3_162_500))

    def test_coefficient_outside_the_frame_is_refused_in_vietnamese(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            services.royalty_create(actor=self.chief, article=self.june, genre_code="tin", coefficient="11")
        message = caught.exception.message_dict["coefficient"][0]
        self.assertIn("nằm ngoài khung của thể loại “Tin”: từ 1 đến 10", message)
        self.assertIn("Nghị định 18/2014/NĐ-CP", message)
        self.assertFalse(Royalty.objects.exists())

    def test_default_shares_split_equally_and_add_up(self) -> None:
        royalty = services.royalty_create(actor=self.chief, article=self.june, genre_code="tin", coefficient="7")
        shares = list(royalty.shares.all())
        self.assertEqual([s.percent for s in shares], [Decimal(50), Decimal(50)])
        self.assertEqual(sum(s.amount for s in shares), royalty.amount)

    def test_shares_must_sum_to_100(self) -> None:
        royalty = services.royalty_create(actor=self.chief, article=self.june, genre_code="tin", coefficient="7")
        bad = [
            services.ShareInput(name="Trần Minh Đức", percent=Decimal(60), user=self.reporter),
            services.ShareInput(name="Lý Hải Yến", percent=Decimal(30), user=self.reporter2),
        ]
        with self.assertRaisesMessage(ValidationError, "phải bằng 100 %"):
            services.royalty_update(actor=self.chief, royalty=royalty, genre_code="tin", coefficient="7", shares=bad)
        good = [bad[0], services.ShareInput(name="Lý Hải Yến", percent=Decimal(40), user=self.reporter2)]
        services.royalty_update(actor=self.chief, royalty=royalty, genre_code="tin", coefficient="7", shares=good)
        self.assertEqual([s.amount for s in royalty.shares.all()], [982_800, 655_200])

    def test_due_date_is_60_days_after_publication(self) -> None:
        royalty = services.royalty_create(actor=self.chief, article=self.july, genre_code="tin", coefficient="5")
        # 10/7/2026 + 60 days = 08/9/2026 (a Tuesday), under Decree 18/2014 Art. 4(10).
        self.assertEqual(royalty.due_on, dt.date(2026, 9, 8))
        self.assertIn("Điều 4", royalty.due_version.citation)

    def test_reporter_may_not_create_and_leaders_approve_then_pay(self) -> None:
        with self.assertRaises(PermissionDenied):
            services.royalty_create(actor=self.reporter, article=self.june, genre_code="tin", coefficient="5")
        royalty = services.royalty_create(actor=self.head, article=self.june, genre_code="tin", coefficient="5")
        with self.assertRaises(PermissionDenied):
            services.royalty_approve(actor=self.head, royalty=royalty)
        services.royalty_approve(actor=self.chief, royalty=royalty)
        with time_machine.travel(at("2026-08-01"), tick=False):
            services.royalty_mark_paid(actor=self.chief, royalty=royalty, paid_on=dt.date(2026, 7, 30))
        royalty.refresh_from_db()
        self.assertEqual((royalty.status, royalty.paid_on), (Royalty.Status.PAID, dt.date(2026, 7, 30)))


class PagesTests(RoyaltyTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.r_june = services.royalty_create(actor=cls.chief, article=cls.june, genre_code="tin", coefficient="8")
        cls.r_july = services.royalty_create(actor=cls.chief, article=cls.july, genre_code="phong-su", coefficient="20")
        cls.r_other = services.royalty_create(actor=cls.chief, article=cls.other, genre_code="anh", coefficient="3")

    def sheet(self, user, month: str):  # type: ignore[no-untyped-def]
        self.login(user)
        response = self.client.get(reverse("royalties:xlsx"), {"month": month})
        self.assertEqual(response.status_code, 200)
        return load_workbook(io.BytesIO(response.content))

    def test_xlsx_totals_equal_the_records(self) -> None:
        book = self.sheet(self.chief, "2026-07")
        rows = list(book["Theo tác giả"].iter_rows(min_row=3, values_only=True))
        self.assertEqual(rows[-1][0], "Tổng cộng")
        self.assertEqual(rows[-1][8], self.r_july.amount + self.r_other.amount)
        self.assertEqual(book["Theo tác giả"]["A2"].value, "Tác giả")
        dates = [r for r in book["Theo tác giả"].iter_rows(min_row=3) if r[3].value]
        self.assertEqual(dates[0][3].number_format, "DD/MM/YYYY")
        sections = list(book["Theo chuyên mục"].iter_rows(min_row=3, values_only=True))
        self.assertEqual(sections[-1][2], self.r_july.amount + self.r_other.amount)
        self.assertEqual(
            {r[0]: r[2] for r in sections[:-1]}, {"Thời sự": self.r_july.amount, "Văn hóa": self.r_other.amount}
        )

    def test_reporter_sees_only_own_lines(self) -> None:
        book = self.sheet(self.reporter2, "2026-06")
        rows = list(book["Theo tác giả"].iter_rows(min_row=3, values_only=True))
        names = {r[0] for r in rows if r[1]}
        self.assertEqual(names, {"Lý Hải Yến"})
        self.assertEqual(rows[-1][8], self.r_june.amount // 2)
        self.login(self.reporter2)
        page = self.client.get(reverse("royalties:list"), {"month": "2026-06"}).content.decode()
        self.assertIn("Lý Hải Yến", page)
        self.assertNotIn("Trần Minh Đức (50 %)", page)
        self.assertEqual(self.client.get(reverse("royalties:detail", args=[self.r_july.pk])).status_code, 404)

    def test_section_head_sees_own_section_only(self) -> None:
        self.login(self.head)
        self.assertEqual(self.client.get(reverse("royalties:detail", args=[self.r_july.pk])).status_code, 200)
        self.assertEqual(self.client.get(reverse("royalties:detail", args=[self.r_other.pk])).status_code, 404)

    def test_outsider_gets_404(self) -> None:
        for user in (self.liaison_b, self.nobody):
            self.login(user)
            for url in (
                reverse("royalties:list"),
                reverse("royalties:xlsx"),
                reverse("royalties:overdue"),
                reverse("royalties:detail", args=[self.r_june.pk]),
            ):
                self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_overdue_panel_and_reminder(self) -> None:
        with time_machine.travel(at("2026-08-25"), tick=False):
            self.login(self.chief)
            page = self.client.get(reverse("royalties:overdue")).content.decode()
            sent = services.send_due_reminders()
            again = services.send_due_reminders()
        # June's royalty was due 19/8/2026; July's come due 08/9 and 10/9, not within 7 days of 25/8.
        self.assertIn("Tin tháng sáu", page)
        self.assertNotIn("Phóng sự tháng bảy", page)
        self.assertEqual(sent, {"soon": 0, "overdue": 1})
        self.assertEqual(again, {"soon": 0, "overdue": 0})
        self.assertTrue(Notification.objects.filter(recipient=self.chief, verb="royalty.overdue").exists())

    def test_list_shows_legal_basis_and_monthly_filter(self) -> None:
        self.login(self.chief)
        page = self.client.get(
            reverse("royalties:list"), {"month": "2026-07", "section": self.category.pk}
        ).content.decode()
        self.assertIn("Phóng sự tháng bảy", page)
        self.assertNotIn("Bài văn hóa", page)
        self.assertIn("Nghị định 18/2014/NĐ-CP", page)
        detail = self.client.get(reverse("royalties:detail", args=[self.r_july.pk])).content.decode()
        self.assertIn("10/07/2026", detail)
        self.assertIn("khoản 10 Điều 4 Nghị định 18/2014/NĐ-CP", detail)
