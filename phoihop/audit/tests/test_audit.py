from phoihop.audit.models import AppendOnlyError, AuditEvent
from phoihop.audit.services import audit_record
from phoihop.testing import PersonaTestCase


class AuditEventTests(PersonaTestCase):
    def test_events_are_append_only(self):
        event = audit_record(
            actor=self.chief, verb="organization.updated", target=self.unit_a, organization=self.unit_a
        )
        self.assertEqual(event.actor_repr, "Lê Thị Bích Ngọc")
        event.verb = "something.else"
        with self.assertRaises(AppendOnlyError):
            event.save()
        with self.assertRaises(AppendOnlyError):
            event.delete()
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).update(verb="x")
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.all().delete()
        self.assertEqual(AuditEvent.objects.get(pk=event.pk).verb, "organization.updated")

    def test_services_write_one_event_per_change(self):
        events = AuditEvent.objects.for_object(self.unit_a)
        self.assertEqual(list(events.values_list("verb", flat=True).order_by("pk"))[:1], ["organization.created"])

    def test_history_page_lists_events_with_vietnamese_dates(self):
        self.login(self.leader_a)
        response = self.client.get(f"/lich-su/accounts/organization/{self.unit_a.pk}/")
        self.assertContains(response, "tạo đơn vị")
        self.assertRegex(response.content.decode(), r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")

    def test_history_of_unregistered_model_is_404(self):
        self.login(self.chief)
        self.assertEqual(self.client.get("/lich-su/audit/auditevent/1/").status_code, 404)
