"""A programme's figures in the JSON API: every figure of `selectors.FIGURES` (one definition each,
the same numbers as the dashboard and the reports), for one period.

Who reads them is `reports/access.py`: a programme the owner's units are not party to is a 404; a
party member without a leading role gets 403, as on the dashboard.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from phoihop.accounts.api import token_auth
from phoihop.core.api import json_response, problem_responses
from phoihop.core.http import MAX_ID
from phoihop.reports import access, periods
from phoihop.reports.selectors import FIGURES

router = Router(tags=["chương trình"])


class PeriodParams(Schema):
    period: Literal["thang", "quy", "nam", "ca"] = Field(
        "ca", description="thang: một tháng; quy: một quý; nam: một năm; ca: cả chương trình."
    )
    year: int | None = Field(None, ge=1900, le=2200, description="Năm (với thang, quy, nam).")
    number: int | None = Field(None, ge=1, le=12, description="Tháng (1–12) hoặc quý (1–4).")


class PeriodOut(Schema):
    kind: str
    label: str
    starts_on: str
    ends_on: str


class FigureOut(Schema):
    key: str
    label: str
    definition: str = Field(description="Cách tính, như trong báo cáo.")
    value: int


class FiguresOut(Schema):
    program_id: int
    period: PeriodOut
    as_of: str = Field(description="Thời điểm tính (ISO 8601).")
    figures: list[FigureOut]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "program_id": 2,
                    "period": {
                        "kind": "quy",
                        "label": "Quý IV/2026",
                        "starts_on": "2026-10-01",
                        "ends_on": "2026-12-31",
                    },
                    "as_of": "2026-12-07T14:00:00+07:00",
                    "figures": [
                        {
                            "key": "articles",
                            "label": "Tin, bài của chương trình đăng trong kỳ",
                            "definition": "Tin, bài đang hiển thị trên trang…",
                            "value": 14,
                        }
                    ],
                }
            ]
        }
    )


@router.get(
    "/programs/{program_id}/figures",
    auth=token_auth,
    response={200: FiguresOut, 304: None, **problem_responses(401, 403, 404, 422, 429)},
    url_name="program_figures",
    summary="Số liệu của chương trình trong một kỳ",
)
def program_figures(
    request: HttpRequest,
    params: Query[PeriodParams],
    program_id: int = Path(..., ge=1, le=MAX_ID),
) -> HttpResponse:
    program = access.get_program_for_reports(request.user, program_id)
    query = {"ky": params.period, "nam": str(params.year or ""), "so": str(params.number or "")}
    period = periods.parse(
        query, program_starts=program.starts_on, program_ends=program.ends_on, today=timezone.localdate()
    )
    now = timezone.now()
    # The as-of moment is to the minute, so that repeated reads within a minute share an ETag.
    as_of = timezone.localtime(now).replace(second=0, microsecond=0)
    data = {
        "program_id": program.pk,
        "period": {
            "kind": period.kind,
            "label": str(period.label),
            "starts_on": period.starts_on.isoformat(),
            "ends_on": period.ends_on.isoformat(),
        },
        "as_of": as_of.isoformat(),
        "figures": [
            {
                "key": figure.key,
                "label": str(figure.label),
                "definition": str(figure.definition),
                "value": figure.queryset(program, period, now).count(),
            }
            for figure in FIGURES
        ],
    }
    return json_response(request, FiguresOut.model_validate(data))
