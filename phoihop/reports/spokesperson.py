"""The six figures of the annual report on spokesperson work (Decree 244/2026/NĐ-CP Art. 10 and its
appendix form, "I. Về số liệu"), each computed from the system's records by one selector.

**Whose records.** The reporting unit's and its sub-units' (the organization tree below it, at any
depth, as it stands now): a provincial People's Committee reports for itself, its departments and
its communes, as it publishes their spokespersons' lists (Art. 3(3)). Each record counts for the unit
that holds it now (`organization`), so open work that a merger moved to a successor is counted by
the successor. The page, the DOCX and the XLSX say this under the table (`SCOPE_NOTE`).

**In the period.** From 15/12 of the year before to 14/12 of the reporting year, both included, in
local dates (Asia/Ho_Chi_Minh); an object belongs to the day it came into the story — a press
conference's start, a request's sending, an event's opening, a correction request's receipt. What
became of it (answered, stated) is counted as of `now`, printed with the figures.

The six rows, with the form's words (`Figure.label`) and what the system counts (`Figure.definition`):

1. Press conferences held: `PressConference` of kind "họp báo" in state "held".
2. Press briefings the unit attended to give information: `PressConference` of kind "giao ban" held.
3. Requests answered / requests received: `InfoRequest`s to the unit sent in the period; answered
   means answered, answered in part or refused on a stated ground (each is a written reply to the
   press); a request the press withdrew is left out of both.
4. Sudden events spoken on / all such events: `StatementEvent`s opened in the period; spoken on means
   an initial statement was recorded or a statement or press release was posted. The form counts
   events under Art. 7(2)–(5); the system records those of Art. 7(3)–(4) only, and the note says so.
5. Events stated on time / events under the time limit of Art. 7(3)–(4): the same events; on time
   means the initial statement came at or before the due time kept with the event (`clock_status`
   "on_time").
6. Cases with a written reply asking for correction and apology / cases under Art. 7(6): the system
   has no record of "the press published false information" other than the unit's own correction
   request to the press (`Submission` of kind "Đề nghị cải chính"), which is that written reply.
   Both numbers therefore count the unit's correction requests received in the period and are
   equal by construction; a case the unit answered outside the system is not counted, and the note
   under the table says so. Fact-check claims are not counted here: they concern information
   circulating anywhere, not only what the press published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.accounts.tree import OrganizationTree
from phoihop.exchange.models import InfoRequest, PressConference, Statement, StatementEvent, Submission
from phoihop.reports.models import annual_period
from vntext import format_date

ANSWERED = (InfoRequest.Status.ANSWERED, InfoRequest.Status.PARTIAL, InfoRequest.Status.REFUSED)

SCOPE_NOTE = _(
    "Số liệu gồm hồ sơ của đơn vị và các đơn vị trực thuộc (theo cây đơn vị hiện tại), tính theo đơn vị "
    "đang giữ hồ sơ; mỗi hồ sơ thuộc kỳ theo ngày nó phát sinh (họp báo diễn ra, đề nghị được gửi, "
    "sự kiện được mở, đề nghị cải chính được gửi)."
)
ROW4_NOTE = _(
    "Dòng 4 và 5: hệ thống ghi nhận các vụ việc theo khoản 3, khoản 4 Điều 7 (thời hạn 24 giờ); vụ việc "
    "theo khoản 2, khoản 5 Điều 7 chưa được ghi nhận riêng."
)
ROW6_NOTE = _(
    "Dòng 6: hệ thống chỉ ghi nhận vụ việc theo khoản 6 Điều 7 khi đơn vị gửi đề nghị cải chính tới "
    "báo qua hệ thống, nên tử số bằng mẫu số; vụ việc đơn vị xử lý ngoài hệ thống cần nêu ở phần thuyết minh."
)
NOTES = (SCOPE_NOTE, ROW4_NOTE, ROW6_NOTE)


@dataclass(frozen=True)
class Bounds:
    """The report's data period as local dates (both included) and as aware moments [start, end)."""

    first_day: dt.date
    last_day: dt.date

    @classmethod
    def of_year(cls, year: int) -> Bounds:
        first, last = annual_period(year)
        return cls(first, last)

    @property
    def start(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.first_day, dt.time.min))

    @property
    def end(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time.min))

    def q(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lt": self.end})

    @property
    def label(self) -> str:
        return gettext("từ ngày %(start)s đến ngày %(end)s") % {
            "start": format_date(self.first_day),
            "end": format_date(self.last_day),
        }


def unit_scope(organization: Organization) -> set[int]:
    """The unit and every unit below it, at any depth."""
    return OrganizationTree.load().descendants([organization.pk])


# --- the records each figure counts ---------------------------------------------------------------


def press_conferences(units: set[int], bounds: Bounds, kind: str) -> QuerySet[PressConference]:
    return (
        PressConference.objects.filter(organization__in=units, kind=kind)
        .held()
        .filter(bounds.q("starts_at"))
        .select_related("organization")
        .order_by("starts_at", "pk")
    )


def press_requests(units: set[int], bounds: Bounds) -> QuerySet[InfoRequest]:
    """Requests of the press to the units sent in the period, without those the press withdrew."""
    return (
        InfoRequest.objects.filter(organization__in=units)
        .filter(bounds.q("sent_at"))
        .exclude(status=InfoRequest.Status.WITHDRAWN)
        .select_related("organization", "press")
        .order_by("sent_at", "pk")
    )


def statement_events(units: set[int], bounds: Bounds) -> QuerySet[StatementEvent]:
    return (
        StatementEvent.objects.filter(organization__in=units)
        .filter(bounds.q("opened_at"))
        .select_related("organization")
        .order_by("opened_at", "pk")
    )


def spoken_on() -> Q:
    """An initial statement recorded, or any statement or press release posted on the event."""
    return Q(stated_at__isnull=False) | Q(Exists(Statement.objects.filter(event=OuterRef("pk"))))


def stated_on_time() -> Q:
    """`StatementEvent.clock_status == "on_time"`, as a query."""
    return Q(stated_at__isnull=False, stated_at__lte=F("due_at"))


def correction_requests(units: set[int], bounds: Bounds) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(organization__in=units, kind=Submission.Kind.CORRECTION)
        .filter(bounds.q("created_at"))
        .select_related("organization")
        .order_by("created_at", "pk")
    )


