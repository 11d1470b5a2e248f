"""Events become signed deliveries that a real local receiver gets, retried with backoff and replayable."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import ssl
import subprocess
import tempfile
import unittest
from pathlib import Path

import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import services as exchange_services
from phoihop.newsroom import services as newsroom_services
from phoihop.portal import services as portal_services
from phoihop.testing import PersonaTestCase, make_program
from phoihop.webhooks import events, services, signing
from phoihop.webhooks.models import WebhookDelivery
from phoihop.webhooks.tests.receiver import receiver

T0 = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True)
class DeliveryTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(cls)
        cls.category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")

    def endpoint(self, url, *names, user=None, organization=None):
        with override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True):
            return services.endpoint_create(
                actor=user or self.liaison_a,
                organization=organization or self.unit_a,
                url=url,
                events_chosen=names or list(events.EVENTS),
            )

    def assert_signed(self, request, endpoint):
        self.assertTrue(signing.verify(endpoint.secret, request.body, request.headers["Phoihop-Signature"]))
        return json.loads(request.body)

    def test_a_submission_status_change_reaches_the_units_receiver_signed(self):
        submission = exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Lịch tiếp công dân tháng 3", body="Chi tiết."
        )
        with receiver() as hook, receiver() as other:
            mine = self.endpoint(hook.url, events.SUBMISSION_STATUS_CHANGED)
            self.endpoint(other.url, events.SUBMISSION_STATUS_CHANGED, user=self.liaison_b, organization=self.unit_b)
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.submission_acknowledge(actor=self.chief, submission=submission)
            self.assertEqual(len(hook.requests), 1)
            self.assertEqual(other.requests, [])  # another unit hears nothing of unit A
        request = hook.requests[0]
        self.assertEqual(request.path, "/hook?unit=a")
        self.assertEqual(request.headers["Phoihop-Event"], "submission.status_changed")
        delivery = WebhookDelivery.objects.get(endpoint=mine)
        self.assertEqual(request.headers["Phoihop-Delivery"], str(delivery.uid))
        body = self.assert_signed(request, mine)
        self.assertEqual(body["event"], "submission.status_changed")
        self.assertEqual(body["id"], str(delivery.event_id))
        self.assertTrue(body["occurred_at"].endswith("+07:00"), body["occurred_at"])
        self.assertEqual(body["organization"], {"id": self.unit_a.pk, "name": "UBND xã An Khánh"})
        self.assertEqual(body["object"]["type"], "submission")
        self.assertEqual(body["object"]["url"], f"http://localhost{submission.get_absolute_url()}")
        self.assertEqual((body["data"]["status"], body["data"]["title"]), ("received", "Lịch tiếp công dân tháng 3"))
        self.assertEqual((delivery.status, delivery.attempts, delivery.last_status_code), ("delivered", 1, 204))

    def test_publishing_an_article_of_the_programme_tells_its_units_and_the_press_not_others(self):
        article = portal_services.article_create(
            actor=self.chief,
            category=self.category,
            title="Xã An Khánh chuyển đổi số",
            sapo="Sapo.",
            program=self.program,
            publish=False,
        )
        with receiver() as unit, receiver() as press, receiver() as other:
            unit_hook = self.endpoint(unit.url, events.ARTICLE_PUBLISHED)
            self.endpoint(press.url, events.ARTICLE_PUBLISHED, user=self.chief, organization=self.press)
            self.endpoint(other.url, events.ARTICLE_PUBLISHED, user=self.liaison_b, organization=self.unit_b)
            with self.captureOnCommitCallbacks(execute=True):
                article.save_revision(user=self.chief).publish(user=self.chief)
            self.assertEqual((len(unit.requests), len(press.requests), len(other.requests)), (1, 1, 0))
        body = self.assert_signed(unit.requests[0], unit_hook)
        self.assertEqual(body["event"], "article.published")
        self.assertEqual(
            body["object"],
            {"type": "article", "id": article.pk, "url": "http://localhost/thoi-su/xa-an-khanh-chuyen-doi-so/"},
        )
        self.assertEqual(body["data"]["program"], self.program.pk)
        self.assertTrue(body["data"]["live"])

        # Its correction and its takedown follow, from the newsroom's audit trail.
        with receiver() as unit:
            hook = self.endpoint(unit.url, events.ARTICLE_CORRECTED, events.ARTICLE_TAKEN_DOWN)
            with self.captureOnCommitCallbacks(execute=True):
                newsroom_services.correction_add(actor=self.chief, article=article, text="Sửa tên cầu.")
            with self.captureOnCommitCallbacks(execute=True):
                newsroom_services.article_takedown(actor=self.chief, article=article, reason="Nội bộ: sai số liệu.")
            bodies = [self.assert_signed(r, hook) for r in unit.requests]
        self.assertEqual([b["event"] for b in bodies], ["article.corrected", "article.taken_down"])
        self.assertEqual(bodies[0]["data"]["correction"], "Sửa tên cầu.")
        self.assertNotIn("Nội bộ", json.dumps(bodies[1], ensure_ascii=False))  # the reason stays inside
        self.assertFalse(bodies[1]["data"]["live"])

    def test_requests_sent_answered_and_overdue(self):
        policy = DeadlinePolicy.objects.get(code="thuong")
        with receiver() as hook:
            endpoint = self.endpoint(hook.url, events.REQUEST_SENT, events.REQUEST_ANSWERED, events.REQUEST_OVERDUE)
            with self.captureOnCommitCallbacks(execute=True):
                answered = exchange_services.info_request_create(
                    actor=self.chief,
                    organization=self.unit_a,
                    subject="Tiến độ cầu",
                    questions="Bao giờ xong?",
                    policy=policy,
                )
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.info_request_answer(
                    actor=self.liaison_a, request=answered, answer="Tháng 6.", outcome="answered"
                )
            with self.captureOnCommitCallbacks(execute=True):
                late = exchange_services.info_request_create(
                    actor=self.chief,
                    organization=self.unit_a,
                    subject="Kinh phí",
                    questions="Bao nhiêu?",
                    policy=policy,
                )
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.send_reminders_and_escalations(now=late.due_at + dt.timedelta(minutes=1))
            bodies = [self.assert_signed(r, endpoint) for r in hook.requests]
        self.assertEqual(
            [(b["event"], b["object"]["id"]) for b in bodies],
            [
                ("request.sent", answered.pk),
                ("request.answered", answered.pk),
                ("request.sent", late.pk),
                ("request.overdue", late.pk),
            ],
        )
        self.assertEqual(bodies[1]["data"]["status"], "answered")
        self.assertNotIn("Tháng 6.", json.dumps(bodies[1], ensure_ascii=False))  # no answer text
        self.assertNotIn("questions", bodies[0]["data"])

    def test_a_failed_delivery_is_retried_with_backoff_then_delivered(self):
        submission = exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Thông báo lịch cắt điện", body="Chi tiết."
        )
        with receiver(500, 503) as hook, time_machine.travel(T0, tick=False) as clock:
            endpoint = self.endpoint(hook.url, events.SUBMISSION_STATUS_CHANGED)
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.submission_acknowledge(actor=self.chief, submission=submission)
            delivery = WebhookDelivery.objects.get(endpoint=endpoint)
            self.assertEqual((delivery.status, delivery.attempts, delivery.last_status_code), ("pending", 1, 500))
            self.assertEqual(delivery.next_attempt_at, T0 + dt.timedelta(minutes=1))
            self.assertIn("500", delivery.last_error)

            clock.shift(dt.timedelta(seconds=59))
            self.assertEqual(services.deliver_due(), {"delivered": 0, "retry": 0, "failed": 0})
            clock.shift(dt.timedelta(seconds=1))
            self.assertEqual(services.deliver_due(), {"delivered": 0, "retry": 1, "failed": 0})
            delivery.refresh_from_db()
            self.assertEqual((delivery.attempts, delivery.last_status_code), (2, 503))
            self.assertEqual(delivery.next_attempt_at, timezone.now() + dt.timedelta(minutes=5))

            clock.shift(dt.timedelta(minutes=5))
            self.assertEqual(services.deliver_due(), {"delivered": 1, "retry": 0, "failed": 0})
            delivery.refresh_from_db()
            self.assertEqual((delivery.status, delivery.attempts, delivery.last_error), ("delivered", 3, ""))
            self.assertEqual(len(hook.requests), 3)
            # Each attempt is signed afresh, for the same event and delivery.
            self.assertEqual({r.headers["Phoihop-Delivery"] for r in hook.requests}, {str(delivery.uid)})
            # Signed when sent (the clock is travelled: checked against the travelled times, not now).
            stamps = []
            for request in hook.requests:
                value = request.headers["Phoihop-Signature"]
                self.assertTrue(
                    signing.verify(endpoint.secret, request.body, value, now=int(T0.timestamp()), tolerance=600)
                )
                stamps.append(int(value.split(",")[0].removeprefix("t=")) - int(T0.timestamp()))
            self.assertEqual(stamps, [0, 60, 360])

    def test_a_delivery_that_keeps_failing_is_failed_after_the_last_backoff(self):
        submission = exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Thông báo lịch cắt điện", body="Chi tiết."
        )
        with receiver(*[500] * 10) as hook, time_machine.travel(T0, tick=False) as clock:
            endpoint = self.endpoint(hook.url, events.SUBMISSION_STATUS_CHANGED)
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.submission_acknowledge(actor=self.chief, submission=submission)
            for wait in services.BACKOFF:
                clock.shift(wait)
                services.deliver_due()
            delivery = WebhookDelivery.objects.get(endpoint=endpoint)
            self.assertEqual((delivery.status, delivery.attempts, delivery.next_attempt_at), ("failed", 6, None))
            clock.shift(dt.timedelta(days=1))
            services.deliver_due()
            self.assertEqual(len(hook.requests), 6)

    def test_replay_sends_the_event_again_as_a_new_delivery(self):
        submission = exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Lịch tiếp công dân", body="Chi tiết."
        )
        with receiver() as hook:
            endpoint = self.endpoint(hook.url, events.SUBMISSION_STATUS_CHANGED)
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.submission_acknowledge(actor=self.chief, submission=submission)
            first = WebhookDelivery.objects.get(endpoint=endpoint)
            self.client.force_login(self.liaison_a)
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(f"/phoi-hop/webhook/lan-gui/{first.pk}/gui-lai/")
            self.assertRedirects(response, f"/phoi-hop/webhook/{endpoint.pk}/", fetch_redirect_response=False)
            self.assertEqual(len(hook.requests), 2)
        again = WebhookDelivery.objects.exclude(pk=first.pk).get(endpoint=endpoint)
        self.assertEqual((again.replay_of_id, again.event_id, again.status), (first.pk, first.event_id, "delivered"))
        one, two = (self.assert_signed(r, endpoint) for r in hook.requests)
        self.assertEqual(one, two)  # the same event (same id)…
        self.assertEqual(hook.requests[1].headers["Phoihop-Delivery"], str(again.uid))  # …as a new delivery

    def test_a_deactivated_endpoint_gets_nothing(self):
        submission = exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Lịch tiếp công dân", body="Chi tiết."
        )
        with receiver() as hook:
            endpoint = self.endpoint(hook.url, events.SUBMISSION_STATUS_CHANGED)
            services.endpoint_deactivate(actor=self.leader_a, endpoint=endpoint)
            with self.captureOnCommitCallbacks(execute=True):
                exchange_services.submission_acknowledge(actor=self.chief, submission=submission)
            self.assertEqual(hook.requests, [])
        self.assertFalse(WebhookDelivery.objects.exists())

    def test_a_fault_of_the_webhooks_never_undoes_the_change(self):
        from unittest import mock

        from phoihop.exchange.models import Submission

        submission = exchange_services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Lịch tiếp công dân", body="Chi tiết."
        )
        self.endpoint("http://127.0.0.1:9/hook", events.SUBMISSION_STATUS_CHANGED)
        with (
            mock.patch.object(services, "enqueue", side_effect=RuntimeError("boom")),
            self.assertLogs("phoihop.webhooks.signals", "ERROR"),
        ):
            exchange_services.submission_acknowledge(actor=self.chief, submission=submission)
        submission.refresh_from_db()
        self.assertEqual(submission.status, Submission.Status.RECEIVED)
        self.assertFalse(WebhookDelivery.objects.exists())


class SsrfTests(PersonaTestCase):
    def test_private_and_plain_http_addresses_are_refused_unless_the_setting_allows_them(self):
        for url in (
            "https://127.0.0.1/hook",
            "https://10.1.2.3/hook",
            "https://192.168.1.10/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://[::ffff:10.0.0.1]/hook",
            "https://localhost/hook",
            "http://example.com/hook",
        ):
            with self.subTest(url=url), self.assertRaises(ValidationError):
                services.endpoint_create(
                    actor=self.liaison_a, organization=self.unit_a, url=url, events_chosen=[events.ARTICLE_PUBLISHED]
                )
        with override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True):
            endpoint = services.endpoint_create(
                actor=self.liaison_a,
                organization=self.unit_a,
                url="http://127.0.0.1:9/hook",
                events_chosen=[events.ARTICLE_PUBLISHED],
            )
        self.assertTrue(endpoint.secret.startswith("whsec_"))

    @override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True)
    def test_a_send_to_an_address_that_became_private_is_refused_at_send_time(self):
        with receiver() as hook:
            endpoint = services.endpoint_create(
                actor=self.liaison_a, organization=self.unit_a, url=hook.url, events_chosen=[events.ARTICLE_PUBLISHED]
            )
            delivery = WebhookDelivery.objects.create(
                endpoint=endpoint,
                event="article.published",
                event_id="8f0e5f7e-3c1b-4b0e-9a57-0d1c6d8b8a10",
                payload={"x": 1},
                next_attempt_at=timezone.now(),
            )
            with override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=False):
                services.deliver_due()
            self.assertEqual(hook.requests, [])
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.attempts, delivery.last_status_code), ("pending", 1, None))
        self.assertIn("https://", delivery.last_error)


@override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True)
class SendingJobTests(PersonaTestCase):
    def pending(self, url):
        endpoint = services.endpoint_create(
            actor=self.liaison_a, organization=self.unit_a, url=url, events_chosen=[events.ARTICLE_PUBLISHED]
        )
        return WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=events.ARTICLE_PUBLISHED,
            event_id="8f0e5f7e-3c1b-4b0e-9a57-0d1c6d8b8a10",
            payload={"event": "article.published"},
            next_attempt_at=timezone.now(),
        )

    def test_the_job_is_registered_every_minute_and_sends_what_is_due(self):
        from phoihop.core import scheduler
        from phoihop.webhooks.tasks import DELIVERIES_KEY, deliveries_tick

        job = next(job for job in scheduler.jobs() if job.key == DELIVERIES_KEY)
        self.assertEqual(job.every, dt.timedelta(minutes=1))
        with receiver() as hook:
            delivery = self.pending(hook.url)
            result = deliveries_tick.call()
            self.assertEqual(len(hook.requests), 1)
        self.assertEqual(result, {"delivered": 1, "retry": 0, "failed": 0})
        delivery.refresh_from_db()
        self.assertEqual(delivery.status, "delivered")

    def test_a_claimed_delivery_is_leased_so_a_second_worker_does_not_send_it(self):
        with receiver() as hook:
            delivery = self.pending(hook.url)
            claimed = services._claim(timezone.now(), services.BATCH)
            self.assertEqual([d.pk for d in claimed], [delivery.pk])
            # Another worker, meanwhile: the lease hides it.
            self.assertEqual(services.deliver_due(), {"delivered": 0, "retry": 0, "failed": 0})
            self.assertEqual(hook.requests, [])
            # A worker that died mid-send: after the lease, the delivery is sent.
            self.assertEqual(
                services.deliver_due(now=timezone.now() + services.LEASE), {"delivered": 1, "retry": 0, "failed": 0}
            )
            self.assertEqual(len(hook.requests), 1)


@unittest.skipUnless(shutil.which("openssl"), "needs the openssl command to make a test certificate")
@override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True)
class HttpsTests(PersonaTestCase):
    def test_https_is_sent_to_the_checked_address_with_the_hosts_name_and_a_verified_certificate(self):
        from unittest import mock

        from phoihop.webhooks import transport

        with tempfile.TemporaryDirectory() as folder:
            cert, key = Path(folder, "cert.pem"), Path(folder, "key.pem")
            openssl = shutil.which("openssl") or "openssl"
            subject = ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
            files = ["-keyout", str(key), "-out", str(cert)]
            subprocess.run(  # noqa: S603 — fixed arguments
                [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", *files, "-days", "1", *subject],
                check=True,
                capture_output=True,
            )
            server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            server_tls.load_cert_chain(cert, key)
            trusting = ssl.create_default_context(cafile=str(cert))
            with receiver(tls=server_tls, host="localhost") as hook:
                endpoint = services.endpoint_create(
                    actor=self.liaison_a, organization=self.unit_a, url=hook.url, events_chosen=[events.REQUEST_SENT]
                )
                delivery = WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    event=events.REQUEST_SENT,
                    event_id="8f0e5f7e-3c1b-4b0e-9a57-0d1c6d8b8a10",
                    payload={"event": "request.sent"},
                    next_attempt_at=timezone.now(),
                )
                # Not trusted by the system: refused, nothing sent.
                services.deliver_due()
                delivery.refresh_from_db()
                self.assertEqual((delivery.status, delivery.last_status_code), ("pending", None))
                self.assertIn("CERTIFICATE", delivery.last_error.upper())
                with mock.patch.object(transport, "tls_context", return_value=trusting):
                    services.deliver_due(now=delivery.next_attempt_at)
                self.assertEqual(len(hook.requests), 1)
                self.assertTrue(hook.requests[0].headers["Host"].startswith("localhost:"))
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.last_status_code), ("delivered", 204))
