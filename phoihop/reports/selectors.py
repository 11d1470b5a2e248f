"""Every figure of a programme's dashboard and reports, each defined once.

**One figure, one definition, one selector.** Each figure is a `Figure` of `FIGURES`: its label (the
words every output prints beside the number), its definition (what exactly it counts, printed on the
dashboard, in the DOCX and in the XLSX) and its selector (`Figure.queryset`, the one query that returns
the objects it counts). The dashboard, the DOCX and the XLSX print `ProgramFigures.values` and the
tables below and count nothing themselves; the tables break the same querysets down with the same
conditions, so a table's total is its figure by construction.

**In the period.** An object belongs to the period of the moment it came into the story, in local
dates (Asia/Ho_Chi_Minh), within the programme's own dates:

* an article: its first publication (it must be live now: taken-down and unpublished articles and
  drafts never count), linked to the programme itself or to one of its themes;
* a submission: when the system received it (it was sent), under the programme, counted for the unit
  that sent it (the original unit, so a merged unit's work keeps its name);
* an information request: when it was sent, under the programme, for the unit asked (the original);
* a claim: when it was opened, when it concerns the programme (`factcheck.selectors.program_claims`).

What happened to an object since — used, answered, concluded — is counted as of `now`, the moment the
figures were computed ("Số liệu tính đến"). So every "trong đó" figure is part of its total: the
submissions used are among the submissions received in the period, never more.

Targets of a theme are scaled to the period (`periods.scaled_target`). "Most read" lists the
programme's live articles (published at any time) by their reads in the period.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.exchange.models import InfoRequest, Submission
from phoihop.factcheck import selectors as factcheck_selectors
from phoihop.factcheck.models import Claim, Verdict
from phoihop.portal.models import ArticleDailyViews, ArticlePage
from phoihop.programs.models import Program
from phoihop.reports import periods
from phoihop.reports.periods import Period
from vntext import collation_key

MOST_READ_LIMIT = 10

# The headers of the tables, the same words on the dashboard, in the DOCX and in the XLSX.
COLUMNS: dict[str, Promise] = {
    "no": _("STT"),
    "theme": _("Nội dung tuyên truyền"),
    "target": _("Chỉ tiêu"),
    "period_target": _("Chỉ tiêu trong kỳ"),
    "published": _("Tin, bài đã đăng"),
    "percent": _("Tỉ lệ đạt"),
    "themes_sum": _("Cộng theo nội dung (một tin, bài có thể thuộc nhiều nội dung)"),
    "unthemed": _("Chưa gắn nội dung tuyên truyền của chương trình"),
    "unit": _("Đơn vị"),
    "total": _("Tổng số"),
    "sent": _("Đã gửi"),
    "received": _("Đã tiếp nhận"),
    "in_progress": _("Đang xử lý"),
    "open": _("Chưa xử lý xong"),
    "used": _("Đã được sử dụng (đăng)"),
    "not_used": _("Không sử dụng"),
    "used_percent": _("Tỉ lệ sử dụng"),
    "on_time": _("Trả lời đúng hạn"),
    "late": _("Trả lời trễ hạn"),
    "overdue": _("Chưa trả lời, quá hạn"),
    "pending": _("Chưa trả lời, còn hạn"),
    "withdrawn": _("Đã rút"),
    "median_hours": _("Thời gian trả lời trung vị (giờ lịch)"),
    "label": _("Nhãn kết luận"),
    "concluded": _("Số hồ sơ có kết luận"),
    "rank": _("Hạng"),
    "article": _("Tin, bài"),
    "url": _("Đường dẫn"),
    "published_on": _("Ngày đăng"),
    "views": _("Lượt đọc trong kỳ"),
    "views_sum": _("Cộng lượt đọc trong kỳ của các tin, bài trên"),
    "sum": _("Tổng cộng"),
}


# --- the objects each figure counts -----------------------------------------------------------


def _in(period: Period, field_name: str) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lt": period.end})


def program_articles(program: Program, period: Period | None = None) -> QuerySet[ArticlePage]:
    """Live articles linked to the programme (itself or one of its themes), first published in
    `period` (any time without one)."""
    by_theme = ArticlePage.objects.filter(themes__program=program).values("pk")
    qs = ArticlePage.objects.filter(live=True).filter(Q(program=program) | Q(pk__in=by_theme))
    if period is not None:
        if not period.overlaps:
            return qs.none()
        qs = qs.filter(_in(period, "first_published_at"))
    return qs


def program_submissions(program: Program, period: Period) -> QuerySet[Submission]:
    """Submissions under the programme received (sent) in the period."""
    if not period.overlaps:
        return Submission.objects.none()
    return Submission.objects.filter(_in(period, "created_at"), program=program)


def program_requests(program: Program, period: Period) -> QuerySet[InfoRequest]:
    """Information requests under the programme sent in the period. A citizen's petition the press
    forwarded (kind "petition", Decree 237 Art. 18(3)) is not an information request: not counted."""
    if not period.overlaps:
        return InfoRequest.objects.none()
    return InfoRequest.objects.filter(_in(period, "sent_at"), program=program).exclude(kind=InfoRequest.Kind.PETITION)


def program_claims(program: Program, period: Period) -> QuerySet[Claim]:
    """Claims concerning the programme (`factcheck.selectors.program_claims`) opened in the period."""
    if not period.overlaps:
        return Claim.objects.none()
    return factcheck_selectors.program_claims(program).filter(_in(period, "created_at"))


# What became of them, as of `now`: each a partition of its set, so the parts add up to the total.
_S = Submission.Status
SUBMISSION_STATES: dict[str, Q] = {
    "sent": Q(status=_S.SENT),
    "received": Q(status=_S.RECEIVED),
    "in_progress": Q(status=_S.IN_PROGRESS),
    "published": Q(status=_S.PUBLISHED),
    "not_used": Q(status=_S.NOT_USED),
}
SUBMISSION_OPEN = Q(status__in=Submission.OPEN_STATUSES)


def request_states(now: dt.datetime) -> dict[str, Q]:
    """Answered on time (at or before the due time) or late; withdrawn before an answer; otherwise
    unanswered, overdue or not yet due at `now`. A partial answer and a reasoned refusal are answers."""
    answered = Q(answered_at__isnull=False)
    unanswered = Q(answered_at__isnull=True) & ~Q(status=InfoRequest.Status.WITHDRAWN)
    return {
        "on_time": answered & Q(answered_at__lte=F("due_at")),
        "late": answered & Q(answered_at__gt=F("due_at")),
        "overdue": unanswered & Q(due_at__lt=now),
        "pending": unanswered & Q(due_at__gte=now),
        "withdrawn": Q(answered_at__isnull=True, status=InfoRequest.Status.WITHDRAWN),
    }


CLAIM_CONCLUDED = Q(verdict__status=Verdict.Status.APPROVED)


# --- the figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    label: Promise
    definition: Promise
    objects: Callable[[Program, Period], QuerySet[Any]]
    condition: Callable[[dt.datetime], Q] = lambda now: Q()
    tile: bool = False  # one of the dashboard's headline tiles

    def queryset(self, program: Program, period: Period, now: dt.datetime) -> QuerySet[Any]:
        """The selector: exactly the objects this figure counts."""
        return self.objects(program, period).filter(self.condition(now))


def _state(name: str) -> Callable[[dt.datetime], Q]:
    return lambda now: request_states(now)[name]


FIGURES: tuple[Figure, ...] = (
    Figure(
        "articles",
        _("Tin, bài của chương trình đăng trong kỳ"),
        _(
            "Tin, bài đang hiển thị trên trang, gắn với chương trình hoặc một nội dung tuyên truyền của chương "
            "trình, đăng lần đầu trong kỳ. Tin, bài đã gỡ, chưa đăng hoặc mới là bản thảo không tính; tin, bài "
            "thuộc nhiều nội dung chỉ tính một lần."
        ),
        program_articles,
        tile=True,
    ),
    Figure(
        "submissions",
        _("Thông tin các đơn vị gửi trong kỳ"),
        _(
            "Thông tin các đơn vị gửi theo chương trình, tính theo lúc hệ thống nhận được, cho đơn vị gửi ban "
            "đầu (kể cả đơn vị đã sáp nhập)."
        ),
        program_submissions,
        tile=True,
    ),
    Figure(
        "submissions_used",
        _("Thông tin gửi trong kỳ đã được sử dụng (đăng)"),
        _(
            "Trong số thông tin gửi trong kỳ, số thông tin ở trạng thái “Đã đăng” lúc tính số liệu. Thông tin "
            "có thể được đăng sau kỳ, và một tin, bài có thể dùng nhiều thông tin: số này không phải số tin, "
            "bài đã đăng."
        ),
        program_submissions,
        lambda now: SUBMISSION_STATES["published"],
        tile=True,
    ),
    Figure(
        "submissions_not_used",
        _("Thông tin gửi trong kỳ không sử dụng"),
        _("Trong số thông tin gửi trong kỳ, số thông tin báo đã trả lời không sử dụng (có nêu lý do)."),
        program_submissions,
        lambda now: SUBMISSION_STATES["not_used"],
    ),
    Figure(
        "submissions_open",
        _("Thông tin gửi trong kỳ chưa xử lý xong"),
        _(
            "Trong số thông tin gửi trong kỳ, số thông tin lúc tính số liệu còn ở trạng thái đã gửi, đã tiếp "
            "nhận hoặc đang xử lý."
        ),
        program_submissions,
        lambda now: SUBMISSION_OPEN,
    ),
    Figure(
        "requests",
        _("Đề nghị cung cấp thông tin báo gửi trong kỳ"),
        _(
            "Đề nghị cung cấp thông tin báo gửi các đơn vị theo chương trình, tính theo lúc gửi, cho đơn vị được "
            "đề nghị ban đầu."
        ),
        program_requests,
        tile=True,
    ),
    Figure(
        "requests_on_time",
        _("Đề nghị gửi trong kỳ được trả lời đúng hạn"),
        _(
            "Trong số đề nghị gửi trong kỳ, số đề nghị được trả lời (đầy đủ, một phần hoặc từ chối có căn cứ) "
            "trước hoặc đúng hạn trả lời, hạn tính theo ngày, giờ làm việc."
        ),
        program_requests,
        _state("on_time"),
        tile=True,
    ),
    Figure(
        "requests_late",
        _("Đề nghị gửi trong kỳ được trả lời trễ hạn"),
        _("Trong số đề nghị gửi trong kỳ, số đề nghị được trả lời sau hạn trả lời."),
        program_requests,
        _state("late"),
    ),
    Figure(
        "requests_overdue",
        _("Đề nghị gửi trong kỳ chưa trả lời, đã quá hạn"),
        _("Trong số đề nghị gửi trong kỳ, số đề nghị lúc tính số liệu chưa được trả lời và đã quá hạn."),
        program_requests,
        _state("overdue"),
        tile=True,
    ),
    Figure(
        "requests_pending",
        _("Đề nghị gửi trong kỳ chưa trả lời, còn hạn"),
        _("Trong số đề nghị gửi trong kỳ, số đề nghị lúc tính số liệu chưa được trả lời và chưa đến hạn."),
        program_requests,
        _state("pending"),
    ),
    Figure(
        "requests_withdrawn",
        _("Đề nghị gửi trong kỳ đã rút"),
        _("Trong số đề nghị gửi trong kỳ, số đề nghị báo đã rút trước khi được trả lời."),
        program_requests,
        _state("withdrawn"),
    ),
    Figure(
        "claims",
        _("Hồ sơ kiểm chứng liên quan đến chương trình lập trong kỳ"),
        _(
            "Hồ sơ kiểm chứng thông tin lập trong kỳ có phản ánh của một đơn vị tham gia chương trình (hoặc đơn "
            "vị trực thuộc), có đề nghị cung cấp thông tin gửi theo chương trình hoặc gửi một đơn vị tham gia "
            "chương trình, hoặc có bài kiểm chứng gắn với chương trình."
        ),
        program_claims,
        tile=True,
    ),
    Figure(
        "claims_concluded",
        _("Hồ sơ kiểm chứng lập trong kỳ đã có kết luận được duyệt"),
        _(
            "Trong số hồ sơ kiểm chứng lập trong kỳ, số hồ sơ lúc tính số liệu đã có kết luận được Tổng Biên "
            "tập hoặc Phó Tổng Biên tập duyệt."
        ),
        program_claims,
        lambda now: CLAIM_CONCLUDED,
        tile=True,
    ),
)
FIGURES_BY_KEY: dict[str, Figure] = {figure.key: figure for figure in FIGURES}


def figure_value(key: str, program: Program, period: Period, now: dt.datetime) -> int:
    return FIGURES_BY_KEY[key].queryset(program, period, now).count()


# --- the tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeRow:
    theme_id: int | None
    title: str
    target_label: str
    target: float | None
    published: int

    @property
    def percent(self) -> float | None:
        if not self.target:
            return None
        return 100.0 * self.published / self.target


@dataclass(frozen=True)
class SubmissionRow:
    unit_id: int
    unit: str
    total: int
    sent: int
    received: int
    in_progress: int
    published: int
    not_used: int

    @property
    def open(self) -> int:
        return self.sent + self.received + self.in_progress

    @property
    def used_percent(self) -> float | None:
        return 100.0 * self.published / self.total if self.total else None


@dataclass(frozen=True)
class RequestRow:
    unit_id: int
    unit: str
    total: int
    on_time: int
    late: int
    overdue: int
    pending: int
    withdrawn: int
    median_hours: float | None

    @property
    def unanswered(self) -> int:
        return self.overdue + self.pending

    @property
    def on_time_percent(self) -> float | None:
        answered = self.on_time + self.late
        return 100.0 * self.on_time / answered if answered else None


@dataclass(frozen=True)
class VerdictRow:
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class ClaimSummary:
    received: int
    verdicts: list[VerdictRow]

    @property
    def verdicts_total(self) -> int:
        return sum(row.count for row in self.verdicts)


@dataclass(frozen=True)
class MostReadRow:
    rank: int
    article_id: int
    title: str
    url: str
    published_at: dt.datetime | None
    views: int


def _sorted_by_unit(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: collation_key(row.unit))


def theme_rows(program: Program, period: Period) -> list[ThemeRow]:
    """The articles of the figure "articles" per theme, against the theme's target scaled to the
    period; those on none of the programme's themes come last ("Chưa gắn nội dung…")."""
    themes = list(program.themes.all().order_by("sort_order", "pk"))
    articles = program_articles(program, period)
    through = ArticlePage._meta.get_field("themes").remote_field.through  # type: ignore[union-attr]
    links = through.objects.filter(articlepage_id__in=articles.values("pk"), theme__program=program)
    counts = dict(
        links.values("theme_id").annotate(n=Count("articlepage_id", distinct=True)).values_list("theme_id", "n")
    )
    unthemed = articles.exclude(pk__in=links.values("articlepage_id")).count()
    program_months = periods.months_between(program.starts_on, program.ends_on)
    rows = [
        ThemeRow(
            theme_id=theme.pk,
            title=theme.title,
            target_label=theme.target_label,
            target=periods.scaled_target(theme.target_count, theme.target_period, period, program_months),
            published=counts.get(theme.pk, 0),
        )
        for theme in themes
    ]
    if unthemed:
        rows.append(ThemeRow(None, str(COLUMNS["unthemed"]), "", None, unthemed))
    return rows


