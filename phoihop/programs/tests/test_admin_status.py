"""The programme admin keeps the status rules (#22 item 6): status is not a field of the form; the
moves are actions that call `services.program_set_status`, which refuses a move backwards with its
Vietnamese reason."""

from django.urls import reverse

from phoihop.audit.models import AuditEvent
from phoihop.programs.models import Program
from phoihop.testing import PersonaTestCase, make_program


class ProgramAdminStatusTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.program = make_program(cls, status=Program.Status.DRAFT)

    def setUp(self):
        self.login(self.chief)

    def test_the_edit_form_has_no_status_field_and_links_the_status_actions(self):
        page = self.client.get(reverse("program:edit", args=[self.program.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="status"')
        self.assertContains(page, reverse("program:status", args=[self.program.pk]))

    def test_the_status_page_offers_only_the_allowed_moves(self):
        page = self.client.get(reverse("program:status", args=[self.program.pk]))
        self.assertContains(page, 'value="active"')
        self.assertContains(page, 'value="terminated"')
        self.assertNotContains(page, 'value="completed"')

    def test_an_allowed_move_goes_through_the_service(self):
        response = self.client.post(reverse("program:status", args=[self.program.pk]), {"status": "active"})
        self.assertRedirects(response, reverse("program:edit", args=[self.program.pk]), fetch_redirect_response=False)
        self.program.refresh_from_db()
        self.assertEqual(self.program.status, Program.Status.ACTIVE)
        self.assertEqual(AuditEvent.objects.for_object(self.program).get(verb="program.active").actor, self.chief)

    def test_a_move_backwards_is_refused_with_the_services_reason(self):
        Program.objects.filter(pk=self.program.pk).update(status=Program.Status.COMPLETED)
        response = self.client.post(reverse("program:status", args=[self.program.pk]), {"status": "draft"}, follow=True)
        self.assertContains(response, "Không thể chuyển chương trình từ “Đã hoàn thành” sang “Dự thảo”.")
        self.program.refresh_from_db()
        self.assertEqual(self.program.status, Program.Status.COMPLETED)
        self.assertFalse(AuditEvent.objects.for_object(self.program).filter(verb="program.draft").exists())

    def test_a_reporter_cannot_move_a_programme(self):
        self.login(self.reporter)
        response = self.client.post(reverse("program:status", args=[self.program.pk]), {"status": "active"})
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.program.refresh_from_db()
        self.assertEqual(self.program.status, Program.Status.DRAFT)
