"""Issue 4's acceptance: an editor gives a partner's submission to a reporter in one click; the
reporter writes the draft in Wagtail's editor and submits it; the four approvers (Biên tập viên,
Trưởng ban of the category, Phó Tổng Biên tập, Tổng Biên tập) each approve in Wagtail's admin;
the article is then live at its portal address, and the partner who sent the submission sees
"Đã đăng" with the link. Every step is clicked through the UI; nothing uses the workflow API."""

import types

import pytest

from phoihop.accounts.models import Role
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import Submission
from phoihop.exchange.tests import files
from phoihop.newsroom import services as newsroom_services
from phoihop.newsroom.models import Assignment
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage
from phoihop.testing import PASSWORD, build_personas, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Xã An Khánh khánh thành cầu dân sinh"


def login(browser, base, username, *, phone=False):
    page = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    page.set_default_timeout(15_000)
    if phone:
        page.set_viewport_size({"width": 390, "height": 844})
    else:
        page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return page


def open_action_menu(page):
    """Wagtail's footer action menu: the arrow next to the main button opens the other actions."""
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()


def approve_in_admin(browser, base, username, article_id, step):
    page = login(browser, base, username)
    page.goto(f"{base}/admin/pages/{article_id}/edit/")
    assert step in page.content(), f"{username} expected step {step}"
    open_action_menu(page)
    page.locator('footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    page.wait_for_load_state()
    page.context.close()


def test_submission_to_published_article_through_four_approvals(live_server, browser, artifacts, settings):
    # Full addresses (the link the partner gets) point at the test server: it is the public origin.
    settings.PHOIHOP_BASE_URL = live_server.url
    people = types.SimpleNamespace()
    build_personas(people)
    newsroom_services.workflows_ensure()
    make_user("btv", "Nguyễn Thị Mai", people.press, Role.EDITOR)
    head = make_user("tb_ts", "Phạm Văn Long", people.press, Role.SECTION_HEAD)
    make_user("ptbt", "Vũ Minh Khôi", people.press, Role.DEPUTY_EDITOR)
    category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
    newsroom_services.section_member_set(actor=people.chief, category=category, user=head, is_head=True)
    submission = exchange_services.submission_create(
        actor=people.liaison_a,
        organization=people.unit_a,
        title=TITLE,
        body="Sáng 5/3, UBND xã An Khánh khánh thành cầu dân sinh.\nCầu dài 30 m, rộng 4 m.",
        files=[files.jpeg_with_gps("cau-dan-sinh.jpg")],
    )

    # 1. The editor gives it to the reporter: one form, one click.
    editor = login(browser, live_server.url, "btv")
    editor.goto(live_server.url + submission.get_absolute_url())
    editor.get_by_role("link", name="Giao việc").click()
    editor.get_by_label("Giao cho").select_option(label="Trần Minh Đức")
    editor.get_by_label("Ban / chuyên mục").select_option(label="Thời sự")
    editor.locator("form.card").get_by_role("button", name="Giao việc").click()
    editor.wait_for_load_state()
    assert "Đã giao việc cho Trần Minh Đức" in editor.content()
    assignment = Assignment.objects.get(submission=submission)
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.IN_PROGRESS
    editor.context.close()

    # 2. The reporter starts, opens the draft in Wagtail's editor, writes, and submits it.
    reporter = login(browser, live_server.url, "pv", phone=True)
    reporter.goto(live_server.url + "/toa-soan/")
    reporter.get_by_role("link", name=TITLE).click()
    reporter.get_by_role("button", name="Bắt đầu thực hiện").click()
    reporter.wait_for_load_state()
    reporter.screenshot(path=str(artifacts / "newsroom-assignment-390.png"), full_page=True)
    reporter.set_viewport_size({"width": 1280, "height": 900})
    reporter.locator("#ban-thao").click()
    reporter.wait_for_load_state()
    reporter.locator("#id_sapo").fill("Cây cầu mới nối hai thôn, người dân hết cảnh đi đò.")
    open_action_menu(reporter)
    assert reporter.locator('footer button[name="action-publish"]').count() == 0  # reporters never publish
    reporter.locator('footer button[name="action-submit"]').click()
    reporter.wait_for_load_state()
    article = ArticlePage.objects.get(pk=assignment.article_id)
    assert article.workflow_in_progress
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.SUBMITTED
    reporter.context.close()

    # 3. Four approvals in the admin, in order.
    for username, step in (
        ("btv", "Biên tập viên"),
        ("tb_ts", "Trưởng ban — Thời sự"),
        ("ptbt", "Phó Tổng Biên tập"),
        ("tbt", "Tổng Biên tập"),
    ):
        approve_in_admin(browser, live_server.url, username, article.pk, step)
    article.refresh_from_db()
    assert article.live
    assert article.sapo == "Cây cầu mới nối hai thôn, người dân hết cảnh đi đò."

    # 4. Readers see it at its portal address.
    reader = browser.new_context(locale="vi-VN").new_page()
    response = reader.goto(live_server.url + "/thoi-su/xa-an-khanh-khanh-thanh-cau-dan-sinh/")
    assert response.status == 200
    assert reader.locator("h1").inner_text() == TITLE
    assert "Ảnh: UBND xã An Khánh" in reader.content()
    reader.context.close()

    # 5. The partner who sent it sees "Đã đăng" and the link.
    partner = login(browser, live_server.url, "dm_a", phone=True)
    partner.goto(live_server.url + submission.get_absolute_url())
    assert partner.locator("#trang-thai").inner_text() == "Đã đăng"
    link = partner.get_by_role("link", name=live_server.url + article.url)
    assert link.get_attribute("href") == live_server.url + "/thoi-su/xa-an-khanh-khanh-thanh-cau-dan-sinh/"
    partner.screenshot(path=str(artifacts / "newsroom-submission-published-390.png"), full_page=True)
    link.click()
    partner.wait_for_load_state()
    assert partner.locator("h1").inner_text() == TITLE
    partner.context.close()
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.COMPLETED


def test_planning_calendar_on_a_phone_and_a_desk(live_server, browser, artifacts):
    import datetime as dt

    from django.utils import timezone

    people = types.SimpleNamespace()
    build_personas(people)
    category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
    today = timezone.localdate()
    at = timezone.make_aware(dt.datetime.combine(today, dt.time(15, 0)))
    newsroom_services.assignment_create(
        actor=people.chief, title="Phỏng vấn Chủ tịch xã", due_at=at, assignee=people.reporter, section=category
    )
    exchange_services.submission_create(
        actor=people.liaison_a,
        organization=people.unit_a,
        title="Giấy mời dự Lễ ra quân Tết trồng cây",
        kind=Submission.Kind.EVENT,
        event_starts_at=at + dt.timedelta(days=1),
        event_location="Nhà văn hóa xã",
    )
    page = login(browser, live_server.url, "tbt", phone=True)
    page.goto(live_server.url + "/toa-soan/lich/")
    # On a phone the week is a list: one day under the other, each with its weekday name.
    days = page.locator(".cal-day:visible")
    boxes = [days.nth(i).bounding_box() for i in range(days.count())]
    assert all(box["x"] == boxes[0]["x"] for box in boxes)
    assert page.get_by_role("link", name="Phỏng vấn Chủ tịch xã").is_visible()
    page.screenshot(path=str(artifacts / "newsroom-calendar-week-390.png"), full_page=True)
    page.get_by_role("link", name="Tháng", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Phỏng vấn Chủ tịch xã").is_visible()
    page.screenshot(path=str(artifacts / "newsroom-calendar-month-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    first, second = page.locator(".cal-row:not(.cal-weekdays)").first.locator(".cal-day").all()[:2]
    assert first.bounding_box()["y"] == second.bounding_box()["y"]  # a grid on a desk
    page.screenshot(path=str(artifacts / "newsroom-calendar-month-1280.png"), full_page=True)
    page.goto(live_server.url + "/toa-soan/")
    page.screenshot(path=str(artifacts / "newsroom-board-1280.png"), full_page=True)
    page.context.close()
