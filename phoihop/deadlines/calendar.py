"""Deadline arithmetic over the Vietnamese work calendar.

`WorkCalendar` is pure: it holds the exceptional days (holidays, days off, make-up working days) and
the working periods of a day, and computes. `work_calendar()` loads it from the database, cached per
process and reloaded when `CalendarRevision`'s token changes. The module-level functions are the
public API the other apps call; each loads the calendar once. In a loop, load once and call the
methods of the returned `WorkCalendar`.

The rules (all times in Asia/Ho_Chi_Minh, which has no daylight saving time):

* A day is a working day when it is Monday–Friday and not marked `holiday` or `day_off`, or when it
  is a Saturday/Sunday marked `makeup_workday`. Years without rows follow the regular week only.
* Working hours come from `settings.PHOIHOP_WORKDAY_HOURS` (default 08:00–12:00 and 13:00–17:00),
  read at call time; a make-up Saturday has the same hours. "End of the working day" is the end of
  the last period (17:00).
* clock_hours (H): H hours of the clock from the moment of receipt, nights, weekends and holidays
  included (Bộ luật Dân sự 2015, Điều 147 khoản 1: a period in hours runs from the stated moment; the
  day-off rule of Điều 148 is for periods in days). Used where the law says "24 giờ".
* working_days (N): "within N working days from receipt". The day of receipt is day 0 when it is a
  working day and the receipt is before the end of the working day; otherwise day 0 is the next working
  day (as if received when it opens). Due at the end of the Nth working day after day 0; N = 0 is
  "the same working day" (Decree 30/2020: acknowledged the day an incoming document arrives).
* working_hours (H): only time inside the working periods of working days counts, from the moment
  of receipt (or the next period start). Due the moment H hours have been counted; a deadline that
  ends exactly at the end of a period is that end (17:00), not the next morning.
* calendar_days (N): the same clock time N days later. When that day is not a working day, the
  deadline moves to the end of the next working day (Bộ luật Dân sự 2015, Điều 148: a period whose last
  day is a day off ends at the end of the next working day). The Code ends a period at 24:00 of its
  last day; keeping the clock time (and 17:00 when moved) is the stricter reading, never later.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

CLOCK_HOURS = "clock_hours"
WORKING_HOURS = "working_hours"
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
UNITS = (CLOCK_HOURS, WORKING_HOURS, WORKING_DAYS, CALENDAR_DAYS)

HOLIDAY = "holiday"
DAY_OFF = "day_off"
MAKEUP_WORKDAY = "makeup_workday"

DEFAULT_WORKDAY_HOURS = (("08:00", "12:00"), ("13:00", "17:00"))
# No real calendar has ten years without a working day; past this the data is broken.
_MAX_SEARCH_DAYS = 3660

Period = tuple[dt.time, dt.time]


def workday_periods() -> tuple[Period, ...]:
    """The working periods of a day from `settings.PHOIHOP_WORKDAY_HOURS`, validated."""
    raw = getattr(settings, "PHOIHOP_WORKDAY_HOURS", DEFAULT_WORKDAY_HOURS)
    try:
        periods = tuple((dt.time.fromisoformat(start), dt.time.fromisoformat(end)) for start, end in raw)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"PHOIHOP_WORKDAY_HOURS must be pairs of 'HH:MM' strings: {exc}") from exc
    if not periods:
        raise ImproperlyConfigured("PHOIHOP_WORKDAY_HOURS must list at least one period.")
    previous_end = dt.time.min
    for index, (start, end) in enumerate(periods):
        if not start < end or (index and start < previous_end):
            raise ImproperlyConfigured("PHOIHOP_WORKDAY_HOURS periods must be increasing and must not overlap.")
        previous_end = end
    return periods


def _require_aware(start: dt.datetime) -> dt.datetime:
    if not isinstance(start, dt.datetime):
        raise TypeError("start must be a datetime")
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be timezone-aware (naive datetimes are refused)")
    return start.astimezone(VN_TZ)


def _require_count(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an integer")
    if value < 0:
        raise ValueError(f"{what} must not be negative")
    return value


@dataclass(frozen=True)
class WorkCalendar:
    """The exceptional days (date → kind) and the working periods of a day. Pure; no database."""

    days: Mapping[dt.date, str]
    periods: tuple[Period, ...]
    years: frozenset[int] = frozenset()

    @classmethod
    def build(
        cls,
        days: Mapping[dt.date, str] | None = None,
        periods: Sequence[Period] | None = None,
        years: frozenset[int] | None = None,
    ) -> WorkCalendar:
        days = dict(days or {})
        return cls(
            days=MappingProxyType(days),
            periods=tuple(periods) if periods is not None else workday_periods(),
            years=years if years is not None else frozenset(day.year for day in days),
        )

    def covers(self, day: dt.date) -> bool:
        """Whether the year of `day` has been entered (otherwise only the regular week applies)."""
        return day.year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        kind = self.days.get(day)
        if kind == MAKEUP_WORKDAY:
            return True
        if kind in (HOLIDAY, DAY_OFF):
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for offset in range(1, _MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {day}")

    def _at(self, day: dt.date, moment: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, moment, tzinfo=VN_TZ)

    def end_of_working_day(self, day: dt.date) -> dt.datetime:
        return self._at(day, self.periods[-1][1])

    def add_working_days(self, start: dt.datetime, n: int) -> dt.datetime:
        local = _require_aware(start)
        n = _require_count(n, "n")
        day = local.date()
        if not self.is_working_day(day) or local >= self.end_of_working_day(day):
            day = self.next_working_day(day)
        for _ in range(n):
            day = self.next_working_day(day)
        return self.end_of_working_day(day)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        local = _require_aware(start)
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            raise TypeError("hours must be a number")
        if hours < 0:
            raise ValueError("hours must not be negative")
        remaining = dt.timedelta(hours=hours)
        day, moment = local.date(), local
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_working_day(day):
                for period_start, period_end in self.periods:
                    end = self._at(day, period_end)
                    if moment >= end:
                        continue
                    begin = max(moment, self._at(day, period_start))
                    if remaining <= end - begin:
                        return begin + remaining
                    remaining -= end - begin
                    moment = end
            day += dt.timedelta(days=1)
            moment = self._at(day, dt.time.min)
        raise ValueError(f"no working time within {_MAX_SEARCH_DAYS} days after {start}")

    def add_clock_hours(self, start: dt.datetime, hours: int) -> dt.datetime:
        local = _require_aware(start)
        hours = _require_count(hours, "hours")
        return local + dt.timedelta(hours=hours)

    def add_calendar_days(self, start: dt.datetime, n: int) -> dt.datetime:
        local = _require_aware(start)
        n = _require_count(n, "n")
        due = self._at(local.date() + dt.timedelta(days=n), local.time())
        if self.is_working_day(due.date()):
            return due
        return self.end_of_working_day(self.next_working_day(due.date()))

    def due_at(self, start: dt.datetime, amount: int, unit: str) -> dt.datetime:
        if unit == CLOCK_HOURS:
            return self.add_clock_hours(start, amount)
        if unit == WORKING_HOURS:
            return self.add_working_hours(start, amount)
        if unit == WORKING_DAYS:
            return self.add_working_days(start, amount)
        if unit == CALENDAR_DAYS:
            return self.add_calendar_days(start, amount)
        raise ValueError(f"unknown deadline unit {unit!r}; expected one of {', '.join(UNITS)}")


# The calendar rows this process loaded, with the revision token they were loaded at.
_cache: tuple[str, Mapping[dt.date, str], frozenset[int]] | None = None


def work_calendar() -> WorkCalendar:
    """The calendar from the database: one primary-key query when the cached copy is current."""
    global _cache  # the per-process cache is this module's one piece of state
    from phoihop.deadlines.models import CalendarDay, CalendarRevision, CalendarYear

    token = CalendarRevision.objects.filter(pk=1).values_list("token", flat=True).first() or ""
    cached = _cache
    if cached is None or cached[0] != token:
        days = MappingProxyType(dict(CalendarDay.objects.values_list("date", "kind")))
        years = frozenset(CalendarYear.objects.values_list("year", flat=True))
        cached = _cache = (token, days, years)
    return WorkCalendar(days=cached[1], periods=workday_periods(), years=cached[2])


def invalidate() -> None:
    """Mark the calendar changed for every process. The models' signals call it on save and delete;
    call it yourself after writes that skip signals (`QuerySet.update`, `bulk_create`, raw SQL)."""
    global _cache
    from phoihop.deadlines.models import CalendarRevision

    CalendarRevision.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    _cache = None


def is_working_day(day: dt.date) -> bool:
    return work_calendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    return work_calendar().next_working_day(day)


def add_working_days(start: dt.datetime, n: int) -> dt.datetime:
    return work_calendar().add_working_days(start, n)


def add_working_hours(start: dt.datetime, hours: float) -> dt.datetime:
    return work_calendar().add_working_hours(start, hours)


def add_calendar_days(start: dt.datetime, n: int) -> dt.datetime:
    return work_calendar().add_calendar_days(start, n)


def add_clock_hours(start: dt.datetime, hours: int) -> dt.datetime:
    return work_calendar().add_clock_hours(start, hours)


def due_at(start: dt.datetime, amount: int, unit: str) -> dt.datetime:
    """When something received at `start` (timezone-aware) is due: `amount` of `unit` (see the module rules)."""
    return work_calendar().due_at(start, amount, unit)
