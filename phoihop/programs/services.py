"""Writes for programmes. The foundation creates a programme with its facts in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Organization, User
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.programs.models import Program, ProgramParty, Signatory, Theme


@transaction.atomic
def program_create(
    *,
    actor: User | None,
    title: str,
    parties: Sequence[Organization],
    starts_on: dt.date,
    ends_on: dt.date,
    number: str = "",
    signed_on: dt.date | None = None,
    status: str = Program.Status.DRAFT,
    legal_bases: str = "",
    purpose: str = "",
    signatories: Sequence[tuple[Organization, str, str]] = (),
    themes: Sequence[str] = (),
) -> Program:
    """Create a programme with its parties, signatories and themes, all or nothing.

    Only the press's editor-in-chief or deputies (or the system, actor=None) may call it.
    """
    if actor is not None and not scope_for(actor).is_press_leader:
        raise PermissionDenied
    program = Program(
        title=clean_text(title),
        number=clean_text(number),
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        legal_bases=clean_multiline(legal_bases),
        purpose=clean_multiline(purpose),
    )
    program.full_clean()
    program.save()
    ProgramParty.objects.bulk_create([ProgramParty(program=program, organization=org) for org in parties])
    Signatory.objects.bulk_create(
        [
            Signatory(
                program=program, organization=org, full_name=clean_text(name), title=clean_text(role), sort_order=i
            )
            for i, (org, name, role) in enumerate(signatories)
        ]
    )
    Theme.objects.bulk_create(
        [Theme(program=program, title=clean_text(theme), sort_order=i) for i, theme in enumerate(themes)]
    )
    audit_record(actor=actor, verb="program.created", target=program, data={"parties": [o.pk for o in parties]})
    return program


def transfer_memberships(*, actor: User | None, predecessor: Organization, successor: Organization) -> int:
    """A merged unit's running programmes continue with its successor as a party. The old party
    row stays, so the programme's history still names the unit that signed."""
    moved = 0
    running = Program.objects.filter(
        parties__organization=predecessor, status__in=[Program.Status.DRAFT, Program.Status.ACTIVE]
    ).distinct()
    for program in running:
        _party, created = ProgramParty.objects.get_or_create(program=program, organization=successor)
        if created:
            moved += 1
            audit_record(
                actor=actor,
                verb="program.party_succeeded",
                target=program,
                organization=successor,
                data={"from": predecessor.name, "to": successor.name},
            )
    return moved


PROGRAM_TRANSITIONS: dict[str, set[str]] = {
    Program.Status.DRAFT: {Program.Status.ACTIVE, Program.Status.TERMINATED},
    Program.Status.ACTIVE: {Program.Status.COMPLETED, Program.Status.TERMINATED},
    Program.Status.COMPLETED: set(),
    Program.Status.TERMINATED: set(),
}


@transaction.atomic
def program_set_status(*, actor: AnonymousUser | User | None, program: Program, status: str, note: str = "") -> Program:
    """draft → active → completed | terminated; only press leaders (or the system, None), never
    backwards. Anyone else, anonymous included, gets PermissionDenied."""
    if actor is not None and not scope_for(actor).is_press_leader:
        raise PermissionDenied
    current = Program.objects.select_for_update().get(pk=program.pk)
    if status not in PROGRAM_TRANSITIONS[current.status]:
        raise ValidationError(
            _("Không thể chuyển chương trình từ “%(from)s” sang “%(to)s”."),
            params={"from": current.get_status_display(), "to": Program.Status(status).label},
        )
    current.status = status
    current.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, verb=f"program.{status}", target=current, data={"note": clean_text(note)})
    return current
