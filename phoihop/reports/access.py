"""Access to programme dashboards and reports.

Who sees a programme's dashboard and its reports: the press's leaders and editors (Tổng Biên tập,
Phó Tổng Biên tập, Trưởng ban, Biên tập viên) and the leaders (Lãnh đạo) of a partner party — the
party unit itself, a unit above it, or one of its sub-units — of that programme only.

* Someone whose units are not party to the programme gets 404 (as if it did not exist), on the
  dashboard, the reports, their history and their files alike.
* Party members without a leading role (liaison, spokesperson, staff; reporters) see the programme's
  own page but get 403 here: the figures are for the people who sign and decide.
* A report is written and exported by its issuing side only: a press leader or editor for the press,
  a partner leader for their own unit. The other side reads and downloads it (403 on writes).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from phoihop.accounts.access import UserScope, scope_for
from phoihop.accounts.models import Organization, OrganizationSuccession, User
from phoihop.accounts.roles import PARTNER_WRITE_ROLES, PRESS_EDITOR_ROLES
from phoihop.programs.access import get_program_for_user, programs_for_user
from phoihop.programs.models import Program
from phoihop.reports.models import ProgramReport, SpokespersonReport


def _partner_leader_of(scope: UserScope, party_ids: set[int]) -> bool:
    return bool(_related_to_parties(scope, set(scope.led_units), party_ids))


def _related_to_parties(scope: UserScope, leader_orgs: set[int], party_ids: set[int]) -> set[int]:
    """The units among `leader_orgs` that take part in a programme signed by `party_ids`."""
    if not leader_orgs:
        return set()
    tree = scope.tree_for(*party_ids, *leader_orgs)
    # The leader's unit is the party, is below it (a department of the party commune) or above it;
    # a successor's leader reports on the programmes its predecessor signed.
    above_parties = party_ids | tree.ancestors(party_ids)
    predecessors: dict[int, set[int]] = {}
    for pred, succ in OrganizationSuccession.objects.filter(successor_id__in=leader_orgs).values_list(
        "predecessor_id", "successor_id"
    ):
        predecessors.setdefault(succ, set()).add(pred)
    return {
        org
        for org in leader_orgs
        if org in above_parties or set(tree.lineage(org)) & party_ids or predecessors.get(org, set()) & party_ids
    }


def can_view(user: AnonymousUser | User, program: Program) -> bool:
    scope = scope_for(user)
    if scope.is_press_editor:
        return True
    party_ids = set(program.parties.values_list("organization_id", flat=True))
    return _partner_leader_of(scope, party_ids)


def get_program_for_reports(user: AnonymousUser | User, pk: Any) -> Program:
    """The programme (404 for outsiders), when the user may read its figures (403 otherwise)."""
    program = get_program_for_user(user, pk)
    if not can_view(user, program):
        raise PermissionDenied
    return program


def issuer_choices(user: AnonymousUser | User, program: Program) -> list[Organization]:
    """The units the user may issue a report on `program` for: their press (leaders, editors) or the
    partner units taking part in the programme that they lead and may act for."""
    scope = scope_for(user)
    ids = set(scope.units_with(PRESS_EDITOR_ROLES))
    leader_orgs = {org for org in scope.led_units if scope.can_write(org)}
    if leader_orgs:
        party_ids = set(program.parties.values_list("organization_id", flat=True))
        ids |= _related_to_parties(scope, leader_orgs, party_ids)
    return list(Organization.objects.filter(pk__in=ids).select_related("parent").order_by("kind", "name"))


def reports_for_user(user: AnonymousUser | User) -> QuerySet[ProgramReport]:
    """Reports of the programmes the user may see; narrow further with `can_view` per programme."""
    return ProgramReport.objects.filter(program__in=programs_for_user(user).values("pk"))


def get_report_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> ProgramReport:
    """A report of a programme the user is party to (404 otherwise); 403 unless a leader of a party;
    with `write`, 403 unless the user may act for the issuing unit."""
    try:
        report = reports_for_user(user).select_related("program", "issuer", "layout", "created_by").get(pk=int(pk))
    except (ProgramReport.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_view(user, report.program):
        raise PermissionDenied
    if write and not can_write(user, report):
        raise PermissionDenied
    return report


def can_write(user: AnonymousUser | User, report: ProgramReport) -> bool:
    return report.issuer_id in {org.pk for org in issuer_choices(user, report.program)}


# --- the annual report on spokesperson work (Decree 244 Art. 10) ---------------------------------
#
# Who reads a unit's annual report: the press's editors and leaders (every unit), and the people who
# act for the unit — its leaders, spokespersons and focal officers (PARTNER_WRITE_ROLES) — or for a
# unit above it. The same people write and export it, except the press, which reads and downloads.
# A member of the unit without one of those roles (staff) gets 403; anyone else 404.


def _annual_units(scope: UserScope) -> set[int]:
    roots = scope.units_with(PARTNER_WRITE_ROLES)
    if not roots:
        return set()
    return scope.tree_for(*roots).descendants(roots)


def can_view_annual(user: AnonymousUser | User, organization_id: int) -> bool:
    scope = scope_for(user)
    return scope.is_press_editor or organization_id in _annual_units(scope)


def can_write_annual(user: AnonymousUser | User, organization_id: int) -> bool:
    """The unit's (or a unit above's) leaders, spokespersons and focal officers, while it is active."""
    scope = scope_for(user)
    return organization_id in _annual_units(scope) and scope.can_write(organization_id)


def annual_units_for_user(user: AnonymousUser | User) -> QuerySet[Organization]:
    """The partner units whose annual reports the user reads."""
    scope = scope_for(user)
    units = Organization.objects.partners().select_related("level", "parent")
    if scope.is_press_editor:
        return units
    return units.filter(pk__in=_annual_units(scope))


def get_annual_unit_for_user(user: AnonymousUser | User, pk: Any) -> Organization:
    """A partner unit whose annual reports the user reads (404 if the user cannot see it, 403 for a
    member without the role)."""
    scope = scope_for(user)
    try:
        organization = Organization.objects.partners().select_related("level", "parent").get(pk=int(pk))
    except (Organization.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_view_annual(user, organization.pk):
        if scope.can_see(organization.pk):
            raise PermissionDenied
        raise Http404
    return organization


def get_spokesperson_report_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> SpokespersonReport:
    """An annual report of a unit the user reads (404/403 as `get_annual_unit_for_user`); with
    `write`, 403 unless the user may write it."""
    try:
        report = SpokespersonReport.objects.select_related(
            "organization", "organization__level", "layout", "created_by"
        ).get(pk=int(pk))
    except (SpokespersonReport.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    get_annual_unit_for_user(user, report.organization_id)
    if write and not can_write_annual(user, report.organization_id):
        raise PermissionDenied
    return report
