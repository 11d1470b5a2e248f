"""The intake's rules, through `phoihop mail-ingest` (the MTA's pipe) and the triage desk's pages."""

from __future__ import annotations

import io
from typing import Any

from django.core import mail as outbox
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from phoihop.exchange.models import Message, Submission
from phoihop.exchange.services import info_request_create, message_post, submission_create
from phoihop.ingest.models import InboundMail
from phoihop.ingest.services import ingest_message
from phoihop.ingest.tests import fixture
from phoihop.notifications.delivery import deliveries_send
from phoihop.notifications.models import Delivery
from phoihop.notifications.replies import parse_reply_token, reply_token
from phoihop.testing import PersonaTestCase


class Stdin(io.StringIO):
    """What the pipe hands over: bytes on `sys.stdin.buffer`."""

    def __init__(self, raw: bytes) -> None:
        super().__init__()
        self.raw_bytes = io.BytesIO(raw)

    @property
    def buffer(self) -> io.BytesIO:  # type: ignore[override]
        return self.raw_bytes


def pipe(raw: bytes) -> str:
    out = io.StringIO()
    call_command("mail_ingest", stdin=Stdin(raw), stdout=out)
    return out.getvalue()


class IngestBase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The demo's liaison address, verified: an active account that has signed in.
        cls.liaison_a.email = "daumoi@example.vn"
        cls.liaison_a.last_login = timezone.now()
        cls.liaison_a.save(update_fields=["email", "last_login"])


class AcceptanceTests(IngestBase):
    def test_mail_from_the_liaison_becomes_a_submission_in_the_newsroom_inbox(self) -> None:
        self.assertTrue(pipe(fixture("gmail_alternative_base64.eml")).startswith("accepted"))
        submission = Submission.objects.get()
        self.assertEqual(submission.organization, self.unit_a)
        self.assertEqual(submission.sender, self.liaison_a)
        self.assertEqual(submission.title, "Thông cáo về tiêm chủng mở rộng")
        self.assertIn("đợt tiêm chủng mở rộng", submission.body)
        self.assertEqual([a.original_name for a in submission.attachments.all()], ["Thông cáo tiêm chủng.pdf"])
        self.login(self.chief)
        page = self.client.get(reverse("exchange:inbox"))
        self.assertContains(page, "Thông cáo về tiêm chủng mở rộng")
        # The sender is told the reference number by e-mail.
        ack = Delivery.objects.get(address="daumoi@example.vn")
        self.assertIn(submission.reference, ack.subject)

        # The same message again creates nothing.
        self.assertTrue(pipe(fixture("gmail_alternative_base64.eml")).startswith("duplicate"))
        self.assertEqual(Submission.objects.count(), 1)
        self.assertEqual(InboundMail.objects.count(), 1)

    def test_unknown_address_lands_in_quarantine(self) -> None:
        self.assertTrue(pipe(fixture("unknown_sender.eml")).startswith("quarantined"))
        held = InboundMail.objects.get()
        self.assertEqual(held.reason, InboundMail.Reason.UNKNOWN_SENDER)
        self.assertFalse(Submission.objects.exists())
        with held.raw.open("rb") as handle:
            self.assertEqual(handle.read(), fixture("unknown_sender.eml"))

    @override_settings(PHOIHOP_MAIL_REPLY_DOMAIN="reply.baotinh.example.vn")
    def test_reply_to_a_notification_lands_in_its_thread(self) -> None:
        submission = submission_create(actor=self.liaison_a, organization=self.unit_a, title="Thông cáo")
        message_post(actor=self.chief, item=submission, body="Vui lòng bổ sung số liệu.")
        # The notification e-mail to the liaison carries the thread's signed reply address.
        delivery = Delivery.objects.filter(recipient=self.liaison_a, channel=Delivery.Channel.EMAIL).latest("pk")
        outbox.outbox.clear()
        deliveries_send([delivery.pk])
        reply_to = outbox.outbox[0].reply_to[0]
        self.assertEqual(reply_to, f"reply+{reply_token('submission', submission.pk)}@reply.baotinh.example.vn")
        raw = fixture("reply_to_notification.eml").replace(b"reply+REPLYTOKEN@", reply_to.split("@")[0].encode() + b"@")
        self.assertTrue(pipe(raw).startswith("reply"))
        posted = Message.objects.filter(submission=submission).latest("pk")
        self.assertEqual(posted.author, self.liaison_a)
        self.assertEqual(posted.body, "Đơn vị xin gửi bổ sung số liệu như Tòa soạn đề nghị.")
        self.assertEqual(Submission.objects.count(), 1)


