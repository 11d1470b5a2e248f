"""`{% load factcheck_tags %}{% claim_review_jsonld page %}`: the ClaimReview JSON-LD of a rebuttal.

The portal's article page shows it through its "article_head_jsonld" slot (`phoihop.portal.extensions`,
registered in `FactcheckConfig.ready`). Renders nothing for any page that is not an approved verdict's
rebuttal, and renders once per page even if it is asked for twice (the slot and the tag in a template
that extends the article page).
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
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


def verdict_box(context: template.Context, page: Any) -> SafeString:
    """The verdict above a rebuttal's body (the article page's "article_before_body" slot): its label
    in its colour, the claim, the summary, the authority's document when the verdict rests on one,
    and when it was published (approved, on a preview before publication). Nothing on other pages.
    Inside the article's cached fragment: a verdict change invalidates the article (`services`)."""
    from phoihop.factcheck.services import CATEGORY_SLUG
    from phoihop.factcheck.structured import verdict_for_page

    if page is None or f"/{CATEGORY_SLUG}/" not in (getattr(page, "url_path", "") or ""):
        return mark_safe("")
    verdict = verdict_for_page(page)
    if verdict is None:
        return mark_safe("")
    moment = verdict.published_at or verdict.approved_at
    # The colour goes into a style attribute: only a #rrggbb (the field's validator) reaches it.
    colour = verdict.label.colour if _COLOUR.fullmatch(verdict.label.colour or "") else "#b91c1c"
    return render_to_string(
        "factcheck/_verdict_box.html",
        {"verdict": verdict, "moment": moment, "colour": colour},
        request=context.get("request"),
    )


@register.inclusion_tag("factcheck/_label.html")
def verdict_label(label: Any) -> dict[str, Any]:
    return {"label": label}
