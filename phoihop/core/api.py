"""What every router of the JSON API shares: errors as problem details (RFC 9457), pages of results
with their links, and `ETag`/`If-None-Match` on reads.

Errors: a router raises what a view would (`Http404`, `PermissionDenied`, Django's `ValidationError`
from a service) or `ApiProblem` for the other statuses; `install_problem_handlers` turns each into
`application/problem+json` with a Vietnamese `title` and `detail`. A 404 says nothing about whether
the object exists in another unit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel, Field

PROBLEM_TYPE = "urn:phoihop:problem:"
PROBLEM_CONTENT_TYPE = "application/problem+json"
MAX_LIMIT = 100
# No list of ours is this long; a larger offset is refused before any query.
MAX_OFFSET = 1_000_000

# status → (slug of the problem type, title)
PROBLEMS: dict[int, tuple[str, Any]] = {
    400: ("bad-request", gettext_lazy("Yêu cầu không hợp lệ")),
    401: ("unauthorized", gettext_lazy("Chưa xác thực")),
    403: ("forbidden", gettext_lazy("Không có quyền")),
    404: ("not-found", gettext_lazy("Không tìm thấy")),
    409: ("conflict", gettext_lazy("Xung đột trạng thái")),
    422: ("invalid", gettext_lazy("Dữ liệu không hợp lệ")),
    429: ("too-many-requests", gettext_lazy("Quá nhiều yêu cầu")),
}


class ProblemError(Schema):
    loc: list[str | int] = Field(default_factory=list, description="Vị trí của trường lỗi.")
    msg: str


class Problem(Schema):
    """An error (RFC 9457 problem details), with a Vietnamese title and detail."""

    type: str = Field(description="URI của loại lỗi, dạng urn:phoihop:problem:<mã>.")
    title: str
    status: int
    detail: str
    errors: list[ProblemError] | None = Field(None, description="Các trường không hợp lệ (chỉ với mã 422).")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "type": "urn:phoihop:problem:not-found",
                    "title": "Không tìm thấy",
                    "status": 404,
                    "detail": "Không tìm thấy đối tượng này, hoặc bạn không có quyền xem.",
                }
            ]
        }
    }


class ApiProblem(Exception):
    """Answer with problem details of `status`; `headers` are added to the response."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem_response(
    status: int, detail: str, *, errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None
) -> HttpResponse:
    slug, title = PROBLEMS.get(status, ("error", _("Lỗi")))
    body: dict[str, Any] = {"type": PROBLEM_TYPE + slug, "title": str(title), "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8"
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _messages(error: DjangoValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def install_problem_handlers(api: NinjaAPI) -> None:
    """Every error the API answers, as problem details."""

    @api.exception_handler(ApiProblem)
    def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(exc.status, exc.detail, headers=exc.headers)

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, _("Không tìm thấy đối tượng này, hoặc bạn không có quyền xem."))

    @api.exception_handler(PermissionDenied)
    def on_403(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem_response(403, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))

    @api.exception_handler(AuthenticationError)
    def on_401(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            401,
            _("Cần mã truy cập hợp lệ trong tiêu đề Authorization: Bearer <mã>; mã có thể đã hết hạn hoặc bị thu hồi."),
            headers={"WWW-Authenticate": 'Bearer realm="phoihop"'},
        )

    @api.exception_handler(NinjaValidationError)
    def on_422(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        return problem_response(422, _("Dữ liệu gửi lên không hợp lệ; xem danh sách lỗi."), errors=errors)

    @api.exception_handler(DjangoValidationError)
    def on_service_refusal(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        messages = _messages(exc)
        return problem_response(
            422, " ".join(messages) or _("Dữ liệu không hợp lệ."), errors=[{"loc": [], "msg": m} for m in messages]
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        detail = _("Yêu cầu không hợp lệ.") if status == 400 else str(exc.message)
        return problem_response(status, detail)


def problem_responses(*statuses: int) -> dict[int, type[Problem]]:
    """The `response=` entries of the error statuses an operation may answer."""
    return dict.fromkeys(statuses, Problem)


# --- pages ----------------------------------------------------------------------------------------


class PageParams(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Số mục mỗi trang (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu mục đầu.")


def page_links(request: HttpRequest, *, count: int, limit: int, offset: int) -> tuple[str | None, str | None]:
    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")

    following = link(offset + limit) if offset + limit < count else None
    previous = link(max(0, offset - limit)) if offset > 0 else None
    return following, previous


def paginate(
    request: HttpRequest, items: Any, page: PageParams, convert: Callable[[Any], Any] = lambda item: item
) -> dict[str, Any]:
    """One page of a queryset (or list): `count` (all matches), `next`/`previous` (absolute links or
    null) and `results`."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    rows = items[page.offset : page.offset + page.limit]
    following, previous = page_links(request, count=count, limit=page.limit, offset=page.offset)
    return {"count": count, "next": following, "previous": previous, "results": [convert(row) for row in rows]}


# --- ETag -----------------------------------------------------------------------------------------


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    wanted = {part.strip().removeprefix("W/") for part in header.split(",")}
    return etag in wanted


def json_response(
    request: HttpRequest,
    data: BaseModel | dict[str, Any] | Sequence[Any],
    *,
    status: int = 200,
    etag: bool = True,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """The data as JSON with a strong ETag of its bytes; a GET whose If-None-Match holds it gets 304."""
    if isinstance(data, BaseModel):
        body = data.model_dump_json().encode()
    else:
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag and request.method in {"GET", "HEAD"} and _matches(request.headers.get("If-None-Match", ""), tag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    if etag:
        response["ETag"] = tag
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def validated(schema: type[BaseModel], obj: Any) -> BaseModel:
    """`obj` read through `schema` (attributes and the schema's resolvers), as the response will show it."""
    if isinstance(obj, dict):
        return schema.model_validate(obj)
    return schema.model_validate(obj, from_attributes=True)


def many(schema: type[BaseModel], objects: Iterable[Any]) -> list[dict[str, Any]]:
    return [validated(schema, obj).model_dump(mode="json") for obj in objects]


# --- the OpenAPI document ---------------------------------------------------------------------------

PROBLEM_EXAMPLES: dict[int, str] = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần mã truy cập hợp lệ trong tiêu đề Authorization: Bearer <mã>.",
    403: "Mã truy cập này chỉ có quyền đọc; hãy dùng mã có quyền ghi.",
    404: "Không tìm thấy đối tượng này, hoặc bạn không có quyền xem.",
    409: "Đề nghị này đã được trả lời hoặc đã đóng.",
    422: "Dữ liệu gửi lên không hợp lệ; xem danh sách lỗi.",
    429: "Mã truy cập này đã gửi quá 120 yêu cầu trong một phút; hãy thử lại sau 30 giây.",
}
IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "ETag của lần đọc trước; trùng thì trả 304, không kèm nội dung.",
}
ETAG_HEADER = {"ETag": {"description": "Dấu phiên bản của nội dung.", "schema": {"type": "string"}}}


class PhoihopAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says what the handlers really send: problem details as
    `application/problem+json` (with an example per status), `ETag` on reads, `If-None-Match` and
    304 on every GET, `Retry-After` on 429."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                _document_operation(method, operation)
        return schema


def _document_operation(method: str, operation: dict[str, Any]) -> None:
    responses = operation.get("responses", {})
    for code, response in responses.items():
        content = response.get("content", {})
        json_body = content.get("application/json", {})
        if json_body.get("schema", {}).get("$ref", "").endswith("/Problem"):
            status = int(code)
            slug, title = PROBLEMS.get(status, ("error", "Lỗi"))
            example = {"type": PROBLEM_TYPE + slug, "title": str(title), "status": status}
            example["detail"] = PROBLEM_EXAMPLES.get(status, "")
            response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": json_body["schema"], "example": example}}
            response["description"] = str(title)
            if status == 429:
                response["headers"] = {
                    "Retry-After": {"description": "Số giây cần chờ.", "schema": {"type": "integer", "minimum": 1}}
                }
            if status == 401:
                response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    if method == "get" and "304" in responses:
        responses["304"] = {"description": "Không đổi: If-None-Match khớp ETag hiện tại.", "headers": ETAG_HEADER}
        operation.setdefault("parameters", []).append(IF_NONE_MATCH)
        for code in ("200",):
            if code in responses:
                responses[code]["headers"] = ETAG_HEADER
