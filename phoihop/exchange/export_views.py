"""Downloads of the workspace inbox (CSV, XLSX) with the inbox's own filters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.core.tabular import FORMATS
from phoihop.exchange import exports
from phoihop.exchange.forms import InboxFilterForm


@login_required
def inbox_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The rows the inbox shows for this query string (the selector scopes them to the user)."""
    if fmt not in FORMATS:
        raise Http404
    tab = "de-nghi" if request.GET.get("muc") == "de-nghi" else "thong-tin"
    form = InboxFilterForm(request.GET or None, user=request.user, tab=tab)
    filters = form.cleaned_data if form.is_valid() else {}
    return exports.inbox_export(request.user, tab, filters, fmt)
