"""Every figure of a programme's dashboard and reports. One function per table, each returning plain
rows; the dashboard, the DOCX and the XLSX all read these, so their numbers agree by construction.

What is counted, for a programme and a period (local dates, Asia/Ho_Chi_Minh):

* **Articles**: live articles first published in the period and linked to the programme — to one of
  its themes or to the programme itself. An article on two themes counts once for each theme; the
  total counts it once.
* **Submissions**: created in the period under the programme, by the unit that sent them (the
  original unit, so a merged unit's work keeps its name). "Used" means published (đã đăng).
* **Information requests**: sent in the period under the programme, by the unit asked. A response
  (full, partial or a reasoned refusal) is on time when it came at or before the due time. Open
  requests are "unanswered": overdue or not yet due at `now`. Withdrawn requests count in the total
  only. Answer time is in **calendar hours** from sending to the response (the median per unit);
  the working-hour deadline itself is already in `due_at`, so on time / late follows the law.
* **Claims and verdicts** (phoihop.factcheck, when installed): claims opened in the period that
  concern the programme (a tip from a party unit, an information request of the programme, or a
  rebuttal article of the programme), and approved verdicts of those claims by label.
* **Most read**: the programme's articles by reads in the period (the portal's daily counts).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization
from phoihop.accounts.tree import OrganizationTree
from phoihop.exchange.models import InfoRequest, Submission
from phoihop.programs.models import Program
from phoihop.reports import periods
from phoihop.reports.periods import Period
from vntext import collation_key

MOST_READ_LIMIT = 10


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
    available: bool
    note: str
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


@dataclass(frozen=True)
class ProgramFigures:
    program: Program
    period: Period
    now: dt.datetime
    articles_total: int
    articles_linked: bool
    themes: list[ThemeRow]
    submissions: list[SubmissionRow]
    requests: list[RequestRow]
    claims: ClaimSummary
    most_read: list[MostReadRow]
    totals: dict[str, Any] = field(default_factory=dict)


def _sorted_by_unit(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: collation_key(row.unit))


# --- articles ---------------------------------------------------------------------------------


def article_links_available() -> bool:
    """True once ArticlePage carries `program` and `themes` (the portal's side of the contract)."""
    from phoihop.portal.models import ArticlePage

    try:
        ArticlePage._meta.get_field("program")
        ArticlePage._meta.get_field("themes")
    except FieldDoesNotExist:
        return False
    return True


def program_articles(program: Program, period: Period | None = None) -> QuerySet[Any]:
    """Live articles linked to the programme (itself or one of its themes), published in `period`."""
    from phoihop.portal.models import ArticlePage

    if not article_links_available():
        return ArticlePage.objects.none()
    by_theme = ArticlePage.objects.filter(themes__program=program).values("pk")
    qs = ArticlePage.objects.filter(live=True).filter(Q(program=program) | Q(pk__in=by_theme))
    if period is not None:
        if not period.overlaps:
            return qs.none()
        qs = qs.filter(first_published_at__gte=period.start, first_published_at__lt=period.end)
    return qs


def articles_total(program: Program, period: Period) -> int:
    return program_articles(program, period).count()


def theme_rows(program: Program, period: Period) -> list[ThemeRow]:
    """Published articles per theme against the theme's target scaled to the period; articles of the
    programme without a theme come last ("Chưa gắn nội dung")."""
    themes = list(program.themes.all().order_by("sort_order", "pk"))
    counts: dict[int, int] = {}
    unthemed = 0
    if article_links_available() and period.overlaps:
        from phoihop.portal.models import ArticlePage

        in_period = Q(
            articles__live=True,
            articles__first_published_at__gte=period.start,
            articles__first_published_at__lt=period.end,
        )
        counts = dict(
            program.themes.annotate(n=Count("articles", filter=in_period, distinct=True)).values_list("pk", "n")
        )
        unthemed = ArticlePage.objects.filter(
            program=program,
            live=True,
            first_published_at__gte=period.start,
            first_published_at__lt=period.end,
            themes__isnull=True,
        ).count()
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
        rows.append(
            ThemeRow(theme_id=None, title=_("Chưa gắn nội dung"), target_label="", target=None, published=unthemed)
        )
    return rows


# --- the exchange -----------------------------------------------------------------------------


def _party_units(program: Program) -> dict[int, str]:
    """The programme's partner parties, so a unit that sent nothing still shows, with zeros."""
    return dict(Organization.objects.partners().filter(program_parties__program=program).values_list("pk", "name"))


def submission_rows(program: Program, period: Period) -> list[SubmissionRow]:
    """Submissions per sending unit, by status; `published` is how many were used."""
    status = Submission.Status
    rows: dict[int, SubmissionRow] = {}
    if period.overlaps:
        aggregated = (
            Submission.objects.filter(program=program, created_at__gte=period.start, created_at__lt=period.end)
            .values("original_organization_id", "original_organization__name")
            .annotate(
                total=Count("pk"),
                sent=Count("pk", filter=Q(status=status.SENT)),
                received=Count("pk", filter=Q(status=status.RECEIVED)),
                in_progress=Count("pk", filter=Q(status=status.IN_PROGRESS)),
                published=Count("pk", filter=Q(status=status.PUBLISHED)),
                not_used=Count("pk", filter=Q(status=status.NOT_USED)),
            )
            .order_by()
        )
        for item in aggregated:
            unit_id = item["original_organization_id"]
            rows[unit_id] = SubmissionRow(
                unit_id=unit_id,
                unit=item["original_organization__name"],
                total=item["total"],
                sent=item["sent"],
                received=item["received"],
                in_progress=item["in_progress"],
                published=item["published"],
                not_used=item["not_used"],
            )
    for unit_id, name in _party_units(program).items():
        rows.setdefault(unit_id, SubmissionRow(unit_id, name, 0, 0, 0, 0, 0, 0))
    return _sorted_by_unit(list(rows.values()))


def request_rows(program: Program, period: Period, now: dt.datetime | None = None) -> list[RequestRow]:
    """Information requests per unit asked: answered on time, late, unanswered (overdue or not yet
    due at `now`), withdrawn, and the median answer time in calendar hours."""
    now = now or timezone.now()
    per_unit: dict[int, dict[str, Any]] = {}
    names = _party_units(program)
    if period.overlaps:
        items = (
            InfoRequest.objects.filter(program=program, sent_at__gte=period.start, sent_at__lt=period.end)
            .values_list("original_organization_id", "original_organization__name", "status", "sent_at", "due_at",
                         "answered_at")
            .order_by()
        )  # fmt: skip
        for unit_id, name, status, sent_at, due_at, answered_at in items:
            names[unit_id] = name
            unit = per_unit.setdefault(
                unit_id, {"total": 0, "on_time": 0, "late": 0, "overdue": 0, "pending": 0, "withdrawn": 0, "hours": []}
            )
            unit["total"] += 1
            if answered_at is not None:
                unit["on_time" if answered_at <= due_at else "late"] += 1
                unit["hours"].append((answered_at - sent_at).total_seconds() / 3600)
            elif status == InfoRequest.Status.WITHDRAWN:
                unit["withdrawn"] += 1
            else:
                unit["overdue" if due_at < now else "pending"] += 1
    rows = []
    for unit_id, name in names.items():
        counts = per_unit.get(unit_id)
        if counts is None:
            rows.append(RequestRow(unit_id, name, 0, 0, 0, 0, 0, 0, None))
            continue
        hours = counts.pop("hours")
        rows.append(
            RequestRow(unit_id=unit_id, unit=name, median_hours=statistics.median(hours) if hours else None, **counts)
        )
    return _sorted_by_unit(rows)


# --- fact-checking ----------------------------------------------------------------------------


def claim_summary(program: Program, period: Period) -> ClaimSummary:
    """Claims about the programme opened in the period, and approved verdicts by label.

    The fact-checking app is optional here: when it (or its Claim/Verdict models) is missing, the
    section is empty with a note instead of failing the whole dashboard.
    """
    unavailable = ClaimSummary(
        available=False,
        note=_("Chức năng kiểm chứng thông tin chưa được cài đặt; mục này chưa có số liệu."),
        received=0,
        verdicts=[],
    )
    if not apps.is_installed("phoihop.factcheck"):
        return unavailable
    try:
        claim_model = apps.get_model("factcheck", "Claim")
        verdict_model = apps.get_model("factcheck", "Verdict")
    except LookupError:
        return unavailable
    if not period.overlaps:
        return ClaimSummary(available=True, note="", received=0, verdicts=[])
    try:
        return _claim_summary(program, period, claim_model, verdict_model)
    except FieldError:
        # The app is installed but its models are not (yet) the ones this section was written for.
        return unavailable


def _claim_summary(program: Program, period: Period, claim_model: Any, verdict_model: Any) -> ClaimSummary:
    claim_ids = _program_claim_ids(program, claim_model)
    received = claim_model.objects.filter(
        pk__in=claim_ids, created_at__gte=period.start, created_at__lt=period.end
    ).count()
    verdicts = (
        verdict_model.objects.filter(
            claim_id__in=claim_ids,
            status="approved",
            approved_at__gte=period.start,
            approved_at__lt=period.end,
        )
        .values("label__name", "label__colour", "label__sort_order")
        .annotate(n=Count("pk"))
        .order_by("label__sort_order", "label__name")
    )
    rows = [VerdictRow(label=v["label__name"], colour=v["label__colour"] or "#555555", count=v["n"]) for v in verdicts]
    return ClaimSummary(available=True, note="", received=received, verdicts=rows)


def _program_claim_ids(program: Program, claim_model: Any) -> QuerySet[Any]:
    """The claims that concern the programme: reported by a party unit (or a unit below it), asked
    about through one of the programme's information requests, or answered by one of its articles."""
    party_ids = set(_party_units(program))
    if party_ids:
        # Sub-units report for their parent's programme.
        party_ids = OrganizationTree.load().descendants(party_ids)
    condition = Q(tips__organization_id__in=party_ids) | Q(requests__info_request__program=program)
    if article_links_available():
        condition |= Q(verdict__rebuttal__in=program_articles(program).values("pk"))
    return claim_model.objects.filter(condition).values("pk")


# --- reads ------------------------------------------------------------------------------------


def _public_path(url_path: str) -> str:
    """`/trang-chu/chuyen-muc/bai/` (Wagtail's tree path) as the site path `/chuyen-muc/bai/`."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + (parts[1] + "/" if len(parts) > 1 and parts[1] else "")


def most_read_rows(program: Program, period: Period, limit: int = MOST_READ_LIMIT) -> list[MostReadRow]:
    """The programme's live articles most read during the period (any publication date)."""
    if not article_links_available() or not period.overlaps:
        return []
    from phoihop.portal.models import ArticleDailyViews, ArticlePage

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


def _sum(rows: list[Any], *names: str) -> dict[str, int]:
    return {name: sum(getattr(row, name) for row in rows) for name in names}


def program_figures(program: Program, period: Period, now: dt.datetime | None = None) -> ProgramFigures:
    """All the tables of one programme and period, with their totals."""
    now = now or timezone.now()
    themes = theme_rows(program, period)
    submissions = submission_rows(program, period)
    requests = request_rows(program, period, now)
    claims = claim_summary(program, period)
    most_read = most_read_rows(program, period)
    targets = [row.target for row in themes if row.target is not None]
    request_hours = [row.median_hours for row in requests if row.median_hours is not None]
    totals: dict[str, Any] = {
        "themes": {
            **_sum(themes, "published"),
            "target": sum(targets) if targets else None,
        },
        "submissions": _sum(submissions, "total", "sent", "received", "in_progress", "published", "not_used"),
        "requests": _sum(requests, "total", "on_time", "late", "overdue", "pending", "withdrawn", "unanswered"),
        "claims": {"received": claims.received, "verdicts": claims.verdicts_total},
        "most_read": _sum(most_read, "views"),
    }
    all_hours = _all_answer_hours(program, period) if request_hours else []
    totals["requests"]["median_hours"] = statistics.median(all_hours) if all_hours else None
    return ProgramFigures(
        program=program,
        period=period,
        now=now,
        articles_total=articles_total(program, period),
        articles_linked=article_links_available(),
        themes=themes,
        submissions=submissions,
        requests=requests,
        claims=claims,
        most_read=most_read,
        totals=totals,
    )


def _all_answer_hours(program: Program, period: Period) -> list[float]:
    items = InfoRequest.objects.filter(
        program=program, sent_at__gte=period.start, sent_at__lt=period.end, answered_at__isnull=False
    ).values_list("sent_at", "answered_at")
    return [(answered - sent).total_seconds() / 3600 for sent, answered in items if answered is not None]