class RuleTests(IngestBase):
    def test_every_client_fixture_from_the_liaison_is_accepted(self) -> None:
        for name in (
            "outlook_cp1258_qp.eml",
            "thunderbird_flowed.eml",
            "forward_attached_rfc822.eml",
            "gmail_forward_inline.eml",
            "html_only_script.eml",
        ):
            with self.subTest(name):
                mail, created = ingest_message(fixture(name), source=InboundMail.Source.PIPE)
                self.assertTrue(created)
                self.assertEqual(mail.status, InboundMail.Status.ACCEPTED, mail.detail)
        titles = set(Submission.objects.values_list("title", flat=True))
        self.assertIn("Thông cáo báo chí về Lễ hội mùa xuân", titles)
        self.assertIn("Kế hoạch phòng chống bão số 9", titles)
        forwarded = Submission.objects.get(title="Kế hoạch phòng chống bão số 9")
        self.assertEqual([a.original_name for a in forwarded.attachments.all()], ["Kế hoạch.pdf"])
        html = Submission.objects.get(title="Lịch họp báo quý IV")
        self.assertNotIn("alert", html.body)

    def test_failing_dmarc_is_quarantined_even_from_a_member_address(self) -> None:
        mail, _created = ingest_message(fixture("dmarc_fail.eml"), source=InboundMail.Source.PIPE)
        self.assertEqual((mail.status, mail.reason), (InboundMail.Status.QUARANTINED, InboundMail.Reason.AUTH_FAILED))
        self.assertFalse(Submission.objects.exists())

    def test_an_account_that_never_signed_in_is_not_a_verified_address(self) -> None:
        self.liaison_a.last_login = None
        self.liaison_a.save(update_fields=["last_login"])
        mail, _created = ingest_message(fixture("thunderbird_flowed.eml"), source=InboundMail.Source.PIPE)
        self.assertEqual(mail.reason, InboundMail.Reason.UNKNOWN_SENDER)

    def test_read_only_staff_is_held(self) -> None:
        self.staff_a.last_login = timezone.now()
        self.staff_a.save(update_fields=["last_login"])
        raw = fixture("thunderbird_flowed.eml").replace(b"daumoi@example.vn", b"cb_a@example.vn")
        mail, _created = ingest_message(raw, source=InboundMail.Source.PIPE)
        self.assertEqual(mail.reason, InboundMail.Reason.NOT_ALLOWED)

    def test_a_refused_attachment_keeps_nothing_but_the_held_mail(self) -> None:
        raw = fixture("gmail_alternative_base64.eml").replace(
            b"Content-Type: application/pdf", b"Content-Type: application/x-msdownload"
        )
        raw = raw.replace(b"JVBERi0", b"TVqQAAM")  # an executable's first bytes instead of %PDF
        mail, _created = ingest_message(raw, source=InboundMail.Source.PIPE)
        self.assertEqual(mail.reason, InboundMail.Reason.INVALID)
        self.assertIn("không đúng định dạng", mail.detail)
        self.assertFalse(Submission.objects.exists())

    def test_forged_reply_token_is_quarantined(self) -> None:
        submission = submission_create(actor=self.liaison_a, organization=self.unit_a, title="Thông cáo")
        forged = reply_token("submission", submission.pk)[:-1] + "0"
        self.assertIsNone(parse_reply_token(forged) if forged != reply_token("submission", submission.pk) else None)
        raw = fixture("reply_to_notification.eml").replace(b"REPLYTOKEN", forged.encode())
        mail, _created = ingest_message(raw, source=InboundMail.Source.PIPE)
        self.assertEqual(mail.reason, InboundMail.Reason.BAD_TOKEN)
        self.assertFalse(Message.objects.filter(submission=submission).exists())

    def test_reply_from_another_unit_is_held(self) -> None:
        submission = submission_create(actor=self.liaison_a, organization=self.unit_a, title="Thông cáo")
        self.liaison_b.last_login = timezone.now()
        self.liaison_b.save(update_fields=["last_login"])
        raw = fixture("reply_to_notification.eml").replace(
            b"REPLYTOKEN", reply_token("submission", submission.pk).encode()
        )
        raw = raw.replace(b"From: daumoi@example.vn", b"From: dm_b@example.vn")
        mail, _created = ingest_message(raw, source=InboundMail.Source.PIPE)
        self.assertEqual(mail.reason, InboundMail.Reason.NOT_ALLOWED)

    def test_reply_to_an_information_request_lands_in_its_thread(self) -> None:
        request = _request(self)
        raw = fixture("reply_to_notification.eml").replace(
            b"REPLYTOKEN", reply_token("inforequest", request.pk).encode()
        )
        mail, _created = ingest_message(raw, source=InboundMail.Source.PIPE)
        self.assertEqual(mail.status, InboundMail.Status.REPLY, mail.detail)
        self.assertEqual(mail.thread_message.info_request, request)

    def test_temporary_failure_exits_75_and_keeps_nothing(self) -> None:
        from unittest import mock

        failing = mock.patch("phoihop.ingest.services.submission_create", side_effect=OSError("disk full"))
        with failing, self.assertRaises(SystemExit) as exit_:
            pipe(fixture("thunderbird_flowed.eml"))
        self.assertEqual(exit_.exception.code, 75)
        self.assertFalse(InboundMail.objects.exists())


