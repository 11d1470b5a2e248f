"""Programme pages in the workspace: what was signed, and what is happening under it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.audit.models import AuditEvent
from phoihop.exchange.access import info_requests_for_user, submissions_for_user
from phoihop.exchange.models import InfoRequest
from phoihop.programs import access, selectors, services
from phoihop.programs.models import Program


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = access.programs_for_user(request.user).prefetch_related("parties__organization")
    return render(request, "programs/program_list.html", {"programs": programs})


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = selectors.program_detail(access.get_program_for_user(request.user, pk).pk)
    submissions = submissions_for_user(request.user).filter(program=program)
    by_status = dict(submissions.values_list("status").annotate(n=Count("pk")).order_by())
    requests = info_requests_for_user(request.user).filter(program=program)
    now = timezone.now()
    request_counts = requests.aggregate(
        open=Count("pk", filter=Q(status=InfoRequest.Status.SENT, due_at__gte=now)),
        overdue=Count("pk", filter=Q(status=InfoRequest.Status.SENT, due_at__lt=now)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
    )
    party_ids = {party.organization_id for party in program.parties.all()}
    scope = scope_for(request.user)
    context = {
        "program": program,
        "submission_counts": by_status,
        "recent_submissions": submissions.select_related("original_organization")[:10],
        "request_counts": request_counts,
        "recent_requests": requests.select_related("organization")[:10],
        "spokespersons": selectors.spokespersons_directory(frozenset(party_ids)),
        "can_manage": scope.is_press_leader,
        "next_statuses": [Program.Status(s) for s in sorted(services.PROGRAM_TRANSITIONS[program.status])],
        "history": AuditEvent.objects.for_object(program)[:50],
    }
    return render(request, "programs/program_detail.html", context)


@login_required
@require_POST
def program_status(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_user(request.user, pk, write=True)
    try:
        services.program_set_status(actor=request.user, program=program, status=request.POST.get("status", ""))
    except (ValidationError, ValueError):
        messages.error(request, _("Không thể đổi trạng thái chương trình."))
    else:
        messages.success(request, _("Đã cập nhật trạng thái chương trình."))
    return redirect("programs:detail", pk=program.pk)


@login_required
def spokespersons(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.member_of:
        return render(request, "programs/spokespersons.html", {"people": []})
    visible = None if scope.sees_everything else scope.visible | scope.ancestors
    return render(request, "programs/spokespersons.html", {"people": selectors.spokespersons_directory(visible)})
