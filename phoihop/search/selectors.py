"""Reads from the search indexes: the public article search and the access-scoped workspace search."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
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
from phoihop.portal.models import ArticleTag, PortalTag
from phoihop.search import engine, fallback, input_methods
from phoihop.search.models import ArticleDocument, WorkspaceDocument
from phoihop.search.snippets import snippet
from vntext import fold
from vntext.tokens import token_pairs

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
    # Partial matches: how many of the query's counted words the article holds, and those it lacks.
    matched: int = 0
    missing: tuple[str, ...] = ()


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
    # The results are for `query.text`, read from keystrokes typed as `typed` (Telex or VNI).
    typed: str = ""
    # "Có phải bạn muốn tìm: …": a spelling the index knows that finds more.
    suggestion: str = ""
    # Every-word matching found fewer than `FEW_RESULTS`: the best partial matches (first page only),
    # and how many words of the query they were counted on.
    partial: list[T] = field(default_factory=list)
    partial_words: int = 0


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
    recover: bool = True,
) -> Results[ArticleHit]:
    """Published articles matching `text`, best first (ranking in `engine`), from `offset`.

    Dates are whole days in the site's time zone, both ends included. Pages unpublished since they
    were indexed are left out even before the worker removes them.

    When every word finds fewer than `FEW_RESULTS` articles (and `recover` is on): the query read as
    Telex/VNI keystrokes replaces it if that finds more (`Results.typed` keeps what was typed), a
    likelier spelling from the index's vocabulary is offered (`Results.suggestion`), and the first
    page adds the articles holding the most of its words (`Results.partial`).
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
    if ranked.total >= FEW_RESULTS or not recover:
        hits = article_hits(ranked.keys, query, request=request)
        return Results(query=query, hits=hits, total=ranked.total, offset=offset, capped=ranked.capped)
    return _recovered(query, ranked, filters=filters, offset=offset, limit=limit, request=request)


# Every-word matching finding fewer articles than this tries the recoveries (`fallback`).
FEW_RESULTS = 3


def _recovered(
    query: engine.ParsedQuery,
    ranked: engine.Ranked,
    *,
    filters: engine.Filters,
    offset: int,
    limit: int,
    request: HttpRequest | None,
) -> Results[ArticleHit]:
    """Every-word matching found little: read the query as Telex/VNI keystrokes, look for a likelier
    spelling, and add the best partial matches (see `fallback`)."""
    typed = ""
    words = [folded for _, folded in token_pairs(query.text)][: engine.MAX_TOKENS]
    counts = fallback.vocabulary(words)
    recovery = input_methods.recover(query.text, known=lambda word: bool(counts.get(fold(word))))
    if recovery is not None:
        recovered = engine.merge_queries([engine.parse_query(variant) for variant in recovery.variants])
        if recovered is not None:
            again = engine.rank(recovered, ARTICLES, filters=filters, offset=offset, limit=limit)
            if again.total > ranked.total:
                typed, query, ranked = query.text, recovered, again
                words = [folded for _, folded in token_pairs(query.text)][: engine.MAX_TOKENS]
                counts = fallback.vocabulary(words)
    suggestion = ""
    corrected = fallback.correction(words, counts)
    if corrected is not None:
        flat = [word for group in corrected for word in group]
        better = engine.parse_query(" ".join(flat))
        if better is not None:
            found = engine.rank(better, ARTICLES, filters=filters, limit=1)
            if found.total > ranked.total:
                suggestion = _spelled(query.text, corrected, found.keys)
    hits = article_hits(ranked.keys, query, request=request)
    results = Results(
        query=query,
        hits=hits,
        total=ranked.total,
        offset=offset,
        capped=ranked.capped,
        typed=typed,
        suggestion=suggestion,
    )
    if offset or len(query.variants[0]) < 2:
        return results
    counts.update(fallback.vocabulary(set(query.variants[0]) - set(counts)))
    _counted, partial = fallback.partial_rank(
        query, ARTICLES, counts, filters=filters, limit=limit - len(hits), exclude=ranked.keys
    )
    if not partial:
        return results
    # Shown against every word of the query (those no article holds are missing from every hit);
    # the order is by the counted words (`fallback.partial_rank`).
    query_words = tuple(dict.fromkeys(query.variants[0]))
    shown = article_hits([hit.key for hit in partial], query, request=request, partial_words=query_words)
    return replace(results, partial=shown, partial_words=len(query_words))