# --- the six rows ----------------------------------------------------------------------------------

Selector = Callable[[set[int], Bounds], QuerySet[Any]]


@dataclass(frozen=True)
class Figure:
    number: int
    key: str
    label: Promise
    definition: Promise
    numerator: Selector
    denominator: Selector | None = None


FIGURES: tuple[Figure, ...] = (
    Figure(
        1,
        "press_conferences",
        _("Số cuộc họp báo tổ chức trong năm"),
        _("Họp báo của đơn vị (loại “Họp báo”) đã tổ chức, có thời gian diễn ra trong kỳ."),
        lambda units, bounds: press_conferences(units, bounds, PressConference.Kind.PRESS_CONFERENCE),
    ),
    Figure(
        2,
        "briefings",
        _("Số lần cơ quan hành chính chủ động đến cung cấp thông tin tại giao ban báo chí trong năm"),
        _("Giao ban báo chí (loại “Giao ban báo chí”) đơn vị đã dự, có thời gian diễn ra trong kỳ."),
        lambda units, bounds: press_conferences(units, bounds, PressConference.Kind.BRIEFING),
    ),
    Figure(
        3,
        "requests",
        _("Số lượt trả lời báo chí/tổng số đề nghị của báo chí"),
        _(
            "Đề nghị cung cấp thông tin của báo gửi đơn vị trong kỳ (không tính đề nghị báo đã rút); tử số: "
            "đề nghị đã được trả lời, trả lời một phần hoặc từ chối có nêu căn cứ."
        ),
        lambda units, bounds: press_requests(units, bounds).filter(status__in=ANSWERED),
        press_requests,
    ),
    Figure(
        4,
        "events",
        _(
            "Số vụ việc đột xuất, bất thường đã thực hiện phát ngôn/tổng số vụ việc đột xuất, bất thường "
            "quy định tại khoản 2, 3, 4, 5 Điều 7"
        ),
        _(
            "Sự kiện cần phát ngôn mở trong kỳ; tử số: sự kiện đã có phát ngôn ban đầu hoặc đã đăng phát ngôn, "
            "thông cáo báo chí."
        ),
        lambda units, bounds: statement_events(units, bounds).filter(spoken_on()),
        statement_events,
    ),
    Figure(
        5,
        "on_time",
        _("Số vụ việc phát ngôn đúng hạn/tổng số vụ việc có áp dụng thời hạn quy định tại khoản 3, khoản 4 Điều 7"),
        _(
            "Sự kiện cần phát ngôn mở trong kỳ (thời hạn 24 giờ theo khoản 3, khoản 4 Điều 7); tử số: phát ngôn "
            "ban đầu không muộn hơn hạn."
        ),
        lambda units, bounds: statement_events(units, bounds).filter(stated_on_time()),
        statement_events,
    ),
    Figure(
        6,
        "corrections",
        _(
            "Số vụ việc có văn bản phản hồi, yêu cầu cải chính xin lỗi/tổng số vụ việc phát sinh quy định "
            "tại khoản 6 Điều 7"
        ),
        _("Đề nghị cải chính đơn vị gửi báo trong kỳ (mỗi đề nghị là một văn bản phản hồi)."),
        correction_requests,
        correction_requests,
    ),
)
BY_KEY = {figure.key: figure for figure in FIGURES}


