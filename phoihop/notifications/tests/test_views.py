"""The inbox at /thong-bao/, marking read, the preferences page and the header badge."""

from __future__ import annotations

import time_machine
from django.test import Client, RequestFactory
from django.urls import reverse

from phoihop.notifications import services
from phoihop.notifications.context_processors import notifications as notifications_processor
from phoihop.notifications.models import Notification, NotificationPreference
from phoihop.notifications.tests.smtp import vn
from phoihop.testing import PersonaTestCase

INBOX = reverse("notifications:inbox")
PREFERENCES = reverse("notifications:preferences")


class InboxTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.items = {}
        for day, title in [(1, "Cũ nhất"), (2, "Ở giữa"), (3, "Mới nhất")]:
            with time_machine.travel(vn(2026, 3, day, 9, 0), tick=False):
                [cls.items[title]] = services.notify(
                    recipients=[cls.liaison_a],
                    actor=cls.chief,
                    verb="info_request.sent",
                    title=title,
                    url=f"/phoi-hop/de-nghi/{day}/",
                    organization=cls.unit_a,
                    email=False,
                )
        services.notify(recipients=[cls.liaison_b], verb="info_request.sent", title="Của đơn vị B", email=False)

    def mark_url(self, title):
        return reverse("notifications:mark_read", args=[self.items[title].pk])

    def test_login_required(self):
        for url in (INBOX, PREFERENCES):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("accounts:login"), response["Location"])

    def test_unread_first_then_newest_and_only_ones_own(self):
        Notification.objects.filter(pk=self.items["Mới nhất"].pk).update(read_at=vn(2026, 3, 4, 8, 0))
        self.login(self.liaison_a)
        response = self.client.get(INBOX)
        titles = [n.title for n in response.context["page"].object_list]
        self.assertEqual(titles, ["Ở giữa", "Cũ nhất", "Mới nhất"])
        html = response.content.decode()
        self.assertLess(html.index("Ở giữa"), html.index("Cũ nhất"))
        self.assertLess(html.index("Cũ nhất"), html.index("Mới nhất"))
        self.assertContains(response, "03/03/2026 09:00")
        self.assertContains(response, "Lê Thị Bích Ngọc")
        self.assertNotContains(response, "Của đơn vị B")
        self.assertContains(response, 'class="notif-badge"')

    def test_inbox_is_paginated(self):
        for index in range(22):  # 25 in all
            services.notify(recipients=[self.liaison_a], verb="x", title=f"Thông báo số {index}", email=False)
        self.login(self.liaison_a)
        first = self.client.get(INBOX)
        self.assertEqual(len(first.context["page"].object_list), 20)
        self.assertContains(first, "Trang 1/2")
        second = self.client.get(INBOX, {"trang": 2})
        self.assertEqual(len(second.context["page"].object_list), 5)
        self.assertContains(second, "Cũ nhất")

    def test_mark_read_redirects_to_the_notification(self):
        self.login(self.liaison_a)
        response = self.client.post(self.mark_url("Ở giữa"))
        self.assertRedirects(response, "/phoi-hop/de-nghi/2/", fetch_redirect_response=False)
        self.assertIsNotNone(Notification.objects.get(pk=self.items["Ở giữa"].pk).read_at)
        self.assertEqual(self.client.get(INBOX).context["unread_notifications_count"], 2)

    def test_mark_read_needs_post(self):
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(self.mark_url("Ở giữa")).status_code, 405)
        self.assertIsNone(Notification.objects.get(pk=self.items["Ở giữa"].pk).read_at)

    def test_outsider_cannot_mark_another_persons_notification(self):
        for outsider in (self.liaison_b, self.staff_a, self.chief):
            self.login(outsider)
            self.assertEqual(self.client.post(self.mark_url("Ở giữa")).status_code, 404)
        self.assertIsNone(Notification.objects.get(pk=self.items["Ở giữa"].pk).read_at)
        self.assertEqual(self.client.post(reverse("notifications:mark_read", args=[999999])).status_code, 404)

    def test_an_outside_link_is_not_followed(self):
        [n] = services.notify(
            recipients=[self.liaison_a], verb="x", title="Lạ", url="https://ke-xau.example/", email=False
        )
        self.login(self.liaison_a)
        response = self.client.post(reverse("notifications:mark_read", args=[n.pk]))
        self.assertRedirects(response, INBOX)

    def test_mark_all_read(self):
        self.login(self.liaison_a)
        response = self.client.post(reverse("notifications:mark_all_read"), follow=True)
        self.assertContains(response, "Đã đánh dấu 3 thông báo là đã đọc.")
        self.assertFalse(Notification.objects.filter(recipient=self.liaison_a, read_at=None).exists())
        self.assertTrue(Notification.objects.filter(recipient=self.liaison_b, read_at=None).exists())
        self.assertNotContains(response, 'class="notif-badge"')

    def test_posts_need_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.liaison_a)
        self.assertEqual(client.post(self.mark_url("Ở giữa")).status_code, 403)
        self.assertEqual(client.post(reverse("notifications:mark_all_read")).status_code, 403)
        self.assertEqual(client.post(PREFERENCES, {"email_mode": "off", "digest_hour": 7}).status_code, 403)
        self.assertFalse(Notification.objects.filter(recipient=self.liaison_a).exclude(read_at=None).exists())

    def test_unread_count_is_one_lazy_query(self):
        request = RequestFactory().get("/")
        request.user = self.liaison_a
        with self.assertNumQueries(0):
            context = notifications_processor(request)
        with self.assertNumQueries(1):
            self.assertEqual(str(context["unread_notifications_count"]), "3")
            self.assertTrue(context["unread_notifications_count"])

    def test_header_links_to_the_inbox_with_the_count(self):
        self.login(self.liaison_a)
        response = self.client.get(reverse("accounts:me"))
        self.assertContains(response, f'href="{INBOX}"')
        self.assertContains(response, '3<span class="visually-hidden"> chưa đọc)')


class PreferencesPageTests(PersonaTestCase):
    def test_default_is_immediate(self):
        self.login(self.liaison_a)
        response = self.client.get(PREFERENCES)
        self.assertContains(response, "Cách nhận thông báo")
        self.assertContains(response, 'value="immediate" required id="id_email_mode_0" checked')
        self.assertContains(response, "Gửi một thư tóm tắt mỗi ngày")

    def test_choose_the_daily_digest(self):
        self.login(self.liaison_a)
        response = self.client.post(PREFERENCES, {"email_mode": "digest", "digest_hour": "18"}, follow=True)
        self.assertContains(response, "Đã lưu cách nhận thông báo.")
        self.assertContains(response, 'value="digest" required id="id_email_mode_1" checked')
        pref = NotificationPreference.objects.get(user=self.liaison_a)
        self.assertEqual((pref.email_mode, pref.digest_hour), ("digest", 18))

    def test_invalid_choice_shows_the_form_again(self):
        self.login(self.liaison_a)
        response = self.client.post(PREFERENCES, {"email_mode": "fax", "digest_hour": "30"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="error"', count=2)
        self.assertFalse(NotificationPreference.objects.exists())

    def test_each_person_only_sets_their_own(self):
        services.preference_update(actor=self.liaison_b, user=self.liaison_b, email_mode="off", digest_hour=7)
        self.login(self.liaison_a)
        self.client.post(PREFERENCES, {"email_mode": "digest", "digest_hour": "6"})
        self.assertEqual(NotificationPreference.objects.get(user=self.liaison_b).email_mode, "off")
        self.assertEqual(NotificationPreference.objects.get(user=self.liaison_a).digest_hour, 6)
