import datetime as dt
from unittest import mock

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.accounts import access, services
from phoihop.accounts.models import Membership, Organization, OrganizationSuccession, Role
from phoihop.audit.models import AuditEvent
from phoihop.testing import PersonaTestCase


class MergeTests(PersonaTestCase):
    def test_merge_marks_unit_records_successor_and_history(self):
        successor = services.organization_create(
            actor=self.chief, name="UBND xã An Khánh mới", kind=Organization.Kind.PARTNER
        )
        services.organization_merge(
            actor=self.chief,
            organization=self.unit_a,
            successors=[successor],
            effective_on=dt.date(2025, 7, 1),
            legal_basis="Nghị quyết 1656/NQ-UBTVQH15",
        )
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.status, Organization.Status.MERGED)
        self.assertEqual(self.unit_a.ended_on, dt.date(2025, 7, 1))
        self.assertEqual(services.organization_successor_for(self.unit_a), successor)
        event = AuditEvent.objects.for_object(self.unit_a).get(verb="organization.merged")
        self.assertEqual(event.actor, self.chief)
        self.assertEqual(event.data["successors"][0]["name"], "UBND xã An Khánh mới")

        # The successor's people read the old unit's history under its old name.
        leader = self.make_user("ld_moi", "Lý Thị Mai", successor, Role.LEADER)
        self.login(leader)
        page = self.client.get(reverse("history", args=["accounts", "organization", self.unit_a.pk]))
        self.assertContains(page, "UBND xã An Khánh")
        self.assertContains(page, "sáp nhập vào đơn vị kế thừa")
        # A merged unit is read-only for its former staff.
        self.assertFalse(access.scope_for(self.liaison_a).can_write(self.unit_a.pk))

    def test_only_press_leaders_merge(self):
        with self.assertRaises(PermissionDenied):
            services.organization_merge(
                actor=self.reporter,
                organization=self.unit_a,
                successors=[self.unit_b],
                effective_on=dt.date(2025, 7, 1),
            )

    def test_failed_merge_leaves_no_partial_rows(self):
        dissolved = services.organization_create(actor=None, name="Đơn vị đã giải thể", kind=Organization.Kind.PARTNER)
        Organization.objects.filter(pk=dissolved.pk).update(
            status=Organization.Status.DISSOLVED, ended_on=dt.date(2024, 1, 1)
        )
        dissolved.refresh_from_db()
        before = (OrganizationSuccession.objects.count(), AuditEvent.objects.count())
        with self.assertRaises(ValidationError):
            # The first successor is valid and would be written before the second one fails.
            services.organization_merge(
                actor=self.chief,
                organization=self.unit_a,
                successors=[self.unit_b, dissolved],
                effective_on=dt.date(2025, 7, 1),
            )
        self.assertEqual((OrganizationSuccession.objects.count(), AuditEvent.objects.count()), before)
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.status, Organization.Status.ACTIVE)

    def test_crash_after_first_write_rolls_back_everything(self):
        before = (OrganizationSuccession.objects.count(), AuditEvent.objects.count())
        with (
            mock.patch("phoihop.accounts.services.audit_record", side_effect=RuntimeError("ổ đĩa đầy")),
            self.assertRaises(RuntimeError),
        ):
            services.organization_merge(
                actor=self.chief,
                organization=self.unit_a,
                successors=[self.unit_b],
                effective_on=dt.date(2025, 7, 1),
            )
        self.assertEqual((OrganizationSuccession.objects.count(), AuditEvent.objects.count()), before)
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.status, Organization.Status.ACTIVE)


class MembershipTests(PersonaTestCase):
    def test_press_role_joins_wagtail_group_and_partner_role_does_not(self):
        self.assertEqual(list(self.reporter.groups.values_list("name", flat=True)), ["Phóng viên"])
        self.assertFalse(self.liaison_a.groups.exists())

    def test_role_must_match_the_kind_of_unit(self):
        user = self.make_user("sai_vai", "Đặng Văn Tùng")
        with self.assertRaises(ValidationError):
            services.membership_create(actor=None, user=user, organization=self.unit_a, role=Role.REPORTER)
        self.assertFalse(Membership.objects.filter(user=user).exists())

    def test_partner_leader_manages_own_subtree_only(self):
        user = self.make_user("moi", "Trịnh Văn Long")
        services.membership_create(actor=self.leader_a, user=user, organization=self.unit_a_child, role=Role.STAFF)
        with self.assertRaises(PermissionDenied):
            services.membership_create(actor=self.leader_a, user=user, organization=self.unit_b, role=Role.STAFF)
        with self.assertRaises(PermissionDenied):
            services.membership_create(actor=self.liaison_a, user=user, organization=self.unit_a, role=Role.STAFF)

    def test_names_read_family_name_first_and_enter_nfc(self):
        user = services.user_create(
            username="nfd", password="x-Y-z-123456", full_name="Đặng  Đức Quỳnh".replace("ỳ", "y\u0300")
        )
        self.assertEqual(user.get_full_name(), "Đặng Đức Quỳnh")
        self.assertEqual(user.first_name, "Quỳnh")
