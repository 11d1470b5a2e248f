"""The newsroom's pages (/toa-soan/): board, planning calendar, assignments, sections.
Parse → access → service → render. Everyone outside the press gets 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.accounts.models import User
from phoihop.audit.models import AuditEvent
from phoihop.exchange import access as exchange_access
from phoihop.newsroom import access, files, selectors, services
from phoihop.newsroom.forms import (
    AssignmentForm,
    BoardFilterForm,
    FromSubmissionForm,
    ReasonForm,
    SectionMemberForm,
    WorkflowStepsForm,
    default_due,
)
from phoihop.newsroom.models import Assignment, SectionMembership
from phoihop.portal.models import CategoryPage


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, errors in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = access.require_press(request.user)
    form = BoardFilterForm(request.GET or None)
    filters = form.filters()
    context = {
        "filter_form": form,
        "columns": selectors.board(request.user, filters),
        "can_manage": scope.is_press_editor,
        "query": request.GET.urlencode(),
    }
    return render(request, "newsroom/board.html", context)


@login_required
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = access.require_press(request.user)
    form = BoardFilterForm(request.GET or None)
    mode = selectors.parse_mode(request.GET.get("che-do"))
    day = selectors.parse_day(request.GET.get("ngay"))
    cal = selectors.calendar(request.user, mode=mode, day=day, filters=form.filters())
    filters_query = request.GET.copy()
    for key in ("che-do", "ngay"):
        filters_query.pop(key, None)
    context = {
        "filter_form": form,
        "cal": cal,
        "can_manage": scope.is_press_editor,
        "filters_query": filters_query.urlencode(),
    }
    return render(request, "newsroom/calendar.html", context)


@login_required
def assignment_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    form = AssignmentForm(request.POST or None, initial={"due_at": default_due()})
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Đã tạo việc “%(title)s”.") % {"title": assignment.title})
            return redirect(assignment)
    return render(request, "newsroom/assignment_form.html", {"form": form})


@login_required
def assignment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk)
    scope = access.require_press(request.user)
    context = {
        "item": assignment,
        "themes": assignment.themes.all(),
        "can_manage": scope.is_press_editor,
        "is_assignee": assignment.assignee_id == request.user.pk,
        "return_form": ReasonForm(prefix="tra-lai"),
        "cancel_form": ReasonForm(prefix="huy"),
        "history": AuditEvent.objects.for_object(assignment)[:100],
        "partner_files": files.partner_files(assignment.submission) if assignment.submission_id else [],
    }
    return render(request, "newsroom/assignment_detail.html", context)


@login_required
def assignment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk)
    access.require_manager(request.user)
    initial = {
        "title": assignment.title,
        "brief": assignment.brief,
        "assignee": assignment.assignee,
        "section": assignment.section,
        "due_at": assignment.due_at,
        "program": assignment.program,
        "themes": list(assignment.themes.all()),
    }
    form = AssignmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        changed = {name: value for name, value in data.items() if value != initial[name]}
        try:
            services.assignment_update(actor=request.user, assignment=assignment, themes=themes, **changed)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(assignment)
    return render(request, "newsroom/assignment_form.html", {"form": form, "item": assignment})


def _with_reason(service: Callable[..., Assignment], prefix: str) -> Callable[..., Assignment]:
    def run(*, actor: User, assignment: Assignment, request: HttpRequest) -> Assignment:
        form = ReasonForm(request.POST, prefix=prefix)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        return service(actor=actor, assignment=assignment, reason=reason)

    return run


def _plain(service: Callable[..., Assignment]) -> Callable[..., Assignment]:
    def run(*, actor: User, assignment: Assignment, request: HttpRequest) -> Assignment:
        return service(actor=actor, assignment=assignment)

    return run


ASSIGNMENT_ACTIONS: dict[str, Callable[..., Assignment]] = {
    "giao": _plain(services.assignment_assign),
    "bat-dau": _plain(services.assignment_start),
    "nop-bai": _plain(services.assignment_submit),
    "tra-lai": _with_reason(services.assignment_return, "tra-lai"),
    "hoan-thanh": _plain(services.assignment_complete),
    "huy": _with_reason(services.assignment_cancel, "huy"),
}


@login_required
@require_POST
def assignment_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Tạo bản thảo" on an assignment without a draft: the draft opens in the Wagtail editor."""
    assignment = access.get_assignment_for_user(request.user, pk, write=True)
    try:
        article = services.assignment_draft_create(actor=request.user, assignment=assignment)
    except ValidationError as error:
        _errors(request, error)
        return redirect(assignment)
    messages.success(request, _("Đã tạo bản thảo."))
    return redirect("wagtailadmin_pages:edit", article.pk)


