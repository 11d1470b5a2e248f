"""Coordination programmes in the JSON API (read-only): those the token's owner may see, through
`programs/access.py` (a programme the owner's units are not party to is a 404). Their figures are
`reports/api.py` (GET /programs/{id}/figures)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field, WithJsonSchema

from phoihop.accounts.api import token_auth
from phoihop.core.api import PageParams, json_response, paginate, problem_responses, validated
from phoihop.core.http import MAX_ID
from phoihop.programs.access import get_program_for_user, programs_for_user
from phoihop.programs.models import Program

router = Router(tags=["chương trình"])
ID = Path(..., ge=1, le=MAX_ID, description="Mã số (id) của chương trình.")
# Inline in the OpenAPI document: other models call their choices "Status" too.
ProgramStatus = Annotated[Program.Status, WithJsonSchema({"type": "string", "enum": list(Program.Status.values)})]
READ_ERRORS = problem_responses(401, 404, 422, 429)


class PartyOut(Schema):
    id: int
    name: str


class ThemeOut(Schema):
    id: int
    title: str
    target_count: int | None = Field(description="Chỉ tiêu số tin, bài, nếu có.")
    target_period: str = Field(description="Chỉ tiêu tính theo: month, quarter hoặc year.")


class ProgramOut(Schema):
    id: int
    title: str
    number: str = Field(description="Số, ký hiệu.")
    status: ProgramStatus
    status_label: str
    signed_on: str | None
    starts_on: str
    ends_on: str
    parties: list[PartyOut]
    themes: list[ThemeOut]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 2,
                    "title": "Chương trình phối hợp tuyên truyền giai đoạn 2026-2027",
                    "number": "12/CTPH-BTN-UBND",
                    "status": "active",
                    "status_label": "Đang thực hiện",
                    "signed_on": "2026-01-05",
                    "starts_on": "2026-01-05",
                    "ends_on": "2027-12-31",
                    "parties": [{"id": 1, "name": "Báo Thử Nghiệm"}, {"id": 3, "name": "UBND xã An Khánh"}],
                    "themes": [{"id": 4, "title": "Chuyển đổi số", "target_count": 6, "target_period": "quarter"}],
                }
            ]
        }
    )

    @staticmethod
    def resolve_status_label(obj: Program) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_signed_on(obj: Program) -> str | None:
        return obj.signed_on.isoformat() if obj.signed_on else None

    @staticmethod
    def resolve_starts_on(obj: Program) -> str:
        return obj.starts_on.isoformat()

    @staticmethod
    def resolve_ends_on(obj: Program) -> str:
        return obj.ends_on.isoformat()

    @staticmethod
    def resolve_parties(obj: Program) -> list[dict[str, Any]]:
        return [{"id": party.organization_id, "name": party.organization.name} for party in obj.parties.all()]

    @staticmethod
    def resolve_themes(obj: Program) -> list[dict[str, Any]]:
        return [
            {"id": t.pk, "title": t.title, "target_count": t.target_count, "target_period": t.target_period}
            for t in obj.themes.all()
        ]


class ProgramPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ProgramOut]


class ProgramFilters(PageParams):
    status: ProgramStatus | None = None


def _with_related(qs: Any) -> Any:
    return qs.prefetch_related("parties__organization", "themes")


@router.get(
    "/programs",
    auth=token_auth,
    response={200: ProgramPage, 304: None, **READ_ERRORS},
    url_name="programs",
    summary="Các chương trình phối hợp",
)
def program_list(request: HttpRequest, filters: Query[ProgramFilters]) -> HttpResponse:
    qs = programs_for_user(request.user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    qs = _with_related(qs.order_by("-starts_on", "title", "pk"))
    return json_response(
        request, paginate(request, qs, filters, lambda row: validated(ProgramOut, row).model_dump(mode="json"))
    )


@router.get(
    "/programs/{program_id}",
    auth=token_auth,
    response={200: ProgramOut, 304: None, **READ_ERRORS},
    url_name="program",
    summary="Một chương trình phối hợp",
)
def program_read(request: HttpRequest, program_id: int = ID) -> HttpResponse:
    program = get_program_for_user(request.user, program_id)
    return json_response(request, validated(ProgramOut, _with_related(Program.objects.filter(pk=program.pk)).get()))
