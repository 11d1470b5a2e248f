"""Reporting periods: a month, a quarter, a year or the whole programme, read from the URL.

`?ky=thang&nam=2026&so=4` is April 2026, `?ky=quy&nam=2026&so=2` the second quarter, `?ky=nam&nam=2026`
the year, `?ky=ca` the whole programme (the default). A period is always clipped to the programme's
own dates: a programme signed on 15/02 has no figures for 01/01–14/02, and its targets for the
first quarter are scaled to the part of the quarter it covers.

Targets are scaled by months of coverage: a month counts as the share of its days the period covers,
so a whole quarter is exactly 3 months and "6 articles a quarter" is exactly 2 a month, 24 a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

MONTH, QUARTER, YEAR, WHOLE = "thang", "quy", "nam", "ca"
KINDS = (MONTH, QUARTER, YEAR, WHOLE)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# How many months a programme theme's target is counted over (TargetPeriod values of programs).
TARGET_MONTHS = {"month": 1.0, "quarter": 3.0, "year": 12.0}


@dataclass(frozen=True)
class Period:
    kind: str
    year: int | None
    index: int | None
    starts_on: dt.date  # first day, inclusive, clipped to the programme
    ends_on: dt.date  # last day, inclusive, clipped to the programme
    overlaps: bool  # False when the asked period lies outside the programme entirely

    @property
    def start(self) -> dt.datetime:
        """The first moment of the period (local midnight), aware."""
        return dt.datetime.combine(self.starts_on, dt.time.min, tzinfo=VN_TZ)

    @property
    def end(self) -> dt.datetime:
        """The moment after the period's last day (exclusive), aware."""
        return dt.datetime.combine(self.ends_on + dt.timedelta(days=1), dt.time.min, tzinfo=VN_TZ)

    @property
    def months(self) -> float:
        return months_between(self.starts_on, self.ends_on) if self.overlaps else 0.0

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("Tháng %(month)s/%(year)s") % {"month": self.index, "year": self.year}
        if self.kind == QUARTER:
            return _("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN.get(self.index or 0, ""), "year": self.year}
        if self.kind == YEAR:
            return _("Năm %(year)s") % {"year": self.year}
        return _("Cả chương trình")

    @property
    def phrase(self) -> str:
        """The period as a document's subject says it: "quý II năm 2026", "năm 2026", "" (whole)."""
        if self.kind == MONTH:
            return _("tháng %(month)s năm %(year)s") % {"month": self.index, "year": self.year}
        if self.kind == QUARTER:
            return _("quý %(quarter)s năm %(year)s") % {"quarter": ROMAN.get(self.index or 0, ""), "year": self.year}
        if self.kind == YEAR:
            return _("năm %(year)s") % {"year": self.year}
        return ""

    @property
    def dates_label(self) -> str:
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"

    def query(self) -> dict[str, str]:
        """The URL parameters that name this period (filters are kept in the URL)."""
        params = {"ky": self.kind}
        if self.year is not None:
            params["nam"] = str(self.year)
        if self.index is not None:
            params["so"] = str(self.index)
        return params

    def querystring(self) -> str:
        return "&".join(f"{key}={value}" for key, value in self.query().items())


def months_between(first: dt.date, last: dt.date) -> float:
    """Months covered by the days first..last (inclusive): each month counts its covered share."""
    if last < first:
        return 0.0
    total = 0.0
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        days = calendar.monthrange(year, month)[1]
        start = first if (year, month) == (first.year, first.month) else dt.date(year, month, 1)
        end = last if (year, month) == (last.year, last.month) else dt.date(year, month, days)
        covered = (end - start).days + 1
        total += 1.0 if covered == days else covered / days
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return total


def _bounds(kind: str, year: int, index: int) -> tuple[dt.date, dt.date]:
    if kind == MONTH:
        return dt.date(year, index, 1), dt.date(year, index, calendar.monthrange(year, index)[1])
    if kind == QUARTER:
        first_month = 3 * (index - 1) + 1
        last_month = first_month + 2
        return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def make(kind: str, program_starts: dt.date, program_ends: dt.date, year: int | None, index: int | None) -> Period:
    """The period of `kind`, clipped to the programme. Whole-programme when `kind` is unknown."""
    if kind not in (MONTH, QUARTER, YEAR) or year is None:
        return Period(WHOLE, None, None, program_starts, program_ends, True)
    if kind == YEAR:
        index = None
    elif index is None:
        index = 1
    first, last = _bounds(kind, year, index or 1)
    start, end = max(first, program_starts), min(last, program_ends)
    if end < start:
        return Period(kind, year, index, first, last, False)
    return Period(kind, year, index, start, end, True)


def parse(params: Mapping[str, str], *, program_starts: dt.date, program_ends: dt.date, today: dt.date) -> Period:
    """The period the URL asks for; bad or missing values fall back to sensible ones, never an error."""
    kind = params.get("ky") or WHOLE
    if kind not in KINDS:
        kind = WHOLE
    if kind == WHOLE:
        return make(WHOLE, program_starts, program_ends, None, None)
    default_year = min(max(today.year, program_starts.year), program_ends.year)
    year = _int(params.get("nam"), 1900, 2200) or default_year
    if kind == MONTH:
        index = _int(params.get("so"), 1, 12) or (today.month if year == today.year else 1)
    elif kind == QUARTER:
        index = _int(params.get("so"), 1, 4) or ((today.month - 1) // 3 + 1 if year == today.year else 1)
    else:
        index = None
    return make(kind, program_starts, program_ends, year, index)


def scaled_target(count: int | None, target_period: str, period: Period, program_months: float) -> float | None:
    """The theme's target for `period`: `count` per `target_period`, scaled by months covered.

    "program" targets are spread over the programme's whole length (`program_months`).
    """
    if not count:
        return None
    over = TARGET_MONTHS.get(target_period, program_months)
    if over <= 0:
        return None
    return count * period.months / over


def choices_for(program_starts: dt.date, program_ends: dt.date, period: Period, today: dt.date) -> dict[str, Any]:
    """The years, months and quarters the period links offer; months and quarters of `year` (the
    period's own, else this year within the programme)."""
    return {
        "year": period.year or min(max(today.year, program_starts.year), program_ends.year),
        "years": [(y, str(y)) for y in range(program_starts.year, program_ends.year + 1)],
        "months": [(m, str(m)) for m in range(1, 13)],
        "quarters": [(q, ROMAN[q]) for q in range(1, 5)],
    }