def _party_units(program: Program) -> dict[int, str]:
    """The programme's partner parties, so a unit that sent nothing still shows, with zeros."""
    return dict(Organization.objects.partners().filter(program_parties__program=program).values_list("pk", "name"))


def submission_rows(program: Program, period: Period) -> list[SubmissionRow]:
    """The submissions of the figure "submissions" per sending unit, by status as of now."""
    rows: dict[int, SubmissionRow] = {}
    aggregated = (
        program_submissions(program, period)
        .values("original_organization_id", "original_organization__name")
        .annotate(total=Count("pk"), **{name: Count("pk", filter=q) for name, q in SUBMISSION_STATES.items()})
        .order_by()
    )
    for aggregate in aggregated:
        item: dict[str, Any] = dict(aggregate)  # keys named by SUBMISSION_STATES
        rows[item["original_organization_id"]] = SubmissionRow(
            unit_id=item["original_organization_id"],
            unit=item["original_organization__name"],
            total=item["total"],
            **{name: item[name] for name in SUBMISSION_STATES},
        )
    for unit_id, name in _party_units(program).items():
        rows.setdefault(unit_id, SubmissionRow(unit_id, name, 0, 0, 0, 0, 0, 0))
    return _sorted_by_unit(list(rows.values()))


def _hours(sent_at: dt.datetime, answered_at: dt.datetime | None) -> float:
    """Calendar hours from sending to the answer (only answered requests are asked)."""
    assert answered_at is not None  # noqa: S101 — the callers filter on answered_at
    return (answered_at - sent_at).total_seconds() / 3600


