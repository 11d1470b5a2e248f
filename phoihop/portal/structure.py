"""The site's structure — the Wagtail site and its home page, the live categories, the page view
restrictions — kept in each process and revalidated on every request against the ``site``
generation token (read together with the page cache's tokens, so it costs no extra query).

Routing an article then needs no query for the site, the home page or the category menu. Anything
that changes the structure replaces the ``site`` token (`phoihop.portal.signals`): a category
published, unpublished, moved or deleted, the home page published, a Site or a view restriction
saved or deleted.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from phoihop.portal import cache
from phoihop.portal.models import CategoryPage


def relative_url(url_path: str, root_paths: Any) -> str:
    """A page's URL from its `url_path`, as Wagtail's `get_url` gives it for a single-site install."""
    for root in root_paths:
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return url_path


class Structure:
    def __init__(self, token: str) -> None:
        self.token = token
        self.categories: list[Any] = list(CategoryPage.objects.live().order_by("path"))
        self.categories_by_path = {c.path: c for c in self.categories}
        self.categories_by_slug = {c.slug: c for c in self.categories}
        self.restrictions = [(r.page.path, r) for r in PageViewRestriction.objects.select_related("page")]
        self.site_root_paths = Site.get_site_root_paths()
        for category in self.categories:
            # The menu's links, worked out once (Wagtail would reverse a URL per link per page).
            category.menu_url = relative_url(category.url_path, self.site_root_paths)
        self._sites: dict[tuple[str, int], Site | None] = {}  # (hostname, port)

    def site_for(self, hostname: str, port: str | int) -> Site | None:
        """Wagtail's site for this host, its root page already in its specific form."""
        key = (hostname, int(port))
        if key not in self._sites:
            if len(self._sites) > 50:
                self._sites.clear()  # a bounded memo, whatever Host headers arrive
            try:
                site = get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                site = None
            if site is not None:
                site.root_page = site.root_page.specific
            self._sites[key] = site
        return self._sites[key]

    def restrictions_for(self, path: str) -> list[PageViewRestriction]:
        return [restriction for restricted, restriction in self.restrictions if path.startswith(restricted)]


_current: Structure | None = None


def for_request(request: HttpRequest | None) -> Structure:
    """The structure, rebuilt when the ``site`` token changed since it was built."""
    global _current
    token = cache.token_for(request, cache.SITE)
    if _current is None or _current.token != token:
        _current = Structure(token)
    return _current


def current() -> Structure | None:
    """The structure last validated in this process (by this or a recent request), if any."""
    return _current


def prepare(request: HttpRequest) -> None:
    """Give Wagtail this request's site from the structure (Wagtail caches it on the request)."""
    structure = for_request(request)
    # As Wagtail does (the raw host: ALLOWED_HOSTS is checked later, by the view).
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    site = structure.site_for(hostname, request.get_port())
    if site is not None:
        request._wagtail_site = site  # type: ignore[attr-defined]
    request._wagtail_cached_site_root_paths = structure.site_root_paths  # type: ignore[attr-defined]
