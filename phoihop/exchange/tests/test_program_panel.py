"""The programme page's "Hoạt động" panel: exchange fills it, through exchange's access rules."""

from django.urls import reverse

from phoihop.exchange import services
from phoihop.exchange.tests.base import ExchangeTestCase


class ProgramActivityPanelTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Lịch tiếp dân tháng 3", body="x", program=cls.program
        )
        services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Tin ngoài chương trình", body="x"
        )
        services.info_request_create(
            actor=cls.chief,
            organization=cls.unit_a,
            subject="Tiến độ đề án 06",
            questions="?",
            policy=cls.policy,
            program=cls.program,
        )

    def page(self, user):
        self.login(user)
        return self.client.get(reverse("programs:detail", args=[self.program.pk]))

    def test_the_programmes_submissions_and_requests_show_to_those_who_may_see_them(self):
        for user in (self.chief, self.liaison_a):
            page = self.page(user)
            self.assertContains(page, "Hoạt động")
            self.assertContains(page, "Lịch tiếp dân tháng 3")
            self.assertContains(page, "Tiến độ đề án 06")
            self.assertContains(page, "1 đang chờ, 0 quá hạn, 0 đã trả lời")
            self.assertNotContains(page, "Tin ngoài chương trình")

    def test_a_sub_unit_sees_the_programme_but_not_its_parent_units_items(self):
        page = self.page(self.liaison_child)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Lịch tiếp dân tháng 3")
        self.assertNotContains(page, "Tiến độ đề án 06")

    def test_the_submissions_are_counted_by_their_vietnamese_status_labels(self):
        # #15: the panel printed the raw keys ("sent: 1"); each status shows by its label, in order.
        services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Báo cáo quý", body="x", program=self.program
        )
        received = services.submission_create(
            actor=self.liaison_a, organization=self.unit_a, title="Thông cáo", body="x", program=self.program
        )
        services.submission_acknowledge(actor=self.chief, submission=received)
        page = self.page(self.chief)
        self.assertContains(page, "Thông tin cung cấp:</strong> Đã gửi: 2, Đã tiếp nhận: 1</p>", html=False)
        self.assertNotContains(page, "sent:")
        self.assertNotContains(page, "received:")