def _spelled(text: str, corrected: list[tuple[str, ...]], keys: list[int]) -> str:
    """The corrected query as a reader writes it, spelled as the best match writes its words (marks
    and the capitals of names: "thanhtri" → "Thanh Trì"); words typed with marks stay as typed."""
    written: dict[str, str] = {}
    row = ArticleDocument.objects.filter(rank_key__in=keys[:1]).values_list("title", "text").first()
    if row:
        pairs = token_pairs(f"{row[0]}\n{row[1][:5000]}")
        # The title's first word is capitalized as a sentence start, not as a name.
        for index, (raw, folded) in enumerate(pairs):
            if index and folded not in written:
                written[folded] = raw
        if pairs:
            written.setdefault(pairs[0][1], pairs[0][0].lower())
    typed = token_pairs(text)
    words = []
    for index, group in enumerate(corrected):
        original = typed[index][0] if index < len(typed) else ""
        if len(group) == 1 and fold(original) == group[0] and original.lower() != group[0]:
            words.append(original)
        else:
            words.extend(written.get(word, word) for word in group)
    return " ".join(words)


def article_page_ids(keys: list[int]) -> list[int]:
    """Page ids for index rank keys, in the same order."""
    ids = dict(ArticleDocument.objects.filter(rank_key__in=keys).values_list("rank_key", "page_id"))
    return [ids[key] for key in keys if key in ids]


def article_hits(
    keys: list[int],
    query: engine.ParsedQuery,
    *,
    request: HttpRequest | None = None,
    partial_words: Sequence[str] = (),
) -> list[ArticleHit]:
    """The hits for these rank keys, in this order, with URLs, category names and snippets.

    One query reads each row with its live page's title and address and its category's name, as
    plain values (no model instances: this runs for every results page). Partial matches pass the
    query's words (folded) as `partial_words`, to say how many of them each hit holds and which not.
    """
    if not keys:
        return []
    page_table = Page._meta.db_table
    marks = ", ".join(["%s"] * len(keys))
    written = {folded: raw for raw, folded in reversed(token_pairs(query.text))}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.rank_key, d.page_id, p.title, p.url_path, d.published_at, c.title, d.text, d.text_f, d.title_f "  # noqa: S608
            f"FROM {ARTICLES.table} AS d JOIN {page_table} AS p ON p.id = d.page_id "
            f"LEFT JOIN {page_table} AS c ON c.id = d.category_id "
            f"WHERE d.rank_key IN ({marks}) AND p.live = %s",
            [*keys, True],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
    published_at = _converter(ArticleDocument, "published_at")
    urls = PageUrls(request)

    def missing(title_f: str, text_f: str) -> tuple[str, ...]:
        stored = f" {title_f.strip()} {text_f} "
        return tuple(written.get(word, word) for word in partial_words if f" {word} " not in stored)

    hits = []
    for _, page_id, title, url_path, moment, category, text, text_f, title_f in (
        rows[key] for key in keys if key in rows
    ):
        lacks = missing(title_f, text_f) if partial_words else ()
        hits.append(
            ArticleHit(
                page_id=page_id,
                title=title,
                url=urls.url(page_id, url_path),
                published_at=published_at(moment),
                category=category or "",
                snippet=snippet(text, query, text_f),
                matched=len(partial_words) - len(lacks),
                missing=lacks,
            )
        )
    return hits


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


@dataclass(frozen=True)
class Suggestion:
    """One suggestion as the reader types: a headline (opens the article) or a tag (its page)."""

    kind: str  # "article" | "tag"
    label: str
    url: str


SUGGEST_ARTICLES = 6
SUGGEST_TAGS = 3
# Tags whose name matches, at most this many, are ranked by use.
SUGGEST_TAG_CANDIDATES = 50
SUGGEST_MIN_CHARS = 2


def suggest(text: str | None, *, request: HttpRequest | None = None) -> list[Suggestion]:
    """Headlines and tags for what the reader has typed so far, the last word as a prefix.

    Headlines: titles holding every word, those with the words as a phrase first, newest first,
    read from the titles-only full-text index with a LIMIT (both databases). When none holds them,
    the text is read as Telex/VNI keystrokes (`input_methods`). Tags: the tags whose slug (vntext's
    ASCII slug: the folded words joined by "-") starts a word with the folded text, most used first.
    """
    cleaned = (text or "").strip()
    query = engine.parse_query(cleaned, prefix=True)
    if query is None or len(cleaned) < SUGGEST_MIN_CHARS:
        return []
    keys = _title_keys(query)
    if not keys:
        # The last word may still be typed: recover only the words before it.
        head, _, last = cleaned.rpartition(" ")
        recovery = input_methods.recover(head) if head else None
        if recovery is not None:
            recovered = engine.parse_query(f"{recovery.text} {last}", prefix=True)
            if recovered is not None:
                keys = _title_keys(recovered)
    suggestions = [Suggestion("article", hit.title, hit.url) for hit in _headline_hits(keys, request=request)]
    return suggestions + _tag_suggestions(query)


# PostgreSQL: the newest titles tested first, in date order; the older ones through the GIN index.
SUGGEST_WINDOW = 2_000