def request_rows(program: Program, period: Period, now: dt.datetime) -> list[RequestRow]:
    """The requests of the figure "requests" per unit asked, by outcome as of `now`, with the median
    answer time in calendar hours from sending to the answer."""
    states = request_states(now)
    requests = program_requests(program, period)
    names = _party_units(program)
    counts: dict[int, dict[str, int]] = {}
    for item in (
        requests.values("original_organization_id", "original_organization__name")
        .annotate(total=Count("pk"), **{name: Count("pk", filter=q) for name, q in states.items()})
        .order_by()
    ):
        row: dict[str, Any] = dict(item)  # keys named by `states`
        unit_id = row["original_organization_id"]
        names[unit_id] = row["original_organization__name"]
        counts[unit_id] = {name: row[name] for name in ("total", *states)}
    hours: dict[int, list[float]] = {}
    for unit_id, sent_at, answered_at in requests.filter(answered_at__isnull=False).values_list(
        "original_organization_id", "sent_at", "answered_at"
    ):
        hours.setdefault(unit_id, []).append(_hours(sent_at, answered_at))
    zero = dict.fromkeys(("total", *states), 0)
    rows = [
        RequestRow(
            unit_id=unit_id,
            unit=name,
            median_hours=statistics.median(hours[unit_id]) if unit_id in hours else None,
            **counts.get(unit_id, zero),
        )
        for unit_id, name in names.items()
    ]
    return _sorted_by_unit(rows)


