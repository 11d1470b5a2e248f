"""The newsroom in Wagtail's admin: its menu (board, calendar, sections) and the editorial rule
that an article reaches readers through its approval workflow.

Wagtail lets anyone with the "publish" page permission publish directly, skipping the workflow.
In the newsroom only the Tổng Biên tập and Phó Tổng Biên tập may (urgent news); everyone else's
article is published by the last approval step. Without this, a Trưởng ban or Biên tập viên
could publish any category's article and the per-category approval would mean nothing.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from phoihop.newsroom import access


@hooks.register("register_admin_menu_item")
def newsroom_menu() -> Any:
    menu = Menu(
        items=[
            MenuItem(gettext_lazy("Bảng phân công"), reverse("newsroom:board"), icon_name="tasks", order=100),
            MenuItem(gettext_lazy("Lịch kế hoạch"), reverse("newsroom:calendar"), icon_name="calendar", order=200),
            MenuItem(
                gettext_lazy("Ban và quy trình duyệt"), reverse("newsroom:sections"), icon_name="group", order=300
            ),
        ]
    )
    return SubmenuMenuItem(gettext_lazy("Tòa soạn"), menu, icon_name="clipboard-list", order=250)


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items: list[Any], request: HttpRequest, context: dict[str, Any]) -> None:
    if not access.can_publish_directly(request.user):
        menu_items[:] = [item for item in menu_items if getattr(item, "name", "") != "action-publish"]


@hooks.register("before_publish_page")
def refuse_direct_publish(request: HttpRequest, page: Any) -> HttpResponse | None:
    """The draft was saved (as Wagtail does before publishing); publishing it is refused."""
    if access.can_publish_directly(request.user):
        return None
    messages.error(request, _("Tin, bài được đăng qua quy trình duyệt: hãy gửi duyệt."))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publish(
    request: HttpRequest, action_type: str, objects: Any, action_class_instance: Any
) -> HttpResponse | None:
    if action_type != "publish" or access.can_publish_directly(request.user):
        return None
    messages.error(request, _("Tin, bài được đăng qua quy trình duyệt: hãy gửi duyệt."))
    return redirect("wagtailadmin_explore_root")


@hooks.register("register_page_header_buttons")
def corrections_button(page: Any, user: Any, view_name: str, next_url: str | None = None) -> Any:
    """ "Cải chính, gỡ bài" on an article's header in the editor (press managers only)."""
    from wagtail.admin.widgets import Button

    from phoihop.accounts.access import scope_for
    from phoihop.portal.models import ArticlePage

    if isinstance(page.specific_deferred, ArticlePage) and scope_for(user).is_press_editor:
        yield Button(
            _("Cải chính, gỡ bài"), reverse("newsroom:article_tools", args=[page.pk]), icon_name="warning", priority=90
        )
