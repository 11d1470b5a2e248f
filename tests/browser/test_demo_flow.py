import json

import pytest

from phoihop.demo import content, story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_sees_the_story_and_editor_in_chief_logs_into_admin(live_server, page, artifacts, demo_logins):
    story.load(logins_path=demo_logins)
    password = json.loads(demo_logins.read_text(encoding="utf-8"))["tongbientap"]

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    newest = max(content.ARTICLES, key=lambda a: a["published_at"])
    assert page.get_by_role("link", name=newest["title"]).first.is_visible()
    page.screenshot(path=str(artifacts / "home-1280.png"), full_page=True)

    page.get_by_role("link", name=newest["title"]).first.click()
    assert page.locator("h1").inner_text() == newest["title"]
    assert newest["sapo"] in page.locator(".sapo").first.inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "article-390.png"), full_page=True)

    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/admin/")
    page.get_by_label("Tên đăng nhập").fill("tongbientap")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert "Lê Thị Bích Ngọc" in page.content()


def test_partner_user_is_kept_out_of_admin(live_server, page, demo_logins):
    story.load(logins_path=demo_logins)
    password = json.loads(demo_logins.read_text(encoding="utf-8"))["daumoi"]
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("daumoi")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")
    response = page.goto(live_server.url + "/admin/")
    assert response.status == 404
    assert "Không tìm thấy trang" in page.content()
