"""GET /api/v1/search?q=&limit= — the public article search as JSON, in rank order;
GET /api/v1/search/suggest?q= — headlines and tags for a search box as the reader types."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from phoihop.core.origin import public_url
from phoihop.search import selectors

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field("", max_length=500, description="Từ khóa, có dấu hay không dấu; viết tắt được mở rộng.")
    limit: int = Field(20, ge=1, le=100, description="Số kết quả tối đa (1–100).")


class SearchResult(Schema):
    title: str
    url: str = Field(description="Địa chỉ đầy đủ của bài.")
    published_at: str = Field(description="Thời điểm đăng, ISO 8601 theo giờ Việt Nam (+07:00).")
    category: str
    snippet: str = Field(description="Đoạn trích HTML: mọi ký tự đã được thoát, từ khớp nằm trong <mark>.")


class SearchResponse(Schema):
    results: list[SearchResult]
    query: str = Field("", description="Từ khóa mà kết quả ứng với (khác `q` khi đã đọc lại kiểu gõ Telex/VNI).")
    typed: str = Field(
        "", description="Khi kết quả ứng với cách đọc Telex/VNI: từ khóa đúng như đã gõ; không thì rỗng."
    )
    suggestion: str = Field(
        "", description="“Có phải bạn muốn tìm”: một cách viết có trong chỉ mục, tìm ra nhiều bài hơn."
    )
    partial: list[SearchResult] = Field(
        default_factory=list,
        description="Khi có ít hơn 3 bài chứa đủ mọi từ: các bài chứa nhiều từ nhất, nhiều trước.",
    )


def _result(hit: selectors.ArticleHit) -> dict[str, str]:
    return {
        "title": hit.title,
        "url": public_url(hit.url),
        "published_at": timezone.localtime(hit.published_at).isoformat(),
        "category": hit.category,
        "snippet": str(hit.snippet),
    }


@router.get("", response=SearchResponse, url_name="search", summary="Tìm tin, bài đã đăng")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, object]:
    found = selectors.search_articles(params.q, limit=params.limit, request=request)
    return {
        "results": [_result(hit) for hit in found.hits],
        "query": found.query.text if found.query else "",
        "typed": found.typed,
        "suggestion": found.suggestion,
        "partial": [_result(hit) for hit in found.partial],
    }


class SuggestParams(Schema):
    q: str = Field(
        "",
        max_length=100,
        description="Những gì người đọc đã gõ; từ cuối được hiểu là phần đầu của một từ. Cần ít nhất 2 ký tự.",
    )


class SuggestItem(Schema):
    kind: str = Field(description="“article”: một tiêu đề bài; “tag”: một từ khóa.")
    label: str = Field(description="Tiêu đề bài hoặc tên từ khóa, để hiển thị.")
    url: str = Field(description="Địa chỉ đầy đủ của bài hoặc trang từ khóa.")


class SuggestResponse(Schema):
    q: str
    suggestions: list[SuggestItem]


@router.get(
    "/suggest",
    response=SuggestResponse,
    url_name="search_suggest",
    summary="Gợi ý khi đang gõ: tiêu đề bài và từ khóa",
    description=(
        "Tối đa 6 tiêu đề (chứa mọi từ đã gõ, ưu tiên đúng cụm từ, mới nhất trước; gõ Telex/VNI "
        "khi tắt bộ gõ cũng được) và 3 từ khóa (dùng nhiều nhất trước). Không phân biệt dấu, hoa thường."
    ),
)
def suggest(request: HttpRequest, params: Query[SuggestParams]) -> dict[str, object]:
    found = selectors.suggest(params.q, request=request)
    return {
        "q": params.q,
        "suggestions": [{"kind": item.kind, "label": item.label, "url": public_url(item.url)} for item in found],
    }
