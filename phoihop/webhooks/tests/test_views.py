"""The workspace pages: a unit's managers add endpoints (secret shown once), stop them, read the log;
anyone else's endpoint does not exist for them."""

from __future__ import annotations

from django.test import override_settings
from django.utils import timezone

from phoihop.audit.models import AuditEvent
from phoihop.testing import PersonaTestCase
from phoihop.webhooks import events, services
from phoihop.webhooks.models import WebhookDelivery, WebhookEndpoint


@override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True)
class EndpointPageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=True):
            cls.endpoint = services.endpoint_create(
                actor=cls.liaison_a,
                organization=cls.unit_a,
                url="http://127.0.0.1:9/a",
                events_chosen=[events.ARTICLE_PUBLISHED],
            )
        cls.delivery = WebhookDelivery.objects.create(
            endpoint=cls.endpoint,
            event=events.ARTICLE_PUBLISHED,
            event_id="8f0e5f7e-3c1b-4b0e-9a57-0d1c6d8b8a10",
            payload={"event": "article.published"},
            status=WebhookDelivery.Status.FAILED,
            attempts=6,
            last_status_code=500,
            last_error="Địa chỉ nhận trả về mã 500.",
        )

    def test_the_liaison_adds_an_endpoint_and_sees_its_secret_once(self):
        self.login(self.liaison_a)
        page = self.client.get("/phoi-hop/webhook/them/")
        self.assertContains(page, "Tin, bài được đăng")
        self.assertContains(page, 'type="hidden" name="organization"')  # one unit: nothing to choose
        response = self.client.post(
            "/phoi-hop/webhook/them/",
            {
                "organization": self.unit_a.pk,
                "url": "http://127.0.0.1:9/moi",
                "description": "Cổng thông tin xã",
                "events": [events.SUBMISSION_STATUS_CHANGED, events.REQUEST_SENT],
            },
        )
        endpoint = WebhookEndpoint.objects.get(url="http://127.0.0.1:9/moi")
        self.assertRedirects(response, f"/phoi-hop/webhook/{endpoint.pk}/", fetch_redirect_response=False)
        self.assertEqual(endpoint.events, [events.SUBMISSION_STATUS_CHANGED, events.REQUEST_SENT])
        self.assertEqual((endpoint.organization, endpoint.created_by), (self.unit_a, self.liaison_a))
        first = self.client.get(f"/phoi-hop/webhook/{endpoint.pk}/")
        self.assertContains(first, endpoint.secret)
        second = self.client.get(f"/phoi-hop/webhook/{endpoint.pk}/")
        self.assertNotContains(second, endpoint.secret)
        self.assertContains(second, endpoint.secret_hint)
        self.assertTrue(AuditEvent.objects.filter(verb="webhook_endpoint.created", organization=self.unit_a).exists())
        listing = self.client.get("/phoi-hop/webhook/")
        self.assertContains(listing, "http://127.0.0.1:9/moi")
        self.assertContains(listing, "1 lần thất bại")

    def test_an_endpoint_needs_an_event_and_a_public_https_address_in_production(self):
        self.login(self.liaison_a)
        response = self.client.post("/phoi-hop/webhook/them/", {"organization": self.unit_a.pk, "url": "https://x.vn/"})
        self.assertContains(response, "Chọn ít nhất một sự kiện.")
        with override_settings(PHOIHOP_WEBHOOKS_ALLOW_PRIVATE=False):
            response = self.client.post(
                "/phoi-hop/webhook/them/",
                {"organization": self.unit_a.pk, "url": "https://10.0.0.5/hook", "events": [events.REQUEST_SENT]},
            )
        self.assertContains(response, "mạng nội bộ")
        self.assertFalse(WebhookEndpoint.objects.filter(url="https://10.0.0.5/hook").exists())

    def test_the_log_shows_each_delivery_and_the_endpoint_can_be_stopped(self):
        self.login(self.leader_a)
        page = self.client.get(f"/phoi-hop/webhook/{self.endpoint.pk}/")
        self.assertContains(page, "Thất bại")
        self.assertContains(page, str(self.delivery.uid))
        self.assertContains(page, "Gửi lại</button>")
        self.assertNotContains(page, self.endpoint.secret)
        response = self.client.post(f"/phoi-hop/webhook/{self.endpoint.pk}/ngung/")
        self.assertRedirects(response, f"/phoi-hop/webhook/{self.endpoint.pk}/")
        self.endpoint.refresh_from_db()
        self.assertFalse(self.endpoint.active)
        page = self.client.get(f"/phoi-hop/webhook/{self.endpoint.pk}/")
        self.assertNotContains(page, "Gửi lại</button>")
        replay = self.client.post(f"/phoi-hop/webhook/lan-gui/{self.delivery.pk}/gui-lai/", follow=True)
        self.assertContains(replay, "Địa chỉ nhận đã ngừng")
        self.assertEqual(WebhookDelivery.objects.count(), 1)

    def test_another_unit_gets_404_and_a_read_only_member_403(self):
        urls = (
            f"/phoi-hop/webhook/{self.endpoint.pk}/",
            f"/phoi-hop/webhook/{self.endpoint.pk}/ngung/",
            f"/phoi-hop/webhook/lan-gui/{self.delivery.pk}/gui-lai/",
        )
        for user in (self.liaison_b, self.liaison_child, self.chief):
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    method = self.client.get if url.endswith(f"{self.endpoint.pk}/") else self.client.post
                    self.assertEqual(method(url).status_code, 404)
        listing = self.client.get("/phoi-hop/webhook/")  # the chief's own: the press's endpoints only
        self.assertNotContains(listing, "http://127.0.0.1:9/a")
        self.client.force_login(self.staff_a)
        self.assertEqual(self.client.get(urls[0]).status_code, 403)
        self.assertEqual(self.client.get("/phoi-hop/webhook/").status_code, 403)
        self.assertEqual(self.client.get("/phoi-hop/webhook/them/").status_code, 403)
        self.client.force_login(self.nobody)
        self.assertEqual(self.client.get("/phoi-hop/webhook/").status_code, 403)
        self.endpoint.refresh_from_db()
        self.assertTrue(self.endpoint.active)
        self.assertEqual(WebhookDelivery.objects.count(), 1)
        self.assertLess(self.delivery.created_at, timezone.now())
