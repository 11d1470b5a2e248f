"""The public origin of the site (`scheme://host[:port]`): the one source of every absolute URL that
phoihop writes into pages, feeds, sitemaps, robots.txt and e-mails.

It comes from the `PHOIHOP_BASE_URL` setting (the environment variable of the same name; `make demo`
and `make run` set it from HOST and PORT). The Wagtail Site's hostname and port are kept in step with
it (`phoihop.portal.services.site_ensure`), so Wagtail's own links agree too. The request's Host
header is never used: it is whatever the client sent.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def public_origin() -> str:
    """`http://127.0.0.1:8000`: the configured base URL without its path or trailing slash."""
    parts = urlsplit(str(settings.PHOIHOP_BASE_URL).strip())
    return f"{parts.scheme or 'http'}://{parts.netloc}"


def public_url(path: str) -> str:
    """`path` as an absolute URL on the public origin; an URL that already is absolute is kept."""
    if path.startswith(("http://", "https://")):
        return path
    return public_origin() + "/" + path.lstrip("/")


def site_address() -> tuple[str, int]:
    """The hostname and port a Wagtail Site needs so that its `root_url` is the public origin."""
    parts = urlsplit(public_origin())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port
