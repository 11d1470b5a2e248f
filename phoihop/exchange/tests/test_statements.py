"""Events that call for a statement (issue #13 item 3, Decree 244/2026 Art. 7(3)–(4)): either side
opens one, the 24-hour clock shows on both sides' pages, the initial statement is on time or late,
the unit's head is told at 18 hours and at the due time (once each), statements carry files and
become draft articles."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.accounts.models import Role
from phoihop.deadlines.models import DeadlinePolicy, DeadlinePolicyVersion, LegalInstrument
from phoihop.exchange import statements
from phoihop.exchange.models import Statement, StatementEvent
from phoihop.exchange.tests.base import ExchangeTestCase
from phoihop.exchange.tests.files import docx_file
from phoihop.notifications.models import Delivery, Notification
from phoihop.portal.models import ArticlePage
from phoihop.portal.services import category_ensure
from phoihop.programs import services as program_services
from phoihop.programs.models import Spokesperson

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = dt.datetime(2026, 11, 21, 19, 41, tzinfo=HANOI)


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


class StatementEventTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.spokesperson_a = cls.make_user("pn_a", "Trịnh Thu Trang", cls.unit_a, Role.SPOKESPERSON)
        cls.editor = cls.make_user("btv", "Mai Anh Tuấn", cls.press, Role.EDITOR)
        # The unit's head on record in programs: an account by their official e-mail (leader_a's).
        program_services.spokesperson_appoint(
            actor=None,
            organization=cls.unit_a,
            role=Spokesperson.Role.HEAD,
            full_name="Nguyễn Văn Hùng",
            title="Chủ tịch UBND xã",
            email=cls.leader_a.email,
            valid_from=dt.date(2025, 7, 1),
        )
        with time_machine.travel(T0, tick=False):
            cls.event = statements.event_open(
                actor=cls.editor,
                organization=cls.unit_a,
                kind=StatementEvent.Kind.INCIDENT,
                title="Cháy kho hàng tại thôn Đông",
                description="Đám cháy lúc 18 giờ, chưa rõ thiệt hại.",
            )

    def test_the_event_keeps_the_24_hour_version_of_decree_244(self):
        self.assertEqual(self.event.policy_version.policy.code, "phat-ngon-ban-dau")
        self.assertEqual(self.event.policy_version.citation, "khoản 3, 4 Điều 7 Nghị định 244/2026/NĐ-CP")
        self.assertEqual(self.event.opened_at, T0)
        self.assertEqual(self.event.due_at, T0 + hours(24))  # clock hours: the night and Sunday count

    def test_a_partner_leader_and_a_spokesperson_open_one_for_their_unit(self):
        for actor in (self.leader_a, self.spokesperson_a):
            event = statements.event_open(
                actor=actor,
                organization=self.unit_a,
                kind=StatementEvent.Kind.PUBLIC_OPINION,
                title=f"Dư luận về giá vé ({actor.username})",
            )
            self.assertEqual(event.opened_by, actor)
        # ...and the newsroom's editor who will handle it hears of it.
        self.assertTrue(Notification.objects.filter(recipient=self.editor, verb="statement_event.opened").exists())

    def test_a_liaison_a_reporter_and_an_outsider_may_not_open_one(self):
        for actor in (self.liaison_a, self.reporter, self.liaison_b, self.staff_a):
            with self.subTest(actor=actor.username), self.assertRaises(PermissionDenied):
                statements.event_open(actor=actor, organization=self.unit_a, title="Thử")
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(reverse("exchange:event_new")).status_code, 403)

    def test_opening_through_the_form(self):
        self.login(self.leader_a)
        response = self.client.post(
            reverse("exchange:event_new"),
            {"organization": self.unit_a.pk, "kind": "du_luan", "title": "Tranh cãi về  trường học mới"},
        )
        event = StatementEvent.objects.get(title="Tranh cãi về trường học mới")
        self.assertRedirects(response, event.get_absolute_url())
        # The unit's own people only: another unit is not offered.
        page = self.client.get(reverse("exchange:event_new"))
        self.assertNotContains(page, self.unit_b.name)

    def test_the_clock_and_due_time_on_both_sides_pages(self):
        with time_machine.travel(T0 + hours(19), tick=False):
            for user in (self.chief, self.liaison_a, self.staff_a):
                self.login(user)
                page = self.client.get(self.event.get_absolute_url())
                self.assertContains(page, "22/11/2026 19:41")
                self.assertContains(page, "Còn 5 giờ 00 phút")
                self.assertContains(page, "khoản 3, 4 Điều 7 Nghị định 244/2026/NĐ-CP")
                listing = self.client.get(reverse("exchange:events"))
                self.assertContains(listing, "Cháy kho hàng tại thôn Đông")
                self.assertContains(listing, "Còn 5 giờ 00 phút")
                self.assertContains(listing, reverse("exchange:events"))  # in the workspace navigation
        with time_machine.travel(T0 + hours(26), tick=False):
            self.login(self.liaison_a)
            page = self.client.get(self.event.get_absolute_url())
            self.assertContains(page, "Quá hạn 2 giờ 00 phút")

    def test_an_outsider_gets_404_and_an_empty_list(self):
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(self.event.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(reverse("exchange:events")), "Cháy kho hàng")
        for name in ("event_stated", "event_close", "event_statement"):
            self.assertEqual(self.client.post(reverse(f"exchange:{name}", args=[self.event.pk])).status_code, 404)
        self.login(self.nobody)
        self.assertEqual(self.client.get(self.event.get_absolute_url()).status_code, 404)

    def test_read_only_staff_see_the_clock_but_cannot_state(self):
        self.login(self.staff_a)
        page = self.client.get(self.event.get_absolute_url())
        self.assertNotContains(page, "Ghi nhận đã phát ngôn ban đầu")
        self.assertEqual(self.client.post(reverse("exchange:event_stated", args=[self.event.pk])).status_code, 403)

    def _event(self, title: str) -> StatementEvent:
        with time_machine.travel(T0, tick=False):
            return statements.event_open(actor=self.chief, organization=self.unit_a, title=title)

    def test_an_initial_statement_within_24_hours_is_on_time(self):
        event = self._event("Sạt lở đê")
        with time_machine.travel(T0 + hours(23), tick=False):
            statements.statement_add(
                actor=self.spokesperson_a,
                event=event,
                title="Thông tin ban đầu về sạt lở đê",
                body="UBND xã đã sơ tán 12 hộ dân.",
                initial=True,
                files=[docx_file()],
            )
            event.refresh_from_db()
            self.assertEqual(event.state, StatementEvent.State.STATED)
            self.assertEqual(event.stated_at, T0 + hours(23))
            self.assertEqual(event.clock_status, "on_time")
            self.login(self.chief)
            page = self.client.get(event.get_absolute_url())
        self.assertContains(page, "Phát ngôn ban đầu đúng hạn")
        self.assertContains(page, "22/11/2026 18:41")
        statement = event.statements.get()
        attachment = statement.attachments.get()
        self.assertContains(page, reverse("exchange:attachment", args=[attachment.pk]))
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(reverse("exchange:attachment", args=[attachment.pk])).status_code, 200)
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(reverse("exchange:attachment", args=[attachment.pk])).status_code, 404)

    def test_an_initial_statement_after_24_hours_is_late(self):
        event = self._event("Ngộ độc thực phẩm")
        with time_machine.travel(T0 + hours(25), tick=False):
            self.login(self.liaison_a)
            self.client.post(reverse("exchange:event_stated", args=[event.pk]))
            event.refresh_from_db()
            self.assertEqual(event.clock_status, "late")
            page = self.client.get(event.get_absolute_url())
        self.assertContains(page, "Phát ngôn ban đầu muộn 1 giờ 00 phút")
        with self.assertRaises(ValidationError):  # given once
            statements.initial_statement_given(actor=self.liaison_a, event=event)

    def test_escalation_at_18_hours_and_at_due_once_each(self):
        event = self._event("Sự cố mất điện diện rộng")
        stated = self._event("Đã có phát ngôn")  # a second event, stated in time: never escalated
        statements.initial_statement_given(actor=self.leader_a, event=stated, at=T0 + hours(1))

        def run(at: dt.datetime) -> dict[str, int]:
            with time_machine.travel(at, tick=False), self.captureOnCommitCallbacks(execute=True):
                return statements.escalate_statement_events()

        warned = Notification.objects.filter(target_id=str(event.pk), verb="statement_event.escalated_warn")
        self.assertEqual(run(T0 + hours(17.9)), {"warn": 0, "due": 0})
        self.assertEqual(run(T0 + hours(18)), {"warn": 2, "due": 0})  # this one and the class's
        self.assertEqual(
            set(warned.values_list("recipient__username", flat=True)), {"ld_a", "pn_a", "tbt"}
        )  # the head (leader_a's address), the spokesperson, the newsroom editor who opened it
        self.assertEqual(run(T0 + hours(20)), {"warn": 0, "due": 0})
        self.assertEqual(warned.count(), 3)
        self.assertEqual(run(T0 + hours(24)), {"warn": 0, "due": 2})
        self.assertEqual(run(T0 + hours(30)), {"warn": 0, "due": 0})
        event.refresh_from_db()
        self.assertEqual(event.escalated_at, T0 + hours(24))
        self.assertEqual(event.escalations, ["due", "warn"])
        overdue = Notification.objects.get(
            recipient=self.leader_a, verb="statement_event.escalated_due", target_id=str(event.pk)
        )
        self.assertIn("quá hạn phát ngôn ban đầu", overdue.title)
        self.assertIn("22/11/2026 19:41", overdue.title)
        stated.refresh_from_db()
        self.assertEqual(stated.escalations, [])

    def test_a_head_without_an_account_is_told_by_e_mail(self):
        Spokesperson.objects.filter(organization=self.unit_a).update(email="chutich@ankhanh.example.vn")
        event = self._event("Dịch bệnh gia cầm")
        with time_machine.travel(T0 + hours(24), tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(statements.escalate_statement_events()["due"], 1 + 1)  # and the class's event
        self.assertTrue(Delivery.objects.filter(address="chutich@ankhanh.example.vn").exists())
        event.refresh_from_db()
        self.assertIsNotNone(event.escalated_at)

    def test_the_stored_version_survives_a_later_policy_version(self):
        policy = DeadlinePolicy.objects.get(code="phat-ngon-ban-dau")
        DeadlinePolicyVersion.objects.create(
            policy=policy,
            valid_from=dt.date(2027, 1, 1),
            amount=12,
            unit="clock_hours",
            instrument=LegalInstrument.objects.get(code="nd-244-2026"),
            article="7",
            clause="3, 4",
            summary="Thử: thời hạn mới.",
        )
        later_at = dt.datetime(2027, 1, 4, 9, tzinfo=HANOI)
        with time_machine.travel(later_at, tick=False):
            later = statements.event_open(actor=self.chief, organization=self.unit_a, title="Sự kiện năm 2027")
        self.assertEqual(later.due_at, later_at + hours(12))
        self.event.refresh_from_db()
        self.assertEqual(self.event.policy_version.amount, 24)
        self.assertEqual(self.event.due_at, T0 + hours(24))
        self.login(self.liaison_a)
        self.assertContains(self.client.get(self.event.get_absolute_url()), "24 giờ")

    def test_a_press_editor_turns_a_statement_into_a_draft_article(self):
        category_ensure(slug="thoi-su", title="Thời sự")
        statement = statements.statement_add(
            actor=self.leader_a,
            event=self.event,
            kind=Statement.Kind.PRESS_RELEASE,
            title="Thông cáo về vụ cháy kho hàng",
            body="Không có thương vong.\nNguyên nhân đang được điều tra.",
        )
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(self.event.get_absolute_url()), "Tạo bản nháp bài viết")
        self.assertEqual(self.client.post(reverse("exchange:statement_draft", args=[statement.pk])).status_code, 403)
        self.login(self.liaison_b)  # another unit does not learn that the statement exists
        self.assertEqual(self.client.post(reverse("exchange:statement_draft", args=[statement.pk])).status_code, 404)
        self.login(self.chief)
        self.assertContains(self.client.get(self.event.get_absolute_url()), "Tạo bản nháp bài viết")
        response = self.client.post(reverse("exchange:statement_draft", args=[statement.pk]))
        article = ArticlePage.objects.get(title="Thông cáo về vụ cháy kho hàng")
        self.assertRedirects(
            response, reverse("wagtailadmin_pages:edit", args=[article.pk]), fetch_redirect_response=False
        )
        self.assertFalse(article.live)
        self.assertIn("UBND xã An Khánh thông cáo báo chí về Cháy kho hàng", article.sapo)
        statement.refresh_from_db()
        self.assertEqual(statement.article_id, article.pk)
        page = self.client.get(self.event.get_absolute_url())
        self.assertNotContains(page, "Tạo bản nháp bài viết")

    def test_closing_ends_statements(self):
        event = self._event("Vụ việc kết thúc")
        statements.event_close(actor=self.leader_a, event=event)
        with self.assertRaises(ValidationError):  # the copy read before closing: refused in the lock
            statements.statement_add(actor=self.leader_a, event=event, title="Muộn", body="Muộn")
        event.refresh_from_db()
        self.assertEqual(event.state, StatementEvent.State.CLOSED)
        with self.assertRaises(PermissionDenied):
            statements.statement_add(actor=self.leader_a, event=event, title="Muộn", body="Muộn")

    def test_the_initial_statement_through_the_page_form(self):
        event = self._event("Vỡ đường ống nước")
        with time_machine.travel(T0 + hours(3), tick=False):
            self.login(self.liaison_a)
            response = self.client.post(
                reverse("exchange:event_statement", args=[event.pk]),
                {"kind": "phat_ngon", "title": "Thông tin ban đầu", "body": "Đã khắc phục.", "is_initial": "on"},
            )
        self.assertRedirects(response, event.get_absolute_url() + "#phat-ngon", fetch_redirect_response=False)
        event.refresh_from_db()
        self.assertEqual((event.state, event.stated_at), (StatementEvent.State.STATED, T0 + hours(3)))
        self.assertEqual(event.statements.get().author, self.liaison_a)
