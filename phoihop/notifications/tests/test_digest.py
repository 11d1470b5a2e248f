"""The daily digest through a real SMTP server, the `send_digests` command and its self-scheduling."""

from __future__ import annotations

from io import StringIO

import time_machine
from django.core.management import call_command
from django.test import override_settings

from phoihop.core import scheduler
from phoihop.notifications import delivery, services, tasks
from phoihop.notifications.models import Delivery, NotificationPreference
from phoihop.notifications.tests.smtp import SMTPTestCase, free_port, subject_of, text_of, vn

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class DigestTests(SMTPTestCase):
    def choose_digest(self, user, hour=7):
        with self.captureOnCommitCallbacks(execute=True):
            services.preference_update(actor=user, user=user, email_mode="digest", digest_hour=hour)

    def tell_liaison(self, title, url):
        with self.captureOnCommitCallbacks(execute=True):
            services.notify(
                recipients=[self.liaison_a, self.reporter],
                actor=self.chief,
                verb="info_request.sent",
                title=title,
                url=url,
                organization=self.unit_a,
            )

    def run_command(self, *args):
        out = StringIO()
        call_command("send_digests", *args, stdout=out)
        return out.getvalue()

    def test_digest_users_get_no_immediate_mail_and_one_digest_with_both_items(self):
        with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
            self.choose_digest(self.liaison_a)
            self.tell_liaison("Đề nghị cung cấp thông tin về lễ hội", "/phoi-hop/de-nghi/1/")
        with time_machine.travel(vn(2026, 3, 2, 15, 30), tick=False):
            self.tell_liaison("Đề nghị bổ sung số liệu dân số", "/phoi-hop/de-nghi/2/")
            self.assertEqual(self.received_by("dm_a@example.vn"), [])
            self.assertEqual(len(self.received_by("pv@example.vn")), 2)  # immediate people are unaffected
            self.assertIn("0 thư tóm tắt", self.run_command())  # not yet 07:00 of the next day

        with time_machine.travel(vn(2026, 3, 3, 7, 0, 5), tick=False):
            self.assertIn("Đã gửi 1 thư tóm tắt", self.run_command())
            self.assertIn("0 thư tóm tắt", self.run_command())  # a second run sends nothing again

        [digest] = self.received_by("dm_a@example.vn")
        self.assertIn("Tóm tắt thông báo ngày 03/03/2026: 2 thông báo mới", subject_of(digest))
        text = text_of(digest)
        self.assertIn("Đề nghị cung cấp thông tin về lễ hội", text)
        self.assertIn("Đề nghị bổ sung số liệu dân số", text)
        self.assertLess(text.index("lễ hội"), text.index("dân số"))  # oldest first
        self.assertIn("/phoi-hop/de-nghi/2/", text)
        self.assertIn("Lê Thị Bích Ngọc", text)  # who asked
        self.assertIn("Đề nghị bổ sung số liệu dân số", text_of(digest, "html"))
        rows = Delivery.objects.filter(recipient=self.liaison_a, channel=Delivery.Channel.DIGEST)
        self.assertEqual([(r.status, r.address) for r in rows], [(Delivery.Status.SENT, "dm_a@example.vn")] * 2)
        self.assertEqual(
            NotificationPreference.objects.get(user=self.liaison_a).last_digest_at, vn(2026, 3, 3, 7, 0, 5)
        )

        with time_machine.travel(vn(2026, 3, 4, 7, 0, 5), tick=False):
            self.run_command()
        self.assertEqual(len(self.received_by("dm_a@example.vn")), 1)  # nothing new: no empty digest

    def test_force_sends_the_digest_before_its_hour(self):
        with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
            self.choose_digest(self.liaison_a, hour=18)
            self.tell_liaison("Đề nghị cung cấp thông tin về lễ hội", "/phoi-hop/de-nghi/1/")
            self.assertIn("0 thư tóm tắt", self.run_command("--no-schedule"))
            self.assertIn("Đã gửi 1 thư tóm tắt", self.run_command("--force", "--no-schedule"))
        self.assertEqual(len(self.received_by("dm_a@example.vn")), 1)

    def test_a_failed_digest_is_logged_and_sent_by_the_next_run(self):
        with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
            self.choose_digest(self.liaison_a)
            self.tell_liaison("Đề nghị cung cấp thông tin về lễ hội", "/phoi-hop/de-nghi/1/")
        with time_machine.travel(vn(2026, 3, 3, 7, 1), tick=False), override_settings(EMAIL_PORT=free_port()):
            self.run_command()
        row = Delivery.objects.get(recipient=self.liaison_a, channel=Delivery.Channel.DIGEST)
        self.assertEqual((row.status, row.attempts), (Delivery.Status.FAILED, 1))
        self.assertIn("ConnectionRefusedError", row.error)
        with time_machine.travel(vn(2026, 3, 3, 8, 0), tick=False):
            self.run_command()
        self.assertEqual(len(self.received_by("dm_a@example.vn")), 1)
        row.refresh_from_db()
        self.assertEqual((row.status, row.attempts), (Delivery.Status.SENT, 2))

    def test_switching_email_off_skips_what_waited_for_the_digest(self):
        with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
            self.choose_digest(self.liaison_a)
            self.tell_liaison("Đề nghị cung cấp thông tin về lễ hội", "/phoi-hop/de-nghi/1/")
            services.preference_update(actor=self.liaison_a, user=self.liaison_a, email_mode="off", digest_hour=7)
        with time_machine.travel(vn(2026, 3, 3, 7, 1), tick=False):
            self.run_command()
        self.assertEqual(self.received_by("dm_a@example.vn"), [])
        row = Delivery.objects.get(recipient=self.liaison_a, channel=Delivery.Channel.DIGEST)
        self.assertEqual(row.status, Delivery.Status.SKIPPED)


