"""The full-page cache of the public site, and its invalidation.

Anonymous readers get the portal's pages, feeds and sitemaps from a cache (the "pages" cache alias:
Redis when `REDIS_URL` is set, else each process's memory). Invalidation is by *generation
tokens*: every cached response records the names of the things it shows with their current
token, e.g. ``{"a:42": "9f…", "c:7": "1b…", "latest": "e0…"}``, and is served only while every
recorded token is still current. Changing something replaces its token, which turns every page
showing it into a miss, wherever and in whichever process it is cached.

The tokens live in the database (`PageGeneration`), one small indexed read per request: a token
changes in the same transaction as the content it stands for, every process (and the worker)
sees the change at commit, and a rolled-back change rolls its token back too.

Names (`depend_on` adds them while a page renders; `invalidate*` replaces them on change):

* ``a:<article id>`` — an article: its own page and every list or block that shows it
* ``c:<category id>`` — which articles a category holds, and their order
* ``t:<tag id>`` / ``au:<author slug>`` — the articles of a tag page / an author page
* ``latest`` — the site-wide list of latest articles (home, site feed, sitemaps)
* ``picks`` — the set of editor's picks ("Nên xem")
* ``mostread`` — the "Đọc nhiều" ranking
* ``site`` — the Wagtail site, the home page, the categories (menu) and view restrictions;
  every page depends on it
* ``epoch`` — replaced with every invalidation: a render that overlapped one is not stored

Logged-in users (a session cookie) and requests carrying messages always get fresh pages, and a
response that sets a cookie or used a CSRF token is never stored.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.safestring import mark_safe

from phoihop.portal.models import ArticleAuthor, ArticlePage, ArticleTag, CategoryPage, PageGeneration

PAGE_PREFIX = "portal:page:"
EPOCH = "epoch"
SITE = "site"
LATEST = "latest"
PICKS = "picks"
MOST_READ = "mostread"
# Response headers that describe one transfer, not the page: never replayed from the cache.
UNCACHED_HEADERS = {"content-length", "set-cookie", "x-cache", "date"}
BENCH_NO_CACHE_HEADER = "HTTP_X_PHOIHOP_NO_CACHE"
# Bump when the article template's fragments change shape: stored parts of the old shape are then
# never combined with the new page around them.
FRAGMENT_VERSION = 1
FRAGMENT_PREFIX = f"portal:fragment:v{FRAGMENT_VERSION}:"


def page_cache() -> BaseCache:
    return caches["pages" if "pages" in settings.CACHES else "default"]


def article_key(pk: int) -> str:
    return f"a:{pk}"


def category_key(pk: int) -> str:
    return f"c:{pk}"


def tag_key(pk: int) -> str:
    return f"t:{pk}"


def author_key(slug: str) -> str:
    return f"au:{slug}"


# --- tokens ---------------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_hex(8)


def tokens(names: Iterable[str]) -> dict[str, str]:
    """The current token of each of `names` that has one (one query)."""
    names = list(names)
    if not names:
        return {}
    table = connection.ops.quote_name(PageGeneration._meta.db_table)
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, token FROM {table} WHERE name IN ({placeholders})", names)  # noqa: S608
        return dict(cursor.fetchall())


def ensure_tokens(names: Iterable[str]) -> dict[str, str]:
    """Like `tokens`, giving a first token to the names that have none yet."""
    names = list(names)
    found = tokens(names)
    missing = sorted(n for n in names if n not in found)
    if missing:
        PageGeneration.objects.bulk_create(
            [PageGeneration(name=n, token=_new_token()) for n in missing], ignore_conflicts=True
        )
        found.update(tokens(missing))
    return found


# Read with every request that may be served from the cache or rendered for it: the names every
# page depends on, so the site structure and the small shared lists can be reused without queries.
GLOBAL_NAMES = (EPOCH, SITE, LATEST, PICKS, MOST_READ)
_memo: dict[tuple[Any, ...], tuple[str, Any]] = {}
_MEMO_LIMIT = 2000


def token_for(request: HttpRequest | None, name: str) -> str:
    """The token of `name` as read for this request (read now, once, when it was not)."""
    known: dict[str, str] | None = getattr(request, "portal_tokens", None)
    if known is not None and name in known:
        return known[name]
    token = ensure_tokens([name])[name]
    if request is not None:
        request.portal_tokens = {**(known or {}), name: token}  # type: ignore[attr-defined]
    return token


def read_tokens(request: HttpRequest, names: Iterable[str]) -> dict[str, str]:
    """The tokens of `names` as read for this request: those not read yet in one query (names
    without a token are left out)."""
    known: dict[str, str] = request.__dict__.setdefault("portal_tokens", {})
    unread = [name for name in names if name not in known]
    if unread:
        known.update(tokens(unread))
    return known


def memoized(request: HttpRequest | None, name: str, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """`compute()`, kept in this process while the token of `name` stays the same.

    For small, shared query results (the editor's picks, a category's latest ids): exact, because
    whatever changes them replaces the token in the same transaction.
    """
    token = token_for(request, name)
    hit = _memo.get(key)
    if hit is not None and hit[0] == token:
        return hit[1]
    value = compute()
    if len(_memo) >= _MEMO_LIMIT:
        _memo.clear()
    _memo[key] = (token, value)
    return value


# --- while a page renders -------------------------------------------------------------------


def mark_cacheable(request: HttpRequest) -> None:
    """Let the middleware store this response for anonymous readers (views opt in explicitly)."""
    if getattr(request, "portal_cache_deps", None) is None:
        request.portal_cache_deps = set()  # type: ignore[attr-defined]


def depend_on(request: HttpRequest, *names: str) -> None:
    deps: set[str] | None = getattr(request, "portal_cache_deps", None)
    if deps is not None:
        deps.update(names)
    for recording in getattr(request, "portal_recording", ()):  # fragments being rendered
        recording.update(names)


def depend_on_articles(request: HttpRequest, articles: Iterable[Any]) -> None:
    depend_on(request, *(article_key(article.pk) for article in articles if article is not None))


def cacheable(*names: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorator for plain views: cacheable, depending on `names` (more can be added inside)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            mark_cacheable(request)
            depend_on(request, *names)
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


# --- fragments --------------------------------------------------------------------------------


def _bench_bypass(request: HttpRequest, level: str) -> bool:
    """The bench's cache-bypass header (honoured only by a PHOIHOP_BENCH=1 server): "1" skips the
    page cache, "all" the fragment caches as well (a cold render)."""
    if not getattr(settings, "PHOIHOP_BENCH", False):
        return False
    value = request.META.get(BENCH_NO_CACHE_HEADER, "")
    return value == "all" if level == "fragments" else bool(value)


def fragments_enabled(request: HttpRequest | None) -> bool:
    return bool(
        request is not None
        and getattr(settings, "PHOIHOP_PAGE_CACHE", True)
        and getattr(settings, "PHOIHOP_FRAGMENT_CACHE", True)
        and not getattr(request, "is_preview", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES  # editors always see fresh pages
        and not _bench_bypass(request, "fragments")
    )


def _fragment_key(request: HttpRequest, group: str, pk: Any, part: str) -> str:
    language = translation.get_language() or ""
    return f"{FRAGMENT_PREFIX}{group}:{pk}:{part}:{language}:{request.get_host()}"


def fragment(
    request: HttpRequest | None, group: str, pk: Any, part: str, names: Iterable[str], render: Callable[[], str]
) -> str:
    """A part of a page that changes only with `names` (e.g. an article's own text, whose page
    also shows lists that change far more often), kept in the page cache between renders.

    Valid exactly like a cached page: it records the token of every name it depends on — `names`
    plus whatever `depend_on` recorded while it rendered — and is used only while all are
    current; on use, those names become the page's dependencies too. The parts of one `group`
    and `pk` are fetched together, with the first part the page asks for.
    """
    if request is None or not fragments_enabled(request):
        return render()
    fetched: dict[str, Any] = request.__dict__.setdefault("portal_fragments", {})
    key = _fragment_key(request, group, pk, part)
    if key not in fetched:
        keys = [_fragment_key(request, group, pk, p) for p in FRAGMENT_GROUPS.get(group, (part,))]
        fetched.update(dict.fromkeys(keys))
        fetched.update(page_cache().get_many(keys))
        # One token read for every name the group's stored parts recorded.
        read_tokens(request, {name for entry in fetched.values() if entry is not None for name in entry["v"]})
    entry = fetched.get(key)
    names = {SITE, *names}
    if entry is not None and all(token_for(request, name) == token for name, token in entry["v"].items()):
        depend_on(request, *entry["v"])
        # A page built with this part is kept no longer than the part itself would be.
        expires = entry.get("x", 0.0)
        request.portal_expires = min(getattr(request, "portal_expires", expires), expires)  # type: ignore[attr-defined]
        return mark_safe(entry["c"])  # noqa: S308 — stored from a render of our own templates
    recording: set[str] = set(names)
    stack: list[set[str]] = request.__dict__.setdefault("portal_recording", [])
    stack.append(recording)
    try:
        html = render()
    finally:
        stack.pop()
    depend_on(request, *names)
    # Stored with the page, after the response: one token read for the page and all its fragments.
    pending: list[tuple[str, set[str], str]] = request.__dict__.setdefault("portal_pending_fragments", [])
    pending.append((key, recording, str(html)))
    return html


def store_fragments(request: HttpRequest, current: dict[str, str], epoch: str | None) -> None:
    """Store the fragments this request rendered, unless something changed while it rendered
    (`current`: tokens read after the render, `epoch`: the epoch read before it)."""
    pending = request.__dict__.pop("portal_pending_fragments", [])
    if not pending or epoch is None or current.get(EPOCH) != epoch:
        return
    expires = time.time() + settings.PHOIHOP_PAGE_CACHE_SECONDS
    page_cache().set_many(
        {key: {"v": {name: current[name] for name in names}, "c": html, "x": expires} for key, names, html in pending},
        timeout=settings.PHOIHOP_PAGE_CACHE_SECONDS,
    )


def pending_fragment_names(request: HttpRequest) -> set[str]:
    return {name for _, names, _ in getattr(request, "portal_pending_fragments", ()) for name in names}


# The parts of a page kept as fragments, by group: fetched in one cache round trip.
FRAGMENT_GROUPS: dict[str, tuple[str, ...]] = {"article": ("meta", "head", "sapo", "main", "related")}


# --- invalidation ---------------------------------------------------------------------------


def invalidate(names: Iterable[str]) -> None:
    """Make every cached page that shows one of `names` a miss, from the moment the current
    transaction commits (at once outside a transaction)."""
    names = sorted({*names, EPOCH})
    token = _new_token()
    PageGeneration.objects.bulk_create(
        [PageGeneration(name=name, token=token) for name in names],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["token"],
    )


def invalidate_for_article(page: ArticlePage, *, also_categories: Iterable[int] = ()) -> None:
    """Every public surface that shows `page` — its own page, its category's pages, home, tag and
    author pages, feeds, sitemaps and the "Tin khác"/"Nên xem"/"Có thể bạn quan tâm" blocks of
    other articles — is rendered afresh on its next request.

    For the newsroom: call after a correction, a takedown, a move or any change the Wagtail
    publish/unpublish signals do not cover (those are already wired in `phoihop.portal.signals`).
    `also_categories` names categories the article has just left.
    """
    names = {article_key(page.pk), LATEST, *(category_key(pk) for pk in also_categories)}
    parent = page.get_parent()
    if parent is not None:
        names.add(category_key(parent.pk))
    tag_ids = ArticleTag.objects.filter(content_object_id=page.pk).values_list("tag_id", flat=True)
    names.update(tag_key(pk) for pk in tag_ids)
    author_slugs = ArticleAuthor.objects.filter(article_id=page.pk).values_list("slug", flat=True)
    names.update(author_key(slug) for slug in author_slugs if slug)
    if getattr(page, "editors_pick", False):
        names.add(PICKS)
    invalidate(names)


def invalidate_for_category(pk: int) -> None:
    """A category appeared, disappeared, was renamed or moved: the menu on every page changes."""
    invalidate({SITE, LATEST, category_key(pk)})


def invalidate_everything() -> None:
    """Every stored page and every shared list: after a bulk import, a restore, a direct SQL fix."""
    names = {SITE, LATEST, PICKS, MOST_READ}
    names.update(category_key(pk) for pk in CategoryPage.objects.values_list("pk", flat=True))
    invalidate(names)


def invalidate_most_read() -> None:
    invalidate({MOST_READ})


def clear() -> None:
    """Drop every stored page (tests; after restoring a database backup)."""
    page_cache().clear()
    _local.clear()


# Stored pages also kept in this process's memory, in front of the shared cache: a hit then costs
# no cache round trip. Safe for the same reason the shared cache is: an entry is served only while
# every token it recorded is current, and tokens are read from the database on every request.
_local: dict[str, dict[str, Any]] = {}
_local_lock = threading.Lock()
LOCAL_MAX_BYTES = 256 * 1024  # larger responses (sitemap files) are read from the shared cache


def _local_get(key: str) -> dict[str, Any] | None:
    entry = _local.get(key)
    if entry is not None and entry.get("x", 0.0) > time.time():
        return entry
    entry = page_cache().get(key)
    if entry is not None:
        _local_put(key, entry)
    return entry


def _local_put(key: str, entry: dict[str, Any]) -> None:
    """Keep `entry` until the time it expires in the shared cache ("x"), at most `LOCAL_ENTRIES`
    pages (the oldest stored make room)."""
    limit = getattr(settings, "PHOIHOP_PAGE_CACHE_LOCAL_ENTRIES", 1000)
    if limit <= 0 or "x" not in entry or len(entry["c"]) > LOCAL_MAX_BYTES:
        return
    with _local_lock:
        _local.pop(key, None)
        while len(_local) >= limit:
            _local.pop(next(iter(_local)), None)
        _local[key] = entry


# --- the middleware -------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for opted-in views from the page cache.

    Sits right after WhiteNoise, so a hit skips sessions, CSRF, authentication and the view: one
    cache read and one token query. On a miss it also hands the validated site structure to Wagtail
    (`structure.prepare`), so routing costs no query for the site, home page or categories.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(
            tuple(settings.PHOIHOP_PAGE_CACHE_SKIP_PREFIXES)
        ):
            return self.get_response(request)
        enabled = getattr(settings, "PHOIHOP_PAGE_CACHE", True)
        anonymous = not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)
        bypass = _bench_bypass(request, "page")
        key = entry = None
        if enabled and anonymous:
            try:
                key = self._key(request)
            except Exception:  # noqa: BLE001 — a disallowed Host: let the normal stack answer it
                return self.get_response(request)
            # The bench's "uncached" requests take the whole miss path, storing included.
            entry = None if bypass else _local_get(key)
        # Imported when first needed: portal.structure imports this module.
        from phoihop.portal import structure

        known = structure.current()
        categories = [category_key(c.pk) for c in known.categories] if known is not None else []
        if entry is not None:
            current = tokens([*GLOBAL_NAMES, *entry["v"]])
            if all(current.get(name) == token for name, token in entry["v"].items()):
                return self._replay(request, entry)
            current.update(tokens(categories))  # for the lists a render reuses (`memoized`)
        else:
            current = tokens([*GLOBAL_NAMES, *categories])
        request.portal_tokens = current  # type: ignore[attr-defined]
        structure.prepare(request)
        response = self.get_response(request)
        deps: set[str] | None = getattr(request, "portal_cache_deps", None)
        store_page = key is not None and deps is not None and self._storable(request, response)
        page_names = {SITE, *deps} if store_page and deps is not None else set()
        fragment_names = pending_fragment_names(request)
        if page_names or fragment_names:
            after = ensure_tokens([EPOCH, *page_names, *fragment_names])
            store_fragments(request, after, current.get(EPOCH))
            if store_page and key is not None:
                self._store(request, key, page_names, current.get(EPOCH), after, response)
                response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _key(request: HttpRequest) -> str:
        allowed = settings.PHOIHOP_PAGE_CACHE_QUERY_PARAMS
        query = "&".join(f"{name}={request.GET.get(name, '')}" for name in allowed if name in request.GET)
        language = translation.get_language_from_request(request)
        raw = f"{request.get_host()}|{language}|{request.path}|{query}"
        return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()[:40]

    @staticmethod
    def _replay(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
        response = HttpResponse(b"" if request.method == "HEAD" else entry["c"], status=entry["s"])
        for name, value in entry["h"]:
            response[name] = value
        response["X-Cache"] = "HIT"
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        if getattr(request, "_csp_nonce", None):
            return False  # the page carries this request's CSP nonce: replaying it would reuse the nonce
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control

    @staticmethod
    def _store(
        request: HttpRequest,
        key: str,
        names: set[str],
        epoch: str | None,
        current: dict[str, str],
        response: HttpResponse,
    ) -> None:
        if epoch is None or current.get(EPOCH) != epoch:
            return  # something changed while this page rendered: it may show the old state
        versions = {name: current[name] for name in names}
        headers = [(k, v) for k, v in response.items() if k.lower() not in UNCACHED_HEADERS]
        now = time.time()
        # No longer than the stored fragments it was built from (`fragment`) would have been kept.
        expires = min(now + settings.PHOIHOP_PAGE_CACHE_SECONDS, getattr(request, "portal_expires", float("inf")))
        if expires <= now + 1:
            return
        entry = {"v": versions, "s": response.status_code, "h": headers, "c": response.content, "x": expires}
        page_cache().set(key, entry, timeout=round(expires - now))
        _local_put(key, entry)
