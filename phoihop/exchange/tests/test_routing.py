"""Who is told what (#12 items 4 and 5): partner messages reach the people on the item, not every
editor, and say what happened; the person a request names is told, with the deadline and its rule."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import Role
from phoihop.exchange import services
from phoihop.exchange.tests import files
from phoihop.exchange.tests.base import ExchangeTestCase
from phoihop.newsroom.models import Assignment
from phoihop.notifications.models import Delivery, Notification

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SENT_AT = dt.datetime(2026, 11, 20, 9, 15, tzinfo=HANOI)


def told(verb: str) -> set[str]:
    return set(Notification.objects.filter(verb=verb).values_list("recipient__username", flat=True))


class PartnerMessageRoutingTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.deputy = cls.make_user("ptbt", "Nguyễn Văn Bình", cls.press, Role.DEPUTY_EDITOR)
        cls.head = cls.make_user("truongban", "Phạm Thu Hương", cls.press, Role.SECTION_HEAD)
        cls.editor = cls.make_user("btv", "Đỗ Quang Huy", cls.press, Role.EDITOR)
        cls.submission = services.submission_create(
            actor=cls.liaison_a,
            organization=cls.unit_a,
            title="Lịch tiếp công dân tháng 12",
            body="UBND xã thông báo lịch tiếp công dân.",
            files=[files.docx_file()],
        )

    def post(self, user, item, body):
        self.login(user)
        kind = "thong-tin" if item.__class__.__name__ == "Submission" else "de-nghi"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("exchange:message_new", args=[kind, item.pk]), {"body": body})
        self.assertEqual(response.status_code, 302)

    def test_a_new_submission_reaches_the_triage_desk_and_says_what_happened(self):
        self.assertEqual(told("submission.created"), {"tbt", "ptbt", "truongban", "btv"})  # not the reporter
        note = Notification.objects.filter(verb="submission.created").first()
        self.assertEqual(note.title, "UBND xã An Khánh gửi thông tin «Lịch tiếp công dân tháng 12»")
        self.assertEqual(note.url, self.submission.get_absolute_url())
        self.assertIn("1 tệp đính kèm", note.body)

    def test_once_an_editor_has_it_the_thread_reaches_that_editor_and_the_assignee_only(self):
        services.submission_acknowledge(actor=self.editor, submission=self.submission)
        Assignment.objects.create(
            title="Viết tin lịch tiếp công dân",
            assignee=self.reporter,
            submission=self.submission,
            due_at=timezone.now() + dt.timedelta(days=1),
            status=Assignment.Status.ASSIGNED,
            created_by=self.editor,
        )
        mail.outbox.clear()
        self.post(self.liaison_a, self.submission, "Xin bổ sung: lịch thay đổi ngày 12/12.")
        self.assertEqual(told("thread.message"), {"btv", "pv"})
        note = Notification.objects.get(verb="thread.message", recipient=self.reporter)
        self.assertEqual(note.title, "UBND xã An Khánh nhắn về thông tin «Lịch tiếp công dân tháng 12»")
        self.assertTrue(note.url.endswith("#trao-doi"))
        # By e-mail too, through the real delivery path, with a link that opens the thread.
        recipients = sorted(address for message in mail.outbox for address in message.to)
        self.assertEqual(recipients, ["btv@example.vn", "pv@example.vn"])
        self.assertIn("«Lịch tiếp công dân tháng 12»", mail.outbox[0].subject)
        self.assertIn(f"{self.submission.get_absolute_url()}#trao-doi", mail.outbox[0].body)

    def test_a_cancelled_assignment_or_a_handler_who_left_falls_back_to_the_desk(self):
        services.submission_acknowledge(actor=self.editor, submission=self.submission)
        Assignment.objects.create(
            title="Hủy",
            assignee=self.reporter,
            submission=self.submission,
            due_at=timezone.now(),
            status=Assignment.Status.CANCELLED,
            cancel_reason="Trùng",
            created_by=self.editor,
        )
        self.editor.is_active = False
        self.editor.save(update_fields=["is_active"])
        self.post(self.liaison_a, self.submission, "Còn ai xử lý không?")
        self.assertEqual(told("thread.message"), {"tbt", "ptbt", "truongban"})

    def test_the_press_writing_reaches_the_unit_with_the_papers_name(self):
        self.post(self.head, self.submission, "Xin gửi thêm ảnh.")
        self.assertEqual(told("thread.message"), {"dm_a", "ld_a"})
        self.assertEqual(
            Notification.objects.filter(verb="thread.message").first().title,
            "Báo Thử Nghiệm nhắn về thông tin «Lịch tiếp công dân tháng 12»",
        )

    def test_an_answer_reaches_the_editor_who_asked_not_every_editor(self):
        request = services.info_request_create(
            actor=self.head,
            organization=self.unit_a,
            subject="Tiến độ giải phóng mặt bằng",
            questions="Xin cho biết tiến độ?",
            policy=self.policy,
        )
        services.info_request_answer(
            actor=self.liaison_a, request=request, outcome="partial", answer="Đạt 80%.", files=[files.pdf_file()]
        )
        self.assertEqual(told("info_request.partial"), {"truongban"})
        note = Notification.objects.get(verb="info_request.partial")
        self.assertEqual(note.title, "UBND xã An Khánh trả lời một phần đề nghị «Tiến độ giải phóng mặt bằng»")
        self.assertIn("Đạt 80%.", note.body)
        self.assertIn("1 tệp đính kèm", note.body)


class NamedRecipientTests(ExchangeTestCase):
    """The person a request names (by default the unit's spokesperson) is told what is asked, by whom,
    by when (21/11/2024 19:41) and under which rule."""

    def create(self, **fields):
        with time_machine.travel(SENT_AT, tick=False), self.captureOnCommitCallbacks(execute=True):
            return services.info_request_create(
                actor=self.chief,
                organization=self.unit_a,
                subject="Số liệu định danh điện tử",
                questions="Đề nghị cung cấp số liệu định danh điện tử mức 2 đến ngày 15/11/2026.",
                policy=self.policy,
                **fields,
            )

    def test_an_addressee_without_an_account_gets_an_email_with_what_who_and_when(self):
        request = self.create(addressee_name="Trịnh Thu Trang", addressee_email="phatngon@ankhanh.example.vn")
        due = timezone.localtime(request.due_at).strftime("%d/%m/%Y %H:%M")
        [message] = [m for m in mail.outbox if m.to == ["phatngon@ankhanh.example.vn"]]
        self.assertIn("Báo Thử Nghiệm đề nghị cung cấp thông tin «Số liệu định danh điện tử»", message.subject)
        self.assertIn(f"hạn trả lời {due}", message.subject)
        self.assertRegex(due, r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")
        body = message.body
        self.assertIn("định danh điện tử mức 2 đến ngày 15/11/2026", body)  # what is asked
        self.assertIn("Người đề nghị: Lê Thị Bích Ngọc, Báo Thử Nghiệm <tbt@example.vn>", body)  # by whom
        version = request.policy_version  # the rule in force when it was sent
        self.assertIn(f"Hạn trả lời: {due} ({self.policy.name}: {version.duration_label})", body)  # by when
        self.assertIn(f"Căn cứ: {version.legal_basis}", body)  # under which rule
        self.assertIn("Xin trả lời Lê Thị Bích Ngọc qua thư điện tử tbt@example.vn", body)
        self.assertIn(request.get_absolute_url(), body)
        delivery = Delivery.objects.get(address="phatngon@ankhanh.example.vn")
        self.assertEqual(delivery.status, Delivery.Status.SENT)

    def test_an_addressee_with_an_account_is_told_in_app_and_by_email_once(self):
        spokesperson = self.make_user("pn_a", "Trịnh Thu Trang", self.unit_a, Role.SPOKESPERSON)
        self.create(addressee_name="Trịnh Thu Trang", addressee_email="PN_A@example.vn")
        note = Notification.objects.get(recipient=spokesperson, verb="info_request.created")
        self.assertIn("Hạn trả lời:", note.body)
        self.assertEqual([m.to for m in mail.outbox].count(["pn_a@example.vn"]), 1)
        self.assertFalse(Delivery.objects.filter(recipient=None, address__iexact="pn_a@example.vn").exists())

    def test_an_account_that_cannot_open_the_request_gets_the_email_not_an_inbox_link(self):
        self.create(addressee_email="dm_b@example.vn")  # another unit's liaison, named by mistake or on purpose
        self.assertFalse(Notification.objects.filter(recipient=self.liaison_b).exists())
        self.assertTrue(Delivery.objects.filter(recipient=None, address="dm_b@example.vn").exists())

    def test_the_unit_is_told_too_and_the_reminder_reaches_the_addressee_again(self):
        request = self.create(addressee_email="phatngon@ankhanh.example.vn")
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_a, verb="info_request.created").exists())
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.send_reminders_and_escalations(now=request.due_at - dt.timedelta(hours=2))
        self.assertIn(["phatngon@ankhanh.example.vn"], [m.to for m in mail.outbox])
        self.assertIn("Sắp đến hạn trả lời đề nghị «Số liệu định danh điện tử»", mail.outbox[0].subject)
