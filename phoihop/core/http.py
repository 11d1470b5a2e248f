"""Facts about the request that several apps need: who is asking, from where, which page.

`client_ip` is the address the read beacon counts and the sign-in lockout (django-axes,
`AXES_CLIENT_IP_CALLABLE`) keys on. It is REMOTE_ADDR unless `PHOIHOP_TRUSTED_PROXY_COUNT` says how
many reverse proxies of ours stand in front: then the address the outermost of them saw is taken
from X-Forwarded-For, counted from the right, so a client cannot pick its own address by sending the
header itself (entries further left were written by the client).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    trusted = int(getattr(settings, "PHOIHOP_TRUSTED_PROXY_COUNT", 0))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "") or "")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-trusted] if len(hops) >= trusted else hops[0]


# The largest id a row can have: a signed 64-bit integer (SQLite's INTEGER, PostgreSQL's bigint).
MAX_ID = 2**63 - 1
# No list of ours has this many pages; a larger page number is answered 404 before any query (an
# offset past 2**63 is an error in the database, not an empty page).
MAX_PAGE = 100_000


def page_number(value: str | None, *, default: int = 1) -> int:
    """`?trang=` as a page number: missing or not a number gives `default`; below 1 or above
    MAX_PAGE is a 404."""
    try:
        number = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default
    if not 1 <= number <= MAX_PAGE:
        raise Http404
    return number


class OutOfRangeIdMiddleware:
    """A whole-number part of a URL (`<int:pk>`) larger than any row id is a 404, for every view.

    Django's `int` converter accepts any number of digits; a lookup with 99999999999999999999 is an
    error in the database driver (a 500), not "no such row".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
                raise Http404
