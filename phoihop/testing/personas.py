"""Shared test personas: built once per test class with `setUpTestData`.

* `chief` — Tổng Biên tập of the newspaper `press`
* `reporter` — Phóng viên of `press`
* `liaison_a` — Cán bộ đầu mối of partner unit `unit_a`; `staff_a` — Cán bộ (read-only) of `unit_a`
* `leader_a` — Lãnh đạo of `unit_a`, which has the sub-unit `unit_a_child`
* `liaison_b` — Cán bộ đầu mối of partner unit `unit_b`: the outsider for everything of unit A
* `nobody` — a login with no membership at all
"""

from __future__ import annotations

from typing import Any

from django.test import TestCase

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Organization, OrganizationLevel, Role
from phoihop.portal.services import newsroom_groups_ensure, site_ensure

PASSWORD = "mat-khau-thu-nghiem-2026"  # noqa: S105 — test fixture


def make_user(username: str, full_name: str, org: Organization | None = None, role: str = "") -> Any:
    user = account_services.user_create(
        username=username, password=PASSWORD, full_name=full_name, email=f"{username}@example.vn"
    )
    if org is not None:
        account_services.membership_create(actor=None, user=user, organization=org, role=role)
    return user


def build_personas(target: Any) -> None:
    """Create the shared personas and set them as attributes of `target` (a test class or namespace)."""
    account_services.levels_ensure()
    site_ensure()
    newsroom_groups_ensure()
    commune = OrganizationLevel.objects.get(code="commune")
    department = OrganizationLevel.objects.get(code="department")
    target.press = account_services.organization_create(actor=None, name="Báo Thử Nghiệm", kind=Organization.Kind.PRESS)
    target.unit_a = account_services.organization_create(
        actor=None, name="UBND xã An Khánh", kind=Organization.Kind.PARTNER, level=commune
    )
    target.unit_a_child = account_services.organization_create(
        actor=None,
        name="Phòng Văn hóa - Xã hội xã An Khánh",
        kind=Organization.Kind.PARTNER,
        level=department,
        parent=target.unit_a,
    )
    target.unit_b = account_services.organization_create(
        actor=None, name="UBND phường Bình Minh", kind=Organization.Kind.PARTNER, level=commune
    )
    target.chief = make_user("tbt", "Lê Thị Bích Ngọc", target.press, Role.EDITOR_IN_CHIEF)
    target.reporter = make_user("pv", "Trần Minh Đức", target.press, Role.REPORTER)
    target.leader_a = make_user("ld_a", "Nguyễn Văn Hùng", target.unit_a, Role.LEADER)
    target.liaison_a = make_user("dm_a", "Phạm Thu Hà", target.unit_a, Role.LIAISON)
    target.staff_a = make_user("cb_a", "Đỗ Quang Vinh", target.unit_a, Role.STAFF)
    target.liaison_child = make_user("dm_a_con", "Vũ Thị Lan", target.unit_a_child, Role.LIAISON)
    target.liaison_b = make_user("dm_b", "Hoàng Văn Nam", target.unit_b, Role.LIAISON)
    target.nobody = make_user("khach", "Ngô Bảo Châu")


class PersonaTestCase(TestCase):
    password = PASSWORD
    press: Organization
    unit_a: Organization
    unit_a_child: Organization
    unit_b: Organization
    chief: Any
    reporter: Any
    leader_a: Any
    liaison_a: Any
    staff_a: Any
    liaison_child: Any
    liaison_b: Any
    nobody: Any

    @classmethod
    def make_user(cls, username: str, full_name: str, org: Organization | None = None, role: str = "") -> Any:
        return make_user(username, full_name, org, role)

    @classmethod
    def setUpTestData(cls) -> None:
        build_personas(cls)

    def login(self, user: Any) -> None:
        self.client.force_login(user)