def median_answer_hours(program: Program, period: Period) -> float | None:
    """The median answer time of all the period's answered requests, in calendar hours."""
    answered = program_requests(program, period).filter(answered_at__isnull=False)
    hours = [_hours(sent, answered_at) for sent, answered_at in answered.values_list("sent_at", "answered_at")]
    return statistics.median(hours) if hours else None


def claim_summary(program: Program, period: Period) -> ClaimSummary:
    """The claims of the figure "claims", and those concluded (approved verdict) per verdict label."""
    claims = program_claims(program, period)
    verdicts = (
        claims.filter(CLAIM_CONCLUDED)
        .values("verdict__label__name", "verdict__label__colour", "verdict__label__sort_order")
        .annotate(n=Count("pk"))
        .order_by("verdict__label__sort_order", "verdict__label__name")
    )
    rows = [
        VerdictRow(label=v["verdict__label__name"], colour=v["verdict__label__colour"] or "#555555", count=v["n"])
        for v in verdicts
    ]
    return ClaimSummary(received=claims.count(), verdicts=rows)


def _public_path(url_path: str) -> str:
    """`/trang-chu/chuyen-muc/bai/` (Wagtail's tree path) as the site path `/chuyen-muc/bai/`."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + (parts[1] + "/" if len(parts) > 1 and parts[1] else "")


def most_read_rows(program: Program, period: Period, limit: int = MOST_READ_LIMIT) -> list[MostReadRow]:
    """The programme's live articles (published at any time) most read during the period."""
    if not period.overlaps:
        return []
    top = list(
        ArticleDailyViews.objects.filter(
            day__gte=period.starts_on,
            day__lte=period.ends_on,
            article_id__in=program_articles(program).values("pk"),
        )
        .values("article_id")
        .annotate(total=Sum("views"))
        .filter(total__gt=0)
        .order_by("-total", "article_id")[:limit]
    )
    pages = {
        page["pk"]: page
        for page in ArticlePage.objects.filter(pk__in=[row["article_id"] for row in top]).values(
            "pk", "title", "url_path", "first_published_at"
        )
    }
    return [
        MostReadRow(
            rank=rank,
            article_id=row["article_id"],
            title=pages[row["article_id"]]["title"],
            url=_public_path(pages[row["article_id"]]["url_path"]),
            published_at=pages[row["article_id"]]["first_published_at"],
            views=row["total"],
        )
        for rank, row in enumerate(top, start=1)
        if row["article_id"] in pages
    ]


