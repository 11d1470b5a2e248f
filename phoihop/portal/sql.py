"""The portal's hottest reads as plain SQL (portable: SQLite and PostgreSQL).

Building a Django query costs ~0.4 ms of Python; the query itself, on an index, ~0.03 ms. A home
page needs a dozen such id lists, so the lists that every uncached page runs are written here
once, and `selectors`, `cards` and `images` read through them. There is no ORM twin to keep in
step: the portal's page tests check what these lists show and how many queries a page takes.

Order is always ``first_published_at DESC, id DESC`` on Wagtail's page table, which its
``first_published_at`` index (plus the row id) serves without sorting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.dateparse import parse_datetime
from wagtail.images import get_image_model
from wagtail.models import Page

from phoihop.portal.models import ArticleAuthor, ArticlePage, ArticleTag, PortalTag, RelatedArticle


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def aware(value: Any) -> dt.datetime | None:
    """A datetime column read by a raw cursor: SQLite gives naive UTC (or text), PostgreSQL aware."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def latest_ids(
    *,
    limit: int,
    offset: int = 0,
    parent: Page | None = None,
    picks_only: bool = False,
    exclude: int | None = None,
    tag_id: int | None = None,
    author_slug: str | None = None,
) -> list[int]:
    """Ids of live articles, newest first: all, a category's (`parent`), editor's picks, a tag's
    or an author's."""
    page, article = _table(Page), _table(ArticlePage)
    joins = [f"INNER JOIN {article} a ON a.page_ptr_id = p.id"]
    where = ["p.live = %s"]
    params: list[Any] = [True]
    if parent is not None:
        where += ["p.path LIKE %s", "p.depth = %s"]
        params += [parent.path + "%", parent.depth + 1]
    if picks_only:
        where.append("a.editors_pick = %s")
        params.append(True)
    if exclude is not None:
        where.append("p.id <> %s")
        params.append(exclude)
    if tag_id is not None:
        where.append(f"p.id IN (SELECT t.content_object_id FROM {_table(ArticleTag)} t WHERE t.tag_id = %s)")  # noqa: S608
        params.append(tag_id)
    if author_slug is not None:
        where.append(f"p.id IN (SELECT au.article_id FROM {_table(ArticleAuthor)} au WHERE au.slug = %s)")  # noqa: S608
        params.append(author_slug)
    sql = (
        f"SELECT p.id FROM {page} p {' '.join(joins)} WHERE {' AND '.join(where)} "  # noqa: S608 — fixed fragments
        "ORDER BY p.first_published_at DESC, p.id DESC LIMIT %s OFFSET %s"
    )
    return [row[0] for row in _rows(sql, [*params, limit, offset])]


def live_articles_by_slug(slug: str, depth: int) -> list[ArticlePage]:
    """The live articles with `slug` at `depth`, as full page objects (every column: Wagtail serves
    them), by the slug index — without building a Django query (~2 ms with its joins)."""
    sql = (
        f"SELECT p.*, a.* FROM {_table(Page)} p "  # noqa: S608 — fixed fragments
        f"INNER JOIN {_table(ArticlePage)} a ON a.page_ptr_id = p.id "
        "WHERE p.slug = %s AND p.depth = %s AND p.live = %s"
    )
    return list(ArticlePage.objects.raw(sql, [slug, depth, True]))


CARD_COLUMNS = (
    "p.id", "p.path", "p.title", "p.url_path", "p.first_published_at", "a.sapo", "a.editors_pick", "a.lead_image_id",
    "i.focal_point_x", "i.focal_point_y", "i.focal_point_width", "i.focal_point_height",
)  # fmt: skip


def card_rows(ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """The columns of `cards.ArticleCard` for the live articles among `ids`, in CARD_COLUMNS order."""
    ids = list(ids)
    if not ids:
        return []
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {', '.join(CARD_COLUMNS)} FROM {_table(Page)} p "  # noqa: S608 — fixed fragments
        f"INNER JOIN {_table(ArticlePage)} a ON a.page_ptr_id = p.id "
        f"LEFT OUTER JOIN {_table(get_image_model())} i ON i.id = a.lead_image_id "
        f"WHERE p.live = %s AND p.id IN ({placeholders})"
    )
    return [(*row[:4], aware(row[4]), *row[5:]) for row in _rows(sql, [True, *ids])]


def rendition_rows(image_ids: Iterable[int], specs: Iterable[str]) -> list[tuple[Any, ...]]:
    """(image_id, filter_spec, focal_point_key, file, width, height) of existing renditions."""
    image_ids, specs = list(image_ids), list(specs)
    if not image_ids or not specs:
        return []
    table = _table(get_image_model().get_rendition_model())
    in_images, in_specs = ", ".join(["%s"] * len(image_ids)), ", ".join(["%s"] * len(specs))
    sql = (
        f"SELECT image_id, filter_spec, focal_point_key, file, width, height FROM {table} "  # noqa: S608
        f"WHERE image_id IN ({in_images}) AND filter_spec IN ({in_specs})"
    )
    return _rows(sql, [*image_ids, *specs])


def related_ids(article_id: int) -> list[int]:
    rank = connection.ops.quote_name("rank")
    sql = f"SELECT related_id FROM {_table(RelatedArticle)} WHERE article_id = %s ORDER BY {rank}"  # noqa: S608
    return [row[0] for row in _rows(sql, [article_id])]


@dataclass(frozen=True, slots=True)
class TagRef:
    pk: int
    name: str
    slug: str

    def get_absolute_url(self) -> str:
        return f"/tu-khoa/{self.slug}/"


@dataclass(frozen=True, slots=True)
class AuthorRef:
    display_name: str
    slug: str

    def get_absolute_url(self) -> str:
        return f"/tac-gia/{self.slug}/"


def article_tags(article_id: int) -> list[TagRef]:
    sql = (
        f"SELECT t.id, t.name, t.slug FROM {_table(PortalTag)} t "  # noqa: S608
        f"INNER JOIN {_table(ArticleTag)} x ON x.tag_id = t.id WHERE x.content_object_id = %s ORDER BY x.id"
    )
    return [TagRef(*row) for row in _rows(sql, [article_id])]


def article_authors(article_id: int) -> list[AuthorRef]:
    sql = f"SELECT name, slug FROM {_table(ArticleAuthor)} WHERE article_id = %s ORDER BY sort_order, id"  # noqa: S608
    return [AuthorRef(name, slug) for name, slug in _rows(sql, [article_id]) if name]
