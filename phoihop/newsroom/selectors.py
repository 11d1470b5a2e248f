"""Reads for the newsroom: the board (columns by status) and the planning calendar (week, month)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowPage

from phoihop.accounts.models import User
from phoihop.exchange.models import Submission
from phoihop.newsroom import access
from phoihop.newsroom.models import Assignment, Section
from phoihop.portal.models import CategoryPage
from vntext import weekday_name

# Finished work stays on the board this long, so the columns stay short.
FINISHED_VISIBLE_FOR = dt.timedelta(days=14)
COLUMN_LIMIT = 100


def assignments(user: User, filters: dict[str, Any]) -> QuerySet[Assignment]:
    qs = access.assignments_for_user(user).select_related("assignee", "section", "program", "submission")
    if filters.get("section"):
        qs = qs.filter(section=filters["section"])
    if filters.get("assignee"):
        qs = qs.filter(assignee=filters["assignee"])
    if filters.get("program"):
        qs = qs.filter(program=filters["program"])
    return qs


@dataclass
class Column:
    status: str
    label: str
    items: list[Assignment]
    total: int


def board(user: User, filters: dict[str, Any], *, now: dt.datetime | None = None) -> list[Column]:
    """One column per status, in workflow order; finished work only from the last two weeks."""
    now = now or timezone.now()
    qs = assignments(user, filters)
    columns = []
    for status, label in Assignment.Status.choices:
        column_qs = qs.filter(status=status)
        if status not in Assignment.OPEN_STATUSES:
            column_qs = column_qs.filter(status_changed_at__gte=now - FINISHED_VISIBLE_FOR).order_by(
                "-status_changed_at"
            )
        else:
            column_qs = column_qs.order_by("due_at", "pk")
        items = list(column_qs[:COLUMN_LIMIT])
        total = len(items) if len(items) < COLUMN_LIMIT else column_qs.count()
        columns.append(Column(status=status, label=str(label), items=items, total=total))
    return columns


# ----------------------------------------------------------------------------------------------
# Planning calendar

WEEK = "tuan"
MONTH = "thang"


@dataclass
class Entry:
    kind: str  # "assignment" or "event"
    at: dt.datetime
    title: str
    url: str
    label: str
    css: str
    obj: Any = None


@dataclass
class Day:
    date: dt.date
    weekday: str
    in_range: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Calendar:
    mode: str
    day: dt.date
    start: dt.date
    end: dt.date  # inclusive
    title: str
    weeks: list[list[Day]]
    previous: dt.date
    next: dt.date
    weekdays: list[str]

    @property
    def is_empty(self) -> bool:
        return not any(day.entries for week in self.weeks for day in week if day.in_range)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _local_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Aware datetimes from the start of `start` to the start of the day after `end`, local time."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return first, after


def parse_mode(value: str | None) -> str:
    return MONTH if value == MONTH else WEEK


def parse_day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


def planning_entries(
    user: User, lower: dt.datetime, upper: dt.datetime, filters: dict[str, Any] | None = None
) -> list[Entry]:
    """What the planning calendar shows between `lower` and `upper` (local times): assignments by due
    time and the partners' event notices by start time, in time order (also the iCal planning feed)."""
    filters = filters or {}
    entries: list[Entry] = []
    for assignment in assignments(user, filters).filter(due_at__gte=lower, due_at__lt=upper).order_by("due_at"):
        local = timezone.localtime(assignment.due_at)
        entries.append(
            Entry(
                kind="assignment",
                at=local,
                title=assignment.title,
                url=assignment.get_absolute_url(),
                label=assignment.get_status_display(),
                css=f"cal-assignment status-{assignment.status}",
                obj=assignment,
            )
        )
    if not filters.get("assignee") and not filters.get("section"):
        events = access.event_notices_for_user(user).filter(event_starts_at__gte=lower, event_starts_at__lt=upper)
        if filters.get("program"):
            events = events.filter(program=filters["program"])
        events = events.select_related("original_organization").annotate(
            covered=Exists(Assignment.objects.filter(submission=OuterRef("pk")).exclude(status="cancelled"))
        )
        for event in events.order_by("event_starts_at"):
            local = timezone.localtime(event.event_starts_at)
            entries.append(
                Entry(
                    kind="event",
                    at=local,
                    title=event.title,
                    url=event.get_absolute_url(),
                    label=_("Đã phân công") if event.covered else _("Sự kiện cần đưa tin"),
                    css="cal-event" + (" covered" if event.covered else ""),
                    obj=event,
                )
            )
    entries.sort(key=lambda entry: entry.at)
    return entries


