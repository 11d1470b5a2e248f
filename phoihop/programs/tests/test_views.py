import datetime as dt

from django.urls import reverse

from phoihop.programs.models import Program, Spokesperson
from phoihop.testing import PersonaTestCase, make_program


class ProgramPageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(
            cls,
            title="Chương trình phối hợp An Khánh 2026",
            status=Program.Status.DRAFT,
            themes=["Chuyển đổi số"],
            signatories=[(cls.press, "Lê Thị Bích Ngọc", "Tổng Biên tập")],
        )
        theme = cls.program.themes.get()
        theme.target_count, theme.target_period = 6, "quarter"
        theme.save()
        Spokesperson.objects.create(
            organization=cls.unit_a, full_name="Trịnh Thu Trang", title="Phó Chủ tịch", valid_from=dt.date(2024, 1, 1)
        )

    def test_parties_see_the_programme_page_with_targets_and_spokesperson(self):
        for user in (self.chief, self.liaison_a, self.liaison_child):
            self.login(user)
            page = self.client.get(reverse("programs:detail", args=[self.program.pk]))
            self.assertContains(page, "chỉ tiêu 6 bài/quý")
            self.assertContains(page, "Trịnh Thu Trang")
            self.assertContains(page, "01/01/2026 – 31/12/2026")

    def test_outsider_gets_404_and_does_not_see_it_listed(self):
        self.login(self.liaison_b)
        self.assertEqual(self.client.get(reverse("programs:detail", args=[self.program.pk])).status_code, 404)
        self.assertNotContains(self.client.get(reverse("programs:list")), "An Khánh 2026")
        self.assertEqual(
            self.client.post(reverse("programs:status", args=[self.program.pk]), {"status": "active"}).status_code, 404
        )

    def test_status_moves_forward_only_and_only_for_leaders(self):
        self.login(self.liaison_a)
        self.assertEqual(
            self.client.post(reverse("programs:status", args=[self.program.pk]), {"status": "active"}).status_code, 403
        )
        self.login(self.reporter)
        self.assertEqual(
            self.client.post(reverse("programs:status", args=[self.program.pk]), {"status": "active"}).status_code, 403
        )
        self.login(self.chief)
        self.client.post(reverse("programs:status", args=[self.program.pk]), {"status": "active"})
        self.client.post(reverse("programs:status", args=[self.program.pk]), {"status": "draft"})
        self.program.refresh_from_db()
        self.assertEqual(self.program.status, Program.Status.ACTIVE)

    def test_spokesperson_directory_is_scoped(self):
        self.login(self.reporter)
        self.assertContains(self.client.get(reverse("spokespersons")), "Trịnh Thu Trang")
        self.login(self.liaison_b)
        self.assertNotContains(self.client.get(reverse("spokespersons")), "Trịnh Thu Trang")

    def test_only_leaders_edit_programmes_in_the_admin(self):
        self.login(self.chief)
        self.assertEqual(self.client.get(f"/admin/program/edit/{self.program.pk}/").status_code, 200)
        self.login(self.reporter)
        self.assertNotEqual(self.client.get(f"/admin/program/edit/{self.program.pk}/").status_code, 200)
