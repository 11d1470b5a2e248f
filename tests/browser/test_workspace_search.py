"""#12 item 7 in Chromium: the workspace search box in the navigation of every workspace page finds,
without diacritics, the liaison's own unit's items with the words highlighted, and nothing of another unit."""

import types

import pytest
from django.db import transaction

from phoihop.exchange import services
from phoihop.exchange.tests import files
from phoihop.testing import PASSWORD, build_personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_search_box_finds_own_units_items_highlighted(live_server, page, artifacts):
    p = types.SimpleNamespace()
    build_personas(p)
    with transaction.atomic():
        services.submission_create(
            actor=p.liaison_a,
            organization=p.unit_a,
            title="Báo cáo giải phóng mặt bằng quý III",
            body="Xã An Khánh đã bàn giao mặt bằng.",
            files=[files.docx_file(text="Biên bản giải phóng mặt bằng tuyến đường liên xã")],
        )
        services.submission_create(
            actor=p.liaison_b, organization=p.unit_b, title="Phường Bình Minh giải phóng mặt bằng chợ", body="x"
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server.url, "dm_a")
    page.goto(live_server.url + "/phoi-hop/")
    nav = page.get_by_role("navigation", name="Khu làm việc")
    nav.get_by_label("Tìm trong hồ sơ phối hợp").fill("giai phong mat bang")
    nav.get_by_role("button", name="Tìm").click()
    page.wait_for_load_state()
    assert "/tim-kiem/phoi-hop/" in page.url
    results = page.locator(".ws-hit")
    assert results.count() == 2  # the submission and its DOCX, not the other unit's
    assert "Bình Minh" not in page.content()
    assert "giải phóng mặt bằng" in [text.lower() for text in page.locator(".ws-hit mark").all_inner_texts()]
    page.screenshot(path=str(artifacts / "workspace-search-1280.png"), full_page=True)
    page.get_by_role("link", name="Tệp đính kèm").click()
    page.wait_for_load_state()
    assert page.locator(".ws-hit").count() == 1
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "workspace-search-390.png"), full_page=True)
