"""RSS 2.0 for the whole site (`/rss/`) and each category (`/rss/<chuyen-muc>/`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from phoihop.portal import cache, selectors
from phoihop.portal.models import CategoryPage
from phoihop.portal.seo import absolute

FEED_ITEMS = 50


@dataclass
class FeedSource:
    request: HttpRequest
    category: CategoryPage | None
    items: list[Any] = field(default_factory=list)


class ArticleFeed(Feed):
    """One instance per request (item links need the request's cached site root paths)."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, request: HttpRequest) -> None:
        super().__init__()
        self.request = request

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        category = None
        if kwargs.get("category_slug"):
            category = next((c for c in selectors.site_categories(request) if c.slug == kwargs["category_slug"]), None)
            if category is None:
                raise Http404
        items = selectors.feed_articles(request, category=category, limit=FEED_ITEMS)
        return FeedSource(request=request, category=category, items=items)

    def title(self, obj: FeedSource) -> str:
        name = settings.PHOIHOP_PUBLICATION_NAME
        return f"{obj.category.title} — {name}" if obj.category else name

    def link(self, obj: FeedSource) -> str:
        return absolute(obj.request, obj.category.get_url(obj.request) if obj.category else "/")

    def feed_url(self, obj: FeedSource) -> str:
        return absolute(obj.request, obj.request.path)

    def description(self, obj: FeedSource) -> str:
        if obj.category is not None:
            return obj.category.description or _("Tin, bài chuyên mục %(name)s") % {"name": obj.category.title}
        return _("Tin, bài mới nhất của %(name)s") % {"name": settings.PHOIHOP_PUBLICATION_NAME}

    def items(self, obj: FeedSource) -> list[Any]:
        return obj.items

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.sapo

    def item_link(self, item: Any) -> str:
        return absolute(self.request, item.get_url(self.request) or "/")

    def item_pubdate(self, item: Any) -> Any:
        return item.first_published_at

    def item_updateddate(self, item: Any) -> Any:
        return item.last_published_at

    def item_author_name(self, item: Any) -> str | None:
        names = [a.display_name for a in item.authors.all()]
        return ", ".join(names) or None

    def item_categories(self, item: Any) -> list[str]:
        section = [item.category_page.title] if getattr(item, "category_page", None) else []
        return section + [tagged.tag.name for tagged in item.tagged_items.all()]


def _feed_view(request: HttpRequest, category_slug: str = "") -> HttpResponse:
    response = ArticleFeed(request)(request, category_slug=category_slug)
    response["Content-Type"] = "application/rss+xml; charset=utf-8"
    return response


@cache.cacheable()
def site_feed(request: HttpRequest) -> HttpResponse:
    return _feed_view(request)


@cache.cacheable()
def category_feed(request: HttpRequest, category_slug: str) -> HttpResponse:
    return _feed_view(request, category_slug)
