"""Reads for the workspace: the inboxes (overdue and urgent first) and an item's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.deadlines.models import DeadlinePolicy, DeadlinePolicyQuerySet
from phoihop.exchange import access
from phoihop.exchange.models import (
    PETITION_POLICY,
    PRESS_POLICIES,
    InfoRequest,
    Message,
    Priority,
    Submission,
    ThreadRead,
)


def submission_inbox(user: AnonymousUser | User, filters: dict[str, Any]) -> QuerySet[Submission]:
    """Open items first, then by urgency (hỏa tốc, khẩn, thường), newest first."""
    qs = access.submissions_for_user(user).select_related("organization", "original_organization", "program")
    if filters.get("program"):
        qs = qs.filter(program=filters["program"])
    if filters.get("unit"):
        qs = qs.filter(organization=filters["unit"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return qs.annotate(
        open_rank=Case(
            When(status__in=Submission.OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        priority_rank=Case(
            When(priority=Priority.FLASH, then=Value(0)),
            When(priority=Priority.URGENT, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by("open_rank", "priority_rank", "-created_at", "-pk")


def info_request_inbox(
    user: AnonymousUser | User, filters: dict[str, Any], now: dt.datetime | None = None
) -> QuerySet[InfoRequest]:
    """Overdue first, then open by due time, then answered ones newest first."""
    now = now or timezone.now()
    qs = access.info_requests_for_user(user).select_related("organization", "policy", "program")
    if filters.get("program"):
        qs = qs.filter(program=filters["program"])
    if filters.get("unit"):
        qs = qs.filter(organization=filters["unit"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("due") == "overdue":
        qs = qs.filter(status=InfoRequest.Status.SENT, due_at__lt=now)
    elif filters.get("due") == "soon":
        qs = qs.filter(status=InfoRequest.Status.SENT, due_at__gte=now, due_at__lte=now + dt.timedelta(hours=48))
    qs = _petition_filter(qs, filters.get("petition") or "", now)
    return qs.annotate(
        overdue=Case(
            When(Q(status=InfoRequest.Status.SENT, due_at__lt=now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        open_rank=Case(
            When(status=InfoRequest.Status.SENT, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
    ).order_by("-overdue", "open_rank", "due_at", "-pk")


def _petition_filter(qs: QuerySet[InfoRequest], wanted: str, now: dt.datetime) -> QuerySet[InfoRequest]:
    """The petitions forwarded by the press, by where they stand: all of them, awaiting the unit's notice,
    the newspaper's clock running or past, or the petitioner informed."""
    petitions = qs.filter(kind=InfoRequest.Kind.PETITION)
    if wanted == "all":
        return petitions
    if wanted == "unit":
        return petitions.filter(status=InfoRequest.Status.SENT)
    if wanted == "press":
        return petitions.filter(press_due_at__gte=now, press_informed_at__isnull=True)
    if wanted == "press_overdue":
        return petitions.filter(press_due_at__lt=now, press_informed_at__isnull=True)
    if wanted == "done":
        return petitions.filter(press_informed_at__isnull=False)
    return qs


def overdue_count(user: AnonymousUser | User) -> int:
    return access.info_requests_for_user(user).filter(status=InfoRequest.Status.SENT, due_at__lt=timezone.now()).count()


def thread(item: Submission | InfoRequest) -> QuerySet[Message]:
    field = "submission" if isinstance(item, Submission) else "info_request"
    return (
        Message.objects.filter(**{field: item})
        .select_related("author")
        .prefetch_related("attachments")
        .annotate(n_attachments=Count("attachments"))
    )


def last_read(user: User, item: Submission | InfoRequest) -> dt.datetime | None:
    field = "submission" if isinstance(item, Submission) else "info_request"
    return ThreadRead.objects.filter(user=user, **{field: item}).values_list("read_at", flat=True).first()


def petition_policy() -> DeadlinePolicy:
    """The policy every petition is sent under, with its versions (and their texts) loaded."""
    return DeadlinePolicy.objects.prefetch_related("versions__instrument").get(code=PETITION_POLICY)


def press_policies() -> DeadlinePolicyQuerySet:
    """The policies the newspaper's own clock on a petition may run under, in display order."""
    return (
        DeadlinePolicy.objects.filter(code__in=PRESS_POLICIES)
        .prefetch_related("versions__instrument")
        .order_by("sort_order", "name")
    )
