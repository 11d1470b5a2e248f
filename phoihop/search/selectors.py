"""Reads from the search indexes: the public article search and the access-scoped workspace search."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page, Site

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import User
from phoihop.search import engine
from phoihop.search.models import ArticleDocument, WorkspaceDocument
from phoihop.search.snippets import snippet

ARTICLES = engine.IndexTable(table=ArticleDocument._meta.db_table)
WORKSPACE = engine.IndexTable(table=WorkspaceDocument._meta.db_table)

T = TypeVar("T")


@dataclass(frozen=True)
class ArticleHit:
    page_id: int
    title: str
    url: str
    published_at: dt.datetime
    category: str
    snippet: SafeString


@dataclass(frozen=True)
class WorkspaceHit:
    kind: str
    object_id: str
    organization_id: int
    title: str
    url: str
    updated_at: dt.datetime
    snippet: SafeString


@dataclass(frozen=True)
class Results(Generic[T]):
    """One slice of a ranked result list and the number of matches in all."""

    query: engine.ParsedQuery | None
    hits: list[T]
    total: int
    offset: int = 0
    # More matches than `engine.COUNT_CAP`: `total` is the cap, shown as "more than …".
    capped: bool = False


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the site's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


def search_articles(
    text: str | None,
    *,
    category_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    offset: int = 0,
    limit: int = 20,
    request: HttpRequest | None = None,
) -> Results[ArticleHit]:
    """Published articles matching `text`, best first (ranking in `engine`), from `offset`.

    Dates are whole days in the site's time zone, both ends included. Pages unpublished since they
    were indexed are left out even before the worker removes them.
    """
    query = engine.parse_query(text)
    if query is None:
        return Results(query=None, hits=[], total=0)
    filters = engine.Filters()
    if category_id is not None:
        filters.add("d.category_id = %s", category_id)
    filters.date_range(
        day_start(date_from) if date_from else None,
        day_start(date_to + dt.timedelta(days=1)) if date_to else None,
    )
    ranked = engine.rank(query, ARTICLES, filters=filters, offset=offset, limit=limit)
    hits = article_hits(ranked.keys, query, request=request)
    return Results(query=query, hits=hits, total=ranked.total, offset=offset, capped=ranked.capped)


def article_page_ids(keys: list[int]) -> list[int]:
    """Page ids for index rank keys, in the same order."""
    ids = dict(ArticleDocument.objects.filter(rank_key__in=keys).values_list("rank_key", "page_id"))
    return [ids[key] for key in keys if key in ids]


def article_hits(keys: list[int], query: engine.ParsedQuery, *, request: HttpRequest | None = None) -> list[ArticleHit]:
    """The hits for these rank keys, in this order, with URLs, category names and snippets.

    One query reads each row with its live page's title and address and its category's name, as
    plain values (no model instances: this runs for every results page).
    """
    if not keys:
        return []
    page_table = Page._meta.db_table
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.rank_key, d.page_id, p.title, p.url_path, d.published_at, c.title, d.text, d.text_f "  # noqa: S608
            f"FROM {ARTICLES.table} AS d JOIN {page_table} AS p ON p.id = d.page_id "
            f"LEFT JOIN {page_table} AS c ON c.id = d.category_id "
            f"WHERE d.rank_key IN ({marks}) AND p.live = %s",
            [*keys, True],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
    published_at = _converter(ArticleDocument, "published_at")
    urls = PageUrls(request)
    return [
        ArticleHit(
            page_id=page_id,
            title=title,
            url=urls.url(page_id, url_path),
            published_at=published_at(moment),
            category=category or "",
            snippet=snippet(text, query, text_f),
        )
        for _, page_id, title, url_path, moment, category, text, text_f in (rows[key] for key in keys if key in rows)
    ]


def _converter(model: type[models.Model], name: str) -> Callable[[Any], Any]:
    """What the ORM does to a raw database value of this field (SQLite: text to an aware datetime)."""
    column = cast(models.Field, model._meta.get_field(name)).get_col(model._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    def convert(value: Any) -> Any:
        for converter in converters:
            value = converter(value, column, connection)
        return value

    return convert


# The address part of Wagtail's page URL pattern ("wagtail_serve") that reverses unchanged.
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_\-]+/)*")


class PageUrls:
    """`Page.get_url(request)` from a page's `url_path` alone, with the site root paths read once.

    The usual install (one site, no translations, trailing slashes) gets the page's path under its
    site root, after the address Wagtail's pages are served from; any other case asks Wagtail.
    """

    def __init__(self, request: HttpRequest | None) -> None:
        self.request = request
        roots = getattr(request, "_wagtail_cached_site_root_paths", None)  # where Wagtail keeps them
        if roots is None:
            roots = Site.get_site_root_paths()
            if request is not None:
                setattr(request, "_wagtail_cached_site_root_paths", roots)  # noqa: B010
        self.roots = roots
        self.simple = (
            len({root.site_id for root in self.roots}) == 1
            and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
            and getattr(settings, "WAGTAIL_APPEND_SLASH", True)
        )
        self.prefix = ""
        if self.simple:
            try:
                self.prefix = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:  # pages not served (headless): Wagtail says so per page
                self.simple = False

    def url(self, page_id: int, url_path: str) -> str:
        if self.simple:
            root = next((root for root in self.roots if url_path.startswith(root.root_path)), None)
            if root is None:
                return ""  # not under a site: not routable
            path = url_path[len(root.root_path) :]
            if _PLAIN_PATH.fullmatch(path):
                return self.prefix + path
        page = Page(id=page_id, url_path=url_path)
        page._wagtail_cached_site_root_paths = self.roots
        return page.get_url(request=self.request) or ""


def workspace_search(
    user: AnonymousUser | User | None, text: str | None, *, kind: str | None = None, offset: int = 0, limit: int = 20
) -> Results[WorkspaceHit]:
    """Workspace items matching `text` that `user` may see, best first.

    The organization filter is part of the SQL query (never applied after ranking), so counts and
    pages never reveal another organization's items: the press sees everything, a partner member
    their own unit, its sub-units and the units it succeeded, anyone else nothing.
    """
    query = engine.parse_query(text)
    scope = scope_for(user)
    if query is None or not (scope.sees_everything or scope.visible):
        return Results(query=query, hits=[], total=0)
    filters = engine.Filters()
    if not scope.sees_everything:
        visible = sorted(scope.visible)
        filters.add(f"d.organization_id IN ({', '.join(['%s'] * len(visible))})", *visible)
    if kind:
        filters.add("d.kind = %s", kind)
    ranked = engine.rank(query, WORKSPACE, filters=filters, offset=offset, limit=limit)
    rows = {doc.rank_key: doc for doc in WorkspaceDocument.objects.filter(rank_key__in=ranked.keys)}
    hits = [
        WorkspaceHit(
            kind=doc.kind,
            object_id=doc.object_id,
            organization_id=doc.organization_id,
            title=doc.title,
            url=doc.url,
            updated_at=doc.updated_at,
            snippet=snippet(doc.text, query, doc.text_f),
        )
        for doc in (rows[key] for key in ranked.keys if key in rows)
        if scope.can_see(doc.organization_id)  # belt and braces: the SQL filter already did this
    ]
    return Results(query=query, hits=hits, total=ranked.total, offset=offset, capped=ranked.capped)
