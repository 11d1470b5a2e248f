"""The newsroom in Wagtail's admin: its menu (board, calendar, sections) and the editorial rules on
the way to readers.

* An article reaches readers through its approval workflow. Wagtail lets anyone with the
  "publish" page permission publish directly, skipping the workflow; in the newsroom only the Tổng
  Biên tập and Phó Tổng Biên tập may (urgent news), and only an article that is not in its
  workflow: once submitted, the workflow decides it, step by step, up to its last step — a leader
  who reviews step 3 cannot publish it over step 4's head (nor by bulk publishing it, nor with a
  category's "publish its drafts too"). Without this, the per-category approval would mean nothing.
* Only the people whose work it is (who submitted it, or own it) take an article out of its
  workflow ("cancel", "restart"); a reviewer decides their step instead.
* Who may decide a step is the step's own rule (`models.NewsroomApprovalTask`); after a decision
  the admin says in Vietnamese which step was decided and what comes next.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages as django_messages
from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogFormatter
from wagtail.models import TaskState
from wagtail.permission_policies.base import ModelPermissionPolicy

from phoihop.core.wagtail_services import ServiceCreateView, ServiceDeleteView, ServiceEditView, ServiceModelViewSet
from phoihop.newsroom import access, admin_views, services
from phoihop.newsroom.models import Republisher, step_place

_PENDING_ATTR = "_newsroom_pending_task_state"
_WITHDRAW_ACTIONS = ("action-cancel-workflow", "action-restart-workflow")


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


@hooks.register("insert_global_admin_css")
def phone_admin_css() -> str:
    """The editor on a phone: the headline wraps instead of being cut (#15)."""
    return format_html('<link rel="stylesheet" href="{}">', static("newsroom/admin-phone.css"))


@hooks.register("register_admin_urls")
def newsroom_admin_urls() -> list[Any]:
    return [
        path("toa-soan/da-quyet-dinh/<int:task_state_id>/", admin_views.decision_done, name="newsroom_decision_done"),
    ]


@hooks.register("construct_page_action_menu")
def workflow_decides(menu_items: list[Any], request: HttpRequest, context: dict[str, Any]) -> None:
    """No "Publish" where publishing directly is refused (`services.direct_publish_refusal`), and
    no "Cancel/Restart workflow" for anyone but the people whose work it is."""
    page = context.get("page")
    hidden = set()
    if page is None or services.direct_publish_refusal(page=page, user=request.user) is not None:
        hidden.add("action-publish")
    if page is not None and page.pk is not None and not services.may_withdraw(page, request.user):
        hidden.update(_WITHDRAW_ACTIONS)
    if hidden:
        menu_items[:] = [item for item in menu_items if getattr(item, "name", "") not in hidden]


@hooks.register("before_edit_page")
def before_edit(request: HttpRequest, page: Any) -> HttpResponse | None:
    """Refuse taking an article out of its workflow to anyone but its authors; remember which step
    waited, so that the confirmation after a decision can say what was decided."""
    if request.method != "POST":
        return None
    if any(request.POST.get(name) for name in _WITHDRAW_ACTIONS) and not services.may_withdraw(page, request.user):
        messages.error(
            request,
            _(
                "Chỉ người viết hoặc người gửi duyệt rút được bài khỏi quy trình; "
                "người duyệt hãy duyệt hoặc yêu cầu sửa."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.POST.get("action-workflow-action"):
        state = page.current_workflow_task_state
        setattr(request, _PENDING_ATTR, state.pk if state is not None else None)
    return None


@hooks.register("after_edit_page")
def after_edit(request: HttpRequest, page: Any) -> HttpResponse | None:
    """After a step was decided in the editor, Wagtail says "Page '…' has been updated"; say
    instead, in Vietnamese, which step was decided and what comes next."""
    pending = getattr(request, _PENDING_ATTR, None)
    if pending is None:
        return None
    state = TaskState.objects.filter(pk=pending, finished_by=request.user).first()
    if state is None or state.status not in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED):
        return None  # the action was refused: Wagtail only saved the draft, and says so
    _replace_success_messages(request, services.decision_text(state, for_actor=True))
    return None


def _replace_success_messages(request: HttpRequest, text: str) -> None:
    """Drop the success messages queued in this request (Django keeps them on the storage until the
    response is sent) and queue `text` instead."""
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", None)
    if isinstance(queued, list):
        queued[:] = [message for message in queued if message.level != django_messages.SUCCESS]
    messages.success(request, text)


@hooks.register("before_publish_page")
def refuse_direct_publish(request: HttpRequest, page: Any) -> HttpResponse | None:
    """The draft was saved (as Wagtail does before publishing); publishing it is refused."""
    reason = services.direct_publish_refusal(page=page, user=request.user)
    if reason is None:
        return None
    messages.error(request, reason)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publish(
    request: HttpRequest, action_type: str, objects: Any, action_class_instance: Any
) -> HttpResponse | None:
    """Bulk publishing follows the same rule for each page, and for each draft below it when asked
    to publish those too."""
    if action_type != "publish":
        return None
    form = getattr(action_class_instance, "cleaned_form", None)
    with_drafts = bool(form is not None and form.cleaned_data.get("include_descendants"))
    for page in objects:
        pages = [page.specific_deferred]
        if with_drafts:
            pages.extend(page.get_descendants().not_live().specific())
        for candidate in pages:
            reason = services.direct_publish_refusal(page=candidate, user=request.user)
            if reason is not None:
                messages.error(request, reason)
                return redirect(get_valid_next_url_from_request(request) or _listing_of(page))
    return None


def _listing_of(page: Any) -> str:
    parent = page.get_parent()
    return reverse("wagtailadmin_explore", args=[parent.pk]) if parent else reverse("wagtailadmin_explore_root")


def _place(data: dict[str, Any], task_key: str = "task") -> str:
    """ "2/4" for the step named in a workflow log entry's data ("" when it is gone)."""
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(pk=data["workflow"]["id"]).first()
    task = data["workflow"].get(task_key) or {}
    if workflow is None or "id" not in task:
        return ""
    place = step_place(workflow, task["id"])
    return str(place) if place.position else ""


class _WorkflowFormatter(LogFormatter):
    def format_comment(self, log_entry: Any) -> str:
        return str(log_entry.data.get("comment", ""))


@hooks.register("register_log_actions", order=100)
def approval_log_actions(actions: Any) -> None:
    """The page history of an approval, in Vietnamese, with each step's place: who sent it, who
    decided which step (and who decided one by delegation), what came next. Registered after
    Wagtail's own (order 100), so these formatters replace Wagtail's English ones."""

    def register(action: str) -> Any:
        actions.choices[:] = [choice for choice in actions.choices if choice[0] != action]
        return actions.register_action(action)

    @register("wagtail.workflow.start")
    class Start(_WorkflowFormatter):
        label = gettext_lazy("Quy trình: gửi duyệt")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data
            try:
                return _("Gửi duyệt theo quy trình “%(workflow)s”; chờ bước %(place)s: %(task)s") % {
                    "workflow": data["workflow"]["title"],
                    "place": _place(data, "next"),
                    "task": data["workflow"]["next"]["title"],
                }
            except (KeyError, TypeError):
                return _("Gửi duyệt")

    @register("wagtail.workflow.approve")
    class Approve(_WorkflowFormatter):
        label = gettext_lazy("Quy trình: duyệt một bước")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data
            try:
                values = {
                    "place": _place(data),
                    "task": data["workflow"]["task"]["title"],
                    "workflow": data["workflow"]["title"],
                }
                following = data["workflow"]["next"]
                if following:
                    values.update({"next_place": _place(data, "next"), "next": following["title"]})
                    return _("Duyệt bước %(place)s (%(task)s); chờ bước %(next_place)s: %(next)s") % values
                return _("Duyệt bước cuối %(place)s (%(task)s): quy trình “%(workflow)s” xong") % values
            except (KeyError, TypeError):
                return _("Duyệt một bước")

    @register("wagtail.workflow.reject")
    class Reject(_WorkflowFormatter):
        label = gettext_lazy("Quy trình: yêu cầu sửa")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data
            try:
                return _("Yêu cầu sửa ở bước %(place)s (%(task)s)") % {
                    "place": _place(data),
                    "task": data["workflow"]["task"]["title"],
                }
            except (KeyError, TypeError):
                return _("Yêu cầu sửa")

    @register("wagtail.workflow.resume")
    class Resume(_WorkflowFormatter):
        label = gettext_lazy("Quy trình: gửi duyệt lại")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data
            try:
                return _("Sửa xong, gửi duyệt lại; chờ bước %(place)s: %(task)s") % {
                    "place": _place(data),
                    "task": data["workflow"]["task"]["title"],
                }
            except (KeyError, TypeError):
                return _("Gửi duyệt lại")

    @register("wagtail.workflow.cancel")
    class Cancel(_WorkflowFormatter):
        label = gettext_lazy("Quy trình: rút bài khỏi quy trình")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data
            try:
                return _("Rút bài khỏi quy trình “%(workflow)s” ở bước %(place)s (%(task)s)") % {
                    "workflow": data["workflow"]["title"],
                    "place": _place(data),
                    "task": data["workflow"]["task"]["title"],
                }
            except (KeyError, TypeError):
                return _("Rút bài khỏi quy trình")

    @register("newsroom.workflow.delegated")
    class Delegated(LogFormatter):
        label = gettext_lazy("Quy trình: quyết định thay")

        def format_message(self, log_entry: Any) -> str:
            try:
                return _("Quyết định bước “%(task)s” thay %(groups)s, theo quy trình “%(workflow)s”.") % {
                    "task": log_entry.data["task"]["title"],
                    "groups": ", ".join(log_entry.data["groups"]),
                    "workflow": log_entry.data["workflow"]["title"],
                }
            except (KeyError, TypeError):
                return _("Quyết định một bước thay người khác, theo quy trình của chuyên mục.")


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


# ----------------------------------------------------------------------------------------------
# Outlets with an agreement to use the newspaper's articles (Decree 237 Art. 19(3)(c))


class RepublisherCreateView(ServiceCreateView):
    def create_object(self, form: Any) -> Any:
        return services.republisher_save(actor=self.request.user, **form.cleaned_data)


class RepublisherEditView(ServiceEditView):
    def update_object(self, form: Any) -> Any:
        return services.republisher_save(actor=self.request.user, republisher=self.object, **form.cleaned_data)


class RepublisherDeleteView(ServiceDeleteView):
    def delete_object(self, obj: Any) -> None:
        services.republisher_delete(actor=self.request.user, republisher=obj)


class RepublisherPolicy(ModelPermissionPolicy):
    """The press's editors list, add, change and delete outlets (the service still decides each write);
    nobody else sees them."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in {"view", "add", "change", "delete"} and access.can_manage_republishers(user)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class RepublisherViewSet(ServiceModelViewSet):
    model = Republisher
    icon = "site"
    menu_label = gettext_lazy("Đơn vị đăng lại tin bài")
    add_to_admin_menu = True
    menu_order = 260
    add_view_class = RepublisherCreateView
    edit_view_class = RepublisherEditView
    delete_view_class = RepublisherDeleteView
    list_display = ["name", "kind", "email", "agreement_reference", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "email"]
    form_fields = ["name", "kind", "email", "agreement_reference", "is_active"]

    @property
    def permission_policy(self) -> RepublisherPolicy:  # type: ignore[override]
        return RepublisherPolicy(self.model)

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def republisher_viewset() -> RepublisherViewSet:
    return RepublisherViewSet("republishers")
