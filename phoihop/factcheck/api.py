"""Published fact-check verdicts in the JSON API, for anyone (no token): those whose rebuttal article
is live (`selectors.published_verdicts`, the same list as the public verdicts page). A draft verdict,
or one whose article was taken down, is a 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from phoihop.core.api import PageParams, json_response, paginate, problem_responses, validated
from phoihop.core.http import MAX_ID
from phoihop.core.origin import public_url
from phoihop.factcheck import selectors
from phoihop.factcheck.models import Domain, Verdict, VerdictLabel

router = Router(tags=["kiểm chứng"])
READ_ERRORS = problem_responses(404, 422)


class LabelOut(Schema):
    slug: str
    name: str
    colour: str
    rating_value: int


class VerdictOut(Schema):
    id: int
    claim: str = Field(description="Thông tin đã được kiểm chứng.")
    claim_reference: str
    domain: str
    label: LabelOut
    summary: str = Field(description="Kết luận.")
    rests_on_authority: bool
    authority_name: str
    authority_document: str
    published_at: str | None
    article_url: str | None = Field(description="Bài bác bỏ, đính chính.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 3,
                    "claim": "Tin đồn thu hồi đất toàn bộ khu dân cư An Khánh",
                    "claim_reference": "KC-2026-0003",
                    "domain": "Đất đai",
                    "label": {"slug": "tin-gia", "name": "Tin giả", "colour": "#b91c1c", "rating_value": 1},
                    "summary": "Không có quyết định thu hồi đất nào như tin đồn.",
                    "rests_on_authority": True,
                    "authority_name": "UBND xã An Khánh",
                    "authority_document": "Công văn 45/UBND ngày 02/12/2026",
                    "published_at": "2026-12-03T10:00:00+07:00",
                    "article_url": "https://baothunghiem.vn/kiem-chung/tin-don-thu-hoi-dat/",
                }
            ]
        }
    )

    @staticmethod
    def resolve_claim(obj: Verdict) -> str:
        return obj.claim.title

    @staticmethod
    def resolve_claim_reference(obj: Verdict) -> str:
        return obj.claim.reference

    @staticmethod
    def resolve_domain(obj: Verdict) -> str:
        return obj.claim.domain.name

    @staticmethod
    def resolve_label(obj: Verdict) -> dict[str, Any]:
        label = obj.label
        return {"slug": label.slug, "name": label.name, "colour": label.colour, "rating_value": label.rating_value}

    @staticmethod
    def resolve_published_at(obj: Verdict) -> str | None:
        return timezone.localtime(obj.published_at).isoformat() if obj.published_at else None

    @staticmethod
    def resolve_article_url(obj: Verdict) -> str | None:
        page = obj.rebuttal
        return public_url(page.get_url() or page.url_path) if page is not None else None


class VerdictPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[VerdictOut]


class VerdictFilters(PageParams):
    label: str | None = Field(None, max_length=80, description="Mã (slug) của nhãn kết luận.")
    domain: str | None = Field(None, max_length=80, description="Mã (slug) của lĩnh vực.")


@router.get(
    "/verdicts",
    response={200: VerdictPage, 304: None, **READ_ERRORS},
    url_name="verdicts",
    summary="Các kết luận kiểm chứng đã công bố",
)
def verdict_list(request: HttpRequest, filters: Query[VerdictFilters]) -> HttpResponse:
    label = VerdictLabel.objects.filter(slug=filters.label).first() if filters.label else None
    domain = Domain.objects.filter(slug=filters.domain).first() if filters.domain else None
    if (filters.label and label is None) or (filters.domain and domain is None):
        found = Verdict.objects.none()
    else:
        found = selectors.published_verdicts(label=label, domain=domain)
    page = paginate(request, found, filters, lambda row: validated(VerdictOut, row).model_dump(mode="json"))
    return json_response(request, page)


@router.get(
    "/verdicts/{verdict_id}",
    response={200: VerdictOut, 304: None, **READ_ERRORS},
    url_name="verdict",
    summary="Một kết luận kiểm chứng đã công bố",
)
def verdict_read(request: HttpRequest, verdict_id: int = Path(..., ge=1, le=MAX_ID)) -> HttpResponse:
    verdict = selectors.published_verdicts().filter(pk=verdict_id).first()
    if verdict is None:
        raise Http404
    return json_response(request, validated(VerdictOut, verdict))
