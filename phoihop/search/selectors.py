"""Reads from the search indexes: the public article search and the access-scoped workspace search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page

from phoihop.accounts.access import scope_for
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
    """The hits for these rank keys, in this order, with URLs, category names and snippets (3 queries)."""
    if not keys:
        return []
    by_key = {
        doc.rank_key: doc
        for doc in ArticleDocument.objects.filter(rank_key__in=keys).only(
            "page_id", "rank_key", "text", "text_f", "published_at", "category_id"
        )
    }
    ids = [by_key[key].page_id for key in keys if key in by_key]
    documents = {doc.page_id: doc for doc in by_key.values()}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids, live=True)}
    category_ids = {doc.category_id for doc in documents.values() if doc.category_id is not None}
    categories = dict(Page.objects.filter(pk__in=category_ids).values_list("pk", "title"))
    hits = []
    for page_id in ids:
        doc, page = documents.get(page_id), pages.get(page_id)
        if doc is None or page is None:
            continue
        hits.append(
            ArticleHit(
                page_id=page_id,
                title=page.title,
                url=page.get_url(request=request) or "",
                published_at=doc.published_at,
                category=categories.get(doc.category_id, "") if doc.category_id is not None else "",
                snippet=snippet(doc.text, query, doc.text_f),
            )
        )
    return hits


def workspace_search(
    user: Any, text: str | None, *, kind: str | None = None, offset: int = 0, limit: int = 20
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
