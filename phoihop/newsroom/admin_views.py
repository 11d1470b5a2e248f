"""Views inside Wagtail's admin (registered by `wagtail_hooks.register_admin_urls`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages
from wagtail.models import TaskState

from phoihop.newsroom import services


def decision_done(request: HttpRequest, task_state_id: int) -> HttpResponse:
    """Where Wagtail's workflow buttons outside the editor (the dashboard's "awaiting your review",
    the listing) send the person who just decided a step: say in Vietnamese which step they decided
    and what comes next, then go back to the page they clicked on. Only for the step's own decider
    (404 otherwise)."""
    state = (
        TaskState.objects.filter(
            pk=task_state_id,
            finished_by=request.user.pk,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .select_related("task", "finished_by", "revision")
        .first()
    )
    if state is None:
        raise Http404
    messages.success(request, services.decision_text(state, for_actor=True))
    back = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return redirect(back or "wagtailadmin_home")
