"""The exchange in the JSON API: submissions, information requests and their threads.

Every lookup goes through `exchange/access.py` as the token's owner (another unit's item is a 404,
exactly as on the site); every write goes through the service the site uses (`submission_create`,
`info_request_answer`, `message_post`), with its checks, its audit event and its notifications.
Writing needs a write token (`accounts.api.write_auth`).

The status history is read from the audit trail here (the exchange keeps no history table): the
submission's `submission.*` events in order, each with the status it moved to.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field, WithJsonSchema

from phoihop.accounts.access import get_organization_for_user, scope_for
from phoihop.accounts.api import token_auth, write_auth
from phoihop.accounts.models import Organization, User
from phoihop.audit.models import AuditEvent
from phoihop.core.api import (
    ApiProblem,
    PageParams,
    json_response,
    paginate,
    problem_responses,
    validated,
)
from phoihop.core.http import MAX_ID
from phoihop.core.origin import public_url
from phoihop.exchange import access, selectors, services
from phoihop.exchange.models import (
    Attachment,
    InfoRequest,
    Message,
    Priority,
    RefusalGround,
    ResponseForm,
    Submission,
)
from phoihop.programs.access import get_program_for_user

router = Router(tags=["phối hợp"])

ID = Path(..., ge=1, le=MAX_ID, description="Mã số (id).")
# The model's choices, inline in the OpenAPI document: several models call theirs "Status" or "Kind",
# and django-ninja would keep only one component of each name.
SubmissionStatus = Annotated[
    Submission.Status, WithJsonSchema({"type": "string", "enum": list(Submission.Status.values)})
]
SubmissionKind = Annotated[Submission.Kind, WithJsonSchema({"type": "string", "enum": list(Submission.Kind.values)})]
RequestStatus = Annotated[
    InfoRequest.Status, WithJsonSchema({"type": "string", "enum": list(InfoRequest.Status.values)})
]
READ_ERRORS = problem_responses(401, 404, 422, 429)
WRITE_ERRORS = problem_responses(401, 403, 404, 409, 422, 429)


def _iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment is not None else None


class OrganizationRef(Schema):
    id: int
    name: str


class AttachmentOut(Schema):
    id: int
    name: str = Field(description="Tên tệp như người gửi đặt.")
    kind: str = Field(description="pdf, docx, xlsx, image hoặc video (nhận biết theo nội dung tệp).")
    mime_type: str
    size: int = Field(description="Dung lượng, byte.")
    sha256: str
    created_at: str
    url: str = Field(description="Địa chỉ tải tệp trên trang phối hợp (cần đăng nhập).")

    @staticmethod
    def resolve_name(obj: Attachment) -> str:
        return obj.original_name

    @staticmethod
    def resolve_created_at(obj: Attachment) -> str:
        return _iso(obj.created_at) or ""

    @staticmethod
    def resolve_url(obj: Attachment) -> str:
        return public_url(obj.get_absolute_url())


def _org(org: Organization) -> dict[str, Any]:
    return {"id": org.pk, "name": org.name}


SUBMISSION_EXAMPLE: dict[str, Any] = {
    "id": 12,
    "reference": "TT-2026-000012",
    "title": "Thông báo lịch tiếp công dân tháng 12",
    "body": "UBND xã An Khánh thông báo lịch tiếp công dân…",
    "kind": "news",
    "kind_label": "Tin, bài",
    "priority": "normal",
    "priority_label": "Thường",
    "status": "sent",
    "status_label": "Đã gửi",
    "organization": {"id": 3, "name": "UBND xã An Khánh"},
    "original_organization": {"id": 3, "name": "UBND xã An Khánh"},
    "program_id": None,
    "theme_ids": [],
    "embargo_until": None,
    "event_starts_at": None,
    "event_location": "",
    "created_at": "2026-12-07T09:15:00+07:00",
    "status_changed_at": "2026-12-07T09:15:00+07:00",
    "published_url": "",
    "not_used_reason": "",
    "url": "https://baothunghiem.vn/phoi-hop/thong-tin/12/",
}


class SubmissionOut(Schema):
    id: int
    reference: str = Field(description="Số tiếp nhận, ví dụ TT-2026-000012.")
    title: str
    body: str
    kind: SubmissionKind
    kind_label: str
    priority: Priority
    priority_label: str
    status: SubmissionStatus
    status_label: str
    organization: OrganizationRef = Field(description="Đơn vị đang giữ thông tin (đơn vị kế thừa sau sáp nhập).")
    original_organization: OrganizationRef = Field(description="Đơn vị đã gửi.")
    program_id: int | None
    theme_ids: list[int]
    embargo_until: str | None = Field(description="Không đăng trước thời điểm này (ISO 8601).")
    event_starts_at: str | None
    event_location: str
    created_at: str
    status_changed_at: str
    published_url: str
    not_used_reason: str
    url: str = Field(description="Trang của thông tin trên hệ thống phối hợp.")

    model_config = {"json_schema_extra": {"examples": [SUBMISSION_EXAMPLE]}}

    @staticmethod
    def resolve_kind_label(obj: Submission) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_priority_label(obj: Submission) -> str:
        return str(obj.get_priority_display())

    @staticmethod
    def resolve_status_label(obj: Submission) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_organization(obj: Submission) -> dict[str, Any]:
        return _org(obj.organization)

    @staticmethod
    def resolve_original_organization(obj: Submission) -> dict[str, Any]:
        return _org(obj.original_organization)

    @staticmethod
    def resolve_theme_ids(obj: Submission) -> list[int]:
        return sorted(theme.pk for theme in obj.themes.all())

    @staticmethod
    def resolve_embargo_until(obj: Submission) -> str | None:
        return _iso(obj.embargo_until)

    @staticmethod
    def resolve_event_starts_at(obj: Submission) -> str | None:
        return _iso(obj.event_starts_at)

    @staticmethod
    def resolve_created_at(obj: Submission) -> str:
        return _iso(obj.created_at) or ""

    @staticmethod
    def resolve_status_changed_at(obj: Submission) -> str:
        return _iso(obj.status_changed_at) or ""

    @staticmethod
    def resolve_url(obj: Submission) -> str:
        return public_url(obj.get_absolute_url())


class StatusChange(Schema):
    status: SubmissionStatus
    status_label: str
    at: str = Field(description="Thời điểm đổi trạng thái (ISO 8601).")


class SubmissionDetail(SubmissionOut):
    attachments: list[AttachmentOut]
    history: list[StatusChange] = Field(description="Các lần đổi trạng thái, cũ trước mới sau.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    **SUBMISSION_EXAMPLE,
                    "attachments": [
                        {
                            "id": 40,
                            "name": "lich-tiep-cong-dan.pdf",
                            "kind": "pdf",
                            "mime_type": "application/pdf",
                            "size": 48213,
                            "sha256": "9f2c…",
                            "created_at": "2026-12-07T09:15:00+07:00",
                            "url": "https://baothunghiem.vn/phoi-hop/tep/40/",
                        }
                    ],
                    "history": [{"status": "sent", "status_label": "Đã gửi", "at": "2026-12-07T09:15:00+07:00"}],
                }
            ]
        }
    }

    @staticmethod
    def resolve_attachments(obj: Submission) -> list[Attachment]:
        return list(obj.attachments.all())

    @staticmethod
    def resolve_history(obj: Submission) -> list[dict[str, Any]]:
        return submission_history(obj)


def submission_history(submission: Submission) -> list[dict[str, Any]]:
    """The submission's status moves from its audit events: sent when created, then each move."""
    events = (
        AuditEvent.objects.for_object(submission)
        .filter(verb__startswith="submission.")
        .order_by("created_at", "pk")
        .values_list("verb", "data", "created_at")
    )
    history = []
    for verb, data, at in events:
        status = Submission.Status.SENT if verb == "submission.created" else (data or {}).get("status")
        if status not in Submission.Status.values:
            continue
        history.append({"status": status, "status_label": str(Submission.Status(status).label), "at": _iso(at)})
    return history