# --- everything at once -----------------------------------------------------------------------


@dataclass(frozen=True)
class FigureValue:
    figure: Figure
    value: int

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def label(self) -> str:
        return str(self.figure.label)

    @property
    def definition(self) -> str:
        return str(self.figure.definition)


@dataclass(frozen=True)
class ProgramFigures:
    program: Program
    period: Period
    now: dt.datetime
    values: dict[str, int]
    themes: list[ThemeRow]
    submissions: list[SubmissionRow]
    requests: list[RequestRow]
    claims: ClaimSummary
    most_read: list[MostReadRow]
    totals: dict[str, Any] = field(default_factory=dict)

    @property
    def articles_total(self) -> int:
        return self.values["articles"]

    @property
    def headline(self) -> list[FigureValue]:
        """Every figure with its value, in catalogue order: what each output lists as its key figures."""
        return [FigureValue(figure, self.values[figure.key]) for figure in FIGURES]

    @property
    def as_of_text(self) -> str:
        """When the figures were computed and how an object is placed in the period."""
        return gettext(
            "Số liệu tính đến %(now)s. Mỗi đối tượng tính vào kỳ theo lúc phát sinh (tin, bài: ngày đăng lần "
            "đầu; thông tin: lúc nhận; đề nghị: lúc gửi; hồ sơ kiểm chứng: lúc lập); kết quả xử lý tính đến "
            "thời điểm trên."
        ) % {"now": timezone.localtime(self.now).strftime("%d/%m/%Y %H:%M")}

    @property
    def by_key(self) -> dict[str, FigureValue]:
        return {item.key: item for item in self.headline}

    @property
    def tiles(self) -> list[FigureValue]:
        return [item for item in self.headline if item.figure.tile]


