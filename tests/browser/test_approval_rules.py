"""#12 item 4's acceptance (4): in Chromium, an editor who wrote and submitted an article cannot approve
it at step 1, and the Phó Tổng Biên tập who decides step 3 can neither publish the article over step 4
nor decide step 4; each is told why in Vietnamese. The article then goes on through the people whose
steps they are."""

import types

import pytest
from django.db import transaction
from wagtail.models import Page

from phoihop.accounts.models import Role
from phoihop.newsroom import services as newsroom_services
from phoihop.portal import services as portal_services
from phoihop.testing import build_personas, make_user
from tests.browser.test_newsroom_flow import login, open_action_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN = "Biên tập viên tự viết: lịch tiếp công dân tháng 12"
SKIP = "Xã An Khánh khánh thành cầu dân sinh"


def approve(page_id, user):
    """A step decided outside the browser, as its approver would (the setup of the skip case)."""
    with transaction.atomic():
        page = Page.objects.get(pk=page_id).specific
        task = page.current_workflow_task
        task.on_action(page.current_workflow_task_state, user, "approve")


def test_self_approval_and_skipping_the_last_step_are_refused(live_server, browser, artifacts, settings):
    settings.PHOIHOP_BASE_URL = live_server.url
    people = types.SimpleNamespace()
    build_personas(people)
    newsroom_services.workflows_ensure()
    editor = make_user("btv", "Nguyễn Thị Mai", people.press, Role.EDITOR)
    other_editor = make_user("btv2", "Hoàng Thị Thu", people.press, Role.EDITOR)
    head = make_user("tb_ts", "Phạm Văn Long", people.press, Role.SECTION_HEAD)
    make_user("ptbt", "Vũ Minh Khôi", people.press, Role.DEPUTY_EDITOR)
    category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
    newsroom_services.section_member_set(actor=people.chief, category=category, user=head, is_head=True)
    own = portal_services.article_create(
        actor=editor, category=category, title=OWN, sapo="Lịch tiếp công dân.", publish=False
    )
    Page.objects.filter(pk=own.pk).update(owner=editor)
    skip = portal_services.article_create(
        actor=people.reporter, category=category, title=SKIP, sapo="Cầu mới nối hai thôn.", publish=False
    )
    Page.objects.filter(pk=skip.pk).update(owner=people.reporter)

    # 1. The editor submits his own article, then finds no way to approve it, and is told why.
    page = login(browser, live_server.url, "btv")
    page.goto(f"{live_server.url}/admin/pages/{own.pk}/edit/")
    open_action_menu(page)
    page.locator('footer button[name="action-submit"]').click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/admin/pages/{own.pk}/edit/")
    notice = page.get_by_text("Bài đang chờ bước 1/4 (Biên tập viên)")
    assert notice.is_visible()
    assert "Bạn không duyệt được bài của chính mình" in notice.inner_text()
    assert page.locator('button[data-workflow-action-name="approve"]').count() == 0
    page.screenshot(path=str(artifacts / "approval-own-article-refused-1280.png"), full_page=True)
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("#awaiting-review").count() == 0  # nothing waits for him
    page.context.close()
    # Another editor approves it.
    page = login(browser, live_server.url, "btv2")
    page.goto(f"{live_server.url}/admin/pages/{own.pk}/edit/")
    open_action_menu(page)
    page.locator('footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    page.wait_for_load_state()
    assert "Đã duyệt bước 1/4 (Biên tập viên)" in page.content()
    assert "chờ bước 2/4: Trưởng ban — Thời sự" in page.content()
    page.context.close()

    # 2. The reporter's article reaches step 3 (Phó Tổng Biên tập).
    skip_page = Page.objects.get(pk=skip.pk).specific
    skip_page.get_workflow().start(skip_page, people.reporter)
    approve(skip.pk, other_editor)
    approve(skip.pk, head)

    deputy = login(browser, live_server.url, "ptbt")
    # No "Publish" in the editor while the article is in its workflow.
    deputy.goto(f"{live_server.url}/admin/pages/{skip.pk}/edit/")
    open_action_menu(deputy)
    assert deputy.locator('footer button[name="action-publish"]').count() == 0
    # Bulk publishing it from the category's listing is refused, in Vietnamese.
    deputy.goto(f"{live_server.url}/admin/pages/{category.pk}/")
    deputy.locator(f'input[data-bulk-action-checkbox][data-object-id="{skip.pk}"]').check()
    deputy.locator('.bulk-actions-buttons a[href*="/bulk/wagtailcore/page/publish/"]').click()
    deputy.wait_for_load_state()
    deputy.locator('form[action*="/bulk/wagtailcore/page/publish/"] button[type="submit"]').click()
    deputy.wait_for_load_state()
    refusal = deputy.get_by_text("đang chờ bước 3/4 (Phó Tổng Biên tập) của quy trình duyệt")
    assert refusal.is_visible()
    assert "không ai đăng thẳng hay bỏ qua bước nào" in refusal.inner_text()
    deputy.screenshot(path=str(artifacts / "approval-skip-refused-1280.png"), full_page=True)
    assert not Page.objects.get(pk=skip.pk).live
    # He approves his own step; the last one is not his, and he is told so.
    deputy.goto(f"{live_server.url}/admin/pages/{skip.pk}/edit/")
    open_action_menu(deputy)
    deputy.locator('footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    deputy.wait_for_load_state()
    assert "Đã duyệt bước 3/4 (Phó Tổng Biên tập)" in deputy.content()
    deputy.goto(f"{live_server.url}/admin/pages/{skip.pk}/edit/")
    notice = deputy.get_by_text("Bài đang chờ bước 4/4 (Tổng Biên tập)")
    assert notice.is_visible()
    assert "Bước này do Tổng Biên tập quyết định." in notice.inner_text()
    assert deputy.locator('button[data-workflow-action-name="approve"]').count() == 0
    deputy.context.close()
    assert not Page.objects.get(pk=skip.pk).live

    # 3. The Tổng Biên tập decides the last step: the article is published.
    chief = login(browser, live_server.url, "tbt")
    chief.goto(f"{live_server.url}/admin/pages/{skip.pk}/edit/")
    open_action_menu(chief)
    chief.locator('footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    chief.wait_for_load_state()
    assert "Đã duyệt bước 4/4 (Tổng Biên tập)" in chief.content()
    chief.context.close()
    assert Page.objects.get(pk=skip.pk).live