def _request(test: Any) -> Any:
    from phoihop.deadlines.models import DeadlinePolicy

    return info_request_create(
        actor=test.chief,
        organization=test.unit_a,
        subject="Số liệu tiêm chủng",
        questions="Bao nhiêu mũi?",
        policy=DeadlinePolicy.objects.get(code="thuong"),
    )


class QuarantineDeskTests(IngestBase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.held, _created = ingest_message(fixture("unknown_sender.eml"), source=InboundMail.Source.PIPE)

    def test_outsiders_get_404(self) -> None:
        for user in (self.liaison_a, self.reporter, self.liaison_b):
            self.login(user)
            self.assertEqual(self.client.get(reverse("ingest:quarantine")).status_code, 404)
            self.assertEqual(self.client.get(reverse("ingest:detail", args=[self.held.pk])).status_code, 404)
            response = self.client.post(
                reverse("ingest:release", args=[self.held.pk]), {"organization": self.unit_a.pk}
            )
            self.assertEqual(response.status_code, 404)
        self.assertFalse(Submission.objects.exists())

    def test_triage_releases_a_held_mail_as_a_submission_of_a_chosen_unit(self) -> None:
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("ingest:quarantine")), "Tin nong can dang ngay")
        response = self.client.post(reverse("ingest:release", args=[self.held.pk]), {"organization": self.unit_b.pk})
        submission = Submission.objects.get()
        self.assertRedirects(response, submission.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((submission.organization, submission.sender), (self.unit_b, self.chief))
        self.held.refresh_from_db()
        self.assertEqual(self.held.status, InboundMail.Status.RELEASED)
        again = self.client.post(reverse("ingest:release", args=[self.held.pk]), {"organization": self.unit_b.pk})
        self.assertContains(again, "Thư này đã được xử lý.", status_code=400)

    def test_triage_rejects_with_a_reason(self) -> None:
        self.login(self.chief)
        empty = self.client.post(reverse("ingest:reject", args=[self.held.pk]), {"note": " "})
        self.assertEqual(empty.status_code, 400)
        self.client.post(reverse("ingest:reject", args=[self.held.pk]), {"note": "Thư rác"})
        self.held.refresh_from_db()
        self.assertEqual((self.held.status, self.held.decision_note), (InboundMail.Status.REJECTED, "Thư rác"))