@override_settings(TASKS=DUMMY_TASKS)
class DigestScheduleTests(SMTPTestCase):
    def setUp(self):
        super().setUp()
        tasks.send_digests_task.get_backend().clear()  # type: ignore[attr-defined]

    def test_choosing_the_digest_schedules_one_run_at_the_next_digest_hour(self):
        backend = tasks.send_digests_task.get_backend()
        with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
            with self.captureOnCommitCallbacks(execute=True):
                services.preference_update(actor=self.reporter, user=self.reporter, email_mode="digest", digest_hour=18)
            with self.captureOnCommitCallbacks(execute=True):
                services.preference_update(actor=self.chief, user=self.chief, email_mode="digest", digest_hour=18)
                self.assertIsNone(delivery.digest_schedule_next())  # one run is already waiting
        [scheduled] = [r for r in backend.results if r.task.name == "send_digests_task"]  # type: ignore[attr-defined]
        self.assertEqual(scheduled.task.name, "send_digests_task")
        self.assertEqual(scheduled.task.run_after, vn(2026, 3, 2, 18, 0))
        self.assertEqual(scheduler.status(delivery.DIGEST_KEY).next_run_at, vn(2026, 3, 2, 18, 0))

    def test_a_run_enqueues_the_next_one(self):
        backend = tasks.send_digests_task.get_backend()
        with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
            services.preference_update(actor=self.reporter, user=self.reporter, email_mode="digest", digest_hour=6)
        with time_machine.travel(vn(2026, 3, 3, 6, 0, 2), tick=False), self.captureOnCommitCallbacks(execute=True):
            tasks.send_digests_task.call(scheduled_for="2026-03-03T06:00:00+07:00")
        [scheduled] = [r for r in backend.results if r.task.name == "send_digests_task"]  # type: ignore[attr-defined]
        self.assertEqual(scheduled.task.run_after, vn(2026, 3, 4, 6, 0))
        schedule = scheduler.status(delivery.DIGEST_KEY)
        self.assertEqual((schedule.last_run_at, schedule.next_run_at), (vn(2026, 3, 3, 6, 0, 2), vn(2026, 3, 4, 6, 0)))

    def test_next_run_is_the_earliest_chosen_hour(self):
        now = vn(2026, 3, 2, 9, 30)
        self.assertEqual(delivery.next_digest_run(now, [7, 18]), vn(2026, 3, 2, 18, 0))
        self.assertEqual(delivery.next_digest_run(now, [7]), vn(2026, 3, 3, 7, 0))
        self.assertEqual(delivery.next_digest_run(now, []), vn(2026, 3, 3, 7, 0))  # PHOIHOP_DIGEST_HOUR
        self.assertEqual(delivery.next_digest_run(vn(2026, 3, 2, 7, 0), [7]), vn(2026, 3, 3, 7, 0))
