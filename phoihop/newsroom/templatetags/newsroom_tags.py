"""What readers see of the newsroom's corrections and responses, through the portal's slots
(`phoihop.portal.extensions`, registered in `NewsroomConfig.ready`): the notice "Thông tin cải chính,
xin lỗi" above the article's body, the responses under it, the homepage's own section of corrections
and the article's NewsArticle JSON-LD `correction` property."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from phoihop.core.origin import public_url
from phoihop.newsroom import selectors

register = template.Library()


def _render(context: template.Context, name: str, data: dict[str, Any]) -> SafeString:
    # Rendered the way an inclusion tag renders its template: same engine, the page's settings.
    engine = context.template.engine if context.template is not None else template.Engine.get_default()
    return engine.get_template(name).render(context.new(data))


def _article_facts(page: Any) -> dict[str, Any]:
    """The name of the work, its section and the day it was published (Decree 237 Art. 19(2))."""
    parent = page.get_parent() if hasattr(page, "get_parent") else None
    return {
        "title": page.title,
        "section": parent.title if parent is not None and parent.depth > 2 else "",
        "published": getattr(page, "first_published_at", None),
    }


@register.simple_tag(takes_context=True)
def article_corrections(context: template.Context, page: Any) -> SafeString:
    """The article's corrections, oldest first, under the title "Thông tin cải chính, xin lỗi"
    (Decree 237 Art. 19(2)); the portal's "article_before_body" slot."""
    notes = selectors.article_notes(page)
    if not notes.corrections:
        return SafeString("")
    return _render(
        context,
        "newsroom/_corrections.html",
        {"corrections": notes.corrections, "article": _article_facts(page), "heading_level": 2},
    )


@register.simple_tag(takes_context=True)
def article_responses(context: template.Context, page: Any) -> SafeString:
    """The responses to the article, round by round (Decree 237 Art. 21); "article_after_body"."""
    notes = selectors.article_notes(page)
    if not notes.threads:
        return SafeString("")
    return _render(context, "newsroom/_responses.html", {"threads": notes.threads})


@register.simple_tag(takes_context=True)
def homepage_corrections(context: template.Context, page: Any) -> SafeString:
    """The homepage's own section of corrections (Decree 237 Art. 19(1)(a)); the "home_top" slot."""
    corrections = selectors.homepage_corrections()
    if not corrections:
        return SafeString("")
    items = []
    for correction in corrections:
        article = correction.article.specific
        items.append(
            {"correction": correction, "article": _article_facts(article), "url": article.url if article.live else ""}
        )
    return _render(context, "newsroom/_home_corrections.html", {"items": items})


def correction_jsonld(page: Any) -> dict[str, Any]:
    """schema.org `correction` on the article: one CorrectionComment per correction shown."""
    notes = selectors.article_notes(page)
    if not notes.corrections:
        return {}
    from phoihop.portal.seo import iso

    url = public_url(page.get_url() or "/")
    return {
        "correction": [
            {
                "@type": "CorrectionComment",
                "@id": f"{url}#cai-chinh-{c.pk}",
                "name": str(c.get_kind_display()),
                "text": c.text,
                "datePublished": iso(c.corrected_at),
            }
            for c in notes.corrections
        ]
    }
