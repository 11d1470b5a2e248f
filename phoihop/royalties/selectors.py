"""Reads of royalties: a month's records for a user, its sheets per author and per section, the overdue."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from phoihop.accounts.models import User
from phoihop.portal.models import ArticlePage
from phoihop.royalties import access
from phoihop.royalties.models import Royalty, RoyaltyShare


@dataclass
class Line:
    """One author's line of one royalty."""

    royalty: Royalty
    share: RoyaltyShare


@dataclass
class AuthorSheet:
    name: str
    lines: list[Line] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.share.amount for line in self.lines)


@dataclass
class SectionSheet:
    name: str
    royalties: list[Royalty] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.royalties)


def _with_details(queryset: QuerySet[Royalty]) -> QuerySet[Royalty]:
    return queryset.select_related("article", "section", "genre__instrument", "unit").prefetch_related(
        Prefetch("shares", queryset=RoyaltyShare.objects.select_related("user"))
    )


def month_royalties(
    user: User, year: int, month: int, *, section_id: int | None = None, status: str = ""
) -> list[Royalty]:
    queryset = access.royalties_for_user(user).in_month(year, month)
    if section_id:
        queryset = queryset.filter(section_id=section_id)
    if status:
        queryset = queryset.filter(status=status)
    return list(_with_details(queryset).order_by("published_on", "pk"))


def visible_shares(user: User, royalty: Royalty) -> list[RoyaltyShare]:
    """All the lines for editors and leaders; a reporter's own line only."""
    shares = list(royalty.shares.all())
    if access.sees_all_lines(user):
        return shares
    return [s for s in shares if s.user_id == user.pk]


def author_sheets(user: User, royalties: list[Royalty]) -> list[AuthorSheet]:
    sheets: dict[str, AuthorSheet] = {}
    for royalty in royalties:
        for share in visible_shares(user, royalty):
            key = f"u{share.user_id}" if share.user_id else f"n{share.name}"
            sheets.setdefault(key, AuthorSheet(name=share.name)).lines.append(Line(royalty, share))
    return sorted(sheets.values(), key=lambda s: s.name)


def section_sheets(royalties: list[Royalty]) -> list[SectionSheet]:
    sheets: dict[str, SectionSheet] = defaultdict(lambda: SectionSheet(name=""))
    for royalty in royalties:
        name = str(royalty.section.title) if royalty.section else "—"
        sheet = sheets[name]
        sheet.name = name
        sheet.royalties.append(royalty)
    return sorted(sheets.values(), key=lambda s: s.name)


def overdue(user: User, today: dt.date) -> list[Royalty]:
    return list(_with_details(access.royalties_for_user(user).overdue(today)).order_by("due_on", "pk"))


def due_soon(user: User, today: dt.date) -> list[Royalty]:
    return list(_with_details(access.royalties_for_user(user).due_soon(today)).order_by("due_on", "pk"))


def articles_without_royalty(user: User, year: int, month: int) -> list[ArticlePage]:
    """The month's published articles the user may prepare a royalty for and that have none yet."""
    if not access.sees_all_lines(user):
        return []
    articles = (
        ArticlePage.objects.live()
        .filter(first_published_at__year=year, first_published_at__month=month, royalty__isnull=True)
        .prefetch_related("authors")
        .order_by("first_published_at")
    )
    return [a for a in articles if access.can_prepare(user, a.get_parent().pk)]
