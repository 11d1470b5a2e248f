"""Orders with the shared personas: access, the figures, the dispute flow, nothing half-written."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from docx import Document

from phoihop.orders import selectors, services
from phoihop.orders.models import AcceptancePeriod, Item, Kind, Payment
from phoihop.portal import services as portal
from phoihop.testing import PersonaTestCase, make_program

TZ = dt.timezone(dt.timedelta(hours=7))


@override_settings(PHOIHOP_BASE_URL="http://testserver")
class OrderTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = make_program(cls)
        cls.digital, cls.reform = list(cls.program.themes.order_by("sort_order"))
        category = portal.category_ensure(slug="thoi-su", title="Thời sự")
        cls.articles = [
            portal.article_create(
                actor=None,
                category=category,
                title=f"Bài chuyển đổi số {n}",
                slug=f"bai-cds-{n}",
                sapo="Sa pô",
                published_at=dt.datetime(2026, 3, 5 + n, 9, 0, tzinfo=TZ),
                program=cls.program,
                themes=[cls.digital],
            )
            for n in range(3)
        ]
        # Outside the period and outside the ordered themes: never proposed.
        portal.article_create(
            actor=None,
            category=category,
            title="Bài tháng tư",
            slug="bai-t4",
            sapo="x",
            published_at=dt.datetime(2026, 4, 2, 9, 0, tzinfo=TZ),
            program=cls.program,
            themes=[cls.digital],
        )
        portal.article_create(
            actor=None,
            category=category,
            title="Bài cải cách",
            slug="bai-cc",
            sapo="x",
            published_at=dt.datetime(2026, 3, 6, 9, 0, tzinfo=TZ),
            program=cls.program,
            themes=[cls.reform],
        )
        cls.order = services.order_create(
            actor=cls.chief,
            program=cls.program,
            unit=cls.unit_a,
            title="Đặt hàng tuyên truyền chuyển đổi số 2026",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            value=120_000_000,
            legal_basis="Căn cứ Luật Báo chí số 126/2025/QH15;",
            contract_number="12/2026/HĐ-ĐH",
            deliverables=[{"theme": cls.digital, "kind": Kind.ARTICLE, "quantity": 2, "unit_price": 2_500_000}],
        )

    def open_period(self) -> AcceptancePeriod:
        return services.period_open(
            actor=self.chief,
            order=self.order,
            label="Tháng 3/2026",
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 3, 31),
        )

    def test_delivered_items_are_the_programme_articles_of_the_theme_and_period(self) -> None:
        period = self.open_period()
        self.assertEqual(
            sorted(period.items.values_list("article__title", flat=True)),
            ["Bài chuyển đổi số 0", "Bài chuyển đổi số 1", "Bài chuyển đổi số 2"],
        )

    def test_outsider_gets_404_everywhere(self) -> None:
        period = self.open_period()
        item = period.items.first()
        assert item is not None
        self.login(self.liaison_b)
        for url in (
            reverse("orders:order", args=[self.order.pk]),
            reverse("orders:period", args=[period.pk]),
            reverse("orders:snapshot", args=[item.pk]),
            reverse("orders:minutes", args=[period.pk, "docx"]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(self.client.post(reverse("orders:period_accept", args=[period.pk])).status_code, 404)
        self.assertNotContains(self.client.get(reverse("orders:list")), self.order.title)

    def test_reporter_cannot_accept_and_leader_can(self) -> None:
        period = services.period_propose(actor=self.chief, period=self.open_period())
        self.login(self.reporter)
        self.assertEqual(self.client.post(reverse("orders:period_accept", args=[period.pk])).status_code, 403)
        self.login(self.liaison_a)
        self.assertEqual(self.client.post(reverse("orders:period_accept", args=[period.pk])).status_code, 403)
        first = period.items.first()
        assert first is not None
        with self.assertRaises(PermissionDenied):
            services.item_edit(actor=self.reporter, item=first, included=False, kind="bai", reason="x")
        self.login(self.leader_a)
        with (
            mock.patch("phoihop.orders.tasks.snapshot_period_task") as task,
            self.captureOnCommitCallbacks(execute=True),
        ):
            response = self.client.post(reverse("orders:period_accept", args=[period.pk]))
        self.assertEqual(response.status_code, 302)
        period.refresh_from_db()
        self.assertEqual(period.status, AcceptancePeriod.Status.ACCEPTED)
        task.enqueue.assert_called_once_with(period_id=period.pk)
        minutes = self.client.get(reverse("orders:minutes", args=[period.pk, "docx"]))
        text = "\n".join(
            cell.text
            for table in Document(io.BytesIO(b"".join(minutes.streaming_content))).tables
            for row in table.rows
            for cell in row.cells
        )
        for article in self.articles:
            self.assertIn(article.title, text)
            self.assertIn("http://testserver" + selectors.public_path(article.url_path), text)
        self.assertIn("7.500.000", text)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)

    def test_totals_per_theme_and_period(self) -> None:
        period = self.open_period()
        excluded = period.items.order_by("pk").first()
        assert excluded is not None
        services.item_edit(actor=self.chief, item=excluded, included=False, kind=Kind.ARTICLE, reason="Trùng nội dung")
        services.period_propose(actor=self.chief, period=period)
        services.period_accept(actor=self.leader_a, period=period)
        services.payment_record(
            actor=self.chief, period=period, amount=3_000_000, paid_on=dt.date(2026, 4, 10), document_number="UNC 01"
        )
        summary = selectors.order_summary(self.order)
        total = summary["total"]
        self.assertEqual((total.ordered.count, total.ordered.amount), (24, 60_000_000))
        self.assertEqual((total.delivered.count, total.delivered.amount), (2, 5_000_000))
        self.assertEqual((total.accepted.count, total.accepted.amount), (2, 5_000_000))
        self.assertEqual(total.paid_amount, 3_000_000)
        self.assertEqual(summary["periods"][0].paid_amount, 3_000_000)
        self.login(self.leader_a)
        self.assertContains(self.client.get(reverse("orders:order", args=[self.order.pk])), "3.000.000")

    def test_exclusion_needs_a_reason(self) -> None:
        item = self.open_period().items.first()
        assert item is not None
        with self.assertRaisesMessage(ValidationError, "lý do"):
            services.item_edit(actor=self.chief, item=item, included=False, kind=Kind.ARTICLE)

    def test_dispute_flow(self) -> None:
        period = services.period_propose(actor=self.chief, period=self.open_period())
        item = period.items.order_by("pk").first()
        assert item is not None
        with self.assertRaises(ValidationError):
            services.item_dispute(actor=self.leader_a, item=item, reason="  ")
        services.item_dispute(actor=self.leader_a, item=item, reason="Bài không nêu tên đơn vị")
        with self.assertRaisesMessage(ValidationError, "chưa được tòa soạn trả lời"):
            services.period_accept(actor=self.leader_a, period=period)
        services.item_answer(actor=self.chief, item=item, answer="Đồng ý loại bài này", remove=True)
        item.refresh_from_db()
        self.assertFalse(item.included)
        services.period_accept(actor=self.leader_a, period=period)
        self.assertEqual(len(selectors.minutes_rows(period)), 2)
        self.assertEqual(Item.objects.filter(period=period, status=Item.Status.ACCEPTED).count(), 2)

    def test_failed_minutes_leave_nothing_half_written(self) -> None:
        period = services.period_propose(actor=self.chief, period=self.open_period())
        with (
            mock.patch("phoihop.orders.document.build_xlsx", side_effect=RuntimeError("hỏng")),
            self.assertRaises(RuntimeError),
        ):
            services.period_accept(actor=self.leader_a, period=period)
        period.refresh_from_db()
        self.assertEqual(period.status, AcceptancePeriod.Status.PROPOSED)
        self.assertFalse(period.items.filter(status=Item.Status.ACCEPTED).exists())

    def test_payment_only_for_accepted_periods(self) -> None:
        period = self.open_period()
        with self.assertRaises(ValidationError):
            services.payment_record(
                actor=self.chief, period=period, amount=1, paid_on=dt.date(2026, 4, 1), document_number="x"
            )
        self.assertFalse(Payment.objects.exists())

    def test_snapshot_without_chromium_keeps_a_reason(self) -> None:
        item = self.open_period().items.first()
        assert item is not None
        with mock.patch("shutil.which", return_value=None):
            note = services.snapshot_item(item_id=item.pk, base_url="http://testserver")
        item.refresh_from_db()
        self.assertIn("Chromium", note)
        self.assertEqual(item.snapshot_note, note)
        self.assertFalse(item.snapshot)
