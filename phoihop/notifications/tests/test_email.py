"""E-mail through a real SMTP server (aiosmtpd on 127.0.0.1): immediate mail, failures, retries."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings
from django.test import override_settings

from phoihop.notifications import delivery, services, tasks
from phoihop.notifications.models import Delivery, Notification
from phoihop.notifications.tests.smtp import SMTPTestCase, free_port, subject_of, text_of, vn

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
TITLE = "Có thông tin mới từ UBND xã An Khánh"


class ImmediateMailTests(SMTPTestCase):
    def notify_press(self, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return services.notify(
                recipients=[self.chief, self.reporter, self.liaison_a],
                actor=self.liaison_a,
                verb="submission.received",
                title=TITLE,
                body="Lễ hội làng An Khánh khai mạc sáng 15/3.",
                url="/phoi-hop/thong-tin/12/",
                organization=self.unit_a,
                **kwargs,
            )

    def test_message_arrives_in_vietnamese_with_an_absolute_link(self):
        notifications = self.notify_press()

        self.assertEqual(sorted(n.recipient.username for n in notifications), ["pv", "tbt"])
        self.assertEqual(len(self.smtp.messages), 2)
        message = self.received_by("tbt@example.vn")[0]
        self.assertEqual(subject_of(message), f"[{settings.PHOIHOP_PUBLICATION_NAME}] {TITLE}")
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/phoi-hop/thong-tin/12/"
        text = text_of(message)
        self.assertIn("Kính gửi Lê Thị Bích Ngọc,", text)
        self.assertIn("Lễ hội làng An Khánh khai mạc sáng 15/3.", text)
        self.assertIn(f"Xem chi tiết: {link}", text)
        self.assertIn("Người thực hiện: Phạm Thu Hà", text)
        self.assertIn(f'href="{link}"', text_of(message, "html"))
        self.assertEqual(message["Auto-Submitted"], "auto-generated")
        sent = Delivery.objects.get(recipient=self.chief, channel=Delivery.Channel.EMAIL)
        self.assertEqual((sent.status, sent.attempts, sent.address), (Delivery.Status.SENT, 1, "tbt@example.vn"))
        self.assertIsNotNone(sent.sent_at)
        self.assertEqual(sent.subject, subject_of(message))

    def test_the_actor_is_never_told_about_their_own_action(self):
        self.notify_press()
        self.assertEqual(self.received_by("dm_a@example.vn"), [])
        self.assertFalse(Notification.objects.filter(recipient=self.liaison_a).exists())
        self.assertFalse(Delivery.objects.filter(recipient=self.liaison_a).exists())

    def test_a_refused_recipient_is_logged_as_failed_and_keeps_the_in_app_notification(self):
        self.smtp.refuse.add("pv@example.vn")
        self.notify_press()

        self.assertEqual(len(self.received_by("tbt@example.vn")), 1)
        self.assertEqual(self.received_by("pv@example.vn"), [])
        failed = Delivery.objects.get(recipient=self.reporter, channel=Delivery.Channel.EMAIL)
        self.assertEqual((failed.status, failed.attempts), (Delivery.Status.FAILED, 1))
        self.assertIn("550", failed.error)
        self.assertTrue(Notification.objects.filter(recipient=self.reporter, title=TITLE, read_at=None).exists())

    def test_the_retry_sweep_sends_a_failed_message_once_the_server_accepts_it(self):
        start = vn(2026, 3, 2, 9, 0)
        with time_machine.travel(start, tick=False):
            self.smtp.refuse.add("pv@example.vn")
            self.notify_press()
            self.smtp.refuse.clear()
            self.assertEqual(delivery.deliveries_retry(), 0)  # too early: the first delay has not passed
        with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
            self.assertEqual(delivery.deliveries_retry(), 1)
        self.assertEqual(len(self.received_by("pv@example.vn")), 1)
        row = Delivery.objects.get(recipient=self.reporter, channel=Delivery.Channel.EMAIL)
        self.assertEqual((row.status, row.attempts, row.error), (Delivery.Status.SENT, 2, ""))

    def test_a_message_whose_task_was_lost_is_sent_by_the_sweep(self):
        start = vn(2026, 3, 2, 9, 0)
        with time_machine.travel(start, tick=False):
            services.notify(recipients=[self.reporter], verb="x.y", title=TITLE)  # the commit never comes
        self.assertEqual(self.smtp.messages, [])
        with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
            self.assertEqual(delivery.deliveries_retry(), 1)
        self.assertEqual(
            [subject_of(m) for m in self.received_by("pv@example.vn")],
            [f"[{settings.PHOIHOP_PUBLICATION_NAME}] {TITLE}"],
        )

    def test_the_quarter_hourly_retry_job_sends_what_lost_its_task_without_waiting_for_the_digest(self):
        from phoihop.core import scheduler

        job = {j.key: j for j in scheduler.jobs()}[delivery.RETRY_KEY]
        self.assertEqual(job.every, dt.timedelta(minutes=15))  # started by `phoihop start_periodic`
        start = vn(2026, 3, 2, 9, 0)
        with time_machine.travel(start, tick=False):
            services.notify(recipients=[self.reporter], verb="x.y", title=TITLE)  # the commit never comes
        with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
            tasks.retry_deliveries_task.call()
        self.assertEqual(len(self.received_by("pv@example.vn")), 1)

    def test_a_closed_port_fails_every_message_but_loses_no_notification(self):
        with override_settings(EMAIL_PORT=free_port()):
            notifications = self.notify_press()
        self.assertEqual(len(notifications), 2)
        rows = Delivery.objects.filter(channel=Delivery.Channel.EMAIL)
        self.assertEqual([r.status for r in rows], [Delivery.Status.FAILED] * 2)
        self.assertTrue(all("ConnectionRefusedError" in r.error for r in rows))
        self.assertEqual(Notification.objects.filter(title=TITLE, read_at=None).count(), 2)

    def test_a_message_is_tried_three_times_at_most(self):
        start = vn(2026, 3, 2, 9, 0)
        with override_settings(EMAIL_PORT=free_port()):
            with time_machine.travel(start, tick=False):
                self.notify_press()
            for minutes in (10, 60, 600):
                with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
                    delivery.deliveries_retry()
        rows = Delivery.objects.filter(channel=Delivery.Channel.EMAIL)
        self.assertEqual([(r.status, r.attempts) for r in rows], [(Delivery.Status.FAILED, 3)] * 2)
        self.assertEqual(self.smtp.messages, [])

    def test_a_failure_reenqueues_the_task_with_a_delay_when_the_backend_can_defer(self):
        with override_settings(TASKS=DUMMY_TASKS, EMAIL_PORT=free_port()), time_machine.travel(vn(2026, 3, 2, 9)):
            backend = tasks.send_notification_emails.get_backend()
            self.notify_press()
            [first] = [r for r in backend.results if r.task.name == "send_notification_emails"]  # type: ignore[attr-defined]
            ids = first.args[0]
            self.assertEqual(len(ids), 2)

            tasks.send_notification_emails.call(ids)  # what the worker runs

            retries = [r for r in backend.results[1:] if r.task.name == "send_notification_emails"]  # type: ignore[attr-defined]
        self.assertEqual(len(retries), 2)
        for retry in retries:
            self.assertGreaterEqual(retry.task.run_after, vn(2026, 3, 2, 9, 5))
        self.assertEqual(sorted(r.args[0][0] for r in retries), sorted(ids))

    def test_people_without_an_account_get_the_message_and_are_logged(self):
        with self.captureOnCommitCallbacks(execute=True):
            rows = services.notify_emails(
                addresses=["ban.doc@example.com", "BAN.DOC@example.com", "khong-hop-le"],
                subject="Cảm ơn bạn đã gửi phản ánh",
                body="Chúng tôi đã nhận phản ánh của bạn và sẽ kiểm chứng.",
                url="/kiem-chung/",
            )
        self.assertEqual(len(rows), 1)
        [message] = self.smtp.messages
        self.assertEqual(subject_of(message), f"[{settings.PHOIHOP_PUBLICATION_NAME}] Cảm ơn bạn đã gửi phản ánh")
        self.assertIn("Chúng tôi đã nhận phản ánh của bạn", text_of(message))
        self.assertIn(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/kiem-chung/", text_of(message))
        row = Delivery.objects.get()
        self.assertEqual((row.recipient, row.address, row.status), (None, "ban.doc@example.com", Delivery.Status.SENT))
