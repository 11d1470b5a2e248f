"""Download of the board's assignments (CSV, XLSX) with the board's filters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.core.tabular import FORMATS
from phoihop.newsroom import access, exports
from phoihop.newsroom.forms import BoardFilterForm


@login_required
def assignments_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    access.require_press(request.user)
    if fmt not in FORMATS:
        raise Http404
    form = BoardFilterForm(request.GET or None)
    return exports.assignments_export(request.user, form.filters(), fmt)
