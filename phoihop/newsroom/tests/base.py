"""Shared newsroom fixtures: the four approvers, two categories with their own section heads, one
category without a section (it uses the default workflow), and a partner's submission with a photo
and a PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from phoihop.accounts.models import Role
from phoihop.exchange import services as exchange_services
from phoihop.newsroom import services
from phoihop.portal import services as portal_services
from phoihop.testing import PersonaTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=HANOI)


class NewsroomTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        services.workflows_ensure()
        cls.editor = cls.make_user("btv", "Nguyễn Thị Mai", cls.press, Role.EDITOR)
        cls.head_a = cls.make_user("tb_ts", "Phạm Văn Long", cls.press, Role.SECTION_HEAD)
        cls.head_b = cls.make_user("tb_kt", "Đặng Thu Trang", cls.press, Role.SECTION_HEAD)
        cls.deputy = cls.make_user("ptbt", "Vũ Minh Khôi", cls.press, Role.DEPUTY_EDITOR)
        cls.reporter_b = cls.make_user("pv_kt", "Lý Thị Hạnh", cls.press, Role.REPORTER)
        cls.cat_a = portal_services.category_ensure(slug="thoi-su", title="Thời sự")
        cls.cat_b = portal_services.category_ensure(slug="kinh-te", title="Kinh tế")
        cls.cat_c = portal_services.category_ensure(slug="xa-hoi", title="Xã hội")
        services.section_member_set(actor=cls.chief, category=cls.cat_a, user=cls.head_a, is_head=True)
        services.section_member_set(actor=cls.chief, category=cls.cat_b, user=cls.head_b, is_head=True)
        services.section_member_set(actor=cls.chief, category=cls.cat_a, user=cls.reporter)
        services.section_member_set(actor=cls.chief, category=cls.cat_b, user=cls.reporter_b)

    @classmethod
    def make_submission(cls, title: str = "Xã An Khánh khánh thành cầu dân sinh", **kwargs: Any) -> Any:
        kwargs.setdefault("body", "Sáng 5/3, UBND xã An Khánh khánh thành cầu dân sinh.\n\nCầu dài 30 m, rộng 4 m.")
        return exchange_services.submission_create(actor=cls.liaison_a, organization=cls.unit_a, title=title, **kwargs)

    def draft(self, category: Any, title: str = "Bài thử nghiệm", owner: Any = None) -> Any:
        article = portal_services.article_create(
            actor=owner or self.reporter, category=category, title=title, sapo="Sapo thử nghiệm.", publish=False
        )
        Page.objects.filter(pk=article.pk).update(owner=owner or self.reporter)
        return article

    # --- the Wagtail admin, driven over HTTP ----------------------------------------------------

    def admin_edit_post(self, user: Any, page: Any, **actions: str) -> Any:
        """Post the page's own edit form back, as the editor's browser would, with `actions`."""
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
        # StreamFields are drawn by JavaScript, so their inputs are not in the HTML: the test
        # drafts have empty bodies, which post as zero blocks.
        for field in page.specific._meta.get_fields():
            if isinstance(field, StreamField):
                data.setdefault(f"{field.name}-count", "0")
        data.update(actions)
        return self.client.post(url, data)

    def workflow_action(self, user: Any, page: Any, action: str = "approve", comment: str = "") -> Any:
        """The admin's approve / request-changes action on the page's current step."""
        self.client.force_login(user)
        state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
        return self.client.post(url, {"comment": comment})

    def current_step(self, page: Any) -> str:
        state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
        return state.task.name if state else ""
