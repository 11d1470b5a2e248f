"""The read-only delivery log in the newsroom's admin."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from phoihop.notifications import services
from phoihop.notifications.models import Delivery
from phoihop.testing import PersonaTestCase


class DeliveryLogAdminTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        services.notify(recipients=[cls.liaison_a], actor=cls.chief, verb="x.y", title="Đề nghị cung cấp số liệu")

    def test_press_leader_reads_the_log(self):
        self.login(self.chief)
        response = self.client.get(reverse("delivery_log:index"))
        self.assertContains(response, "Đề nghị cung cấp số liệu")
        self.assertContains(response, "dm_a@example.vn")
        self.assertContains(response, "Đang chờ gửi")
        row = Delivery.objects.get(channel=Delivery.Channel.EMAIL)
        detail = self.client.get(reverse("delivery_log:inspect", args=[row.pk]))
        self.assertContains(detail, "dm_a@example.vn")

    def test_reporter_and_partners_cannot(self):
        self.login(self.reporter)
        self.assertIn(self.client.get(reverse("delivery_log:index")).status_code, {302, 403})
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(reverse("delivery_log:index")).status_code, 404)

    def test_the_log_cannot_be_edited(self):
        with self.assertRaises(NoReverseMatch):
            reverse("delivery_log:add")
        with self.assertRaises(NoReverseMatch):
            reverse("delivery_log:edit", args=[1])
