import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from phoihop.exchange import services
from phoihop.exchange.models import InfoRequest, RefusalGround, ResponseForm
from phoihop.exchange.tests import files
from phoihop.exchange.tests.base import ExchangeTestCase
from phoihop.notifications.models import Notification
from phoihop.programs.models import Spokesperson

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# Friday afternoon before Tết 2025: five working days run past the whole holiday.
FRIDAY_BEFORE_TET = dt.datetime(2025, 1, 24, 16, 0, tzinfo=HANOI)


class InfoRequestTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Spokesperson.objects.create(
            organization=cls.unit_a,
            full_name="Trịnh Thu Trang",
            title="Phó Chủ tịch UBND xã",
            email="phatngon@ankhanh.example.vn",
            valid_from=dt.date(2024, 1, 1),
        )
        with time_machine.travel(FRIDAY_BEFORE_TET, tick=False):
            cls.request = services.info_request_create(
                actor=cls.chief,
                organization=cls.unit_a,
                subject="Tiến độ giải phóng mặt bằng",
                questions="Xin cho biết tiến độ?",
                policy=cls.policy,
                files=[files.pdf_file()],
            )

    def test_due_time_follows_the_policy_on_the_work_calendar_and_matches_the_command(self):
        self.assertEqual(self.request.due_at, self.policy.due_from(FRIDAY_BEFORE_TET))
        self.assertGreater(self.request.due_at, dt.datetime(2025, 2, 3, tzinfo=HANOI))  # after Tết
        out = StringIO()
        call_command("deadline", "--start", "2025-01-24T16:00+07:00", "--policy", self.policy.code, stdout=out)
        self.assertEqual(dt.datetime.fromisoformat(out.getvalue().strip()), self.request.due_at)
        self.login(self.liaison_a)
        page = self.client.get(self.request.get_absolute_url())
        shown = self.request.due_at.astimezone(HANOI).strftime("%d/%m/%Y %H:%M")
        self.assertContains(
            page, f'id="han-tra-loi" datetime="{self.request.due_at.astimezone(HANOI).isoformat()}">{shown}<'
        )

    def test_spokesperson_is_the_default_addressee_and_unit_is_told(self):
        self.assertEqual(self.request.addressee_name, "Trịnh Thu Trang")
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_a, verb="info_request.created").exists())

    def test_answer_partial_and_refusal_rules(self):
        with self.assertRaises(PermissionDenied):
            services.info_request_answer(actor=self.staff_a, request=self.request, outcome="answered", answer="x")
        with self.assertRaises(ValidationError):
            services.info_request_answer(actor=self.liaison_a, request=self.request, outcome="refused")
        ground = RefusalGround.objects.first()
        answered = services.info_request_answer(
            actor=self.liaison_a,
            request=self.request,
            outcome="refused",
            refusal_ground=ground,
            response_form=ResponseForm.objects.first(),
        )
        self.assertEqual(answered.status, InfoRequest.Status.REFUSED)
        self.assertTrue(answered.answered_late)  # the clock is real now, long after the due time
        with self.assertRaises(ValidationError):
            services.info_request_answer(actor=self.liaison_a, request=self.request, outcome="answered", answer="x")
        self.assertTrue(Notification.objects.filter(recipient=self.chief, verb="info_request.refused").exists())

    def test_overdue_is_visible_on_both_sides_and_listed_first(self):
        with time_machine.travel(FRIDAY_BEFORE_TET, tick=False):
            fresh = services.info_request_create(
                actor=self.chief, organization=self.unit_a, subject="Đề nghị mới", questions="?", policy=self.policy
            )
        InfoRequest.objects.filter(pk=fresh.pk).update(due_at=dt.datetime(2099, 1, 1, tzinfo=HANOI))
        for user in (self.chief, self.liaison_a):
            self.login(user)
            html = self.client.get(reverse("exchange:inbox") + "?muc=de-nghi").content.decode()
            self.assertIn("Quá hạn", html)
            self.assertLess(html.index("Tiến độ giải phóng mặt bằng"), html.index("Đề nghị mới"))

    def test_reminder_then_escalation_once_each(self):
        due = self.request.due_at
        counts = services.send_reminders_and_escalations(now=due - dt.timedelta(hours=2))
        self.assertEqual(counts, {"reminded": 1, "escalated": 0})
        self.assertEqual(services.send_reminders_and_escalations(now=due - dt.timedelta(hours=1))["reminded"], 0)
        counts = services.send_reminders_and_escalations(now=due + dt.timedelta(minutes=5))
        self.assertEqual(counts["escalated"], 1)
        self.assertTrue(Notification.objects.filter(recipient=self.leader_a, verb="info_request.escalated").exists())
        self.assertEqual(services.send_reminders_and_escalations(now=due + dt.timedelta(hours=5))["escalated"], 0)

    def test_answer_through_the_form(self):
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("exchange:request_answer", args=[self.request.pk]),
            {"outcome": "answered", "answer": "Đã hoàn thành 80% khối lượng.", "attachments": [files.docx_file()]},
        )
        self.assertRedirects(response, self.request.get_absolute_url())
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, InfoRequest.Status.ANSWERED)
        self.assertEqual(self.request.attachments.count(), 2)

    def test_outsider_404_and_read_only_403(self):
        urls = [self.request.get_absolute_url(), f"/lich-su/exchange/inforequest/{self.request.pk}/"]
        self.login(self.liaison_b)
        for url in [*urls, reverse("exchange:request_answer", args=[self.request.pk])]:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.staff_a)
        self.assertEqual(self.client.get(urls[0]).status_code, 200)
        self.assertEqual(
            self.client.post(
                reverse("exchange:request_answer", args=[self.request.pk]), {"outcome": "answered"}
            ).status_code,
            403,
        )
        self.assertEqual(
            self.client.post(
                reverse("exchange:message_new", args=["de-nghi", self.request.pk]), {"body": "x"}
            ).status_code,
            403,
        )
        # Partners never open requests; reporters don't either.
        for user in (self.liaison_a, self.reporter):
            self.login(user)
            self.assertEqual(self.client.get(reverse("exchange:request_new")).status_code, 403)


