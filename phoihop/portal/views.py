"""Plain Django views of the public site: tag and author pages, robots.txt, the read beacon, the
error pages, and the bench-only bare view."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.defaults import page_not_found as django_page_not_found

from phoihop.core import throttle
from phoihop.core.http import client_ip
from phoihop.portal import cache, selectors, services
from phoihop.portal.seo import absolute

DAY = 24 * 60 * 60
ROBOTS_DISALLOW = (
    "/admin/",
    "/phoi-hop/",
    "/tai-khoan/",
    "/thong-bao/",
    "/api/",
    "/lich-su/",
    "/luot-doc/",
    "/tim-kiem/",
    "/toa-soan/",
    "/kiem-chung/gui-phan-anh/",
)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return django_page_not_found(request, exception, template_name="404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no database: the 500 page must render when everything else fails.
    return HttpResponseServerError(loader.get_template("500.html").render())


@cache.cacheable()
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404
    context = selectors.tag_listing(request, tag=tag, page_number=request.GET.get("trang"))
    return render(request, "portal/tag_page.html", context)


@cache.cacheable()
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    context = selectors.author_listing(request, slug=slug, page_number=request.GET.get("trang"))
    if context is None:
        raise Http404
    return render(request, "portal/author_page.html", context)


@cache.cacheable(cache.SITE)
def robots_txt(request: HttpRequest) -> HttpResponse:
    context = {
        "disallow": ROBOTS_DISALLOW,
        "sitemap": absolute(request, reverse("portal:sitemap_index")),
        "news_sitemap": absolute(request, reverse("portal:sitemap_news")),
    }
    return render(request, "portal/robots.txt", context, content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def read_beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    """The reader's browser reports one read (`navigator.sendBeacon`, after the page is shown).

    Cached pages stay cached: the count travels in this separate, uncached request. One read counts
    per visitor (address and browser) and article per local day; one address counts at most
    `PHOIHOP_READS_PER_ADDRESS_ARTICLE` readers of an article a day and sends at most
    `PHOIHOP_READS_PER_ADDRESS` reads per `PHOIHOP_READS_WINDOW_SECONDS` (then 429). Reads that do
    not count get the same empty answer, so a script cannot tell them apart.
    """
    headers = {"Cache-Control": "no-store"}
    address = client_ip(request)
    if not throttle.allow(
        "reads", address, limit=settings.PHOIHOP_READS_PER_ADDRESS, seconds=settings.PHOIHOP_READS_WINDOW_SECONDS
    ):
        return HttpResponse(status=429, headers={**headers, "Retry-After": str(settings.PHOIHOP_READS_WINDOW_SECONDS)})
    day = timezone.localdate().isoformat()
    browser = request.META.get("HTTP_USER_AGENT", "")[:500]
    if throttle.first_time("read", address, browser, article_id, day, seconds=DAY) and throttle.allow(
        "read-address", address, article_id, day, limit=settings.PHOIHOP_READS_PER_ADDRESS_ARTICLE, seconds=DAY
    ):
        services.article_read_record(article_id=article_id)
    return HttpResponse(status=204, headers=headers)


BARE_PAGE = (
    "<!doctype html><html lang=vi><head><meta charset=utf-8><title>bench</title></head><body>"
    + "<p>Đây là trang tĩnh dùng để đo trần của Python trên máy này.</p>" * 370
    + "</body></html>"
).encode()


def bench_bare(request: HttpRequest) -> HttpResponse:
    """A ~30 KB response from a bare view: the ceiling a Django view reaches on this machine."""
    return HttpResponse(BARE_PAGE)
