"""The schema.org `ClaimReview` of a rebuttal article (what search engines and fact-check
aggregators read): one per rebuttal, built from the approved verdict and its claim."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpRequest
from django.utils import timezone

from phoihop.factcheck.models import Verdict, VerdictLabel


def verdict_for_page(page: Any) -> Verdict | None:
    """The approved verdict whose rebuttal is `page`, or None (any other page)."""
    pk = getattr(page, "pk", None)
    if pk is None:
        return None
    return (
        Verdict.objects.select_related("claim", "label", "rebuttal")
        .filter(rebuttal_id=pk, status=Verdict.Status.APPROVED)
        .first()
    )


def rating_scale() -> tuple[int, int]:
    """(worst, best) of the labels in use: the scale `ratingValue` is read on."""
    bounds = VerdictLabel.objects.aggregate(worst=Min("rating_value"), best=Max("rating_value"))
    return int(bounds["worst"] or 1), int(bounds["best"] or 1)


def claim_review(verdict: Verdict, request: HttpRequest | None) -> dict[str, Any]:
    from phoihop.portal.seo import absolute, iso, site_root

    page = verdict.rebuttal
    claim = verdict.claim
    url = absolute(request, page.get_url(request) or "/") if page is not None else ""
    published = verdict.published_at or (page.first_published_at if page is not None else None) or timezone.now()
    worst, best = rating_scale()
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.appearance_url:
        item["appearance"] = [{"@type": "CreativeWork", "url": claim.appearance_url}]
    if claim.claimant_name:
        item["author"] = {"@type": claim.claimant_kind, "name": claim.claimant_name}
    if claim.first_seen_at:
        item["datePublished"] = iso(claim.first_seen_at)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.title,
        "datePublished": iso(published),
        "inLanguage": "vi",
        "author": {"@type": "Organization", "name": settings.PHOIHOP_PUBLICATION_NAME, "url": site_root(request) + "/"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.label.rating_value,
            "bestRating": best,
            "worstRating": worst,
            "alternateName": verdict.label.name,
        },
        "itemReviewed": item,
    }
