"""Coverage feeds and embeddable lists for partners' portals (see `coverage`), and the workspace page
where a unit finds its addresses and the code to paste. Thin: lookup → selector → render."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from phoihop.accounts.access import scope_for
from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.accounts.models import Organization
from phoihop.core.origin import public_url
from phoihop.portal import cache
from phoihop.programs.access import programs_for_user
from phoihop.programs.models import Program
from phoihop.reports import coverage


def _limit(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("so", coverage.DEFAULT_ITEMS))
    except ValueError:
        return coverage.DEFAULT_ITEMS


def _subject(kind: str, pk: int) -> tuple[Program | Organization, str]:
    if kind == "program":
        program = coverage.program_public(pk)
        return program, program.title
    unit = coverage.unit_public(pk)
    return unit, unit.name


def _canonical(request: HttpRequest, obj: Program | Organization, which: str, slug: str) -> HttpResponse | None:
    """A redirect to the current address when the slug is an old one (the programme or unit renamed)."""
    wanted = coverage.addresses_for(obj)[which]
    if slug != coverage.slug_for(obj.title if isinstance(obj, Program) else obj.name):
        query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
        return redirect(wanted + query, permanent=True)
    return None


def _articles(request: HttpRequest, obj: Program | Organization) -> list[Any]:
    queryset = coverage.program_coverage(obj) if isinstance(obj, Program) else coverage.unit_coverage(obj)
    found = coverage.items(queryset, _limit(request))
    cache.depend_on(request, cache.LATEST, coverage.COVERAGE_KEY)
    cache.depend_on_articles(request, found)
    return found


class CoverageFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, request: HttpRequest, obj: Program | Organization, articles: list[Any]) -> None:
        super().__init__()
        self.request, self.obj, self.articles = request, obj, articles

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self.obj

    def title(self, obj: Any) -> str:
        name = obj.title if isinstance(obj, Program) else obj.name
        return _("%(name)s trên %(paper)s") % {"name": name, "paper": settings.PHOIHOP_PUBLICATION_NAME}

    def link(self, obj: Any) -> str:
        return public_url(coverage.addresses_for(obj)["embed"])

    def feed_url(self, obj: Any) -> str:
        return public_url(coverage.addresses_for(obj)["rss"])

    def description(self, obj: Any) -> str:
        name = obj.title if isinstance(obj, Program) else obj.name
        return _("Tin, bài của %(paper)s về %(name)s") % {"paper": settings.PHOIHOP_PUBLICATION_NAME, "name": name}

    def items(self, obj: Any) -> list[Any]:
        return self.articles

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.sapo

    def item_link(self, item: Any) -> str:
        return public_url(item.get_url(self.request) or "/")

    def item_pubdate(self, item: Any) -> Any:
        return item.first_published_at

    def item_updateddate(self, item: Any) -> Any:
        return item.last_published_at

    def item_author_name(self, item: Any) -> str | None:
        return ", ".join(a.display_name for a in item.authors.all()) or None


def _feed(request: HttpRequest, kind: str, pk: int, slug: str) -> HttpResponse:
    obj, _name = _subject(kind, pk)
    moved = _canonical(request, obj, "rss", slug)
    if moved is not None:
        return moved
    cache.mark_cacheable(request)
    response = CoverageFeed(request, obj, _articles(request, obj))(request)
    response["Content-Type"] = "application/rss+xml; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"  # a partner portal may read the feed from its own page
    return response


def _embed(request: HttpRequest, kind: str, pk: int, slug: str) -> HttpResponseBase:
    obj, name = _subject(kind, pk)
    moved = _canonical(request, obj, "embed", slug)
    if moved is not None:
        return moved
    cache.mark_cacheable(request)
    context = {
        "name": name,
        "articles": [(a, public_url(a.get_url(request) or "/")) for a in _articles(request, obj)],
        "paper": settings.PHOIHOP_PUBLICATION_NAME,
        "home": public_url("/"),
        "feed": public_url(coverage.addresses_for(obj)["rss"]),
    }
    return render(request, "reports/coverage/embed.html", context)


def program_feed(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    return _feed(request, "program", pk, slug)


def unit_feed(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    return _feed(request, "unit", pk, slug)


# Any site may show the list in an iframe: it is public, read-only and has no form or cookie.
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # type: ignore[arg-type]  # typed for one-argument views
def program_embed(request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
    return _embed(request, "program", pk, slug)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # type: ignore[arg-type]  # typed for one-argument views
def unit_embed(request: HttpRequest, pk: int, slug: str) -> HttpResponseBase:
    return _embed(request, "unit", pk, slug)


def _entry(obj: Program | Organization) -> dict[str, Any]:
    addresses = coverage.addresses_for(obj)
    embed = public_url(addresses["embed"])
    name = obj.title if isinstance(obj, Program) else obj.name
    return {
        "name": name,
        "rss": public_url(addresses["rss"]),
        "embed": embed,
        "iframe": str(
            format_html(
                '<iframe src="{}" title="{}" loading="lazy" style="border:0;width:100%;height:420px"></iframe>',
                embed,
                _("Tin, bài về %(name)s") % {"name": name},
            )
        ),
    }


@login_required
def workspace(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The addresses of the user's units and visible programmes, with the code to paste."""
    scope = scope_for(request.user)
    units = Organization.objects.filter(pk__in=scope.member_of, kind=Organization.Kind.PARTNER).order_by("name")
    programs = programs_for_user(request.user).filter(status__in=coverage.PUBLIC_PROGRAM_STATES)
    sections = [
        (_("Đơn vị"), [_entry(unit) for unit in units]),
        (_("Chương trình phối hợp"), [_entry(program) for program in programs]),
    ]
    return render(request, "reports/coverage/workspace.html", {"sections": [s for s in sections if s[1]]})
