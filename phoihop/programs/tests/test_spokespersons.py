"""Spokespersons under Decree 244/2026: the three kinds, no further delegation, the 24-hour publication
clock from the assignment decision, and the public "Người phát ngôn" page of each unit."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.accounts import services as account_services
from phoihop.audit.models import AuditEvent
from phoihop.programs import selectors, services
from phoihop.programs.models import Spokesperson, SpokespersonListing
from phoihop.testing import PersonaTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DECIDED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=HANOI)
TODAY = dt.datetime(2026, 12, 6, 10, 0, tzinfo=HANOI)
Role = Spokesperson.Role


def appoint(org, role, name, *, actor=None, now=None, **extra):
    fields: dict[str, Any] = {"title": "Phó Chủ tịch UBND", "valid_from": dt.date(2026, 11, 20)}
    fields.update(extra)
    return services.spokesperson_appoint(actor=actor, organization=org, role=role, full_name=name, now=now, **fields)


class SpokespersonRuleTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.head = appoint(cls.unit_a, Role.HEAD, "Nguyễn Văn Hùng", title="Chủ tịch UBND xã")
        cls.regular = appoint(
            cls.unit_a,
            Role.REGULAR,
            "Trịnh Thu Trang",
            phone="024 3765 1234",
            email="phatngon@ankhanh.example.vn",
            decision_number="125/QĐ-UBND",
            decided_at=DECIDED,
            now=DECIDED + dt.timedelta(hours=5),
        )

    def authorize(self, granted_by, name="Lê Minh Quân", **extra):
        fields: dict[str, Any] = {
            "title": "Trưởng Công an xã",
            "matter": "Vụ cháy kho hàng tại thôn Đông",
            "valid_from": dt.date(2026, 12, 1),
            "valid_to": dt.date(2026, 12, 31),
            "decision_number": "140/GUQ-UBND",
        }
        fields.update(extra)
        return services.spokesperson_authorize(actor=self.chief, granted_by=granted_by, full_name=name, **fields)

    def test_the_decision_starts_a_24_hour_clock_under_decree_244(self):
        self.assertEqual(self.regular.publish_due_at, DECIDED + dt.timedelta(hours=24))
        self.assertEqual(self.regular.publish_policy_version.citation, "khoản 3 Điều 3 Nghị định 244/2026/NĐ-CP")
        self.assertEqual(self.regular.published_at, DECIDED + dt.timedelta(hours=5))
        self.assertEqual(self.regular.publication_status, "on_time")

    def test_published_after_24_hours_is_flagged_late(self):
        late = appoint(
            self.unit_b,
            Role.REGULAR,
            "Hoàng Thị Mơ",
            decision_number="7/QĐ-UBND",
            decided_at=DECIDED,
            now=DECIDED + dt.timedelta(hours=30),
        )
        self.assertEqual(late.publication_status, "late")
        self.login(self.chief)
        page = self.client.get(reverse("spokespersons"))
        self.assertContains(page, "Công khai trễ")
        self.assertContains(page, "21/11/2026 15:30, hạn 21/11/2026 09:30")

    def test_a_decision_not_yet_published_is_pending_then_overdue(self):
        hidden = appoint(
            self.unit_b, Role.REGULAR, "Đặng Văn Tú", decision_number="8/QĐ-UBND", decided_at=DECIDED, is_public=False
        )
        self.assertIsNone(hidden.published_at)
        with time_machine.travel(DECIDED + dt.timedelta(hours=2), tick=False):
            self.assertEqual(hidden.publication_status, "pending")
        with time_machine.travel(DECIDED + dt.timedelta(hours=25), tick=False):
            self.assertEqual(hidden.publication_status, "overdue")
        hidden.is_public = True
        services.spokesperson_save(actor=self.chief, person=hidden, now=DECIDED + dt.timedelta(hours=26))
        self.assertEqual(hidden.publication_status, "late")

    def test_a_decision_before_01_07_2026_has_no_clock(self):
        old = appoint(self.unit_b, Role.REGULAR, "Phan Văn Bình", decided_at=dt.datetime(2026, 3, 2, 8, tzinfo=HANOI))
        self.assertIsNone(old.publish_due_at)
        self.assertEqual(old.publication_status, "")

    def test_the_head_authorizes_for_a_matter_and_a_period(self):
        person = self.authorize(self.head)
        self.assertEqual(
            (person.role, person.authorized_by, person.organization), (Role.AUTHORIZED, self.head, self.unit_a)
        )
        self.assertIsNone(person.publish_due_at)  # the 24-hour clock is the regular spokesperson's
        self.assertTrue(AuditEvent.objects.for_object(person).filter(verb="spokesperson.created").exists())

    def test_no_further_delegation(self):
        authorized = self.authorize(self.head)
        for grantor in (self.regular, authorized):
            with (
                self.subTest(grantor=grantor.get_role_display()),
                self.assertRaisesMessage(ValidationError, "không được ủy quyền tiếp cho người khác"),
            ):
                self.authorize(grantor, name="Người thứ ba")
        # Nor by building the row by hand and saving it through the service (the admin's path).
        sneaky = Spokesperson(
            organization=self.unit_a,
            role=Role.AUTHORIZED,
            authorized_by=authorized,
            full_name="Người thứ ba",
            title="Cán bộ",
            matter="Vụ cháy",
            valid_from=dt.date(2026, 12, 2),
            valid_to=dt.date(2026, 12, 10),
            decision_number="1/GUQ",
        )
        with self.assertRaisesMessage(ValidationError, "khoản 6 Điều 3 Nghị định 244/2026/NĐ-CP"):
            services.spokesperson_save(actor=self.chief, person=sneaky)
        with self.assertRaisesMessage(ValidationError, "không được ủy quyền tiếp"):
            sneaky.full_clean()
        self.assertFalse(Spokesperson.objects.filter(full_name="Người thứ ba").exists())

    def test_an_authorization_is_written_for_a_matter_and_has_an_end(self):
        for missing, message in (
            ({"matter": ""}, "Ghi rõ vụ việc"),
            ({"decision_number": ""}, "phải bằng văn bản"),
        ):
            with self.subTest(missing=missing), self.assertRaisesMessage(ValidationError, message):
                self.authorize(self.head, **missing)
        person = Spokesperson(
            organization=self.unit_a,
            role=Role.AUTHORIZED,
            authorized_by=self.head,
            full_name="Không thời hạn",
            title="Cán bộ",
            matter="Vụ cháy",
            valid_from=dt.date(2026, 12, 2),
            decision_number="2/GUQ",
        )
        with self.assertRaisesMessage(ValidationError, "phải có thời hạn"):
            person.full_clean()

    def test_another_units_head_cannot_authorize(self):
        other_head = appoint(self.unit_b, Role.HEAD, "Chủ tịch phường")
        person = Spokesperson(
            organization=self.unit_a,
            role=Role.AUTHORIZED,
            authorized_by=other_head,
            full_name="Người ngoài",
            title="Cán bộ",
            matter="Vụ cháy",
            valid_from=dt.date(2026, 12, 2),
            valid_to=dt.date(2026, 12, 9),
            decision_number="3/GUQ",
        )
        with self.assertRaisesMessage(ValidationError, "chính đơn vị này"):
            person.full_clean()

    def test_who_may_record_spokespersons(self):
        appoint(self.unit_a_child, Role.REGULAR, "Vũ Thị Lan", actor=self.leader_a)  # a unit below the one led
        appoint(self.unit_a, Role.REGULAR, "Đinh Văn An", actor=self.chief)
        for actor, org in ((self.liaison_a, self.unit_a), (self.leader_a, self.unit_b), (self.reporter, self.unit_a)):
            with self.subTest(actor=actor.username), self.assertRaises(PermissionDenied):
                appoint(org, Role.REGULAR, "Không được", actor=actor)

    def test_the_default_addressee_is_the_regular_spokesperson_never_an_authorized_one(self):
        self.authorize(self.head, valid_from=dt.date(2026, 12, 1))
        on = dt.date(2026, 12, 6)
        self.assertEqual(selectors.current_spokesperson(self.unit_a, on), self.regular)
        self.assertEqual(selectors.current_spokesperson(self.unit_a_child, on), self.regular)
        Spokesperson.objects.filter(pk=self.regular.pk).update(valid_to=dt.date(2026, 12, 1))
        self.assertEqual(selectors.current_spokesperson(self.unit_a, on), self.head)


class PublicSpokespersonPageTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.head = appoint(cls.unit_a, Role.HEAD, "Nguyễn Văn Hùng", title="Chủ tịch UBND xã")
        cls.regular = appoint(
            cls.unit_a,
            Role.REGULAR,
            "Trịnh Thu Trang",
            phone="024 3765 1234",
            email="phatngon@ankhanh.example.vn",
            decision_number="125/QĐ-UBND",
            decided_at=DECIDED,
        )
        common: dict[str, Any] = {"title": "Trưởng Công an xã", "decision_number": "140/GUQ-UBND", "actor": None}
        cls.current = services.spokesperson_authorize(
            granted_by=cls.head,
            full_name="Lê Minh Quân",
            matter="Vụ cháy kho hàng tại thôn Đông",
            valid_from=dt.date(2026, 12, 1),
            valid_to=dt.date(2027, 1, 31),
            **common,
        )
        cls.expired = services.spokesperson_authorize(
            granted_by=cls.head,
            full_name="Bùi Thị Hạnh",
            matter="Sự cố vỡ đường ống nước",
            valid_from=dt.date(2026, 11, 20),
            valid_to=dt.date(2026, 11, 30),
            **common,
        )
        cls.hidden = appoint(cls.unit_a, Role.REGULAR, "Người chưa công khai", is_public=False)
        cls.child = appoint(cls.unit_a_child, Role.REGULAR, "Vũ Thị Lan", title="Trưởng phòng")
        cls.listing = SpokespersonListing.objects.get(organization=cls.unit_a)

    def page(self, path=None):
        with time_machine.travel(TODAY, tick=False):
            return self.client.get(path or self.listing.get_absolute_url())

    def test_the_stable_address_and_what_it_shows(self):
        self.assertEqual(self.listing.get_absolute_url(), "/nguoi-phat-ngon/ubnd-xa-an-khanh/")
        page = self.page()
        self.assertContains(page, "<h1>UBND xã An Khánh</h1>", html=True)
        for text in (
            "Nguyễn Văn Hùng",
            "Người đứng đầu cơ quan",
            "Trịnh Thu Trang",
            "Người phát ngôn thường xuyên",
            'href="tel:02437651234"',
            'href="mailto:phatngon@ankhanh.example.vn"',
            "125/QĐ-UBND",
            "Lê Minh Quân",
            "Vụ cháy kho hàng tại thôn Đông",
            "từ 01/12/2026 đến hết 31/01/2027",
        ):
            with self.subTest(text=text):
                self.assertContains(page, text)
        self.assertNotContains(page, "Bùi Thị Hạnh")  # the authorization ended on 30/11
        self.assertNotContains(page, "Người chưa công khai")

    def test_the_units_below_are_listed_too(self):
        page = self.page()
        self.assertContains(page, "Phòng Văn hóa - Xã hội xã An Khánh")
        self.assertContains(page, "Vũ Thị Lan")
        child_page = self.page(SpokespersonListing.objects.get(organization=self.unit_a_child).get_absolute_url())
        self.assertContains(child_page, "Vũ Thị Lan")
        self.assertNotContains(child_page, "Trịnh Thu Trang")

    def test_structured_data_is_a_government_organization_with_contact_points(self):
        html = self.page().content.decode()
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert found is not None
        data = json.loads(found.group(1))
        self.assertEqual(data["@type"], "GovernmentOrganization")
        self.assertEqual(data["name"], "UBND xã An Khánh")
        self.assertTrue(data["url"].endswith("/nguoi-phat-ngon/ubnd-xa-an-khanh/"))
        points = {p["name"]: p for p in data["contactPoint"]}
        self.assertEqual(sorted(points), ["Lê Minh Quân", "Nguyễn Văn Hùng", "Trịnh Thu Trang"])
        self.assertEqual(points["Trịnh Thu Trang"]["@type"], "ContactPoint")
        self.assertEqual(points["Trịnh Thu Trang"]["telephone"], "024 3765 1234")
        self.assertEqual(points["Trịnh Thu Trang"]["contactType"], "Người phát ngôn thường xuyên")
        self.assertIn("Vụ cháy kho hàng", points["Lê Minh Quân"]["description"])
        self.assertEqual(data["subOrganization"][0]["contactPoint"][0]["name"], "Vũ Thị Lan")

    def test_the_list_of_units(self):
        with time_machine.travel(TODAY, tick=False):
            page = self.client.get(reverse("spokespersons_public:list"))
        self.assertContains(page, f'<a href="{self.listing.get_absolute_url()}">UBND xã An Khánh</a>', html=True)
        self.assertContains(page, "3 người phát ngôn")
        self.assertNotContains(page, "Báo Thử Nghiệm")

    def test_an_unknown_unit_is_404(self):
        self.assertEqual(self.client.get("/nguoi-phat-ngon/khong-co/").status_code, 404)

    def test_the_address_does_not_change_when_the_unit_is_renamed_and_leads_to_the_successor_after_a_merger(self):
        self.unit_a.name = "UBND xã An Khánh (đổi tên)"
        self.unit_a.save(update_fields=["name"])
        appoint(self.unit_a, Role.REGULAR, "Người mới", now=TODAY)
        self.assertEqual(SpokespersonListing.objects.get(organization=self.unit_a).slug, "ubnd-xa-an-khanh")
        successor = account_services.organization_create(actor=None, name="UBND xã Hòa Bình", kind="partner")
        appoint(successor, Role.REGULAR, "Người kế thừa", now=TODAY)
        account_services.organization_merge(
            actor=None, organization=self.unit_a, successors=[successor], effective_on=dt.date(2026, 12, 1)
        )
        page = self.page()
        self.assertContains(page, "đã kết thúc hoạt động")
        self.assertContains(page, 'href="/nguoi-phat-ngon/ubnd-xa-hoa-binh/"')

    def test_the_workspace_directory_links_the_public_page(self):
        self.login(self.liaison_a)
        with time_machine.travel(TODAY, tick=False):
            page = self.client.get(reverse("spokespersons"))
        self.assertContains(page, f'href="{self.listing.get_absolute_url()}"')
        self.assertContains(page, "Lê Minh Quân")
        self.assertNotContains(page, "Bùi Thị Hạnh")


class SpokespersonAdminTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", cls.password)
        cls.regular = appoint(cls.unit_a, Role.REGULAR, "Trịnh Thu Trang")

    def form(self, **fields):
        data = {
            "organization": str(self.unit_a.pk),
            "role": Role.REGULAR,
            "full_name": "Đỗ Thị Mai",
            "title": "Chánh Văn phòng",
            "phone": "",
            "email": "",
            "valid_from": "2026-12-01",
            "valid_to": "",
            "decision_number": "130/QĐ-UBND",
            "decided_at": "2026-12-01 08:00",
            "matter": "",
            "authorized_by": "",
            "is_public": "on",
        }
        data.update(fields)
        return data

    def test_saving_in_the_admin_goes_through_the_service(self):
        self.login(self.admin)
        response = self.client.post("/admin/spokesperson/new/", self.form())
        self.assertEqual(response.status_code, 302)
        person = Spokesperson.objects.get(full_name="Đỗ Thị Mai")
        self.assertEqual(person.publish_due_at, dt.datetime(2026, 12, 2, 8, tzinfo=HANOI))
        self.assertIsNotNone(person.published_at)
        self.assertTrue(AuditEvent.objects.for_object(person).filter(verb="spokesperson.created").exists())

    def test_the_admin_offers_only_a_head_as_the_one_who_authorizes(self):
        self.login(self.admin)
        response = self.client.post(
            "/admin/spokesperson/new/",
            self.form(
                role=Role.AUTHORIZED,
                authorized_by=str(self.regular.pk),
                matter="Vụ cháy",
                valid_to="2026-12-31",
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Spokesperson.objects.filter(full_name="Đỗ Thị Mai").exists())
