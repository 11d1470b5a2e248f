"""Reads for the public site. Every function issues a fixed number of queries, whatever the size
of the archive, and records what it shows for the page cache (`cache.depend_on*`).

Lists are read in two steps: cheap id queries pick the articles of each block, then one query
loads them all with only the columns a list shows, plus one query for the renditions their
thumbnails use. The id queries run on Wagtail's page table and order by
``(first_published_at, id)`` of that table, which its ``first_published_at`` index serves
directly: the latest articles of a category are found by reading that index backwards, never by
sorting the archive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.http import Http404, HttpRequest
from django.utils import timezone
from wagtail.query import PageQuerySet

from phoihop.core.http import page_number
from phoihop.portal import cache, cards, images, related, seo, sql, structure
from phoihop.portal.models import (
    ARTICLES_PER_PAGE,
    ArticleAuthor,
    ArticleDailyViews,
    ArticlePage,
    CategoryPage,
    HomePage,
    PortalTag,
)
from vntext import slugify

LATEST_ON_HOME = 9
PER_CATEGORY_ON_HOME = 4
PICKS_LIMIT = 6
MOST_READ_LIMIT = 5
MOST_READ_DAYS = 2
MORE_IN_CATEGORY = 10
SAPO_LINKS = 2
# Vietnamese read silently: about 200 syllables a minute for news prose.
SYLLABLES_PER_MINUTE = 200
_WORD = re.compile(r"\w+")
# Words are counted in the stored HTML with its tags and entities blanked out: exact enough for a
# reading time, and far cheaper than Django's strip_tags (an HTML parser run to a fixed point).
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")

THUMB_SPEC = images.PRESETS["thumb"]
LEAD_STORY_SPEC = images.PRESETS["lead-story"]
ARTICLE_IMAGE_SPEC = images.PRESETS["article"]
# The columns a list of articles shows (and what Wagtail needs to build their URLs).
LIST_FIELDS = (
    "id", "path", "depth", "title", "slug", "url_path", "live", "first_published_at", "last_published_at",
    "content_type_id", "sapo", "editors_pick", "lead_image",
)  # fmt: skip


def article_list() -> PageQuerySet:
    """Live articles as page objects with the list columns (feeds; filter by ids)."""
    return ArticlePage.objects.live().only(*LIST_FIELDS).select_related("lead_image")


# --- categories -----------------------------------------------------------------------------


def site_categories(request: HttpRequest | None) -> list[CategoryPage]:
    """The live categories in menu order (from the site structure: no query once validated)."""
    return structure.for_request(request).categories


def attach_categories(request: HttpRequest | None, articles: Iterable[ArticlePage]) -> None:
    """Give each article its `category_page` from the site structure (no query per article)."""
    by_path = structure.for_request(request).categories_by_path
    for article in articles:
        article.category_page = by_path.get(article.path[: -article.steplen])  # type: ignore[attr-defined]


class Blocks:
    """Collects the id lists of a page's blocks, then loads every article they name at once, as
    cards (`phoihop.portal.cards`)."""

    def __init__(self, request: HttpRequest | None) -> None:
        self.request = request
        self.wanted: dict[str, list[int]] = {}

    def add(self, name: str, ids: list[int]) -> None:
        self.wanted[name] = ids

    def load(self, *, presets: Sequence[str] = ("thumb",)) -> dict[str, list[cards.ArticleCard]]:
        every = {pk for ids in self.wanted.values() for pk in ids}
        site = structure.for_request(self.request)
        options = {"root_paths": site.site_root_paths, "categories_by_path": site.categories_by_path}
        if self.request is not None and cache.fragments_enabled(self.request):
            # Cards built earlier in this process, while their articles' tokens are unchanged.
            current = cache.read_tokens(self.request, [cache.article_key(pk) for pk in every])
            versions = {pk: (current[key], site.token) for pk in every if (key := cache.article_key(pk)) in current}
            by_id = cards.load_memoized(every, versions=versions, presets=presets, **options)
        else:
            by_id = cards.load(every, presets=presets, **options)
        if self.request is not None:
            cache.depend_on_articles(self.request, by_id.values())
        return {name: [by_id[pk] for pk in ids if pk in by_id] for name, ids in self.wanted.items()}


# --- routing --------------------------------------------------------------------------------


def article_for_path(*, home: HomePage, category_slug: str, slug: str) -> ArticlePage | None:
    """The live article at `/<category_slug>/<slug>/`, by the indexed slug (one query; its lead
    image and that image's renditions are read when the page shows them: `lead_image`)."""
    url_path = f"{home.url_path}{category_slug}/{slug}/"
    candidates = sql.live_articles_by_slug(slug, home.depth + 2)
    return next((a for a in candidates if a.url_path == url_path and a.path.startswith(home.path)), None)


# --- home -----------------------------------------------------------------------------------


def most_read_ids(*, days: int = MOST_READ_DAYS, limit: int = MOST_READ_LIMIT) -> list[int]:
    """The most read live articles of the last `days` local days (today included), most read first."""
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    rows = (
        ArticleDailyViews.objects.filter(day__gte=since, article__live=True)
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")[:limit]
    )
    return [row["article_id"] for row in rows]


# Shared lists, kept per process while their token stays the same (`cache.memoized`). A few more
# ids than shown, so the current article can be left out and an article that stopped being an
# editor's pick without a new pick being published (no "picks" token change) can be dropped.
SPARE = 4


def _pick_ids(request: HttpRequest | None, *, exclude: int | None = None) -> list[int]:
    ids = cache.memoized(
        request, cache.PICKS, ("picks",), lambda: sql.latest_ids(limit=PICKS_LIMIT + SPARE, picks_only=True)
    )
    return [pk for pk in ids if pk != exclude]


def _category_latest_ids(request: HttpRequest | None, category: CategoryPage) -> list[int]:
    return cache.memoized(
        request,
        cache.category_key(category.pk),
        ("category", category.pk),
        lambda: sql.latest_ids(limit=MORE_IN_CATEGORY + 1, parent=category),
    )


def _picks(cards: list[Any]) -> list[Any]:
    return [card for card in cards if card.editors_pick][:PICKS_LIMIT]


def home_blocks(request: HttpRequest, *, home: HomePage) -> dict[str, Any]:
    cache.depend_on(request, cache.LATEST, cache.PICKS, cache.MOST_READ)
    blocks = Blocks(request)
    blocks.add(
        "latest", cache.memoized(request, cache.LATEST, ("latest",), lambda: sql.latest_ids(limit=LATEST_ON_HOME + 1))
    )
    blocks.add("picks", _pick_ids(request))
    today = timezone.localdate()
    blocks.add("most_read", cache.memoized(request, cache.MOST_READ, ("most-read", today), most_read_ids))
    categories = site_categories(request)
    for category in categories:
        cache.depend_on(request, cache.category_key(category.pk))
        blocks.add(f"c{category.pk}", _category_latest_ids(request, category)[:PER_CATEGORY_ON_HOME])
    loaded = blocks.load(presets=("thumb", "lead-story"))
    latest = loaded["latest"]
    return {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "picks": _picks(loaded["picks"]),
        "most_read": loaded["most_read"],
        "category_blocks": [(c, loaded[f"c{c.pk}"]) for c in categories if loaded[f"c{c.pk}"]],
    }


# --- category, tag, author ------------------------------------------------------------------


@dataclass
class Listing:
    """One page of a list, newest first, without counting the whole list: "Trang 3", previous
    and next (the same names as Django's paginator page, for the templates)."""

    number: int
    object_list: list[Any] = field(default_factory=list)
    has_next: bool = False

    def __iter__(self) -> Any:
        return iter(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def parse_page_number(value: str | None) -> int:
    """`?trang=`: not a number gives page 1; below 1 or past any real list (core.http.MAX_PAGE) is a 404."""
    return page_number(value)


def _paginate(request: HttpRequest, number: int, **selection: Any) -> Listing:
    """Page `number` of the articles `selection` picks (see `sql.latest_ids`): ARTICLES_PER_PAGE + 1
    ids (one more tells whether there is a next page), then their cards. Past the end: 404."""
    page_ids = sql.latest_ids(limit=ARTICLES_PER_PAGE + 1, offset=(number - 1) * ARTICLES_PER_PAGE, **selection)
    if number > 1 and not page_ids:
        raise Http404
    blocks = Blocks(request)
    blocks.add("page", page_ids[:ARTICLES_PER_PAGE])
    return Listing(number=number, object_list=blocks.load()["page"], has_next=len(page_ids) > ARTICLES_PER_PAGE)


def category_listing(request: HttpRequest, *, category: CategoryPage, page_number: str | None) -> dict[str, Any]:
    cache.depend_on(request, cache.category_key(category.pk))
    listing = _paginate(request, parse_page_number(page_number), parent=category)
    return {"page_obj": listing, "current_category": category}


def tag_listing(request: HttpRequest, *, tag: PortalTag, page_number: str | None) -> dict[str, Any]:
    cache.depend_on(request, cache.tag_key(tag.pk))
    return {"tag": tag, "page_obj": _paginate(request, parse_page_number(page_number), tag_id=tag.pk)}


def author_listing(request: HttpRequest, *, slug: str, page_number: str | None) -> dict[str, Any] | None:
    """The articles signed with the name whose slug is `slug`; None when nobody signs so."""
    name = ArticleAuthor.objects.filter(slug=slug, article__live=True).values_list("name", flat=True).first()
    if name is None:
        return None
    cache.depend_on(request, cache.author_key(slug))
    listing = _paginate(request, parse_page_number(page_number), author_slug=slug)
    return {"author_name": name, "author_slug": slug, "page_obj": listing}


def tag_by_slug(slug: str) -> PortalTag | None:
    return PortalTag.objects.filter(slug=slug).first()


# --- article --------------------------------------------------------------------------------


def related_ids(article: ArticlePage) -> list[int]:
    """The stored "Có thể bạn quan tâm" list. An article without one (never computed: a bulk
    import) asks the worker for it and shows none this time."""
    if article.pk is None:
        return []
    stored = sql.related_ids(article.pk)
    if not stored:
        related.request_refresh(article.pk)
    return stored


def reading_minutes(article: ArticlePage) -> int:
    """Minutes to read the sapo and body, at least 1."""
    words = len(_WORD.findall(article.sapo))
    for block in article.body:
        if block.block_type == "paragraph":
            words += len(_WORD.findall(_MARKUP.sub(" ", block.value.source)))
        elif block.block_type == "image":
            words += len(_WORD.findall(block.value.get("caption", "")))
    return max(1, round(words / SYLLABLES_PER_MINUTE))


def _prefetch_body_renditions(article: ArticlePage) -> None:
    """One query for the renditions of every photo in the body (instead of cache round trips per photo)."""
    photos = [b.value["image"] for b in article.body if b.block_type == "image" and b.value.get("image")]
    if photos:
        images.attach(photos, ARTICLE_IMAGE_SPEC)


class Lazy:
    """A context value computed on first use (templates call callables): what only the article's
    own fragments show is not computed at all when they come from the cache."""

    __slots__ = ("_compute", "_done", "_value")

    def __init__(self, compute: Any) -> None:
        self._compute = compute
        self._done = False
        self._value: Any = None

    def __call__(self) -> Any:
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def lead_image(article: ArticlePage) -> Any:
    """The article's lead image with the renditions its page uses read in one query."""
    image = article.lead_image
    if image is not None and getattr(image, "_portal_renditions", None) is None:
        images.attach([image], ARTICLE_IMAGE_SPEC, *seo.ARTICLE_SPECS)
    return image


_LINK_TAG = re.compile(r"<a\b[^>]*>")
_LINK_ID = re.compile(r'\bid="(\d+)"')


def linked_pages(article: ArticlePage) -> set[int]:
    """The pages the body links to: its "Tin liên quan" boxes and rich-text links to pages (their
    titles and addresses are shown, so the body depends on them)."""
    linked: set[int] = set()
    for block in article.body:
        if block.block_type == "related":
            linked.update(page.pk for page in block.value.get("articles", []) if page is not None)
        elif block.block_type == "paragraph":
            for tag in _LINK_TAG.findall(block.value.source):
                if 'linktype="page"' in tag and (found := _LINK_ID.search(tag)):
                    linked.add(int(found.group(1)))
    return linked


def article_body(request: HttpRequest, article: ArticlePage) -> Any:
    """The body's blocks, with the renditions of its photos read in one query; the fragment
    showing it depends on the pages it links to."""
    _prefetch_body_renditions(article)
    cache.depend_on(request, *(cache.article_key(pk) for pk in linked_pages(article)))
    return article.body


def article_blocks(request: HttpRequest, *, article: ArticlePage) -> dict[str, Any]:
    """Everything the article page shows besides the article's own fields.

    The lists of other articles are always read; what only the article's own fragments show
    (body, lead image, tags, bylines, structured data, reading time) is lazy: the template's
    `article_fragment` parts usually come from the cache and never ask for it.
    """
    attach_categories(request, [article])
    category = article.category_page  # type: ignore[attr-defined]
    cache.depend_on(request, cache.article_key(article.pk), cache.PICKS)
    blocks = Blocks(request)
    blocks.add("picks", _pick_ids(request, exclude=article.pk))
    if category is not None:
        cache.depend_on(request, cache.category_key(category.pk))
        more = [pk for pk in _category_latest_ids(request, category) if pk != article.pk]
        blocks.add("more", more[:MORE_IN_CATEGORY])
    loaded = blocks.load()
    preview = getattr(request, "is_preview", False) or article.pk is None

    def tags() -> list[Any]:
        if preview:  # an admin preview shows the form's unsaved tags and bylines
            return [sql.TagRef(t.pk, t.name, t.slug) for t in article.tags.all()]
        return sql.article_tags(article.pk)

    def authors() -> list[Any]:
        if preview:
            return [sql.AuthorRef(a.display_name, slugify(a.display_name)) for a in article.authors.all()]
        return sql.article_authors(article.pk)

    lazy_tags, lazy_authors = Lazy(tags), Lazy(authors)

    def related_cards() -> list[cards.ArticleCard]:
        """The cards of "Có thể bạn quan tâm" (the first two also under the sapo), read inside the fragments
        that show them, which then depend on these articles too."""
        own = Blocks(request)
        own.add("related", related_ids(article))
        return own.load()["related"]

    lazy_related = Lazy(related_cards)

    def shown(articles: list[cards.ArticleCard]) -> list[cards.ArticleCard]:
        # Recorded by each fragment that shows them: the cards are read once, in whichever
        # fragment renders first, and the other fragment must depend on its articles too.
        cache.depend_on_articles(request, articles)
        return articles

    def meta() -> dict[str, Any]:
        lead_image(article)
        return seo.article_meta(request, article=article, category=category, authors=lazy_authors(), tags=lazy_tags())

    return {
        "category": category,
        "current_category": category,
        "canonical": seo.absolute(request, article.get_url(request) or "/"),
        "tags": lazy_tags,
        "authors": lazy_authors,
        "seo": Lazy(meta),
        "article_lead_image": Lazy(lambda: lead_image(article)),
        "article_body": Lazy(lambda: article_body(request, article)),
        "sapo_links": Lazy(lambda: shown(lazy_related()[:SAPO_LINKS])),
        "related": Lazy(lambda: shown(lazy_related()[SAPO_LINKS:])),
        "picks": _picks(loaded["picks"]),
        "more_in_category": loaded.get("more", []),
        "reading_minutes": Lazy(lambda: reading_minutes(article)),
    }


# --- feeds ----------------------------------------------------------------------------------


def feed_articles(request: HttpRequest, *, category: CategoryPage | None, limit: int) -> list[Any]:
    ids = sql.latest_ids(limit=limit, parent=category)
    cache.depend_on(request, cache.category_key(category.pk) if category is not None else cache.LATEST)
    by_id = {a.pk: a for a in article_list().filter(pk__in=ids).prefetch_related("authors", "tagged_items__tag")}
    articles = [by_id[pk] for pk in ids if pk in by_id]
    attach_categories(request, articles)
    cache.depend_on_articles(request, articles)
    return articles
