"""Programme pages in the workspace (what was signed, and what is happening under it), the workspace's
spokesperson directory, and the public spokesperson pages of the partner units."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.audit.models import AuditEvent
from phoihop.core.origin import public_url
from phoihop.programs import access, panels, selectors, services
from phoihop.programs.models import Program, Spokesperson


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


# ----------------------------------------------------------------------------------------------
# The public spokesperson pages (anyone; not stored by the portal's page cache, so always current)


def _person_json(person: Spokesperson) -> dict[str, Any]:
    point: dict[str, Any] = {
        "@type": "ContactPoint",
        "contactType": person.get_role_display(),
        "name": person.full_name,
        "description": person.title,
        "availableLanguage": "vi",
    }
    if person.role == Spokesperson.Role.AUTHORIZED:
        point["description"] = _("%(title)s; được ủy quyền phát ngôn về: %(matter)s (đến hết %(end)s)") % {
            "title": person.title,
            "matter": person.matter,
            "end": f"{person.valid_to:%d/%m/%Y}" if person.valid_to else "",
        }
    if person.phone:
        point["telephone"] = person.phone
    if person.email:
        point["email"] = person.email
    return point


def _unit_json(section: selectors.UnitSection) -> dict[str, Any]:
    unit = section.organization
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": unit.name}
    if section.listing is not None:
        data["url"] = public_url(section.listing.get_absolute_url())
    if unit.website:
        data["sameAs"] = [unit.website]
    if unit.email:
        data["email"] = unit.email
    if unit.phone:
        data["telephone"] = unit.phone
    if unit.address:
        data["address"] = unit.address
    data["contactPoint"] = [_person_json(person) for person in section.people]
    return data


def _json_ld(sections: list[selectors.UnitSection]) -> str:
    main, *others = sections
    data = {"@context": "https://schema.org", **_unit_json(main)}
    parent = main.organization.parent
    if parent is not None:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": parent.name}
    if others:
        data["subOrganization"] = [_unit_json(section) for section in others]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Safe inside <script>: nothing in the data can close the element or open a comment.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def public_units(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/public_units.html", {"units": selectors.public_units()})


def public_unit(request: HttpRequest, slug: str) -> HttpResponse:
    listing = access.get_public_listing(slug)
    sections = selectors.public_unit_page(listing)
    unit = listing.organization
    successors = []
    if unit.status != unit.Status.ACTIVE:
        successors = [
            (s.successor, getattr(s.successor, "spokesperson_listing", None))
            for s in unit.successions.select_related("successor__spokesperson_listing").order_by("-is_primary", "pk")
        ]
    context = {
        "listing": listing,
        "unit": unit,
        "sections": sections,
        "own": sections[0].people,
        "others": sections[1:],
        "successors": successors,
        "canonical": public_url(listing.get_absolute_url()),
        "json_ld": mark_safe(_json_ld(sections)),  # noqa: S308 — built by json.dumps and escaped just above
        "today": timezone.localdate(),
    }
    return render(request, "programs/public_unit.html", context)