def ratio_text(value: int, total: int | None) -> str:
    """ "3", or "2/5" as the form writes a ratio."""
    return str(value) if total is None else f"{value}/{total}"


@dataclass(frozen=True)
class FigureValue:
    figure: Figure
    value: int
    total: int | None

    @property
    def number(self) -> int:
        return self.figure.number

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def label(self) -> str:
        return str(self.figure.label)

    @property
    def definition(self) -> str:
        return str(self.figure.definition)

    @property
    def text(self) -> str:
        return ratio_text(self.value, self.total)

    def as_json(self) -> dict[str, Any]:
        return {"number": self.number, "key": self.key, "value": self.value, "total": self.total}


@dataclass(frozen=True)
class AnnualFigures:
    organization: Organization
    year: int
    bounds: Bounds
    now: dt.datetime
    rows: list[FigureValue]

    @property
    def by_key(self) -> dict[str, FigureValue]:
        return {row.key: row for row in self.rows}

    @property
    def as_of_text(self) -> str:
        return gettext("Số liệu %(period)s, tính đến %(now)s.") % {
            "period": self.bounds.label,
            "now": timezone.localtime(self.now).strftime("%d/%m/%Y %H:%M"),
        }

    @property
    def notes(self) -> list[str]:
        return [str(note) for note in NOTES]


def annual_figures(organization: Organization, year: int, *, now: dt.datetime | None = None) -> AnnualFigures:
    """The six figures of `organization`'s report for `year`, from its and its sub-units' records."""
    units = unit_scope(organization)
    bounds = Bounds.of_year(year)
    rows = [
        FigureValue(
            figure,
            figure.numerator(units, bounds).count(),
            figure.denominator(units, bounds).count() if figure.denominator is not None else None,
        )
        for figure in FIGURES
    ]
    return AnnualFigures(organization, year, bounds, now or timezone.now(), rows)


@dataclass(frozen=True)
class Record:
    """One record behind a figure, as the figure's page lists it."""

    when: dt.datetime
    unit: str
    title: str
    url: str
    counted: bool  # in the numerator (always True for a figure without a denominator)
    state: str


def _url(obj: Any) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    return getter() if callable(getter) else ""


def figure_records(organization: Organization, year: int, key: str) -> list[Record]:
    """The records a figure counts: its denominator's (or its own), each marked when the numerator
    counts it too."""
    figure = BY_KEY[key]
    units = unit_scope(organization)
    bounds = Bounds.of_year(year)
    base = figure.denominator or figure.numerator
    counted = set(figure.numerator(units, bounds).values_list("pk", flat=True))
    records = []
    for obj in base(units, bounds):
        if isinstance(obj, PressConference):
            when, title, state = obj.starts_at, obj.title, obj.get_state_display()
        elif isinstance(obj, InfoRequest):
            when, title, state = obj.sent_at, f"{obj.reference} · {obj.subject}", obj.get_status_display()
        elif isinstance(obj, StatementEvent):
            when, title = obj.opened_at, obj.title
            state = obj.get_state_display()
            if obj.clock_status == "on_time":
                state = gettext("%(state)s (đúng hạn)") % {"state": state}
            elif obj.clock_status == "late":
                state = gettext("%(state)s (trễ hạn)") % {"state": state}
        else:
            when, title, state = obj.created_at, f"{obj.reference} · {obj.title}", obj.get_status_display()
        records.append(
            Record(
                when=when,
                unit=obj.organization.name,
                title=title,
                url=_url(obj),
                counted=obj.pk in counted,
                state=str(state),
            )
        )
    return records
