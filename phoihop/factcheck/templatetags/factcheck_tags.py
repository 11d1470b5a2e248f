"""`{% load factcheck_tags %}{% claim_review_jsonld page %}`: the ClaimReview JSON-LD of a rebuttal.

The portal's article page shows it through its "article_head_jsonld" slot (`phoihop.portal.extensions`,
registered in `FactcheckConfig.ready`). Renders nothing for any page that is not an approved verdict's
rebuttal, and renders once per page even if it is asked for twice (the slot and the tag in a template
that extends the article page).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
_RENDERED = "factcheck_claim_review_rendered"


@register.simple_tag(takes_context=True)
def claim_review_jsonld(context: template.Context, page: Any) -> SafeString:
    from phoihop.factcheck.services import CATEGORY_SLUG
    from phoihop.factcheck.structured import claim_review, verdict_for_page
    from phoihop.portal.seo import json_ld

    if context.render_context.get(_RENDERED) or page is None:
        return mark_safe("")
    # Rebuttals live only in the "Kiểm chứng" category (services refuse others): every other
    # article skips the lookup, which runs on the uncached article page's hot path.
    if f"/{CATEGORY_SLUG}/" not in (getattr(page, "url_path", "") or ""):
        return mark_safe("")
    verdict = verdict_for_page(page)
    if verdict is None or verdict.rebuttal is None:
        return mark_safe("")
    # The render context is shared by a template and every template it extends or includes.
    context.render_context[_RENDERED] = True
    return format_html(
        '<script type="application/ld+json">{}</script>', json_ld(claim_review(verdict, context.get("request")))
    )


@register.inclusion_tag("factcheck/_label.html")
def verdict_label(label: Any) -> dict[str, Any]:
    return {"label": label}
