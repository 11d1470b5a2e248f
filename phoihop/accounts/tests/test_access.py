from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from phoihop.accounts import access
from phoihop.testing import PersonaTestCase


class OrganizationAccessTests(PersonaTestCase):
    def url(self, org):
        return reverse("accounts:organization", args=[org.pk])

    def history_url(self, org):
        return reverse("history", args=["accounts", "organization", org.pk])

    def test_outsider_gets_404_on_every_page_of_another_unit(self):
        self.login(self.liaison_b)
        for org in (self.unit_a, self.unit_a_child):
            with self.subTest(org=org.name):
                self.assertEqual(self.client.get(self.url(org)).status_code, 404)
                self.assertEqual(self.client.get(self.history_url(org)).status_code, 404)

    def test_missing_and_foreign_objects_answer_alike(self):
        self.login(self.liaison_b)
        foreign = self.client.get(self.url(self.unit_a))
        missing = self.client.get(reverse("accounts:organization", args=[999_999]))
        self.assertEqual((foreign.status_code, missing.status_code), (404, 404))

    def test_user_without_membership_sees_nothing(self):
        self.login(self.nobody)
        self.assertFalse(access.visible_organizations(self.nobody).exists())
        for org in (self.press, self.unit_a, self.unit_b):
            self.assertEqual(self.client.get(self.url(org)).status_code, 404)
        page = self.client.get(reverse("accounts:me"))
        self.assertContains(page, "Bạn chưa thuộc đơn vị nào")

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.url(self.unit_a))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_member_sees_own_unit_and_sub_units_not_parent_or_siblings(self):
        self.login(self.leader_a)
        self.assertContains(self.client.get(self.url(self.unit_a)), "Phòng Văn hóa - Xã hội xã An Khánh")
        self.assertEqual(self.client.get(self.url(self.unit_a_child)).status_code, 200)
        self.assertEqual(self.client.get(self.url(self.unit_b)).status_code, 404)
        self.login(self.liaison_child)
        self.assertEqual(self.client.get(self.url(self.unit_a)).status_code, 404)

    def test_press_sees_every_unit(self):
        self.login(self.reporter)
        for org in (self.unit_a, self.unit_a_child, self.unit_b, self.press):
            self.assertEqual(self.client.get(self.url(org)).status_code, 200)

    def test_read_only_member_gets_403_on_write_and_outsider_404(self):
        self.assertEqual(access.get_organization_for_user(self.staff_a, self.unit_a.pk), self.unit_a)
        with self.assertRaises(PermissionDenied):
            access.get_organization_for_user(self.staff_a, self.unit_a.pk, write=True)
        self.assertEqual(access.get_organization_for_user(self.liaison_a, self.unit_a.pk, write=True), self.unit_a)
        with self.assertRaises(Http404):
            access.get_organization_for_user(self.liaison_b, self.unit_a.pk, write=True)

    def test_scope_is_computed_once_per_user_object(self):
        user = type(self.leader_a).objects.get(pk=self.leader_a.pk)
        with self.assertNumQueries(3):
            access.scope_for(user)
        with self.assertNumQueries(0):
            access.scope_for(user)
            access.scope_for(user).can_see(self.unit_a_child.pk)


class AdminAccessTests(PersonaTestCase):
    def test_partner_user_never_reaches_the_admin(self):
        for user in (self.leader_a, self.liaison_a, self.nobody):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get("/admin/").status_code, 404)
                self.assertEqual(self.client.get("/admin/pages/").status_code, 404)

    def test_press_staff_reach_the_admin(self):
        self.login(self.chief)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.login(self.reporter)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