class SubmissionPage(Schema):
    count: int = Field(description="Tổng số kết quả khớp bộ lọc.")
    next: str | None = Field(description="Địa chỉ trang sau, hoặc null.")
    previous: str | None = Field(description="Địa chỉ trang trước, hoặc null.")
    results: list[SubmissionOut]


class SubmissionFilters(PageParams):
    status: SubmissionStatus | None = Field(None, description="Chỉ thông tin ở trạng thái này.")
    kind: SubmissionKind | None = None
    program: int | None = Field(None, ge=1, le=MAX_ID, description="Mã chương trình phối hợp.")
    organization: int | None = Field(None, ge=1, le=MAX_ID, description="Mã đơn vị gửi.")


class SubmissionIn(Schema):
    title: str = Field(..., min_length=1, max_length=500, description="Tiêu đề.")
    body: str = Field("", max_length=50_000)
    kind: SubmissionKind = Submission.Kind.NEWS
    priority: Priority = Priority.NORMAL
    organization: int | None = Field(
        None, ge=1, le=MAX_ID, description="Mã đơn vị gửi; bỏ trống khi người dùng chỉ thay mặt một đơn vị."
    )
    program: int | None = Field(None, ge=1, le=MAX_ID, description="Mã chương trình phối hợp.")
    themes: list[int] = Field(default_factory=list, description="Mã các nội dung tuyên truyền của chương trình.")
    embargo_until: dt.datetime | None = Field(None, description="Báo không đăng trước thời điểm này.")
    event_starts_at: dt.datetime | None = None
    event_location: str = Field("", max_length=300)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def _sending_unit(user: User, wanted: int | None) -> Organization:
    """The unit a submission is sent for: the one asked for (404 if not visible), else the one unit
    the user is a member of and acts for (422 when there are several, or none)."""
    if wanted is not None:
        return get_organization_for_user(user, wanted)
    scope = scope_for(user)
    writable = sorted(org for org in scope.member_of if scope.can_write(org))
    if len(writable) != 1:
        raise ApiProblem(422, _("Hãy chọn đơn vị gửi (trường organization)."))
    return Organization.objects.get(pk=writable[0])


