"""The coordination workspace (/phoi-hop/) for both sides. Parse → access → service → render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.audit.models import AuditEvent
from phoihop.core.staged_uploads import Stage
from phoihop.exchange import access, selectors, services
from phoihop.exchange.forms import (
    FILES_NOT_SENT,
    AnswerForm,
    InboxFilterForm,
    InfoRequestForm,
    InformedForm,
    MessageForm,
    PetitionForm,
    PublishedForm,
    RejectForm,
    SubmissionForm,
)
from phoihop.exchange.models import InfoRequest, Submission

if TYPE_CHECKING:
    from phoihop.programs.models import Program

PAGE_SIZE = 30


def _form_errors(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    tab = "de-nghi" if request.GET.get("muc") == "de-nghi" else "thong-tin"
    form = InboxFilterForm(request.GET or None, user=request.user, tab=tab)
    filters = form.cleaned_data if form.is_valid() else {}
    if tab == "thong-tin":
        items: Any = selectors.submission_inbox(request.user, filters)
    else:
        items = selectors.info_request_inbox(request.user, filters)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("trang"))
    scope = scope_for(request.user)
    context = {
        "tab": tab,
        "filter_form": form,
        "page_obj": page,
        "scope": scope,
        "can_triage": access.can_triage(request.user),
        "can_send": access.can_send_submission(request.user),
        "can_forward_petition": access.can_forward_petition(request.user),
        "overdue_count": selectors.overdue_count(request.user),
        "query": request.GET.copy(),
    }
    return render(request, "exchange/inbox.html", context)


@login_required
def submission_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_send_submission(request.user)
    form = SubmissionForm(
        request.POST or None, request.FILES or None, user=request.user, stage=Stage.for_request(request)
    )
    if not form.fields["organization"].queryset.exists():  # type: ignore[attr-defined]
        raise PermissionDenied(_("Không có đơn vị nào bạn được gửi thông tin thay mặt."))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            submission = services.submission_create(actor=request.user, files=data.pop("attachments"), **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            form.staged_release()
            messages.success(request, _("Đã gửi thông tin. Số tiếp nhận: %(ref)s.") % {"ref": submission.reference})
            return redirect(submission)
    return render(request, "exchange/submission_form.html", {"form": form})


def _item_context(request: AuthenticatedHttpRequest, item: Submission | InfoRequest) -> dict[str, Any]:
    last_read = selectors.last_read(request.user, item)
    services.thread_mark_read(user=request.user, item=item)
    return {
        "item": item,
        "thread": selectors.thread(item),
        "last_read": last_read,
        "message_form": MessageForm(),
        "can_triage": access.can_triage(request.user),
        "can_write": access.can_post(request.user, item),
        "history": AuditEvent.objects.for_object(item).select_related("organization")[:100],
    }


@login_required
def submission_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    submission = access.get_submission_for_user(request.user, pk)
    context = _item_context(request, submission)
    context.update(
        attachments=submission.attachments.all(),
        reject_form=RejectForm(),
        published_form=PublishedForm(),
        themes=submission.themes.all(),
        actions=access.submission_actions(request.user, submission),
    )
    return render(request, "exchange/submission_detail.html", context)


SUBMISSION_ACTIONS = {
    "tiep-nhan": services.submission_acknowledge,
    "dang-xu-ly": services.submission_start,
}


@login_required
@require_POST
def submission_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    submission = access.get_submission_for_user(request.user, pk)
    if action not in access.TRIAGE_ACTIONS:
        raise Http404
    access.require_triage(request.user)
    try:
        if action in SUBMISSION_ACTIONS:
            SUBMISSION_ACTIONS[action](actor=request.user, submission=submission)
        elif action == "khong-su-dung":
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Cần nêu lý do không sử dụng."))
            services.submission_reject(actor=request.user, submission=submission, reason=form.cleaned_data["reason"])
        elif action == "da-dang":
            published = PublishedForm(request.POST)
            if not published.is_valid():
                typed = request.POST.get("url", "").strip()
                raise ValidationError(list(published.errors["url"]) if typed else _("Cần đường dẫn bài đã đăng."))
            services.submission_mark_published(
                actor=request.user, submission=submission, url=published.cleaned_data["url"]
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã cập nhật trạng thái."))
    return redirect(submission)


@login_required
@require_POST
def message_new(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "thong-tin":
        item: Submission | InfoRequest = access.get_submission_for_user(request.user, pk)
    elif kind == "de-nghi":
        item = access.get_info_request_for_user(request.user, pk)
    else:
        raise Http404
    access.require_post(request.user, item)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.message_post(
                actor=request.user, item=item, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã gửi tin nhắn."))
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
        if request.FILES:
            messages.error(request, FILES_NOT_SENT)
    return redirect(item.get_absolute_url() + "#trao-doi")


@login_required
def request_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_triage(request.user)
    form = InfoRequestForm(
        request.POST or None, request.FILES or None, user=request.user, stage=Stage.for_request(request)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            info_request = services.info_request_create(actor=request.user, files=data.pop("attachments"), **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            form.staged_release()
            messages.success(request, _("Đã gửi đề nghị %(ref)s.") % {"ref": info_request.reference})
            return redirect(info_request)
    return render(request, "exchange/request_form.html", {"form": form})


@login_required
def petition_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_forward_petition(request.user)
    form = PetitionForm(
        request.POST or None, request.FILES or None, user=request.user, stage=Stage.for_request(request)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            petition = services.petition_forward(actor=request.user, files=data.pop("attachments"), **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            form.staged_release()
            messages.success(request, _("Đã chuyển kiến nghị %(ref)s.") % {"ref": petition.reference})
            return redirect(petition)
    return render(request, "exchange/petition_form.html", {"form": form})


@login_required
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    info_request = access.get_info_request_for_user(request.user, pk)
    context = _item_context(request, info_request)
    context.update(
        attachments=info_request.attachments.all(),
        can_answer=access.can_answer(request.user, info_request),
        can_see_petitioner=access.can_see_petitioner(request.user, info_request),
        can_record_informed=access.can_record_informed(request.user, info_request),
        can_disclose_petitioner=access.can_disclose_petitioner(request.user, info_request),
        informed_form=InformedForm(),
        is_press=scope_for(request.user).is_press,
    )
    if info_request.is_petition and info_request.is_overdue:
        context["petition_rights"] = services.petition_rights_text(info_request)
    return render(request, "exchange/request_detail.html", context)


@login_required
def request_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    info_request = access.get_info_request_for_user(request.user, pk)
    access.require_answer(request.user, info_request)
    form = AnswerForm(
        request.POST or None, request.FILES or None, petition=info_request.is_petition, stage=Stage.for_request(request)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.info_request_answer(
                actor=request.user, request=info_request, files=data.pop("attachments"), **data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            form.staged_release()
            messages.success(request, _("Đã gửi trả lời."))
            return redirect(info_request)
    return render(request, "exchange/answer_form.html", {"form": form, "item": info_request})


@login_required
@require_POST
def petition_informed(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    info_request = access.get_info_request_for_user(request.user, pk)
    access.require_record_informed(request.user, info_request)
    form = InformedForm(request.POST)
    if form.is_valid():
        try:
            services.petition_record_informed(actor=request.user, request=info_request, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã ghi nhận báo thông tin kết quả cho người kiến nghị."))
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect(info_request.get_absolute_url() + "#bao-ket-qua")


@login_required
@require_POST
def petition_disclose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    info_request = access.get_info_request_for_user(request.user, pk)
    access.require_disclose_petitioner(request.user, info_request)
    try:
        services.petition_disclose_petitioner(actor=request.user, request=info_request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đơn vị đã được biết họ tên và liên hệ của người kiến nghị."))
    return redirect(info_request)


@login_required
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    attachment = access.get_attachment_for_user(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=attachment.kind not in {"image", "pdf"},
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


def program_activity_panel(request: HttpRequest, program: Program) -> SafeString:
    """The "Hoạt động" panel of a programme's page (registered with `phoihop.programs.panels`): the
    programme's submissions and info requests that the user may see, counted, and the latest ten.

    Called only after `programs.access` let the user see the programme; what it lists goes through
    this app's access rules like every other list of the workspace.
    """
    submissions = access.submissions_for_user(request.user).filter(program=program)
    by_status = dict(submissions.values_list("status").annotate(n=Count("pk")).order_by())
    # Each status by its Vietnamese label, in the order a submission goes through them (#15).
    statuses = Submission.Status.choices
    submission_counts = [(label, by_status[value]) for value, label in statuses if by_status.get(value)]
    requests = access.info_requests_for_user(request.user).filter(program=program)
    now = timezone.now()
    request_counts = requests.aggregate(
        open=Count("pk", filter=Q(status=InfoRequest.Status.SENT, due_at__gte=now)),
        overdue=Count("pk", filter=Q(status=InfoRequest.Status.SENT, due_at__lt=now)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
    )
    # Without the request: the panel needs none of the page's context processors (their queries
    # already ran for the page around it).
    return render_to_string(
        "exchange/_program_activity.html",
        {
            "submission_counts": submission_counts,
            "recent_submissions": submissions.select_related("original_organization")[:10],
            "request_counts": request_counts,
            "recent_requests": requests.select_related("organization")[:10],
        },
    )
