"""Issue 12's acceptance (1) in Chromium: at every stage from a partner's submission to publication —
sent, assigned, draft, in review — an anonymous reader and a user of another unit get 404 for every
Wagtail copy of the submission's files (documents, the photo's original) and never get the
partner's attachments (another unit: 404; anonymous: the login page); after publication only the
file the editor ticked "Công khai cùng bài" is public, and after the takedown none is.

/media/ is served to Chromium straight from MEDIA_ROOT, as nginx does in production, so "the
original is not public" is checked at the address it would have, not only in the database.
"""

from __future__ import annotations

import mimetypes
import types
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from phoihop.accounts.models import Role
from phoihop.exchange import services as exchange_services
from phoihop.exchange.tests import files
from phoihop.newsroom import services as newsroom_services
from phoihop.newsroom.models import Assignment, PartnerFile
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage
from phoihop.testing import build_personas, make_user
from tests.browser.test_newsroom_flow import approve_in_admin, login, open_action_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

User = get_user_model()
TITLE = "Xã An Khánh công bố kế hoạch sửa cầu dân sinh"


def serve_media_like_nginx(page: Any) -> None:
    """`location /media/ { alias MEDIA_ROOT; }`: whatever is in MEDIA_ROOT, and nothing else."""
    root = Path(settings.MEDIA_ROOT)

    def handle(route: Any) -> None:
        path = root / route.request.url.split("/media/", 1)[1]
        if path.is_file():
            route.fulfill(body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0] or "")
        else:
            route.fulfill(status=404, body="404 Not Found", content_type="text/plain")

    page.route("**/media/**", handle)


