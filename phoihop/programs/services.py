"""Writes for programmes (the foundation creates one with its facts in one transaction) and for the
partner units' spokespersons under Decree 244/2026."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import vntext
from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Organization, User
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.deadlines.selectors import policy_find
from phoihop.programs.models import (
    NO_FURTHER_DELEGATION,
    Program,
    ProgramParty,
    Signatory,
    Spokesperson,
    SpokespersonListing,
    Theme,
)


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


# ----------------------------------------------------------------------------------------------
# Spokespersons (Decree 244/2026 Art. 3)

PUBLISH_POLICY = "cong-khai-nguoi-phat-ngon"


def _check_spokesperson_rights(actor: AnonymousUser | User | None, organization: Organization) -> None:
    """The system (None), a superuser, the press's editors, or a leader of the unit or of a unit above it
    (the province publishes the lists of its departments and communes, Art. 3(3))."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    scope = scope_for(actor)
    if scope.is_press_editor:
        return
    if scope.led_units and any(
        unit in scope.led_units for unit in scope.tree_for(organization.pk).lineage(organization.pk)
    ):
        return
    raise PermissionDenied


def listing_ensure(organization: Organization) -> SpokespersonListing:
    """The unit's public page, made once with a slug from its name that never changes afterwards."""
    existing = SpokespersonListing.objects.filter(organization=organization).first()
    if existing is not None:
        return existing
    base = vntext.slugify(organization.short_name or organization.name, max_length=80) or f"don-vi-{organization.pk}"
    slug, number = base, 2
    while SpokespersonListing.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return SpokespersonListing.objects.create(organization=organization, slug=slug)


def _apply_publication_clock(person: Spokesperson, before: Spokesperson | None, now: dt.datetime) -> None:
    """The 24-hour clock of Art. 3(3) for a regular spokesperson, from the decision, under the policy
    version in force then (kept once computed, unless the decision time changes); the first time the
    details go public is recorded."""
    decided_changed = before is None or before.decided_at != person.decided_at or before.role != person.role
    if decided_changed:
        person.publish_policy_version = None
        person.publish_due_at = None
        if person.role == Spokesperson.Role.REGULAR and person.decided_at is not None:
            policy = policy_find(PUBLISH_POLICY)
            version = policy.version_on(person.decided_at) if policy is not None else None
            if version is not None:
                person.publish_policy_version = version
                person.publish_due_at = version.due_from(person.decided_at)
    if person.is_public and person.published_at is None:
        person.published_at = now


@transaction.atomic
def spokesperson_save(
    *,
    actor: AnonymousUser | User | None,
    person: Spokesperson,
    changed: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> Spokesperson:
    """Record a spokesperson (new or edited) under Decree 244's rules: only a head authorizes, an
    authorization is written, for a matter and a period; the publication clock starts at the decision."""
    _check_spokesperson_rights(actor, person.organization)
    for name in ("full_name", "title", "phone", "decision_number"):
        setattr(person, name, clean_text(getattr(person, name)))
    person.matter = clean_multiline(person.matter)
    person.email = person.email.strip()
    if person.role == Spokesperson.Role.AUTHORIZED and person.authorized_by_id is not None:
        grantor = Spokesperson.objects.get(pk=person.authorized_by_id)
        if grantor.role != Spokesperson.Role.HEAD:
            raise ValidationError({"authorized_by": NO_FURTHER_DELEGATION})
    person.full_clean()
    before = Spokesperson.objects.filter(pk=person.pk).first() if person.pk else None
    _apply_publication_clock(person, before, now or timezone.now())
    person.save()
    listing_ensure(person.organization)
    data: dict[str, Any] = {"role": person.role}
    if changed:
        data["changed"] = list(changed)
    if person.publish_due_at is not None:
        data["publish_due_at"] = person.publish_due_at.isoformat()
    audit_record(
        actor=actor,
        verb="spokesperson.created" if before is None else "spokesperson.updated",
        target=person,
        organization=person.organization,
        data=data,
    )
    return person


def spokesperson_appoint(
    *,
    actor: AnonymousUser | User | None,
    organization: Organization,
    role: str,
    full_name: str,
    title: str,
    valid_from: dt.date,
    phone: str = "",
    email: str = "",
    valid_to: dt.date | None = None,
    decision_number: str = "",
    decided_at: dt.datetime | None = None,
    decision_document: Any = None,
    is_public: bool = True,
    now: dt.datetime | None = None,
) -> Spokesperson:
    """The head of a unit, or a regular spokesperson the head assigned by decision."""
    if role == Spokesperson.Role.AUTHORIZED:
        raise ValueError("use spokesperson_authorize for an authorization")
    person = Spokesperson(
        organization=organization,
        role=role,
        full_name=full_name,
        title=title,
        phone=phone,
        email=email,
        valid_from=valid_from,
        valid_to=valid_to,
        decision_number=decision_number,
        decided_at=decided_at,
        decision_document=decision_document,
        is_public=is_public,
    )
    return spokesperson_save(actor=actor, person=person, now=now)


def spokesperson_authorize(
    *,
    actor: AnonymousUser | User | None,
    granted_by: Spokesperson,
    full_name: str,
    title: str,
    matter: str,
    valid_from: dt.date,
    valid_to: dt.date,
    decision_number: str,
    phone: str = "",
    email: str = "",
    decided_at: dt.datetime | None = None,
    decision_document: Any = None,
    is_public: bool = True,
    now: dt.datetime | None = None,
) -> Spokesperson:
    """The head authorizes someone in writing to speak on one matter for a period (Art. 3(5)). A regular
    spokesperson or an authorized person cannot authorize others (Art. 3(6)): ValidationError."""
    if granted_by.role != Spokesperson.Role.HEAD:
        raise ValidationError(NO_FURTHER_DELEGATION)
    person = Spokesperson(
        organization=granted_by.organization,
        role=Spokesperson.Role.AUTHORIZED,
        authorized_by=granted_by,
        full_name=full_name,
        title=title,
        matter=matter,
        phone=phone,
        email=email,
        valid_from=valid_from,
        valid_to=valid_to,
        decision_number=decision_number,
        decided_at=decided_at,
        decision_document=decision_document,
        is_public=is_public,
    )
    return spokesperson_save(actor=actor, person=person, now=now)