def _sum(rows: list[Any], *names: str) -> dict[str, int]:
    return {name: sum(getattr(row, name) for row in rows) for name in names}


def program_figures(program: Program, period: Period, now: dt.datetime | None = None) -> ProgramFigures:
    """Every figure and table of one programme and period, as of `now`."""
    now = now or timezone.now()
    values = {figure.key: figure.queryset(program, period, now).count() for figure in FIGURES}
    themes = theme_rows(program, period)
    submissions = submission_rows(program, period)
    requests = request_rows(program, period, now)
    claims = claim_summary(program, period)
    most_read = most_read_rows(program, period)
    targets = [row.target for row in themes if row.target is not None]
    totals: dict[str, Any] = {
        "themes": {**_sum(themes, "published"), "target": sum(targets) if targets else None},
        "submissions": _sum(submissions, "total", "sent", "received", "in_progress", "published", "not_used", "open"),
        "requests": {
            **_sum(requests, "total", "on_time", "late", "overdue", "pending", "withdrawn", "unanswered"),
            "median_hours": median_answer_hours(program, period),
        },
        "claims": {"received": claims.received, "verdicts": claims.verdicts_total},
        "most_read": _sum(most_read, "views"),
    }
    s = totals["submissions"]
    used_percent = 100.0 * s["published"] / s["total"] if s["total"] else None
    totals["submissions"]["used_percent"] = used_percent
    return ProgramFigures(
        program=program,
        period=period,
        now=now,
        values=values,
        themes=themes,
        submissions=submissions,
        requests=requests,
        claims=claims,
        most_read=most_read,
        totals=totals,
    )