class SuccessionTransferTests(ExchangeTestCase):
    def test_merge_moves_open_items_and_keeps_the_old_name(self):
        from phoihop.accounts import services as account_services
        from phoihop.accounts.models import Organization, Role
        from phoihop.exchange.models import Submission

        open_item = services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Đang mở", body="x"
        )
        closed = services.submission_create(actor=self.liaison_a, organization=self.unit_a, title="Đã xong", body="x")
        services.submission_reject(actor=self.chief, submission=closed, reason="Không phù hợp")
        successor = account_services.organization_create(
            actor=self.chief, name="UBND xã An Khánh mới", kind=Organization.Kind.PARTNER
        )
        account_services.organization_merge(
            actor=self.chief, organization=self.unit_a, successors=[successor], effective_on=dt.date(2025, 7, 1)
        )
        open_item.refresh_from_db()
        closed.refresh_from_db()
        self.assertEqual(open_item.organization, successor)
        self.assertEqual(open_item.original_organization, self.unit_a)
        self.assertEqual(closed.organization, self.unit_a)
        leader = self.make_user("ld_moi", "Mai Văn Sơn", successor, Role.LEADER)
        self.login(leader)
        page = self.client.get(open_item.get_absolute_url())
        self.assertContains(page, "UBND xã An Khánh")
        self.assertContains(page, "nay do UBND xã An Khánh mới tiếp nhận")
        self.assertEqual(self.client.get(closed.get_absolute_url()).status_code, 200)  # history stays readable
        self.assertEqual(Submission.objects.filter(organization=successor).count(), 1)