@login_required
@require_POST
def assignment_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write=True)
    if action not in ASSIGNMENT_ACTIONS:
        raise Http404
    try:
        ASSIGNMENT_ACTIONS[action](actor=request.user, assignment=assignment, request=request)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Đã cập nhật trạng thái."))
    return redirect(assignment)


@login_required
def from_submission(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Giao việc" on a submission: one form, one click → assignment + draft article."""
    access.require_press(request.user)
    submission = exchange_access.get_submission_for_user(request.user, pk, write=True)
    exchange_access.require_triage(request.user)
    form = FromSubmissionForm(request.POST or None, initial={"due_at": default_due(submission)})
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_from_submission(
                actor=request.user, submission=submission, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã giao việc cho %(name)s và tạo bản thảo tin, bài.") % {"name": assignment.assignee},
            )
            return redirect(assignment)
    return render(request, "newsroom/from_submission.html", {"form": form, "submission": submission})


@login_required
def sections(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_press(request.user)
    can_configure = access.can_configure(request.user)
    rows = selectors.sections()
    if can_configure:
        for row in rows:
            # One form per category on the page: ids must stay unique.
            row.member_form = SectionMemberForm(auto_id=f"ban{row.category.pk}-%s")
            row.steps_form = WorkflowStepsForm(auto_id=f"quy-trinh{row.category.pk}-%s")
    context = {"rows": rows, "can_configure": can_configure}
    return render(request, "newsroom/sections.html", context)


def _category(pk: Any) -> CategoryPage:
    try:
        return CategoryPage.objects.get(pk=int(pk))
    except (CategoryPage.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


@login_required
@require_POST
def section_member_add(request: AuthenticatedHttpRequest, category_id: int) -> HttpResponse:
    access.require_configure(request.user)
    category = _category(category_id)
    form = SectionMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn một thành viên của tòa soạn."))
    else:
        try:
            services.section_member_set(actor=request.user, category=category, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Đã cập nhật ban “%(title)s”.") % {"title": category.title})
    return redirect(reverse("newsroom:sections") + f"#ban-{category.pk}")


@login_required
@require_POST
def section_member_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require_configure(request.user)
    try:
        membership = SectionMembership.objects.select_related("section__category", "user").get(pk=int(pk))
    except SectionMembership.DoesNotExist:
        raise Http404 from None
    services.section_member_remove(actor=request.user, membership=membership)
    messages.success(request, _("Đã cập nhật ban “%(title)s”.") % {"title": membership.section.category.title})
    return redirect(reverse("newsroom:sections") + f"#ban-{membership.section.category_id}")


@login_required
@require_POST
def section_workflow(request: AuthenticatedHttpRequest, category_id: int) -> HttpResponse:
    access.require_configure(request.user)
    category = _category(category_id)
    form = WorkflowStepsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn ít nhất một bước duyệt."))
    else:
        try:
            workflow = services.workflow_assign(actor=request.user, category=category, steps=form.ordered_steps())
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("Chuyên mục “%(title)s” nay duyệt theo: %(name)s.")
                % {"title": category.title, "name": workflow.name},
            )
    return redirect(reverse("newsroom:sections") + f"#ban-{category.pk}")


_TOOL_FORMS = {
    "correction": "CorrectionForm",
    "withdraw": "CorrectionWithdrawForm",
    "republication": "RepublicationForm",
    "response": "ResponseForm",
    "stop": "ResponseStopForm",
}


def _tool_action(request: AuthenticatedHttpRequest, article: Any, action: str, data: dict[str, Any]) -> str:
    """Run one action of the article tools page; the success message."""
    from phoihop.newsroom.models import Correction, Republisher, ResponseThread

    if action == "correction":
        services.correction_add(actor=request.user, article=article, **data)
        return _("Đã đăng thông tin cải chính, xin lỗi; đã gửi thông báo cho các đơn vị đăng lại.")
    if action == "withdraw":
        correction = get_object_or_404(Correction, pk=data["correction"], article_id=article.pk)
        services.correction_withdraw(actor=request.user, correction=correction, reason=data["reason"])
        return _("Thông tin cải chính đã thôi hiển thị.")
    if action == "republication":
        outlet: Republisher = data["republisher"]
        services.republication_record(actor=request.user, article=article, republisher=outlet, url=data["url"])
        return _("Đã ghi nhận đơn vị đăng lại bài.")
    if action == "response":
        pk = data.pop("thread")
        thread = get_object_or_404(ResponseThread, pk=pk, article_id=article.pk) if pk else None
        services.response_publish(actor=request.user, article=article, thread=thread, **data)
        return _("Đã đăng ý kiến phản hồi.")
    thread = get_object_or_404(ResponseThread, pk=data["thread"], article_id=article.pk)
    services.response_stop(actor=request.user, thread=thread, reason=data["reason"])
    return _("Đã ngừng đăng phản hồi.")


@login_required
def article_tools(request: AuthenticatedHttpRequest, page_id: int) -> HttpResponse:
    """Corrections, republishers, responses and takedown for one article (press managers;
    withdrawing a correction, stopping a response and taking down: leaders)."""
    from phoihop.newsroom import forms as newsroom_forms
    from phoihop.newsroom.models import Correction, Republication, ResponseThread, Takedown
    from phoihop.portal.models import ArticlePage

    access.require_manager(request.user)
    article = get_object_or_404(ArticlePage, pk=page_id)
    action = request.POST.get("action", "")
    forms_by_action = {
        name: getattr(newsroom_forms, cls)(request.POST if action == name else None)
        for name, cls in _TOOL_FORMS.items()
    }
    if request.method == "POST" and action in forms_by_action:
        form = forms_by_action[action]
        if form.is_valid():
            try:
                message = _tool_action(request, article, action, dict(form.cleaned_data))
            except ValidationError as error:
                for text in error.messages:
                    messages.error(request, text)
            else:
                messages.success(request, message)
                return redirect("newsroom:article_tools", page_id=article.pk)
    threads = list(ResponseThread.objects.filter(article=article).prefetch_related("rounds"))
    context = {
        "article": article,
        "corrections": Correction.objects.filter(article=article).prefetch_related(
            "notices__delivery", "notices__republisher"
        ),
        "republications": Republication.objects.filter(article=article).select_related("republisher"),
        "threads": [(thread, services.response_can_stop(thread)) for thread in threads],
        "takedowns": Takedown.objects.filter(article=article).select_related("taken_down_by", "restored_by"),
        "can_take_down": access.can_publish_directly(request.user),
        **{f"{name}_form": form for name, form in forms_by_action.items()},
    }
    return render(request, "newsroom/article_tools.html", context)


def _require_leader(user: Any) -> None:
    """404 outside the press (as every newsroom page), 403 for a press member who is not a leader."""
    access.require_press(user)
    if not access.can_publish_directly(user):
        raise PermissionDenied


@login_required
def takedown_confirm(request: AuthenticatedHttpRequest, page_id: int) -> HttpResponse:
    """Taking an article down, after saying what will happen and with a required reason."""
    from phoihop.newsroom.forms import TakedownForm
    from phoihop.portal.models import ArticlePage

    _require_leader(request.user)
    article = get_object_or_404(ArticlePage, pk=page_id)
    form = TakedownForm(request.POST or None)
    if article.live and request.method == "POST" and form.is_valid():
        try:
            services.article_takedown(actor=request.user, article=article, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Đã gỡ bài khỏi trang; bài vẫn được lưu trữ cùng lý do."))
            return redirect("newsroom:archive")
    return render(request, "newsroom/takedown_confirm.html", {"article": article, "form": form})


@login_required
def takedown_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Undoing a takedown (leaders): the article is published again at its address."""
    from phoihop.newsroom.forms import RestoreForm
    from phoihop.newsroom.models import Takedown

    _require_leader(request.user)
    takedown = get_object_or_404(Takedown.objects.select_related("taken_down_by", "restored_by"), pk=pk)
    article = takedown.article.specific
    form = RestoreForm(request.POST or None)
    if not takedown.is_restored and request.method == "POST" and form.is_valid():
        try:
            services.article_restore(actor=request.user, takedown=takedown, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Đã khôi phục bài tại đường dẫn cũ; lần gỡ và lần khôi phục được lưu lại."))
            return redirect("newsroom:article_tools", page_id=article.pk)
    context = {"takedown": takedown, "article": article, "form": form}
    return render(request, "newsroom/takedown_restore.html", context)


@login_required
def archive(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Articles taken down, with their reasons: kept, never shown to readers."""
    from phoihop.newsroom.models import Takedown

    access.require_press(request.user)
    takedowns = Takedown.objects.select_related("taken_down_by", "restored_by", "article").order_by("-taken_down_at")
    context = {"takedowns": takedowns, "can_restore": access.can_publish_directly(request.user)}
    return render(request, "newsroom/archive.html", context)
