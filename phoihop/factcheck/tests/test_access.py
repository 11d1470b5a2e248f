"""Who reaches what: claims are the newsroom's; partners see the tips their units filed."""

from __future__ import annotations

from django.urls import reverse

from phoihop.factcheck import services
from phoihop.factcheck.tests.base import FactcheckTestCase, png_file


class AccessTests(FactcheckTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.partner_tip = services.tip_file(
            actor=cls.liaison_a,
            organization=cls.unit_a,
            description="Trang giả mạo UBND xã An Khánh đăng thông báo thu phí vệ sinh 200 nghìn mỗi hộ",
            domain=cls.domain,
            screenshot=png_file(),
        )
        cls.claim = services.claim_create(
            actor=cls.chief,
            tip=cls.partner_tip,
            title="Trang giả mạo UBND xã An Khánh thu phí vệ sinh",
            domain=cls.domain,
        )
        cls.public = cls.public_tip("Tin đồn cắt điện 3 ngày Tết", contact_email="ban.doc@example.vn")

    def test_outsiders_get_404_everywhere(self):
        urls = [
            reverse("factcheck_workspace:tip", args=[self.partner_tip.pk]),
            reverse("factcheck_workspace:tip_screenshot", args=[self.partner_tip.pk]),
            reverse("factcheck_workspace:claim", args=[self.claim.pk]),
            reverse("factcheck_workspace:tip", args=[self.public.pk]),
            reverse("history", args=["factcheck", "claim", self.claim.pk]),
        ]
        for user in (self.liaison_b, self.nobody):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
        self.assertEqual(self.client.get(reverse("factcheck_workspace:home")).status_code, 404)  # nobody
        self.client.logout()
        self.assertEqual(self.client.get(reverse("factcheck_workspace:home")).status_code, 302)  # to the login

    def test_a_partner_sees_its_own_tips_and_their_status_but_no_claim(self):
        self.login(self.staff_a)
        home = self.client.get(reverse("factcheck_workspace:home"))
        self.assertContains(home, self.partner_tip.reference)
        self.assertNotContains(home, self.public.reference)
        page = self.client.get(self.partner_tip.get_absolute_url())
        self.assertContains(page, "Đang xác minh")
        self.assertNotContains(page, self.claim.reference)
        self.assertEqual(
            self.client.get(reverse("factcheck_workspace:tip_screenshot", args=[self.partner_tip.pk])).status_code, 200
        )
        self.assertEqual(self.client.get(self.claim.get_absolute_url()).status_code, 404)

    def test_read_only_staff_cannot_file_and_partners_cannot_group(self):
        self.login(self.staff_a)
        self.assertEqual(self.client.get(reverse("factcheck_workspace:tip_new")).status_code, 403)
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(reverse("factcheck_workspace:tip_new")).status_code, 200)
        grouping = reverse("factcheck_workspace:tip_action", args=[self.partner_tip.pk, "bo-qua"])
        self.assertEqual(self.client.post(grouping, {"kx-reason": "x"}).status_code, 403)

    def test_a_partner_cannot_file_for_another_unit(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            services.tip_file(actor=self.liaison_a, organization=self.unit_b, description="x y z", domain=self.domain)

    def test_reporters_work_on_claims_but_do_not_triage(self):
        self.login(self.reporter)
        self.assertEqual(self.client.get(self.claim.get_absolute_url()).status_code, 200)
        note = reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "ghi-chu"])
        self.assertEqual(self.client.post(note, {"gc-body": "Đã liên hệ"}).status_code, 302)
        dismiss = reverse("factcheck_workspace:tip_action", args=[self.public.pk, "bo-qua"])
        self.assertEqual(self.client.post(dismiss, {"kx-reason": "Quảng cáo"}).status_code, 403)
        verdict = reverse("factcheck_workspace:claim_action", args=[self.claim.pk, "ket-luan"])
        self.assertEqual(self.client.post(verdict, {"kl-summary": "x"}).status_code, 403)

    def test_the_newsroom_logs_what_it_found_while_monitoring(self):
        self.login(self.reporter)
        response = self.client.post(
            reverse("factcheck_workspace:tip_new"),
            {"description": "Phát hiện trang giả mạo Công an phường đăng tin truy nã", "domain": self.domain.pk},
        )
        tip = self.claim.tips.model.objects.get(source="monitoring")
        self.assertRedirects(response, tip.get_absolute_url())
        self.assertIsNone(tip.organization)
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(tip.get_absolute_url()).status_code, 404)
