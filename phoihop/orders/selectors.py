"""Reads of the orders: the delivered candidates of a period and the order's figures (ordered,
delivered, accepted, paid) per theme and period. The figures are computed from the items themselves, so
the minutes and the order page always agree with the articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from phoihop.orders.models import AcceptancePeriod, Deliverable, Item, Order
from phoihop.portal.models import ArticlePage


def public_path(url_path: str) -> str:
    """`/trang-chu/chuyen-muc/bai/` (Wagtail's tree path) as the site path `/chuyen-muc/bai/`."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + (parts[1] + "/" if len(parts) > 1 and parts[1] else "")


def public_url(article: ArticlePage) -> str:
    return settings.PHOIHOP_BASE_URL + public_path(article.url_path)


def _day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def delivered_candidates(order: Order, first: dt.date, last: dt.date) -> Iterator[tuple[ArticlePage, Deliverable]]:
    """The live articles of the order's programme under an ordered theme, first published in the period;
    each once, under its first ordered theme (the deliverable of lowest id)."""
    start, end = _day_bounds(first, last)
    by_theme: dict[int, Deliverable] = {}
    for deliverable in order.deliverables.select_related("theme").order_by("pk"):
        by_theme.setdefault(deliverable.theme_id, deliverable)
    articles = (
        ArticlePage.objects.filter(live=True, themes__in=list(by_theme), first_published_at__gte=start)
        .filter(first_published_at__lt=end)
        .distinct()
        .order_by("first_published_at", "pk")
        .prefetch_related("themes")
    )
    for article in articles:
        theme_ids = [t.pk for t in article.themes.all() if t.pk in by_theme]
        yield article, by_theme[min(theme_ids, key=lambda pk: by_theme[pk].pk)]


@dataclass
class MinutesRow:
    number: int
    title: str
    url: str
    published_at: dt.datetime
    kind: str
    theme: str
    unit_price: int

    @property
    def amount(self) -> int:
        return self.unit_price


def minutes_rows(period: AcceptancePeriod) -> list[MinutesRow]:
    items = (
        period.items.filter(included=True)
        .select_related("article", "theme")
        .order_by("article__first_published_at", "pk")
    )
    return [
        MinutesRow(
            number=n,
            title=item.article.title,
            url=public_url(item.article),
            published_at=timezone.localtime(item.article.first_published_at),
            kind=item.get_kind_display(),
            theme=item.theme.title,
            unit_price=item.unit_price,
        )
        for n, item in enumerate(items, start=1)
    ]


@dataclass
class Figure:
    count: int = 0
    amount: int = 0


@dataclass
class SummaryRow:
    label: str
    ordered: Figure = field(default_factory=Figure)
    delivered: Figure = field(default_factory=Figure)
    accepted: Figure = field(default_factory=Figure)
    paid_amount: int = 0


def _periods_count(order: Order, per: str) -> int:
    months = (order.ends_on.year - order.starts_on.year) * 12 + order.ends_on.month - order.starts_on.month + 1
    return months if per == Deliverable.Per.MONTH else -(-months // 3)


def order_summary(order: Order) -> dict[str, Any]:
    """Ordered / delivered / accepted (counts and VND) per theme, and per period with paid."""
    themes: dict[int, SummaryRow] = {}
    for d in order.deliverables.select_related("theme"):
        row = themes.setdefault(d.theme_id, SummaryRow(label=d.theme.title))
        quantity = d.quantity * _periods_count(order, d.per)
        row.ordered.count += quantity
        row.ordered.amount += quantity * d.unit_price
    periods: list[SummaryRow] = []
    items = Item.objects.filter(period__order=order, included=True).select_related("theme")
    by_period: dict[int, list[Item]] = {}
    for item in items:
        by_period.setdefault(item.period_id, []).append(item)
        row = themes.setdefault(item.theme_id, SummaryRow(label=item.theme.title))
        row.delivered.count += 1
        row.delivered.amount += item.unit_price
        if item.status == Item.Status.ACCEPTED:
            row.accepted.count += 1
            row.accepted.amount += item.unit_price
    paid = dict(
        order.periods.annotate(total=Sum("payments__amount")).values_list("pk", "total")  # type: ignore[arg-type]
    )
    for period in order.periods.all():
        row = SummaryRow(label=period.label)
        for item in by_period.get(period.pk, []):
            row.delivered.count += 1
            row.delivered.amount += item.unit_price
            if item.status == Item.Status.ACCEPTED:
                row.accepted.count += 1
                row.accepted.amount += item.unit_price
        row.paid_amount = paid.get(period.pk) or 0
        periods.append(row)
    total = SummaryRow(label="")
    for row in themes.values():
        for name in ("ordered", "delivered", "accepted"):
            getattr(total, name).count += getattr(row, name).count
            getattr(total, name).amount += getattr(row, name).amount
    total.paid_amount = sum(row.paid_amount for row in periods)
    return {"themes": list(themes.values()), "periods": periods, "total": total}
