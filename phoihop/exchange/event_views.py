"""The pages of events that call for a statement (/phoi-hop/su-kien/): the list with each event's
24-hour clock, an event's page, and its actions. Parse → access → service → render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.audit.models import AuditEvent
from phoihop.exchange import access, statements
from phoihop.exchange.forms import FILES_NOT_SENT, StatementEventForm, StatementForm
from phoihop.exchange.models import StatementEvent

PAGE_SIZE = 30


def _span(delta: dt.timedelta) -> str:
    minutes = max(int(delta.total_seconds() // 60), 0)
    hours, minutes = divmod(minutes, 60)
    return _("%(h)d giờ %(m)02d phút") % {"h": hours, "m": minutes}


def clock_text(event: StatementEvent, now: dt.datetime | None = None) -> str:
    """The clock as both sides read it: "Còn 5 giờ 12 phút", "Quá hạn 2 giờ 03 phút", "Đúng hạn"…"""
    now = now or timezone.now()
    status = event.clock_status
    if status == "pending":
        return _("Còn %(left)s") % {"left": _span(event.due_at - now)}
    if status == "overdue":
        return _("Quá hạn %(late)s") % {"late": _span(now - event.due_at)}
    if status == "on_time":
        return _("Phát ngôn ban đầu đúng hạn")
    if status == "late":
        return _("Phát ngôn ban đầu muộn %(late)s") % {"late": _span(event.stated_at - event.due_at)}  # type: ignore[operator]
    return _("Kết thúc, không có phát ngôn ban đầu")


@login_required
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    events = (
        access.statement_events_for_user(request.user)
        .select_related("organization")
        .annotate(
            overdue=Case(
                When(Q(state=StatementEvent.State.OPEN, due_at__lt=now), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            open_rank=Case(
                When(state=StatementEvent.State.OPEN, then=Value(0)),
                When(state=StatementEvent.State.STATED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("-overdue", "open_rank", "due_at", "-pk")
    )
    if request.GET.get("trang-thai") == "cho":
        events = events.filter(state=StatementEvent.State.OPEN)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [(event, clock_text(event, now)) for event in page]
    return render(
        request,
        "exchange/event_list.html",
        {"page_obj": page, "rows": rows, "can_open": access.can_open_event(request.user)},
    )


@login_required
def event_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_open_event(request.user)
    form = StatementEventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = statements.event_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Đã mở sự kiện. Hạn phát ngôn ban đầu: %(due)s.")
                % {"due": timezone.localtime(event.due_at).strftime("%d/%m/%Y %H:%M")},
            )
            return redirect(event)
    return render(request, "exchange/event_form.html", {"form": form})


@login_required
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_statement_event_for_user(request.user, pk)
    items: list[Any] = list(event.statements.select_related("author", "article").prefetch_related("attachments"))
    return render(
        request,
        "exchange/event_detail.html",
        {
            "event": event,
            "clock": clock_text(event),
            "statements": items,
            "statement_form": StatementForm(),
            "can_state": access.can_state(request.user, event),
            "can_close": access.can_close_event(request.user, event),
            "can_draft": access.can_draft_article(request.user) and statements.drafting_available(),
            "history": AuditEvent.objects.for_object(event).select_related("organization")[:100],
        },
    )


def _errors(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def statement_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_statement_event_for_user(request.user, pk)
    access.require_state(request.user, event)
    form = StatementForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            statements.statement_add(
                actor=request.user,
                event=event,
                files=data.pop("attachments"),
                initial=data.pop("is_initial"),
                **data,
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Đã đăng phát ngôn."))
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
        if request.FILES:
            messages.error(request, FILES_NOT_SENT)
    return redirect(event.get_absolute_url() + "#phat-ngon")


def _event_step(
    request: AuthenticatedHttpRequest,
    pk: int,
    require: Callable[[Any, StatementEvent], None],
    step: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """One button on an event's page: the access check, the service, its message, back to the event."""
    event = access.get_statement_event_for_user(request.user, pk)
    require(request.user, event)
    try:
        step(actor=request.user, event=event)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, done)
    return redirect(event)


@login_required
@require_POST
def event_stated(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _event_step(
        request, pk, access.require_state, statements.initial_statement_given, _("Đã ghi nhận phát ngôn ban đầu.")
    )


@login_required
@require_POST
def event_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _event_step(request, pk, access.require_close_event, statements.event_close, _("Đã kết thúc sự kiện."))


@login_required
@require_POST
def statement_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    statement = access.get_statement_for_user(request.user, pk)
    event = statement.event
    if not access.can_draft_article(request.user):
        raise PermissionDenied(_("Chỉ biên tập viên và lãnh đạo tòa soạn được tạo bài từ phát ngôn."))
    try:
        article = statements.statement_draft_article(actor=request.user, statement=statement)
    except ValidationError as error:
        _errors(request, error)
        return redirect(event)
    messages.success(request, _("Đã tạo bản nháp bài viết «%(title)s».") % {"title": article.title})
    return redirect("wagtailadmin_pages:edit", article.pk)
