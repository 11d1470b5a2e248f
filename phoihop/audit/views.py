from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from phoihop.audit import history
from phoihop.audit.models import AuditEvent


@login_required
def object_history(request: HttpRequest, app_label: str, model: str, pk: str) -> HttpResponse:
    getter = history.getter_for(f"{app_label}.{model}")
    if getter is None:
        raise Http404
    obj = getter(request.user, pk)
    events = AuditEvent.objects.for_object(obj).select_related("organization")[:500]
    return render(request, "audit/history.html", {"object": obj, "events": events})
