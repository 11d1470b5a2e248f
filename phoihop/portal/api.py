"""Published articles in the JSON API, for anyone (no token): a compact form, and IPTC ninjs 3.0
for news aggregators and partners' portals.

Only live articles are served (`ArticlePage.objects.live()`): a draft, an article taken down or one
scheduled for later is a 404, as on the site. The ninjs items are valid against IPTC's published
schema, vendored with its licence in `vendor/ninjs/` (the tests check every item against it).
Press conferences are ninjs event items in `exchange/ninjs.py` (with a token: they are not public).
"""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field
from typing_extensions import TypedDict

from phoihop.core.api import PageParams, json_response, paginate, problem_responses, validated
from phoihop.core.http import MAX_ID
from phoihop.core.origin import public_url
from phoihop.portal.models import ArticlePage, CategoryPage

router = Router(tags=["tin, bài"])

NINJS_SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json#"
ID = Path(..., ge=1, le=MAX_ID, description="Mã số (id) của tin, bài.")
READ_ERRORS = problem_responses(404, 422)
_RELATIVE_LINK = re.compile(r'(\s(?:src|href)=")/(?!/)')
_MARKUP = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


class ArticleFilters(PageParams):
    program: int | None = Field(None, ge=1, le=MAX_ID, description="Chỉ tin, bài của chương trình phối hợp này.")
    category: str | None = Field(None, max_length=100, description="Đường dẫn (slug) của chuyên mục.")


def _articles(filters: ArticleFilters) -> Any:
    qs = (
        ArticlePage.objects.live()
        .public()
        .select_related("lead_image")
        .prefetch_related("authors", "tags")
        .order_by("-first_published_at", "-pk")
    )
    if filters.program is not None:
        qs = qs.filter(program_id=filters.program)
    if filters.category:
        category = CategoryPage.objects.live().filter(slug=filters.category).first()
        qs = qs.child_of(category) if category is not None else qs.none()
    return qs


def _article(pk: int) -> ArticlePage:
    article = (
        ArticlePage.objects.live().public().select_related("lead_image").prefetch_related("authors", "tags")
    ).filter(pk=pk)
    found = article.first()
    if found is None:
        raise Http404
    return found


def _iso(moment: Any) -> str | None:
    return timezone.localtime(moment).isoformat() if moment is not None else None


def _url(article: ArticlePage) -> str:
    return public_url(article.get_url() or article.url_path)


def _category(article: ArticlePage) -> Any:
    parent = article.get_parent()
    return parent.specific if parent is not None else None


def body_html(article: ArticlePage) -> str:
    """The article's body as the site renders it, with the site's own links made absolute."""
    html = str(article.body.render_as_block()) if article.body else ""
    return _RELATIVE_LINK.sub(lambda match: match.group(1) + public_url("/").rstrip("/") + "/", html)


# --- the compact form ----------------------------------------------------------------------------------


class ArticleOut(Schema):
    id: int
    title: str
    sapo: str = Field(description="Đoạn dẫn.")
    url: str
    category: str | None
    byline: str
    tags: list[str]
    program_id: int | None
    first_published_at: str | None
    last_published_at: str | None
    ninjs: str = Field(description="Địa chỉ bản ninjs 3.0 của tin, bài.")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 41,
                    "title": "Hà Nội đẩy mạnh chuyển đổi số trong cải cách hành chính",
                    "sapo": "Thành phố đặt mục tiêu hoàn thành sớm các chỉ tiêu năm.",
                    "url": "https://baothunghiem.vn/chi-dao-dieu-hanh/ha-noi-day-manh-chuyen-doi-so/",
                    "category": "Chỉ đạo - Điều hành",
                    "byline": "Minh Anh",
                    "tags": ["chuyển đổi số"],
                    "program_id": 2,
                    "first_published_at": "2026-11-21T19:41:00+07:00",
                    "last_published_at": "2026-11-21T19:41:00+07:00",
                    "ninjs": "https://baothunghiem.vn/api/v1/ninjs/articles/41",
                }
            ]
        }
    )

    @staticmethod
    def resolve_url(obj: ArticlePage) -> str:
        return _url(obj)

    @staticmethod
    def resolve_category(obj: ArticlePage) -> str | None:
        category = _category(obj)
        return category.title if category is not None else None

    @staticmethod
    def resolve_tags(obj: ArticlePage) -> list[str]:
        return sorted(tag.name for tag in obj.tags.all())

    @staticmethod
    def resolve_first_published_at(obj: ArticlePage) -> str | None:
        return _iso(obj.first_published_at)

    @staticmethod
    def resolve_last_published_at(obj: ArticlePage) -> str | None:
        return _iso(obj.last_published_at)

    @staticmethod
    def resolve_ninjs(obj: ArticlePage) -> str:
        return public_url(f"/api/v1/ninjs/articles/{obj.pk}")


class ArticleDetail(ArticleOut):
    body_html: str = Field(description="Nội dung HTML như trên trang.")

    @staticmethod
    def resolve_body_html(obj: ArticlePage) -> str:
        return body_html(obj)


class ArticleListPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ArticleOut]


@router.get(
    "/articles",
    response={200: ArticleListPage, 304: None, **READ_ERRORS},
    url_name="articles",
    summary="Tin, bài đã đăng (mới nhất trước)",
)
def article_list(request: HttpRequest, filters: Query[ArticleFilters]) -> HttpResponse:
    page = paginate(
        request, _articles(filters), filters, lambda row: validated(ArticleOut, row).model_dump(mode="json")
    )
    return json_response(request, page)


