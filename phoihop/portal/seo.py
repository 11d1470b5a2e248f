"""What the portal tells machines about a page: canonical URL, Open Graph / Twitter cards and the
schema.org `NewsArticle` JSON-LD. Absolute URLs start with the public origin
(`phoihop.core.origin`, from PHOIHOP_BASE_URL), never the request's Host header."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from phoihop.core.origin import public_origin, public_url
from phoihop.portal import extensions
from phoihop.portal.images import renditions
from phoihop.portal.models import ArticlePage

# Google's guidance for article images: 16:9, 4:3 and 1:1, at least 1200 px wide when the
# original allows. JPEG because some link previews still refuse WebP.
STRUCTURED_IMAGE_SPEC = "fill-{1200x675,1200x900,1200x1200}|format-jpeg"
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"
ARTICLE_SPECS = (STRUCTURED_IMAGE_SPEC, SOCIAL_IMAGE_SPEC)
LOGO_PATH, LOGO_WIDTH, LOGO_HEIGHT = "img/logo.png", 600, 60
FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php?u={url}"
ZALO_SHARE = "https://sp.zalo.me/share_inline?url={url}"


def site_root(request: HttpRequest | None) -> str:
    """The public origin. `request` is not consulted: the address is configured, not sent by clients."""
    return public_origin()


def absolute(request: HttpRequest | None, path: str) -> str:
    return public_url(path)


def iso(value: Any) -> str:
    """`2024-11-21T19:41:00+07:00`: local time with its offset."""
    return timezone.localtime(value).isoformat()


def json_ld(data: dict[str, Any]) -> SafeString:
    """A JSON-LD script body that cannot close its <script> element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 — serialized by json.dumps and escaped above


def logo(request: HttpRequest | None) -> dict[str, Any]:
    """The publication's logo (static/img/logo.png) as a schema.org ImageObject."""
    url = absolute(request, static(LOGO_PATH))
    return {"@type": "ImageObject", "url": url, "width": LOGO_WIDTH, "height": LOGO_HEIGHT}


def publisher(request: HttpRequest | None) -> dict[str, Any]:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.PHOIHOP_PUBLICATION_NAME,
        "url": site_root(request) + "/",
        "logo": logo(request),
    }


def article_meta(
    request: HttpRequest, *, article: ArticlePage, category: Any, authors: list[Any], tags: list[Any]
) -> dict[str, Any]:
    """Canonical URL, share links, Open Graph values and the NewsArticle JSON-LD of `article`."""
    url = absolute(request, article.get_url(request) or "/")
    images: list[str] = []
    social_image = None
    if article.lead_image is not None:
        images = [absolute(request, r.url) for r in renditions(article.lead_image, STRUCTURED_IMAGE_SPEC)]
        social_image = renditions(article.lead_image, SOCIAL_IMAGE_SPEC)[0]
    published = article.first_published_at or timezone.now()
    modified = article.last_published_at or published
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.sapo,
        "datePublished": iso(published),
        "dateModified": iso(modified),
        "inLanguage": "vi",
        "author": [
            {"@type": "Person", "name": a.display_name, "url": absolute(request, a.get_absolute_url())} for a in authors
        ],
        "publisher": publisher(request),
        "isAccessibleForFree": True,
    }
    # An article always has an image (Google's NewsArticle asks for one): without a lead image, the
    # publication's logo, as in its Organization.
    data["image"] = images or [logo(request)]
    if category is not None:
        data["articleSection"] = category.title
    if tags:
        data["keywords"] = [t.name for t in tags]
    for name, value in extensions.article_jsonld_properties(article).items():
        data.setdefault(name, value)
    quoted = quote(url, safe="")
    return {
        "canonical": url,
        "published": iso(published),
        "modified": iso(modified),
        "social_image": social_image,
        "social_image_url": absolute(request, social_image.url) if social_image is not None else "",
        "json_ld": json_ld(data),
        "share_facebook": FACEBOOK_SHARE.format(url=quoted),
        "share_zalo": ZALO_SHARE.format(url=quoted),
    }


def website_json_ld(request: HttpRequest) -> SafeString:
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.PHOIHOP_PUBLICATION_NAME,
            "url": site_root(request) + "/",
            "inLanguage": "vi",
            "publisher": publisher(request),
        }
    )