def _load_submission(pk: int, user: Any) -> Submission:
    submission = access.get_submission_for_user(user, pk)
    return (
        Submission.objects.select_related("organization", "original_organization")
        .prefetch_related("themes", "attachments")
        .get(pk=submission.pk)
    )


@router.get(
    "/submissions",
    auth=token_auth,
    response={200: SubmissionPage, 304: None, **READ_ERRORS},
    url_name="submissions",
    summary="Danh sách thông tin cung cấp",
)
def submission_list(request: HttpRequest, filters: Query[SubmissionFilters]) -> HttpResponse:
    """Those the token's owner may see: their units' (and sub-units') for a partner, all for the press.
    Open items first, then by urgency, newest first."""
    found = selectors.submission_inbox(
        request.user,
        {"status": filters.status, "kind": filters.kind, "program": filters.program, "unit": filters.organization},
    ).prefetch_related("themes")
    page = paginate(request, found, filters, lambda row: validated(SubmissionOut, row).model_dump(mode="json"))
    return json_response(request, page)


@router.post(
    "/submissions",
    auth=write_auth,
    response={201: SubmissionDetail, **WRITE_ERRORS},
    url_name="submission_create",
    summary="Gửi thông tin (kèm tệp)",
)
def submission_create(
    request: HttpRequest,
    payload: Form[SubmissionIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    """multipart/form-data: the fields and any number of `files` (PDF, DOCX, XLSX, images, MP4; the
    type is read from the content). Everything is saved together or not at all."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 — set by the token auth
    access.require_send_submission(user)
    organization = _sending_unit(user, payload.organization)
    program = get_program_for_user(user, payload.program) if payload.program else None
    themes = list(program.themes.filter(pk__in=payload.themes)) if program is not None else []
    if program is not None and len(themes) != len(set(payload.themes)):
        raise ApiProblem(422, _("Nội dung tuyên truyền không thuộc chương trình đã chọn."))
    if program is None and payload.themes:
        raise ApiProblem(422, _("Chọn chương trình phối hợp trước khi chọn nội dung tuyên truyền."))
    submission = services.submission_create(
        actor=user,
        organization=organization,
        title=payload.title,
        body=payload.body,
        kind=payload.kind,
        priority=payload.priority,
        program=program,
        themes=themes,
        embargo_until=_aware(payload.embargo_until),
        event_starts_at=_aware(payload.event_starts_at),
        event_location=payload.event_location,
        files=files or [],
    )
    location = request.build_absolute_uri(reverse("api-v1:submission", args=[submission.pk]))
    body = validated(SubmissionDetail, _load_submission(submission.pk, user))
    return json_response(request, body, status=201, etag=False, headers={"Location": location})


@router.get(
    "/submissions/{submission_id}",
    auth=token_auth,
    response={200: SubmissionDetail, 304: None, **READ_ERRORS},
    url_name="submission",
    summary="Một thông tin, với tệp và lịch sử trạng thái",
)
def submission_read(request: HttpRequest, submission_id: int = ID) -> HttpResponse:
    return json_response(request, validated(SubmissionDetail, _load_submission(submission_id, request.user)))


# --- information requests ---------------------------------------------------------------------------

REQUEST_EXAMPLE: dict[str, Any] = {
    "id": 5,
    "reference": "ĐN-2026-00005",
    "subject": "Số hộ được hỗ trợ sửa nhà sau bão",
    "questions": "Đề nghị cho biết số hộ…",
    "status": "sent",
    "status_label": "Chờ trả lời",
    "organization": {"id": 3, "name": "UBND xã An Khánh"},
    "program_id": None,
    "sent_at": "2026-12-01T08:00:00+07:00",
    "due_at": "2026-12-04T08:00:00+07:00",
    "is_overdue": False,
    "policy": "Trả lời báo chí",
    "legal_basis": "",
    "response_form": None,
    "answer": "",
    "answered_at": None,
    "refusal_ground": None,
    "url": "https://baothunghiem.vn/phoi-hop/de-nghi/5/",
}


class InfoRequestOut(Schema):
    id: int
    reference: str
    subject: str
    questions: str
    status: RequestStatus
    status_label: str
    organization: OrganizationRef = Field(description="Đơn vị được đề nghị.")
    program_id: int | None
    sent_at: str
    due_at: str = Field(description="Hạn trả lời (ISO 8601).")
    is_overdue: bool
    policy: str = Field(description="Thời hạn áp dụng.")
    legal_basis: str = Field(description="Căn cứ của thời hạn, như khi đề nghị được gửi.")
    response_form: str | None
    answer: str
    answered_at: str | None
    refusal_ground: str | None
    url: str

    model_config = {"json_schema_extra": {"examples": [REQUEST_EXAMPLE]}}

    @staticmethod
    def resolve_status_label(obj: InfoRequest) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_organization(obj: InfoRequest) -> dict[str, Any]:
        return _org(obj.organization)

    @staticmethod
    def resolve_sent_at(obj: InfoRequest) -> str:
        return _iso(obj.sent_at) or ""

    @staticmethod
    def resolve_due_at(obj: InfoRequest) -> str:
        return _iso(obj.due_at) or ""

    @staticmethod
    def resolve_policy(obj: InfoRequest) -> str:
        return obj.policy.name

    @staticmethod
    def resolve_legal_basis(obj: InfoRequest) -> str:
        return obj.policy_version.legal_basis

    @staticmethod
    def resolve_response_form(obj: InfoRequest) -> str | None:
        return obj.response_form.name if obj.response_form is not None else None

    @staticmethod
    def resolve_refusal_ground(obj: InfoRequest) -> str | None:
        return obj.refusal_ground.name if obj.refusal_ground is not None else None

    @staticmethod
    def resolve_answered_at(obj: InfoRequest) -> str | None:
        return _iso(obj.answered_at)

    @staticmethod
    def resolve_url(obj: InfoRequest) -> str:
        return public_url(obj.get_absolute_url())


class InfoRequestDetail(InfoRequestOut):
    attachments: list[AttachmentOut] = Field(description="Tệp của đề nghị và của câu trả lời.")

    model_config = {"json_schema_extra": {"examples": [{**REQUEST_EXAMPLE, "attachments": []}]}}

    @staticmethod
    def resolve_attachments(obj: InfoRequest) -> list[Attachment]:
        return list(obj.attachments.all())


class InfoRequestPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[InfoRequestOut]


class InfoRequestFilters(PageParams):
    status: RequestStatus | None = None
    program: int | None = Field(None, ge=1, le=MAX_ID)
    organization: int | None = Field(None, ge=1, le=MAX_ID, description="Mã đơn vị được đề nghị.")
    due: Literal["overdue", "soon"] | None = Field(
        None, description="overdue: quá hạn; soon: đến hạn trong 48 giờ tới (chỉ đề nghị chờ trả lời)."
    )


REQUEST_RELATED = ("organization", "policy", "policy_version", "response_form", "refusal_ground")


def _load_request(pk: int, user: Any) -> InfoRequest:
    request = access.get_info_request_for_user(user, pk)
    return InfoRequest.objects.select_related(*REQUEST_RELATED).prefetch_related("attachments").get(pk=request.pk)


@router.get(
    "/requests",
    auth=token_auth,
    response={200: InfoRequestPage, 304: None, **READ_ERRORS},
    url_name="requests",
    summary="Danh sách đề nghị cung cấp thông tin",
)
def info_request_list(request: HttpRequest, filters: Query[InfoRequestFilters]) -> HttpResponse:
    """Overdue first, then open ones by due time, then answered ones, newest first."""
    found = selectors.info_request_inbox(
        request.user,
        {"status": filters.status, "program": filters.program, "unit": filters.organization, "due": filters.due},
    ).select_related(*REQUEST_RELATED)
    page = paginate(request, found, filters, lambda row: validated(InfoRequestOut, row).model_dump(mode="json"))
    return json_response(request, page)


@router.get(
    "/requests/{request_id}",
    auth=token_auth,
    response={200: InfoRequestDetail, 304: None, **READ_ERRORS},
    url_name="request",
    summary="Một đề nghị cung cấp thông tin",
)
def info_request_read(request: HttpRequest, request_id: int = ID) -> HttpResponse:
    return json_response(request, validated(InfoRequestDetail, _load_request(request_id, request.user)))


class AnswerIn(Schema):
    outcome: Literal["answered", "partial", "refused"] = Field(
        description="answered: trả lời; partial: trả lời một phần; refused: từ chối (cần refusal_ground)."
    )
    answer: str = Field("", max_length=50_000)
    refusal_ground: int | None = Field(None, ge=1, le=MAX_ID, description="Mã căn cứ từ chối (khi refused).")
    response_form: int | None = Field(None, ge=1, le=MAX_ID, description="Mã hình thức trả lời.")


@router.post(
    "/requests/{request_id}/answer",
    auth=write_auth,
    response={200: InfoRequestDetail, **WRITE_ERRORS},
    url_name="request_answer",
    summary="Trả lời đề nghị (kèm tệp)",
)
def info_request_answer(
    request: HttpRequest,
    payload: Form[AnswerIn],
    request_id: int = ID,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    """multipart/form-data. A request already answered or closed is a 409."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 — set by the token auth
    item = access.get_info_request_for_user(user, request_id)
    if not item.is_open:
        raise ApiProblem(409, _("Đề nghị này đã được trả lời hoặc đã đóng."))
    access.require_answer(user, item)
    ground = _reference_item(RefusalGround, payload.refusal_ground, _("Căn cứ từ chối không có trong danh mục."))
    form = _reference_item(ResponseForm, payload.response_form, _("Hình thức trả lời không có trong danh mục."))
    services.info_request_answer(
        actor=user,
        request=item,
        outcome=payload.outcome,
        answer=payload.answer,
        refusal_ground=ground,
        response_form=form,
        files=files or [],
    )
    return json_response(request, validated(InfoRequestDetail, _load_request(item.pk, user)), etag=False)


def _reference_item(model: Any, pk: int | None, missing: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk, is_active=True).first()
    if found is None:
        raise ApiProblem(422, missing)
    return found


# --- threads ------------------------------------------------------------------------------------------


class MessageOut(Schema):
    id: int
    author: str = Field(description="Tên người viết.")
    body: str
    created_at: str
    attachments: list[AttachmentOut]

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": 7,
                    "author": "Phạm Thu Hà",
                    "body": "Xin gửi bổ sung ảnh hiện trường.",
                    "created_at": "2026-12-07T10:02:00+07:00",
                    "attachments": [],
                }
            ]
        }
    }

    @staticmethod
    def resolve_author(obj: Message) -> str:
        return str(obj.author)

    @staticmethod
    def resolve_created_at(obj: Message) -> str:
        return _iso(obj.created_at) or ""

    @staticmethod
    def resolve_attachments(obj: Message) -> list[Attachment]:
        return list(obj.attachments.all())


class MessagePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[MessageOut]


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=20_000, description="Nội dung; @tên-đăng-nhập để nhắc tên.")


ThreadKind = Literal["submissions", "requests"]


def _thread_item(kind: str, pk: int, user: Any) -> Submission | InfoRequest:
    if kind == "submissions":
        return access.get_submission_for_user(user, pk)
    return access.get_info_request_for_user(user, pk)


@router.get(
    "/{kind}/{item_id}/messages",
    auth=token_auth,
    response={200: MessagePage, 304: None, **READ_ERRORS},
    url_name="messages",
    summary="Trao đổi về một thông tin hoặc đề nghị",
)
def message_list(request: HttpRequest, kind: ThreadKind, filters: Query[PageParams], item_id: int = ID) -> HttpResponse:
    """Oldest first. `kind` is submissions or requests."""
    item = _thread_item(kind, item_id, request.user)
    page = paginate(
        request, selectors.thread(item), filters, lambda row: validated(MessageOut, row).model_dump(mode="json")
    )
    return json_response(request, page)


@router.post(
    "/{kind}/{item_id}/messages",
    auth=write_auth,
    response={201: MessageOut, **WRITE_ERRORS},
    url_name="message_post",
    summary="Gửi tin nhắn (kèm tệp)",
)
def message_post(
    request: HttpRequest,
    kind: ThreadKind,
    payload: Form[MessageIn],
    item_id: int = ID,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    """multipart/form-data. The other side is told, as on the site."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 — set by the token auth
    item = _thread_item(kind, item_id, user)
    access.require_post(user, item)
    message = services.message_post(actor=user, item=item, body=payload.body, files=files or [])
    message = Message.objects.select_related("author").prefetch_related("attachments").get(pk=message.pk)
    return json_response(request, validated(MessageOut, message), status=201, etag=False)
