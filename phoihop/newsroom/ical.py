"""iCal feeds a phone calendar subscribes to, at a person's private address (phoihop.accounts.calendar_feeds).

* `/lich/<secret>/han-cua-toi.ics` — the person's deadlines: open assignments given to them, and the open
  information requests their unit must answer (partners) or that they sent (newsroom);
* `/lich/<secret>/ke-hoach.ics` — the newsroom's planning calendar (newsroom members only).

Every item comes through the same access functions and selectors as the pages, so a feed never shows
what its owner could not open. An unknown or replaced secret is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from phoihop.accounts.access import scope_for
from phoihop.accounts.calendar_feeds import feed_owner
from phoihop.accounts.models import User
from phoihop.exchange import access as exchange_access
from phoihop.exchange.models import InfoRequest
from phoihop.newsroom import access, selectors
from phoihop.newsroom.models import Assignment

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# The planning feed covers a month back and half a year ahead, like a phone shows it.
PLANNING_PAST = dt.timedelta(days=31)
PLANNING_AHEAD = dt.timedelta(days=183)


def _absolute(path: str) -> str:
    return settings.PHOIHOP_BASE_URL.rstrip("/") + path


def _event(uid: str, at: dt.datetime | dt.date, summary: str, description: str, path: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{urlsplit(settings.PHOIHOP_BASE_URL).hostname or 'phoihop'}")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    if isinstance(at, dt.datetime):
        event.add("dtstart", at.astimezone(HANOI))
    else:  # only a date: an all-day entry
        event.add("dtstart", at)
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", _absolute(path))
    return event


def _calendar(name: str, events: Iterable[Event]) -> HttpResponse:
    cal = Calendar()
    cal.add("prodid", "-//Phoi hop//phoihop//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _assignment_event(assignment: Assignment) -> Event:
    description = _("Việc được giao · %(status)s") % {"status": assignment.get_status_display()}
    return _event(
        f"assignment-{assignment.pk}",
        assignment.due_at,
        _("Hạn: %(title)s") % {"title": assignment.title},
        description,
        assignment.get_absolute_url(),
    )


def _request_event(request: InfoRequest) -> Event:
    description = _("Đề nghị cung cấp thông tin %(reference)s gửi %(unit)s") % {
        "reference": request.reference,
        "unit": request.organization.name,
    }
    return _event(
        f"info-request-{request.pk}",
        request.due_at,
        _("Hạn trả lời: %(subject)s") % {"subject": request.subject},
        description,
        request.get_absolute_url(),
    )


def deadline_events(user: User) -> list[Event]:
    """The person's own deadlines, through the pages' access rules."""
    events = [
        _assignment_event(assignment)
        for assignment in access.assignments_for_user(user)
        .filter(assignee=user, status__in=Assignment.OPEN_STATUSES)
        .order_by("due_at", "pk")
    ]
    requests = exchange_access.info_requests_for_user(user).filter(status=InfoRequest.Status.SENT)
    requests = requests.select_related("organization")
    requests = requests.filter(requested_by=user) if scope_for(user).is_press else requests
    events += [_request_event(request) for request in requests.order_by("due_at", "pk")]
    return events


def planning_events(user: User) -> list[Event]:
    now = timezone.now()
    events = []
    for entry in selectors.planning_entries(user, now - PLANNING_PAST, now + PLANNING_AHEAD):
        uid = f"assignment-{entry.obj.pk}" if entry.kind == "assignment" else f"event-{entry.obj.pk}"
        events.append(_event(uid, entry.at, entry.title, entry.label, entry.url))
    return events


def _owner(secret: str) -> User:
    user = feed_owner(secret)
    if user is None:
        raise Http404
    return user


@never_cache
@require_GET
def deadlines_feed(request: HttpRequest, secret: str) -> HttpResponse:
    user = _owner(secret)
    return _calendar(_("Hạn của tôi"), deadline_events(user))


@never_cache
@require_GET
def planning_feed(request: HttpRequest, secret: str) -> HttpResponse:
    user = _owner(secret)
    if not scope_for(user).is_press:
        raise Http404
    return _calendar(_("Lịch kế hoạch của tòa soạn"), planning_events(user))