def calendar(user: User, *, mode: str, day: dt.date, filters: dict[str, Any]) -> Calendar:
    """The week (Monday to Sunday) or the month around `day`: assignments by due time and the
    partners' event notices by start time, each on its local day. Events show whether an
    assignment already covers them."""
    today = timezone.localdate()
    if mode == MONTH:
        first = _month_start(day)
        last = _add_months(first, 1) - dt.timedelta(days=1)
        grid_start = first - dt.timedelta(days=first.weekday())
        grid_end = last + dt.timedelta(days=6 - last.weekday())
        title = _("Tháng %(month)s/%(year)s") % {"month": first.month, "year": first.year}
        previous, following = _add_months(first, -1), _add_months(first, 1)
    else:
        first = day - dt.timedelta(days=day.weekday())
        last = first + dt.timedelta(days=6)
        grid_start, grid_end = first, last
        title = _("Tuần %(start)s – %(end)s") % {"start": f"{first:%d/%m}", "end": f"{last:%d/%m/%Y}"}
        previous, following = first - dt.timedelta(days=7), first + dt.timedelta(days=7)

    days: dict[dt.date, Day] = {}
    current = grid_start
    while current <= grid_end:
        days[current] = Day(
            date=current, weekday=weekday_name(current), in_range=first <= current <= last, is_today=current == today
        )
        current += dt.timedelta(days=1)

    lower, upper = _local_bounds(grid_start, grid_end)
    for entry in planning_entries(user, lower, upper, filters):
        days[entry.at.date()].entries.append(entry)
    for entry_day in days.values():
        entry_day.entries.sort(key=lambda entry: entry.at)

    ordered = list(days.values())
    weeks = [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
    return Calendar(
        mode=mode,
        day=day,
        start=first,
        end=last,
        title=title,
        weeks=weeks,
        previous=previous,
        next=following,
        weekdays=[weekday_name(grid_start + dt.timedelta(days=i)) for i in range(7)],
    )


# ----------------------------------------------------------------------------------------------
# Sections and their workflows


@dataclass
class SectionRow:
    category: CategoryPage
    section: Section | None
    workflow: Any
    own_workflow: bool
    heads: list[Any]
    members: list[Any]
    member_form: Any = None
    steps_form: Any = None


def sections() -> list[SectionRow]:
    """Every category with its section's people and the approval workflow that applies to it."""
    categories = list(CategoryPage.objects.all().order_by("path"))
    by_category = {
        s.category_id: s for s in Section.objects.filter(category__in=categories).prefetch_related("memberships__user")
    }
    own = {
        wp.page_id: wp.workflow for wp in WorkflowPage.objects.filter(page__in=categories).select_related("workflow")
    }
    rows = []
    for category in categories:
        section = by_category.get(category.pk)
        memberships = list(section.memberships.all()) if section else []
        rows.append(
            SectionRow(
                category=category,
                section=section,
                workflow=own.get(category.pk) or category.get_workflow(),
                own_workflow=category.pk in own,
                heads=[m for m in memberships if m.is_head],
                members=[m for m in memberships if not m.is_head],
            )
        )
    return rows


def exchange_item_assignees(item: Any) -> list[User]:
    """The people given work (not cancelled) on an exchange submission: `exchange.routing` tells them
    of the partner's messages about it."""
    if not isinstance(item, Submission):
        return []
    jobs = (
        Assignment.objects.filter(submission=item, assignee__isnull=False)
        .exclude(status=Assignment.Status.CANCELLED)
        .select_related("assignee")
    )
    return [job.assignee for job in jobs if job.assignee is not None]


# ----------------------------------------------------------------------------------------------
# Corrections and responses as readers see them


@dataclass
class ArticleNotes:
    """What an article shows of its corrections (not withdrawn) and responses (each round)."""

    corrections: list[Any]
    threads: list[Any]


def article_notes(page: Any) -> ArticleNotes:
    """The article's corrections and responses, read once per page object: the head's JSON-LD, the
    notice above the body and the responses under it share them. It runs for every article page
    rendered, nearly always finding nothing, so one plain query asks whether there is anything; the
    rows themselves are read only when there is."""
    cached = getattr(page, "_newsroom_notes", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from django.db import connection
    from django.db.models import Prefetch

    from phoihop.newsroom.models import Correction, ResponseRound, ResponseThread

    quote = connection.ops.quote_name
    sql = (
        f"SELECT 'c', id FROM {quote(Correction._meta.db_table)} WHERE article_id = %s AND withdrawn_at IS NULL "  # noqa: S608
        f"UNION ALL SELECT 'r', t.id FROM {quote(ResponseThread._meta.db_table)} t WHERE t.article_id = %s AND "
        f"EXISTS (SELECT 1 FROM {quote(ResponseRound._meta.db_table)} r WHERE r.thread_id = t.id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [page.pk, page.pk])
        rows = cursor.fetchall()
    correction_ids = [pk for kind, pk in rows if kind == "c"]
    thread_ids = [pk for kind, pk in rows if kind == "r"]
    corrections = list(Correction.objects.filter(pk__in=correction_ids)) if correction_ids else []
    threads = (
        list(
            ResponseThread.objects.filter(pk__in=thread_ids).prefetch_related(
                Prefetch("rounds", queryset=ResponseRound.objects.order_by("number"))
            )
        )
        if thread_ids
        else []
    )
    notes = ArticleNotes(corrections=corrections, threads=threads)
    page._newsroom_notes = notes
    return notes


def homepage_corrections(limit: int = 20) -> list[Any]:
    """The corrections the homepage's own section shows (Decree 237 Art. 19(1)(a)), newest first,
    each with its article."""
    from phoihop.newsroom.models import Correction

    return list(
        Correction.objects.filter(withdrawn_at__isnull=True)
        .select_related("article")
        .order_by("-corrected_at", "-pk")[:limit]
    )
