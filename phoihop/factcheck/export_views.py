"""Download of the claims tab (CSV, XLSX) with its status filter; press members only (404 otherwise)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.core.tabular import FORMATS
from phoihop.factcheck import access, exports
from phoihop.factcheck.models import Claim


@login_required
def claims_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    scope = access.require_workspace(request.user)
    if not scope.is_press or fmt not in FORMATS:
        raise Http404
    status = request.GET.get("trang-thai", "")
    return exports.claims_export(status if status in Claim.Status.values else "", fmt)
