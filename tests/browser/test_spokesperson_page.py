"""Issue 13's acceptance: a partner unit's "Người phát ngôn" page appears on the portal, with the
spokespersons in office (an ended authorization hidden) and its schema.org structured data."""

from __future__ import annotations

import datetime as dt
import json
import types

import pytest
from django.utils import timezone

from phoihop.programs import services
from phoihop.programs.models import Spokesperson
from phoihop.testing import build_personas
from tests.browser.test_portal import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_units_spokesperson_page_on_the_portal(live_server, page, artifacts, settings):
    settings.PHOIHOP_BASE_URL = live_server.url
    people = types.SimpleNamespace()
    build_personas(people)
    today = timezone.localdate()
    head = services.spokesperson_appoint(
        actor=None,
        organization=people.unit_a,
        role=Spokesperson.Role.HEAD,
        full_name="Nguyễn Văn Hùng",
        title="Chủ tịch UBND xã",
        valid_from=dt.date(2025, 7, 1),
    )
    services.spokesperson_appoint(
        actor=None,
        organization=people.unit_a,
        role=Spokesperson.Role.REGULAR,
        full_name="Trịnh Thu Trang",
        title="Phó Chủ tịch UBND xã",
        phone="024 3765 1234",
        email="phatngon@ankhanh.example.vn",
        valid_from=dt.date(2026, 7, 2),
        decision_number="125/QĐ-UBND",
        decided_at=dt.datetime(2026, 7, 2, 8, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    )
    for name, start, end in (
        ("Lê Minh Quân", today - dt.timedelta(days=3), today + dt.timedelta(days=30)),
        ("Bùi Thị Hạnh", today - dt.timedelta(days=40), today - dt.timedelta(days=10)),
    ):
        services.spokesperson_authorize(
            actor=None,
            granted_by=head,
            full_name=name,
            title="Trưởng Công an xã",
            matter="Vụ cháy kho hàng tại thôn Đông",
            valid_from=start,
            valid_to=end,
            decision_number="140/GUQ-UBND",
        )

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/nguoi-phat-ngon/")
    assert page.locator(".site-header .brand").is_visible()  # inside the portal's own frame
    page.get_by_role("link", name="UBND xã An Khánh").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/nguoi-phat-ngon/ubnd-xa-an-khanh/"
    assert page.get_by_role("heading", level=1).inner_text() == "UBND xã An Khánh"
    cards = page.locator("#nguoi-phat-ngon .spokesperson")
    assert cards.count() == 3
    regular = cards.filter(has_text="Trịnh Thu Trang")
    assert "Người phát ngôn thường xuyên" in regular.inner_text()
    assert regular.get_by_role("link", name="024 3765 1234").get_attribute("href") == "tel:02437651234"
    assert regular.get_by_role("link", name="phatngon@ankhanh.example.vn").is_visible()
    assert "Lê Minh Quân" in page.content()
    assert "Bùi Thị Hạnh" not in page.content()
    # Nothing wider than a phone screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "spokespersons-unit-390.png"), full_page=True)

    data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert data["@type"] == "GovernmentOrganization"
    assert data["url"] == live_server.url + "/nguoi-phat-ngon/ubnd-xa-an-khanh/"
    assert sorted(point["name"] for point in data["contactPoint"]) == [
        "Lê Minh Quân",
        "Nguyễn Văn Hùng",
        "Trịnh Thu Trang",
    ]
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    page.screenshot(path=str(artifacts / "spokespersons-unit-1280.png"), full_page=True)