@router.get(
    "/articles/{article_id}",
    response={200: ArticleDetail, 304: None, **READ_ERRORS},
    url_name="article",
    summary="Một tin, bài đã đăng",
)
def article_read(request: HttpRequest, article_id: int = ID) -> HttpResponse:
    return json_response(request, validated(ArticleDetail, _article(article_id)))


# --- ninjs 3.0 -----------------------------------------------------------------------------------------


class NinjsText(Schema):
    model_config = ConfigDict(extra="forbid")
    role: str | None = None
    contentType: str | None = None
    value: str


class NinjsBody(NinjsText):
    charCount: int | None = None
    wordCount: int | None = None


class NinjsSubject(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str
    rel: str | None = None
    literal: str | None = None


class NinjsRendition(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str
    href: str
    contentType: str | None = None
    title: str | None = None
    width: int | None = None
    height: int | None = None


class NinjsAltId(Schema):
    model_config = ConfigDict(extra="forbid")
    role: str
    value: str


class NinjsStandard(TypedDict):
    # A TypedDict, since a model's field cannot be called "schema".
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    name: str
    version: str
    schema: str


class NinjsItem(Schema):
    """A text news item in IPTC ninjs 3.0 (the properties this site fills)."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "uri": "https://baothunghiem.vn/chi-dao-dieu-hanh/ha-noi-day-manh-chuyen-doi-so/",
                    "standard": {"name": "ninjs", "version": "3.0", "schema": NINJS_SCHEMA_URI},
                    "type": "text",
                    "representationType": "full",
                    "profile": "phoihop-article",
                    "version": "17",
                    "firstCreated": "2026-11-21T19:41:00+07:00",
                    "versionCreated": "2026-11-21T19:41:00+07:00",
                    "pubStatus": "usable",
                    "language": "vi",
                    "headlines": [{"role": "main", "value": "Hà Nội đẩy mạnh chuyển đổi số"}],
                    "descriptions": [{"role": "summary", "contentType": "text/plain", "value": "Thành phố…"}],
                    "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>…</p>", "wordCount": 512}],
                    "by": "Minh Anh",
                    "subjects": [{"name": "Chỉ đạo - Điều hành", "rel": "category", "literal": "chi-dao-dieu-hanh"}],
                    "altIds": [{"role": "phoihop-id", "value": "41"}],
                }
            ]
        },
    )

    uri: str
    standard: NinjsStandard
    type: str = "text"
    representationType: str = "full"
    profile: str
    version: str
    firstCreated: str | None = None
    versionCreated: str | None = None
    pubStatus: str = "usable"
    language: str = "vi"
    headlines: list[NinjsText]
    descriptions: list[NinjsText]
    bodies: list[NinjsBody]
    by: str | None = None
    subjects: list[NinjsSubject]
    renditions: list[NinjsRendition] | None = None
    altIds: list[NinjsAltId]


def _lead_rendition(article: ArticlePage) -> list[dict[str, Any]] | None:
    image = article.lead_image
    if image is None:
        return None
    rendition = image.get_rendition("max-1200x1200")
    return [
        {
            "name": "lead",
            "href": public_url(rendition.url),
            "contentType": {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
                rendition.file.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")
            ),
            "title": article.lead_image_alt or image.title,
            "width": rendition.width,
            "height": rendition.height,
        }
    ]


def ninjs_item(article: ArticlePage) -> dict[str, Any]:
    """One live article as a ninjs 3.0 text item (a plain dict, with no empty optional property)."""
    html = body_html(article)
    category = _category(article)
    subjects = [{"name": category.title, "rel": "category", "literal": category.slug}] if category else []
    subjects += [{"name": tag.name, "rel": "keyword", "literal": tag.slug} for tag in article.tags.all()]
    item: dict[str, Any] = {
        "uri": _url(article),
        "standard": {"name": "ninjs", "version": "3.0", "schema": NINJS_SCHEMA_URI},
        "type": "text",
        "representationType": "full",
        "profile": "phoihop-article",
        "version": str(article.live_revision_id or article.latest_revision_id or 1),
        "firstCreated": _iso(article.first_published_at),
        "versionCreated": _iso(article.last_published_at),
        "pubStatus": "usable",
        "language": "vi",
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [{"role": "summary", "contentType": "text/plain", "value": article.sapo}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": html,
                "charCount": len(_MARKUP.sub("", html)),
                "wordCount": len(_WORD.findall(_MARKUP.sub(" ", html))),
            }
        ],
        "by": article.byline or None,
        "subjects": subjects,
        "renditions": _lead_rendition(article),
        "altIds": [{"role": "phoihop-id", "value": str(article.pk)}],
    }
    return {key: value for key, value in item.items() if value is not None}


class NinjsPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[NinjsItem]


@router.get(
    "/ninjs/articles",
    response={200: NinjsPage, 304: None, **READ_ERRORS},
    url_name="ninjs_articles",
    summary="Tin, bài đã đăng theo chuẩn IPTC ninjs 3.0",
)
def ninjs_list(request: HttpRequest, filters: Query[ArticleFilters]) -> HttpResponse:
    return json_response(request, paginate(request, _articles(filters), filters, ninjs_item))


@router.get(
    "/ninjs/articles/{article_id}",
    response={200: NinjsItem, 304: None, **READ_ERRORS},
    url_name="ninjs_article",
    summary="Một tin, bài theo chuẩn IPTC ninjs 3.0",
)
def ninjs_read(request: HttpRequest, article_id: int = ID) -> HttpResponse:
    return json_response(request, ninjs_item(_article(article_id)))
