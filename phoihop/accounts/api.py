"""The API's sign-in: `Authorization: Bearer <token>` with a personal token (`tokens.py`), and
GET /api/v1/me — whose token it is and what it may do.

`token_auth` lets any usable token in; `write_auth` also refuses a read token (403). Both count the
request against the token's rate limit (429 with Retry-After) and note its use (`tokens.record_use`).
The request then acts as the token's owner: `request.user` is that user, so every app's `access.py`
answers for them exactly as on the site.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import HttpBearer
from pydantic import Field

from phoihop.accounts import selectors, tokens
from phoihop.accounts.models import ApiToken
from phoihop.core.api import ApiProblem, json_response, problem_responses
from phoihop.core.http import client_ip


class TokenAuth(HttpBearer):
    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.authenticate(token)
        if found is None:
            return None
        wait = tokens.retry_after(found)
        if wait:
            raise ApiProblem(
                429,
                _("Mã truy cập này đã gửi quá %(n)d yêu cầu trong một phút; hãy thử lại sau %(s)d giây.")
                % {"n": tokens.rate_limit(), "s": wait},
                headers={"Retry-After": str(wait)},
            )
        tokens.record_use(found, method=request.method or "", path=request.path, client_ip=client_ip(request))
        if self.write and not found.can_write:
            raise PermissionDenied(_("Mã truy cập này chỉ có quyền đọc; hãy dùng mã có quyền ghi."))
        request.user = found.user
        return found


token_auth = TokenAuth()
write_auth = TokenAuth(write=True)


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)  # noqa: S101 — the router's auth put it there
    return token


router = Router(tags=["tài khoản"])


class MembershipOut(Schema):
    organization_id: int
    organization: str
    role: str
    role_label: str


class MeOut(Schema):
    username: str
    full_name: str
    token_name: str
    scope: str = Field(description="read hoặc write.")
    expires_at: str | None = Field(description="ISO 8601, hoặc null nếu không hết hạn.")
    memberships: list[MembershipOut]

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "username": "daumoixa",
                    "full_name": "Phạm Thu Hà",
                    "token_name": "phần mềm một cửa",
                    "scope": "write",
                    "expires_at": None,
                    "memberships": [
                        {
                            "organization_id": 3,
                            "organization": "UBND xã An Khánh",
                            "role": "liaison",
                            "role_label": "Cán bộ đầu mối",
                        }
                    ],
                }
            ]
        }
    }


@router.get(
    "",
    auth=token_auth,
    response={200: MeOut, 304: None, **problem_responses(401, 429)},
    url_name="me",
    summary="Chủ mã truy cập và quyền của mã",
)
def me(request: HttpRequest) -> HttpResponse:
    token = token_of(request)
    user = token.user
    data: dict[str, Any] = {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "token_name": token.name,
        "scope": token.scope,
        "expires_at": token.expires_at.isoformat() if token.expires_at else None,
        "memberships": [
            {
                "organization_id": m.organization_id,
                "organization": m.organization.name,
                "role": m.role,
                "role_label": str(m.get_role_display()),
            }
            for m in selectors.memberships_for(user)
        ],
    }
    return json_response(request, MeOut.model_validate(data))
