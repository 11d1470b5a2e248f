"""Fact-checking pages: the public list of verdicts and tip form (/kiem-chung/), and the
workspace (/phoi-hop/kiem-chung/). Parse → access → service → render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.audit.models import AuditEvent
from phoihop.core import throttle
from phoihop.core.staged_uploads import Stage
from phoihop.factcheck import access, selectors, services, spam
from phoihop.factcheck.forms import (
    AttachForm,
    ChecklistItemForm,
    ClaimEditForm,
    ClaimFromTipForm,
    ClaimRequestForm,
    DeadlineForm,
    EvidenceForm,
    NoteForm,
    PublicTipForm,
    ReasonForm,
    RebuttalLinkForm,
    VerdictFilterForm,
    VerdictForm,
    WorkspaceTipForm,
)
from phoihop.factcheck.models import ChecklistItem, Claim, Tip

PAGE_SIZE = 20
STATUS_LOOKUPS = 30  # status page views per address per minute
SESSION_KEY = "factcheck_last_tip"
TOKEN_SESSION_KEY = "factcheck_last_tip_link"  # noqa: S105 — a session key name, not a secret


def _errors_to_form(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# ----------------------------------------------------------------------------------------------
# Public


def verdict_list(request: HttpRequest) -> HttpResponse:
    form = VerdictFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    verdicts = selectors.published_verdicts(label=filters.get("nhan"), domain=filters.get("linh_vuc"))
    page = Paginator(verdicts, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "factcheck/verdict_list.html",
        {"filter_form": form, "page_obj": page, "query": query.urlencode()},
    )


def _refuse(request: HttpRequest, form: PublicTipForm, message: str, status: int) -> HttpResponse:
    form.add_error(None, message)
    return render(request, "factcheck/tip_form_public.html", {"form": form, "stamp": spam.form_stamp()}, status=status)


def tip_new_public(request: HttpRequest) -> HttpResponse:
    """The public tip form: rate limit per address, honeypot, minimum fill time, link cap."""
    if request.method != "POST":
        return render(request, "factcheck/tip_form_public.html", {"form": PublicTipForm(), "stamp": spam.form_stamp()})
    form = PublicTipForm(request.POST, request.FILES, stage=Stage(request))
    ip = spam.client_ip(request)
    too_many = _("Bạn đã gửi nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
    if spam.over_limit(ip):
        return _refuse(request, form, too_many, 429)
    if form.is_bot:
        # Answer a bot as if it had succeeded, so it learns nothing; nothing is stored.
        return redirect("factcheck:tip_sent")
    problem = spam.stamp_problem(request.POST.get("started", ""))
    if problem == "fast":
        return _refuse(request, form, _("Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại nội dung và gửi lại."), 400)
    if problem == "stale":
        return _refuse(request, form, _("Biểu mẫu đã hết hạn. Vui lòng gửi lại."), 400)
    if not form.is_valid():
        return render(request, "factcheck/tip_form_public.html", {"form": form, "stamp": request.POST.get("started")})
    if not spam.count_tip(ip):
        return _refuse(request, form, too_many, 429)
    data = form.cleaned_data
    try:
        tip = services.tip_submit_public(
            description=data["description"],
            domain=data["domain"],
            suspect_url=data["suspect_url"],
            screenshot=data["screenshot"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
    except ValidationError as error:
        _errors_to_form(form, error)
        return render(request, "factcheck/tip_form_public.html", {"form": form, "stamp": spam.form_stamp()})
    form.staged_release()
    request.session[SESSION_KEY] = tip.pk
    if not tip.contact_email:  # no receipt e-mail: the confirmation page shows the status link once
        request.session[TOKEN_SESSION_KEY] = getattr(tip, "status_token", "")
    return redirect("factcheck:tip_sent")


def tip_sent(request: HttpRequest) -> HttpResponse:
    tip_id = request.session.get(SESSION_KEY)
    tip = Tip.objects.select_related("claim").filter(pk=tip_id).first() if tip_id else None
    verdict = None
    if tip is not None and tip.answered_at is not None and tip.claim is not None:
        verdict = selectors.published_verdicts().filter(claim=tip.claim).first()
    token = request.session.pop(TOKEN_SESSION_KEY, "")
    status_url = request.build_absolute_uri(services.tip_status_path(token)) if tip is not None and token else ""
    return render(request, "factcheck/tip_sent.html", {"tip": tip, "verdict": verdict, "status_url": status_url})


def tip_status(request: HttpRequest, token: str) -> HttpResponse:
    """The tipster's private page (no account): 404 for an unknown or revoked token, rate limited
    per address like the tip form, never indexed, and its address never sent on as a referrer."""
    if not throttle.allow("factcheck-tip-status", spam.client_ip(request), limit=STATUS_LOOKUPS, seconds=60):
        response = render(request, "factcheck/tip_status.html", {"too_many": True}, status=429)
        response["Retry-After"] = "60"
    else:
        context = selectors.tip_public_status(token)
        if context is None:
            raise Http404
        response = render(request, "factcheck/tip_status.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


# ----------------------------------------------------------------------------------------------
# Workspace


@login_required
def workspace(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = access.require_workspace(request.user)
    tab = request.GET.get("muc", "phan-anh")
    status = request.GET.get("trang-thai", "")
    context: dict[str, Any] = {"scope": scope, "tab": tab, "status": status, "can_triage": scope.is_press_editor}
    if scope.is_press and tab == "ho-so":
        items: Any = selectors.claim_list(status=status if status in Claim.Status.values else "")
        context["statuses"] = Claim.Status.choices
    else:
        tab = context["tab"] = "phan-anh"
        items = selectors.tip_queue(request.user, status=status if status in Tip.Status.values else "")
        context["statuses"] = Tip.Status.choices
    context["page_obj"] = Paginator(items, PAGE_SIZE).get_page(request.GET.get("trang"))
    context["can_file"] = scope.is_press or bool(scope.writable)
    return render(request, "factcheck/workspace.html", context)


@login_required
def tip_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = access.require_workspace(request.user)
    if not scope.is_press and not scope.writable:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = WorkspaceTipForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tip = services.tip_file(
                actor=request.user,
                organization=data.get("organization"),
                description=data["description"],
                domain=data["domain"],
                suspect_url=data["suspect_url"],
                screenshot=data["screenshot"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi nhận phản ánh %(ref)s.") % {"ref": tip.reference})
            return redirect(tip)
    return render(request, "factcheck/tip_form.html", {"form": form})


@login_required
def tip_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tip = access.get_tip_for_user(request.user, pk)
    scope = scope_for(request.user)
    context: dict[str, Any] = {"tip": tip, "is_press": scope.is_press, "can_triage": scope.is_press_editor}
    if tip.claim_id is not None:
        context["verdict"] = selectors.published_verdicts().filter(claim_id=tip.claim_id).first()
    if scope.is_press:
        context.update(
            suggestions=selectors.tip_suggestions(tip),
            attach_form=AttachForm(),
            claim_form=ClaimFromTipForm(initial={"title": tip.description[:300], "domain": tip.domain}),
            reason_form=ReasonForm(),
            history=AuditEvent.objects.for_object(tip)[:50],
        )
    return render(request, "factcheck/tip_detail.html", context)


def _tip_attach(request: AuthenticatedHttpRequest, tip: Tip) -> str:
    form = AttachForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Chọn hồ sơ để gom."))
    services.tip_attach(actor=request.user, tip=tip, claim=form.cleaned_data["claim"])
    return _("Đã gom phản ánh vào hồ sơ.")


def _tip_new_claim(request: AuthenticatedHttpRequest, tip: Tip) -> str:
    form = ClaimFromTipForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Cần nêu thông tin cần kiểm chứng và lĩnh vực."))
    claim = services.claim_create(actor=request.user, tip=tip, **form.cleaned_data)
    return _("Đã lập hồ sơ %(ref)s.") % {"ref": claim.reference}


def _tip_dismiss(request: AuthenticatedHttpRequest, tip: Tip) -> str:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Cần nêu lý do không xử lý."))
    services.tip_dismiss(actor=request.user, tip=tip, reason=form.cleaned_data["reason"])
    return _("Đã chuyển phản ánh sang không xử lý.")


def _tip_revoke_link(request: AuthenticatedHttpRequest, tip: Tip) -> str:
    services.tip_status_link_revoke(actor=request.user, tip=tip)
    return _("Đã thu hồi đường dẫn theo dõi của người gửi.")


TIP_ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, Tip], str]] = {
    "thu-hoi-lien-ket": _tip_revoke_link,
    "gom": _tip_attach,
    "lap-ho-so": _tip_new_claim,
    "bo-qua": _tip_dismiss,
}


@login_required
@require_POST
def tip_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    tip = access.get_tip_for_user(request.user, pk, write=True)
    handler = TIP_ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        messages.success(request, handler(request, tip))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    tip.refresh_from_db()
    if action == "lap-ho-so" and tip.claim_id:
        return redirect(tip.claim)  # type: ignore[arg-type]
    return redirect(tip)


def _file_response(field: Any, name: str, mime: str) -> FileResponse:
    response = FileResponse(
        field.open("rb"), as_attachment=not mime.startswith("image/"), filename=name, content_type=mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


@login_required
def tip_screenshot(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    tip = access.get_tip_for_user(request.user, pk)
    if not tip.screenshot:
        raise Http404
    return _file_response(
        tip.screenshot, f"{tip.reference}.{str(tip.screenshot.name).rsplit('.', 1)[-1]}", tip.screenshot_mime
    )


@login_required
def evidence_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    evidence = access.get_evidence_for_user(request.user, pk)
    if not evidence.file:
        raise Http404
    return _file_response(evidence.file, evidence.original_name or "tep", evidence.mime_type)


@login_required
def claim_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    claim = access.get_claim_for_user(request.user, pk)
    scope = scope_for(request.user)
    context = selectors.claim_detail(claim)
    verdict = context["verdict"]
    context.update(
        can_triage=scope.is_press_editor,
        can_approve=scope.is_press_leader,
        edit_form=ClaimEditForm(
            initial={
                "title": claim.title,
                "domain": claim.domain,
                "summary": claim.summary,
                "appearance_url": claim.appearance_url,
                "claimant_name": claim.claimant_name,
                "claimant_kind": claim.claimant_kind,
                "first_seen_at": claim.first_seen_at,
            }
        ),
        checklist_form=ChecklistItemForm(),
        evidence_form=EvidenceForm(),
        note_form=NoteForm(),
        deadline_form=DeadlineForm(initial={"policy": claim.deadline_policy}),
        request_form=ClaimRequestForm(
            initial={"subject": (_("Đề nghị cung cấp thông tin để xác minh: %(title)s") % {"title": claim.title})[:480]}
        ),
        verdict_form=VerdictForm(
            initial={
                "label": verdict.label,
                "summary": verdict.summary,
                "rests_on_authority": verdict.rests_on_authority,
                "authority_name": verdict.authority_name,
                "authority_document": verdict.authority_document,
            }
            if verdict
            else None
        ),
        rebuttal_link_form=RebuttalLinkForm(),
        reason_form=ReasonForm(),
        admin_edit_url=reverse("wagtailadmin_pages:edit", args=[verdict.rebuttal_id])
        if verdict and verdict.rebuttal_id
        else "",
    )
    return render(request, "factcheck/claim_detail.html", context)


def _bound(form_class: type, request: HttpRequest, message: str) -> dict[str, Any]:
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        raise ValidationError(errors or [message])
    return dict(form.cleaned_data)


def _claim_edit(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.claim_update(actor=request.user, claim=claim, **_bound(ClaimEditForm, request, ""))
    return _("Đã cập nhật hồ sơ.")


def _checklist_add(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.checklist_item_add(actor=request.user, claim=claim, **_bound(ChecklistItemForm, request, ""))
    return _("Đã thêm bước kiểm tra.")


def _evidence_add(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.evidence_add(actor=request.user, claim=claim, **_bound(EvidenceForm, request, ""))
    return _("Đã thêm bằng chứng.")


def _note_add(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.note_add(actor=request.user, claim=claim, **_bound(NoteForm, request, ""))
    return _("Đã thêm ghi chú.")


def _deadline(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.claim_set_deadline(actor=request.user, claim=claim, **_bound(DeadlineForm, request, ""))
    return _("Đã đặt hạn xác minh.")


def _info_request(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    link = services.claim_request_info(actor=request.user, claim=claim, **_bound(ClaimRequestForm, request, ""))
    return _("Đã gửi đề nghị %(ref)s.") % {"ref": link.info_request.reference}


def _verdict(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.verdict_save(actor=request.user, claim=claim, **_bound(VerdictForm, request, ""))
    return _("Đã lưu dự thảo kết luận, chờ duyệt.")


def _approve(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.verdict_approve(actor=request.user, claim=claim)
    return _("Đã duyệt kết luận.")


def _rebuttal_draft(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.rebuttal_create_draft(actor=request.user, claim=claim)
    return _("Đã tạo bản nháp bài kiểm chứng.")


def _rebuttal_link(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.rebuttal_link(actor=request.user, claim=claim, **_bound(RebuttalLinkForm, request, ""))
    return _("Đã gắn bài kiểm chứng.")


def _rebuttal_publish(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.rebuttal_publish(actor=request.user, claim=claim)
    return _("Đã đăng bài kiểm chứng.")


def _claim_dismiss(request: AuthenticatedHttpRequest, claim: Claim) -> str:
    services.claim_dismiss(actor=request.user, claim=claim, **_bound(ReasonForm, request, ""))
    return _("Đã chuyển hồ sơ sang không xử lý.")


# Actions any press member takes, and those for editors and leaders (the services check again).
CLAIM_WORK_ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, Claim], str]] = {
    "buoc-kiem-tra": _checklist_add,
    "bang-chung": _evidence_add,
    "ghi-chu": _note_add,
}
CLAIM_TRIAGE_ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, Claim], str]] = {
    "sua": _claim_edit,
    "thoi-han": _deadline,
    "de-nghi": _info_request,
    "ket-luan": _verdict,
    "duyet": _approve,
    "bai-nhap": _rebuttal_draft,
    "gan-bai": _rebuttal_link,
    "dang-bai": _rebuttal_publish,
    "khong-xu-ly": _claim_dismiss,
}


@login_required
@require_POST
def claim_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    handler = CLAIM_WORK_ACTIONS.get(action)
    claim = access.get_claim_for_user(request.user, pk, write=handler is None)
    handler = handler or CLAIM_TRIAGE_ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        messages.success(request, handler(request, claim))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(claim)


@login_required
@require_POST
def checklist_action(request: AuthenticatedHttpRequest, pk: int, item_pk: int, action: str) -> HttpResponse:
    claim = access.get_claim_for_user(request.user, pk)
    item = get_object_or_404(ChecklistItem, pk=item_pk, claim=claim)
    if action == "danh-dau":
        services.checklist_item_toggle(actor=request.user, item=item)
    elif action == "xoa":
        services.checklist_item_remove(actor=request.user, item=item)
    else:
        raise Http404
    return redirect(reverse("factcheck_workspace:claim", args=[claim.pk]) + "#kiem-tra")
