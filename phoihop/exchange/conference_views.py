"""The pages of press conferences and briefings (/phoi-hop/hop-bao/): the list with the periodic duty
panel ("Nghĩa vụ cung cấp thông tin định kỳ"), a conference's page and its actions, and a unit's duty
page, where its monthly information is recorded. Parse → access → service → render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.audit.models import AuditEvent
from phoihop.core.staged_uploads import Stage
from phoihop.exchange import access, conferences
from phoihop.exchange.conference_forms import (
    CancelForm,
    HoldForm,
    MaterialsForm,
    PeriodicInformationForm,
    PressConferenceForm,
    QuestionForm,
)
from phoihop.exchange.forms import FILES_NOT_SENT
from phoihop.exchange.models import PressConference

PAGE_SIZE = 30


def _form_errors(request: AuthenticatedHttpRequest, form: Form) -> None:
    for field_errors in form.errors.values():
        for text in field_errors:
            messages.error(request, str(text))
    if form.files:
        messages.error(request, FILES_NOT_SENT)


def _errors(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def conference_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The planned conferences (soonest first), then the past and cancelled ones (newest first, by
    pages), with the duty panel of every unit with the duty the user may see."""
    items = (
        access.press_conferences_for_user(request.user)
        .select_related("organization")
        .annotate(n_questions=Count("questions", distinct=True))
    )
    upcoming = items.filter(state=PressConference.State.PLANNED).order_by("starts_at", "pk")
    past = items.exclude(state=PressConference.State.PLANNED).order_by("-starts_at", "-pk")
    only_held = request.GET.get("trang-thai") == "da-to-chuc"
    if only_held:
        past = past.filter(state=PressConference.State.HELD)
    page = Paginator(past, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "exchange/conferences/list.html",
        {
            "upcoming": list(upcoming),
            "page_obj": page,
            "only_held": only_held,
            "can_plan": access.can_plan_conference(request.user),
            "duties": conferences.duty_reports_for_user(request.user),
        },
    )


@login_required
def conference_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_plan_conference(request.user)
    form = PressConferenceForm(
        request.POST or None, request.FILES or None, user=request.user, stage=Stage.for_request(request)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["files"] = data.pop("attachments")
        data.setdefault("invite", False)
        try:
            conference = conferences.conference_create(actor=request.user, **data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            form.staged_release()
            if conference.invited_at is not None:
                messages.success(request, _("Đã tạo họp báo và gửi giấy mời đến các cơ quan báo chí."))
            else:
                messages.success(request, _("Đã ghi nhận họp báo."))
            return redirect(conference)
    return render(request, "exchange/conferences/form.html", {"form": form, "conference": None})


@login_required
def conference_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conference = access.get_press_conference_for_user(request.user, pk, write=True)
    initial = {
        **{name: getattr(conference, name) for name in conferences.EDITABLE},
        "program": conference.program,
        "invited_press": list(conference.invited_press.all()),
    }
    form = PressConferenceForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conferences.conference_update(actor=request.user, conference=conference, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã lưu thông tin họp báo."))
            return redirect(conference)
    return render(request, "exchange/conferences/form.html", {"form": form, "conference": conference})


@login_required
def conference_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conference = access.get_press_conference_for_user(request.user, pk)
    user = request.user
    press_name = conferences.newsroom_name(user) if scope_for(user).is_press else ""
    return render(
        request,
        "exchange/conferences/detail.html",
        {
            "conference": conference,
            "invited": list(conference.invited_press.all()),
            "questions": list(conference.questions.select_related("recorded_by")),
            "materials": list(conference.attachments.all()),
            "can_manage": access.can_manage_conference(user, conference),
            "can_question": access.can_record_questions(user, conference),
            "question_form": QuestionForm(initial={"outlet": press_name}),
            "hold_form": HoldForm(),
            "cancel_form": CancelForm(),
            "materials_form": MaterialsForm(),
            "history": AuditEvent.objects.for_object(conference).select_related("organization")[:100],
        },
    )


def _step(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[Form],
    step: Callable[..., Any],
    done: str,
    *,
    require: Callable[[Any, PressConference], None] = access.require_manage_conference,
    anchor: str = "",
) -> HttpResponse:
    """One form on a conference's page: the access check, the form, the service, back to the page."""
    conference = access.get_press_conference_for_user(request.user, pk)
    require(request.user, conference)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            step(actor=request.user, conference=conference, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, done)
    return redirect(conference.get_absolute_url() + anchor)


@login_required
@require_POST
def conference_held(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, HoldForm, conferences.conference_hold, _("Đã ghi nhận họp báo đã tổ chức."))


@login_required
@require_POST
def conference_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, CancelForm, conferences.conference_cancel, _("Đã hủy họp báo."))


@login_required
@require_POST
def conference_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, Form, conferences.conference_invite, _("Đã gửi giấy mời."))


def _materials_add(*, actor: Any, conference: PressConference, attachments: list[Any]) -> int:
    return conferences.materials_add(actor=actor, conference=conference, files=attachments)


@login_required
@require_POST
def conference_materials(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, MaterialsForm, _materials_add, _("Đã thêm tài liệu."), anchor="#tai-lieu")


@login_required
@require_POST
def conference_question(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        QuestionForm,
        conferences.question_add,
        _("Đã ghi câu hỏi."),
        require=access.require_record_questions,
        anchor="#cau-hoi",
    )


@login_required
def conference_duty(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    """A unit's periodic duty, month by month and quarter by quarter; its acting people (and a press
    editor, for the record) record the monthly information here."""
    unit = access.get_conference_unit_for_user(request.user, org_pk)
    if not conferences.has_periodic_duty(unit):
        raise Http404
    report = conferences.periodic_duty(unit)
    can_record = access.can_record_periodic_information(request.user, unit.pk)
    months = [period.start for period in report.months]
    form = PeriodicInformationForm(request.POST or None, organization=unit, months=months)
    if request.method == "POST":
        access.require_record_periodic_information(request.user, unit.pk)
        if form.is_valid():
            try:
                info = conferences.periodic_information_record(
                    actor=request.user, organization=unit, **form.cleaned_data
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("Đã ghi nhận thông tin định kỳ tháng %(m)s.") % {"m": f"{info.month:%m/%Y}"}
                )
                return redirect("exchange:conference_duty", unit.pk)
    return render(
        request,
        "exchange/conferences/duty.html",
        {"unit": unit, "report": report, "form": form, "can_record": can_record, "today": timezone.localdate()},
    )