class Outsiders:
    """An anonymous reader and the liaison of another unit, each in their own browser."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        anonymous = browser.new_context(locale="vi-VN").new_page()
        anonymous.set_default_timeout(15_000)
        self.pages = {"anonymous": anonymous, "dm_b": login(browser, base, "dm_b")}
        for page in self.pages.values():
            serve_media_like_nginx(page)

    def assert_closed(self, stage: str, submission: Any, *, public: tuple[Any, ...] = ()) -> None:
        copies = list(PartnerFile.objects.filter(submission=submission).select_related("document", "image"))
        urls = [c.document.url for c in copies if c.document is not None and c.document not in public]
        for copy in copies:
            if copy.image is not None:  # the original, where nginx would serve it, and its own address
                urls += [settings.MEDIA_URL + copy.image.file.name, copy.image.file.url]
        for who, page in self.pages.items():
            for url in urls:  # a real navigation, up to the answer (no 404 page assets to wait for)
                response = page.goto(self.base + url, wait_until="commit")
                assert response.status == 404, (stage, who, url, response.status)
            for attachment in submission.attachments.all():
                response = page.goto(self.base + attachment.get_absolute_url(), wait_until="commit")
                if who == "anonymous":
                    assert page.url.startswith(self.base + "/tai-khoan/dang-nhap/"), (stage, who, page.url)
                else:
                    assert response.status == 404, (stage, who, attachment.original_name, response.status)
            for document in public:
                assert page.request.get(self.base + document.url).status == 200, (stage, who, document.title)

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


def test_partner_files_stay_private_until_the_chosen_one_is_published(live_server, browser, artifacts, settings):
    settings.PHOIHOP_BASE_URL = live_server.url
    base = live_server.url
    people = types.SimpleNamespace()
    build_personas(people)
    newsroom_services.workflows_ensure()
    make_user("btv", "Nguyễn Thị Mai", people.press, Role.EDITOR)
    make_user("btv2", "Đinh Văn Quang", people.press, Role.EDITOR)
    head = make_user("tb_ts", "Phạm Văn Long", people.press, Role.SECTION_HEAD)
    make_user("ptbt", "Vũ Minh Khôi", people.press, Role.DEPUTY_EDITOR)
    category = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
    newsroom_services.section_member_set(actor=people.chief, category=category, user=head, is_head=True)
    pdf = files.pdf_file("ke-hoach.pdf", "Ke hoach sua cau")
    submission = exchange_services.submission_create(
        actor=people.liaison_a,
        organization=people.unit_a,
        title=TITLE,
        body="UBND xã An Khánh công bố kế hoạch sửa cầu dân sinh.\nCầu sẽ đóng cửa 10 ngày.",
        files=[files.jpeg_with_gps("hien-truong.jpg"), pdf, files.docx_file("bien-ban-hop.docx")],
    )
    outsiders = Outsiders(browser, base)

    # 1. Sent.
    outsiders.assert_closed("sent", submission)

    # 2. Assigned: "Giao việc" copies the files into Wagtail.
    editor = login(browser, base, "btv")
    editor.goto(base + submission.get_absolute_url())
    editor.get_by_role("link", name="Giao việc").click()
    editor.get_by_label("Giao cho").select_option(label="Trần Minh Đức")
    editor.get_by_label("Ban / chuyên mục").select_option(label="Thời sự")
    editor.locator("form.card").get_by_role("button", name="Giao việc").click()
    editor.wait_for_load_state()
    assert "Riêng tư: chỉ tòa soạn" in editor.content()
    editor.context.close()
    assignment = Assignment.objects.get(submission=submission)
    assert PartnerFile.objects.filter(submission=submission).count() == 3
    outsiders.assert_closed("assigned", submission)

    # 3. Draft: an editor ticks "Công khai cùng bài" for the plan (PDF) only, and saves the draft.
    desk = login(browser, base, "btv2")
    desk.goto(f"{base}/admin/pages/{assignment.article_id}/edit/")
    title = desk.locator('[id$="-value-document-title"]', has_text="ke-hoach")
    public_box = desk.locator("#" + title.get_attribute("id").removesuffix("document-title") + "public")
    public_box.check()
    public_box.scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "newsroom-files-tick-1280.png"))
    desk.locator("footer button.action-save").click()
    desk.wait_for_load_state()
    desk.context.close()
    article = ArticlePage.objects.get(pk=assignment.article_id)
    [block] = [b for b in article.body if b.block_type == "documents"]
    assert {i["document"].title: i["public"] for i in block.value["documents"]} == {
        "ke-hoach": True,
        "bien-ban-hop": False,
    }
    outsiders.assert_closed("draft", submission)

    # 4. In review: the reporter submits it; three of the four steps approve.
    reporter = login(browser, base, "pv")
    reporter.goto(f"{base}/admin/pages/{article.pk}/edit/")
    reporter.locator("#id_sapo").fill("Cầu dân sinh ở xã An Khánh sẽ được sửa trong 10 ngày.")
    open_action_menu(reporter)
    reporter.locator('footer button[name="action-submit"]').click()
    reporter.wait_for_load_state()
    reporter.context.close()
    outsiders.assert_closed("in review", submission)
    # The first three steps approve through Wagtail's workflow API (the admin's buttons are clicked
    # step by step in test_newsroom_flow); the last one, which publishes, in the admin below.
    for username in ("btv", "tb_ts", "ptbt"):
        page = ArticlePage.objects.get(pk=article.pk)
        page.current_workflow_task.on_action(
            page.current_workflow_task_state, User.objects.get(username=username), "approve"
        )
    outsiders.assert_closed("in review, at the last step", submission)

    # 5. Published: the reader sees and downloads the plan, and only the plan.
    approve_in_admin(browser, base, "tbt", article.pk, "Tổng Biên tập")
    article.refresh_from_db()
    assert article.live
    plan = PartnerFile.objects.get(submission=submission, document__title="ke-hoach").document
    reader = outsiders.pages["anonymous"]
    reader.set_viewport_size({"width": 390, "height": 844})
    reader.goto(base + article.url)
    downloads = reader.locator(".downloads a")
    assert downloads.all_inner_texts() == ["ke-hoach"]
    assert "Ảnh: UBND xã An Khánh" in reader.content() and "Ảnh: Ảnh:" not in reader.content()
    assert reader.locator(".body img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    reader.locator(".downloads").scroll_into_view_if_needed()
    reader.screenshot(path=str(artifacts / "article-downloads-390.png"))
    with reader.expect_download() as download:
        downloads.first.click()
    assert Path(download.value.path()).read_bytes() == plan.file.open("rb").read()
    outsiders.assert_closed("published", submission, public=(plan,))

    # 6. Taken down by the editor-in-chief: the plan is private again.
    chief = login(browser, base, "tbt")
    chief.goto(f"{base}/toa-soan/bai/{article.pk}/")
    chief.get_by_role("link", name="Gỡ bài khỏi mọi trang công khai…").click()  # a confirmation page first
    chief.get_by_label("Lý do gỡ bài").fill("Kế hoạch được UBND xã điều chỉnh.")
    chief.get_by_role("button", name="Xác nhận gỡ bài").click()
    chief.wait_for_load_state()
    chief.context.close()
    assert not ArticlePage.objects.get(pk=article.pk).live
    outsiders.assert_closed("taken down", submission)
    outsiders.close()
