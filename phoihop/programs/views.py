"""Programme pages in the workspace: what was signed, and what is happening under it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.audit.models import AuditEvent
from phoihop.programs import access, panels, selectors, services
from phoihop.programs.models import Program


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = access.programs_for_user(request.user).prefetch_related("parties__organization")
    return render(request, "programs/program_list.html", {"programs": programs})


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = selectors.program_detail(access.get_program_for_user(request.user, pk).pk)
    party_ids = {party.organization_id for party in program.parties.all()}
    scope = scope_for(request.user)
    context = {
        "program": program,
        "spokespersons": selectors.spokespersons_directory(frozenset(party_ids)),
        "can_manage": scope.is_press_leader,
        "next_statuses": [Program.Status(s) for s in sorted(services.PROGRAM_TRANSITIONS[program.status])],
        "history": AuditEvent.objects.for_object(program)[:50],
        # What the apps above programs show about it (exchange: its submissions and requests).
        "panels": panels.render(request, program),
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
