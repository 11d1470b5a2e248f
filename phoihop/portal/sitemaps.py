"""Sitemaps: an index (`/sitemap.xml`) of the pages sitemap, one articles sitemap per month and the
Google News sitemap (`/sitemap-news.xml`: the last two days, at most 1,000 articles per file)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from phoihop.core.http import MAX_PAGE
from phoihop.portal import cache, selectors
from phoihop.portal.models import ArticlePage
from phoihop.portal.seo import absolute, iso

NEWS_WINDOW = dt.timedelta(days=2)
NEWS_PER_FILE = 1000
URLS_PER_FILE = 50_000
XML = "application/xml; charset=utf-8"


def _root_url_path(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    return site.root_page.url_path if site is not None else "/"


def _relative(root_url_path: str, url_path: str) -> str:
    return "/" + url_path[len(root_url_path) :] if url_path.startswith(root_url_path) else url_path


def _news_articles() -> Any:
    since = timezone.now() - NEWS_WINDOW
    return ArticlePage.objects.live().filter(first_published_at__gte=since).order_by("-first_published_at", "-pk")


@cache.cacheable(cache.LATEST)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    months = (
        ArticlePage.objects.live()
        .annotate(month=TruncMonth("first_published_at"))
        .values("month")
        .annotate(lastmod=Max("last_published_at"), n=Count("pk"))
        .order_by("-month")
    )
    news_files = max(1, -(-_news_articles().count() // NEWS_PER_FILE))
    entries = [{"loc": absolute(request, reverse("portal:sitemap_pages")), "lastmod": None}]
    entries += [
        {
            "loc": absolute(
                request, reverse("portal:sitemap_news") if n == 1 else reverse("portal:sitemap_news_more", args=[n])
            )
        }
        for n in range(1, news_files + 1)
    ]
    for row in months:
        if row["month"] is None:
            continue
        month = timezone.localtime(row["month"]) if timezone.is_aware(row["month"]) else row["month"]
        loc = reverse("portal:sitemap_articles", kwargs={"year": f"{month:%Y}", "month": f"{month:%m}"})
        entries.append({"loc": absolute(request, loc), "lastmod": iso(row["lastmod"]) if row["lastmod"] else None})
    return render(request, "portal/sitemap_index.xml", {"entries": entries}, content_type=XML)


@cache.cacheable(cache.SITE)
def sitemap_pages(request: HttpRequest) -> HttpResponse:
    urls = [{"loc": absolute(request, "/"), "changefreq": "hourly", "priority": "1.0"}]
    urls += [
        {"loc": absolute(request, c.get_url(request) or "/"), "changefreq": "hourly", "priority": "0.8"}
        for c in selectors.site_categories(request)
    ]
    return render(request, "portal/sitemap.xml", {"urls": urls}, content_type=XML)


@cache.cacheable(cache.LATEST)
def sitemap_articles(request: HttpRequest, year: str, month: str) -> HttpResponse:
    try:
        start = timezone.make_aware(dt.datetime(int(year), int(month), 1))  # noqa: DTZ001 — made aware here
    except ValueError as error:
        raise Http404 from error
    end = timezone.make_aware(dt.datetime(start.year + start.month // 12, start.month % 12 + 1, 1))  # noqa: DTZ001
    rows = (
        ArticlePage.objects.live()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
        .values_list("url_path", "last_published_at")[:URLS_PER_FILE]
    )
    root = _root_url_path(request)
    urls = [
        {"loc": absolute(request, _relative(root, url_path)), "lastmod": iso(lastmod) if lastmod else None}
        for url_path, lastmod in rows
    ]
    if not urls:
        raise Http404
    return render(request, "portal/sitemap.xml", {"urls": urls}, content_type=XML)


@cache.cacheable(cache.LATEST)
def sitemap_news(request: HttpRequest, number: int = 1) -> HttpResponse:
    """Google News: articles first published in the last two days, newest first, 1,000 per file."""
    if not 1 <= number <= MAX_PAGE:
        raise Http404
    offset = (number - 1) * NEWS_PER_FILE
    rows = _news_articles().values_list("url_path", "title", "first_published_at")[offset : offset + NEWS_PER_FILE]
    if number > 1 and not rows:
        raise Http404
    root = _root_url_path(request)
    items = [
        {"loc": absolute(request, _relative(root, url_path)), "title": title, "published": iso(published)}
        for url_path, title, published in rows
    ]
    context = {"items": items, "publication_name": settings.PHOIHOP_PUBLICATION_NAME, "language": "vi"}
    return render(request, "portal/sitemap_news.xml", context, content_type=XML)