def _title_keys(query: engine.ParsedQuery) -> list[int]:
    """Keys of the newest titles holding the words (the phrase first), at most `SUGGEST_ARTICLES`.

    PostgreSQL: a LIMIT with ORDER BY rank_key lets the planner walk the whole table backwards when
    the words are rare (250 ms at 100,000 articles for a title nobody wrote), and GIN alone collects
    every match of a short prefix ("th":*) before sorting. So the newest `SUGGEST_WINDOW` rows are
    tested first (a common prefix fills the list there), then the older rows through the GIN index
    ("+ 0": not in date order), where the matches are then few.
    """
    postgres = connection.vendor == "postgresql"
    expressions = engine.ts_expressions(query) if postgres else engine.fts_expressions(query)
    keys: list[int] = []
    table, fts = ARTICLES.table, ARTICLES.title_fts
    oldest: int | None = None
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT min(w.rank_key), count(*) FROM (SELECT rank_key FROM {table} "  # noqa: S608
                "ORDER BY rank_key DESC LIMIT %s) AS w",
                [SUGGEST_WINDOW],
            )
            low, size = cursor.fetchone()
            oldest = int(low) if low is not None and size >= SUGGEST_WINDOW else None
    for name in ("title_phrase", "title"):
        wanted = SUGGEST_ARTICLES - len(keys)
        seen = f" AND d.rank_key NOT IN ({', '.join(['%s'] * len(keys))})" if keys else ""
        statements: list[tuple[str, list[Any]]]
        if postgres:
            window = f"(SELECT rank_key, tsv_title FROM {table} ORDER BY rank_key DESC LIMIT %s) AS d"  # noqa: S608
            statements = [
                (
                    f"SELECT d.rank_key FROM {window} WHERE d.tsv_title @@ %s::tsquery{seen} "  # noqa: S608
                    "ORDER BY d.rank_key DESC LIMIT %s",
                    [SUGGEST_WINDOW, expressions[name], *keys],
                )
            ]
            if oldest is not None:
                statements.append(
                    (
                        f"SELECT d.rank_key FROM {table} AS d WHERE d.tsv_title @@ %s::tsquery{seen} "  # noqa: S608
                        "AND d.rank_key + 0 < %s ORDER BY d.rank_key + 0 DESC LIMIT %s",
                        [expressions[name], *keys, oldest],
                    )
                )
        else:
            statements = [
                (
                    f"SELECT rowid FROM {fts} AS d WHERE {fts} MATCH %s{seen.replace('d.rank_key', 'rowid')} "  # noqa: S608
                    "ORDER BY rowid DESC LIMIT %s",
                    [expressions[name], *keys],
                )
            ]
        for sql, params in statements:
            if wanted <= 0:
                break
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, wanted])
                found = [int(row[0]) for row in cursor.fetchall()]
            keys.extend(found)
            wanted -= len(found)
        if len(keys) >= SUGGEST_ARTICLES:
            break
    return keys


def _headline_hits(keys: list[int], *, request: HttpRequest | None) -> list[ArticleHit]:
    if not keys:
        return []
    page_table = Page._meta.db_table
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.rank_key, d.page_id, p.title, p.url_path, d.published_at FROM {ARTICLES.table} AS d "  # noqa: S608
            f"JOIN {page_table} AS p ON p.id = d.page_id WHERE d.rank_key IN ({marks}) AND p.live = %s",
            [*keys, True],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
    urls = PageUrls(request)
    published_at = _converter(ArticleDocument, "published_at")
    return [
        ArticleHit(
            page_id=page_id,
            title=title,
            url=urls.url(page_id, url_path),
            published_at=published_at(moment),
            category="",
            snippet=SafeString(""),
        )
        for _, page_id, title, url_path, moment in (rows[key] for key in keys if key in rows)
    ]


def _tag_suggestions(query: engine.ParsedQuery) -> list[Suggestion]:
    # The slug is the folded words joined by "-": "-" + the typed words, the last one a prefix, is
    # found exactly where a word of the tag starts with them ("-de-an" in "-de-an-06").
    stem = "-".join(query.variants[0])
    tags = dict(
        PortalTag.objects.filter(models.Q(slug__startswith=stem) | models.Q(slug__contains=f"-{stem}"))
        .order_by("name")
        .values_list("pk", "slug")[:SUGGEST_TAG_CANDIDATES]
    )
    if not tags:
        return []
    # Uses counted on the (tag_id) index for the matching tags only: a join over every tag with its
    # articles costs a hundred milliseconds at 100,000 articles.
    uses = dict(
        ArticleTag.objects.filter(tag_id__in=tags)
        .order_by()
        .values("tag_id")
        .annotate(uses=models.Count("tag_id"))
        .values_list("tag_id", "uses")
    )
    names = dict(PortalTag.objects.filter(pk__in=[pk for pk in tags if uses.get(pk)]).values_list("pk", "name"))
    ranked = sorted(names, key=lambda pk: (-uses[pk], names[pk]))[:SUGGEST_TAGS]
    return [Suggestion("tag", names[pk], reverse("portal:tag", args=[tags[pk]])) for pk in ranked]
