"""Slots in the portal's templates that the apps above portal fill.

portal sits low in the apps' layers: its templates must not load the tag libraries of newsroom,
factcheck or any other app above it. Those apps register a renderer for a named slot here, from
their `AppConfig.ready`, and the portal's templates render the slot with
`{% extension_slot "article_after_body" page %}` (`portal_tags`).

Slots of the article page:

* ``article_head_jsonld`` — structured data in the page's <head> (factcheck: a rebuttal's ClaimReview)
* ``article_before_body`` — above the article's body (newsroom: "Thông tin cải chính, xin lỗi";
  factcheck: a rebuttal's verdict box, "Kết luận kiểm chứng")
* ``article_after_body`` — under the byline (newsroom: the responses, "Ý kiến phản hồi")

Slot of the home page:

* ``home_top`` — the top of the main column (newsroom: the homepage's own section of corrections)

Properties of the article's NewsArticle JSON-LD (`register_article_jsonld`): an app adds properties
that schema.org defines on an article (newsroom: ``correction``, a list of CorrectionComment); the
portal's own properties are never replaced.

A renderer is called with the template context and the page while the template renders: inside the
article page's cached fragments (`portal.cache.fragment`), so it runs only when its fragment is
rendered afresh, and whatever it records with `cache.depend_on` is recorded with the fragment. What
it shows must change only with the article's token: the app that changes it invalidates the article
(`cache.invalidate_for_article`), as the newsroom does after a correction and factcheck after a
verdict change. It returns safe HTML, or "" to show nothing; a slot joins its renderers' HTML in the
order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SLOTS = frozenset({"article_head_jsonld", "article_before_body", "article_after_body", "home_top"})

Renderer = Callable[[Context, Any], str]
JsonLdProperties = Callable[[Any], dict[str, Any]]

_renderers: dict[str, dict[str, Renderer]] = {}
_jsonld: dict[str, JsonLdProperties] = {}


def register_article_jsonld(name: str, properties: JsonLdProperties) -> None:
    """Add `properties(article)` to every article's NewsArticle JSON-LD (called while its "meta"
    fragment renders, so it follows the article's token like a slot). Registering again replaces."""
    _jsonld[name] = properties


def article_jsonld_properties(article: Any) -> dict[str, Any]:
    """What the apps add to the article's NewsArticle JSON-LD, in registration order."""
    merged: dict[str, Any] = {}
    for properties in _jsonld.values():
        merged.update(properties(article))
    return merged


def register(slot: str, name: str, renderer: Renderer) -> None:
    """Render `renderer` in `slot`. Registering a name again replaces its renderer, so an app set up
    twice (tests) still renders once."""
    if slot not in SLOTS:
        raise ValueError(f"unknown portal slot {slot!r} (known: {', '.join(sorted(SLOTS))})")
    _renderers.setdefault(slot, {})[name] = renderer


def render(slot: str, context: Context, page: Any) -> SafeString:
    """The HTML of `slot` for `page`: "" when no app fills it."""
    if slot not in SLOTS:
        raise ValueError(f"unknown portal slot {slot!r} (known: {', '.join(sorted(SLOTS))})")
    renderers = _renderers.get(slot)
    if not renderers:
        return mark_safe("")
    # A renderer that returns plain text gets it escaped, like any template variable.
    return mark_safe("".join(conditional_escape(renderer(context, page)) for renderer in renderers.values()))  # noqa: S308
