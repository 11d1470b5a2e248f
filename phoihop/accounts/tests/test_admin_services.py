"""The admin keeps the rules (#22 item 6): memberships, units and mergers saved in the Wagtail admin go
through `accounts.services`, so they write the audit event, move the person's Wagtail groups with the
role, and refuse what the services refuse. Driven through the real admin views."""

import datetime as dt

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from phoihop.accounts.models import Membership, Organization, OrganizationSuccession, Role
from phoihop.accounts.services import PRESS_ROLE_GROUPS
from phoihop.audit.models import AuditEvent
from phoihop.testing import PersonaTestCase


def groups_of(user):
    return set(user.groups.values_list("name", flat=True))


class AdminTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = cls.make_user("quantri", "Quản Trị Viên")
        cls.admin.is_superuser = True
        cls.admin.save(update_fields=["is_superuser"])

    def setUp(self):
        self.login(self.admin)


class MembershipAdminTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = cls.make_user("btv", "Đặng Thu Trang", cls.press, Role.EDITOR)
        cls.membership = Membership.objects.get(user=cls.editor, organization=cls.press)

    def test_adding_a_member_in_the_admin_writes_the_audit_event_and_joins_the_group(self):
        newcomer = self.make_user("pv_moi", "Mai Văn Long")
        response = self.client.post(
            reverse("membership:add"),
            {"user": newcomer.pk, "organization": self.press.pk, "role": Role.REPORTER, "title": "Phóng viên"},
        )
        self.assertEqual(response.status_code, 302)
        event = AuditEvent.objects.for_object(self.press).get(verb="membership.created", actor=self.admin)
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.data, {"user": "pv_moi", "role": Role.REPORTER})
        self.assertEqual(groups_of(newcomer), {PRESS_ROLE_GROUPS[Role.REPORTER]})

    def test_demoting_an_editor_to_reporter_removes_the_editors_group(self):
        self.assertEqual(groups_of(self.editor), {PRESS_ROLE_GROUPS[Role.EDITOR]})
        response = self.client.post(
            reverse("membership:edit", args=[self.membership.pk]),
            {"role": Role.REPORTER, "title": "", "is_active": "on"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(groups_of(self.editor), {PRESS_ROLE_GROUPS[Role.REPORTER]})
        event = AuditEvent.objects.for_object(self.press).get(verb="membership.updated", actor=self.admin)
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.data["before"], {"role": Role.EDITOR})
        self.assertEqual(event.data["after"], {"role": Role.REPORTER})
        # The editors' admin rights went with the group: the reporter no longer edits spokespersons.
        demoted = type(self.editor).objects.get(pk=self.editor.pk)
        self.assertFalse(demoted.has_perm("programs.change_spokesperson"))

    def test_ending_a_membership_leaves_every_group(self):
        self.client.post(reverse("membership:edit", args=[self.membership.pk]), {"role": Role.EDITOR, "title": ""})
        self.assertEqual(groups_of(self.editor), set())
        self.assertTrue(AuditEvent.objects.for_object(self.press).filter(verb="membership.ended").exists())

    def test_the_edit_form_does_not_move_the_membership_to_another_person_or_unit(self):
        page = self.client.get(reverse("membership:edit", args=[self.membership.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="organization"')
        self.assertNotContains(page, 'name="user"')
        self.assertContains(page, 'name="is_active"')
        self.assertContains(page, 'name="role"')
        self.client.post(
            reverse("membership:edit", args=[self.membership.pk]),
            {"role": Role.EDITOR, "title": "Biên tập viên", "is_active": "on", "organization": self.unit_b.pk},
        )
        self.membership.refresh_from_db()
        self.assertEqual((self.membership.organization, self.membership.title), (self.press, "Biên tập viên"))

    def test_deleting_a_membership_in_the_admin_is_audited_and_leaves_the_group(self):
        response = self.client.post(reverse("membership:delete", args=[self.membership.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Membership.objects.filter(pk=self.membership.pk).exists())
        self.assertEqual(groups_of(self.editor), set())
        event = AuditEvent.objects.for_object(self.press).get(verb="membership.deleted", actor=self.admin)
        self.assertEqual(event.data, {"user": "btv", "role": Role.EDITOR})

    def test_an_admin_permission_does_not_pass_the_services_check(self):
        # A reporter handed the Django permission still may not give anyone a role: the service refuses.
        self.reporter.user_permissions.add(
            Permission.objects.get(codename="change_membership"), Permission.objects.get(codename="access_admin")
        )
        self.login(self.reporter)
        response = self.client.post(
            reverse("membership:edit", args=[self.membership.pk]),
            {"role": Role.EDITOR_IN_CHIEF, "title": "", "is_active": "on"},
        )
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.membership.refresh_from_db()
        self.assertEqual(self.membership.role, Role.EDITOR)
        self.assertNotIn(PRESS_ROLE_GROUPS[Role.EDITOR_IN_CHIEF], groups_of(self.editor))


class OrganizationAdminTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        reverse("wagtailadmin_home")  # the admin's viewsets register their models with the reference index
        super().setUpTestData()

    def test_creating_and_editing_a_unit_in_the_admin_is_audited(self):
        response = self.client.post(
            reverse("organization:add"), {"name": "UBND xã Tân Lập", "kind": Organization.Kind.PARTNER}
        )
        self.assertEqual(response.status_code, 302)
        unit = Organization.objects.get(name="UBND xã Tân Lập")
        self.assertEqual(AuditEvent.objects.for_object(unit).get(verb="organization.created").actor, self.admin)
        self.client.post(
            reverse("organization:edit", args=[unit.pk]),
            {"name": "UBND xã Tân Lập", "short_name": "Tân Lập", "kind": Organization.Kind.PARTNER},
        )
        event = AuditEvent.objects.for_object(unit).get(verb="organization.updated")
        self.assertEqual(event.data, {"changed": ["short_name"]})

    def test_status_is_not_a_field_of_the_unit_form(self):
        page = self.client.get(reverse("organization:edit", args=[self.unit_a.pk]))
        self.assertNotContains(page, 'name="status"')
        self.client.post(
            reverse("organization:edit", args=[self.unit_a.pk]),
            {"name": self.unit_a.name, "kind": Organization.Kind.PARTNER, "status": Organization.Status.MERGED},
        )
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.status, Organization.Status.ACTIVE)

    def test_a_unit_is_dissolved_by_an_action_through_the_service(self):
        edit = self.client.get(reverse("organization:edit", args=[self.unit_b.pk]))
        self.assertContains(edit, reverse("organization:dissolve", args=[self.unit_b.pk]))
        url = reverse("organization:dissolve", args=[self.unit_b.pk])
        self.client.post(url, {"ended_on": "2025-06-30", "note": "Quyết định 12/QĐ-UBND"})
        self.unit_b.refresh_from_db()
        self.assertEqual(
            (self.unit_b.status, self.unit_b.ended_on), (Organization.Status.DISSOLVED, dt.date(2025, 6, 30))
        )
        event = AuditEvent.objects.for_object(self.unit_b).get(verb="organization.dissolved")
        self.assertEqual((event.actor, event.data["note"]), (self.admin, "Quyết định 12/QĐ-UBND"))
        # A unit that has ended does not end again.
        again = self.client.post(url, {"ended_on": "2025-07-01"})
        self.assertContains(again, "Đơn vị này đã sáp nhập hoặc giải thể.")

    def test_a_unit_with_members_is_not_deleted(self):
        response = self.client.post(reverse("organization:delete", args=[self.unit_b.pk]), follow=True)
        self.assertContains(response, "hãy ghi nhận sáp nhập hoặc giải thể thay vì xóa")
        self.assertTrue(Organization.objects.filter(pk=self.unit_b.pk).exists())


class SuccessionAdminTests(AdminTestCase):
    def test_a_merger_recorded_in_the_admin_runs_the_merge_service(self):
        successor = Organization.objects.create(name="UBND xã An Khánh mới", kind=Organization.Kind.PARTNER)
        response = self.client.post(
            reverse("organizationsuccession:add"),
            {
                "predecessor": self.unit_a.pk,
                "successor": successor.pk,
                "other_successors": [self.unit_b.pk],
                "effective_on": "2025-07-01",
                "legal_basis": "Nghị quyết 1656/NQ-UBTVQH15",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.status, Organization.Status.MERGED)
        self.assertEqual(self.unit_a.ended_on, dt.date(2025, 7, 1))
        rows = OrganizationSuccession.objects.filter(predecessor=self.unit_a).order_by("-is_primary")
        self.assertEqual([(r.successor, r.is_primary) for r in rows], [(successor, True), (self.unit_b, False)])
        event = AuditEvent.objects.for_object(self.unit_a).get(verb="organization.merged")
        self.assertEqual(event.actor, self.admin)

    def test_a_merger_into_a_unit_that_has_ended_is_refused_on_the_form(self):
        first = Organization.objects.create(name="Đơn vị tiếp nhận", kind=Organization.Kind.PARTNER)
        self.client.post(
            reverse("organizationsuccession:add"),
            {"predecessor": self.unit_b.pk, "successor": first.pk, "effective_on": "2025-07-01"},
        )
        # unit_b has merged: it can no longer be merged again, nor receive another unit.
        response = self.client.post(
            reverse("organizationsuccession:add"),
            {"predecessor": self.unit_a.pk, "successor": self.unit_b.pk, "effective_on": "2025-07-01"},
        )
        self.assertEqual(response.status_code, 200)
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.status, Organization.Status.ACTIVE)

    def test_a_recorded_merger_is_corrected_not_deleted(self):
        successor = Organization.objects.create(name="UBND xã An Khánh mới", kind=Organization.Kind.PARTNER)
        self.client.post(
            reverse("organizationsuccession:add"),
            {"predecessor": self.unit_a.pk, "successor": successor.pk, "effective_on": "2025-07-01"},
        )
        row = OrganizationSuccession.objects.get(predecessor=self.unit_a)
        self.client.post(
            reverse("organizationsuccession:edit", args=[row.pk]),
            {"effective_on": "2025-07-02", "legal_basis": "Nghị quyết 1656/NQ-UBTVQH15"},
        )
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.ended_on, dt.date(2025, 7, 2))
        self.assertTrue(AuditEvent.objects.for_object(self.unit_a).filter(verb="organization.succession_corrected"))
        response = self.client.post(reverse("organizationsuccession:delete", args=[row.pk]))
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertTrue(OrganizationSuccession.objects.filter(pk=row.pk).exists())
        self.assertFalse(Group.objects.filter(name="").exists())
