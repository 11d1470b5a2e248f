"""Writes for organizations and memberships. Views, admin actions and the demo loader call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from phoihop.accounts import access, succession
from phoihop.accounts.levels import LEVELS
from phoihop.accounts.models import Membership, Organization, OrganizationLevel, OrganizationSuccession, User
from phoihop.accounts.roles import PRESS_ROLES, Role
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_text

# The Wagtail group each press role belongs to; created by `newsroom_groups_ensure` (portal).
PRESS_ROLE_GROUPS: dict[str, str] = {
    Role.EDITOR_IN_CHIEF: "Tổng Biên tập",
    Role.DEPUTY_EDITOR: "Phó Tổng Biên tập",
    Role.SECTION_HEAD: "Trưởng ban",
    Role.EDITOR: "Biên tập viên",
    Role.REPORTER: "Phóng viên",
}


def _require_press_leader(actor: User | None) -> None:
    if actor is None:  # system tasks and the demo loader
        return
    if not access.can_administer(actor):
        raise PermissionDenied


@transaction.atomic
def organization_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    level: OrganizationLevel | None = None,
    parent: Organization | None = None,
    short_name: str = "",
    **details: Any,
) -> Organization:
    """Create a unit. Only press leaders (or the system, actor=None) may; sub-units inherit the kind."""
    _require_press_leader(actor)
    org = Organization(
        name=clean_text(name),
        short_name=clean_text(short_name),
        kind=kind,
        level=level,
        parent=parent,
        **{key: clean_text(value) if isinstance(value, str) else value for key, value in details.items()},
    )
    org.full_clean()
    org.save()
    audit_record(actor=actor, verb="organization.created", target=org, organization=org)
    return org


@transaction.atomic
def organization_merge(
    *,
    actor: User | None,
    organization: Organization,
    successors: Sequence[Organization],
    effective_on: dt.date,
    legal_basis: str = "",
) -> list[OrganizationSuccession]:
    """Mark `organization` merged into `successors` (the first one is primary) from `effective_on`.

    Its own sub-units are left as they are: each is merged with its own call, because a reform
    usually sends a district's departments to different successors. The apps' succession handlers
    move open work (submissions, requests, programme memberships) to the primary successor.
    """
    _require_press_leader(actor)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Đơn vị này đã sáp nhập hoặc giải thể."))
    if not successors:
        raise ValidationError(_("Cần chọn ít nhất một đơn vị kế thừa."))
    for successor in successors:
        if successor.pk == org.pk or successor.kind != org.kind:
            raise ValidationError(_("Đơn vị kế thừa không hợp lệ."))
        if successor.status != Organization.Status.ACTIVE:
            raise ValidationError(_("Đơn vị kế thừa phải đang hoạt động."))
    rows = [
        OrganizationSuccession.objects.create(
            predecessor=org,
            successor=successor,
            effective_on=effective_on,
            legal_basis=clean_text(legal_basis),
            is_primary=index == 0,
        )
        for index, successor in enumerate(successors)
    ]
    org.status = Organization.Status.MERGED
    org.ended_on = effective_on
    org.save(update_fields=["status", "ended_on", "updated_at"])
    succession.run(actor=actor, predecessor=org, successor=successors[0])
    audit_record(
        actor=actor,
        verb="organization.merged",
        target=org,
        organization=org,
        data={
            "successors": [{"id": s.pk, "name": s.name} for s in successors],
            "effective_on": effective_on.isoformat(),
            "legal_basis": legal_basis,
        },
    )
    return rows


# The facts of a unit the admin may change directly; its status changes only by merging or dissolving.
ORGANIZATION_DETAILS = ("name", "short_name", "kind", "level", "parent", "address", "email", "phone", "website")


@transaction.atomic
def organization_update(*, actor: User | None, organization: Organization, **changes: Any) -> Organization:
    """Change a unit's details (`ORGANIZATION_DETAILS`); press leaders only. Its status is not one of
    them: `organization_merge` and `organization_dissolve` end a unit."""
    _require_press_leader(actor)
    unknown = set(changes) - set(ORGANIZATION_DETAILS)
    if unknown:
        raise ValueError(f"not a detail of a unit: {sorted(unknown)}")
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = []
    for name, value in changes.items():
        value = clean_text(value) if isinstance(value, str) and name != "email" else value
        if getattr(org, name) != value:
            setattr(org, name, value)
            changed.append(name)
    if not changed:
        return org
    org.full_clean()
    org.save(update_fields=[*changed, "updated_at"])
    audit_record(actor=actor, verb="organization.updated", target=org, organization=org, data={"changed": changed})
    return org


@transaction.atomic
def organization_dissolve(
    *, actor: User | None, organization: Organization, ended_on: dt.date, note: str = ""
) -> Organization:
    """A unit ends without a successor (its open work stays where it is, read-only)."""
    _require_press_leader(actor)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.status != Organization.Status.ACTIVE:
        raise ValidationError(_("Đơn vị này đã sáp nhập hoặc giải thể."))
    org.status = Organization.Status.DISSOLVED
    org.ended_on = ended_on
    org.save(update_fields=["status", "ended_on", "updated_at"])
    audit_record(
        actor=actor,
        verb="organization.dissolved",
        target=org,
        organization=org,
        data={"ended_on": ended_on.isoformat(), "note": clean_text(note)},
    )
    return org


@transaction.atomic
def organization_delete(*, actor: User | None, organization: Organization) -> None:
    """Remove a unit entered by mistake: only one nothing refers to yet (no sub-unit, member or
    succession). A unit that existed ends by merging or dissolving, so its history stays."""
    _require_press_leader(actor)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.children.exists() or org.memberships.exists() or org.successions.exists() or org.predecessions.exists():
        raise ValidationError(
            _("Đơn vị đã có đơn vị cấp dưới, thành viên hoặc kế thừa: hãy ghi nhận sáp nhập hoặc giải thể thay vì xóa.")
        )
    audit_record(actor=actor, verb="organization.deleted", target=org, data={"name": org.name})
    try:
        org.delete()
    except ProtectedError:
        raise ValidationError(
            _("Đơn vị đã có dữ liệu liên quan: hãy ghi nhận sáp nhập hoặc giải thể thay vì xóa.")
        ) from None


@transaction.atomic
def succession_update(
    *, actor: User | None, succession: OrganizationSuccession, legal_basis: str, effective_on: dt.date
) -> OrganizationSuccession:
    """Correct the legal basis or the date recorded for a merger; which units it joined stays."""
    _require_press_leader(actor)
    row = OrganizationSuccession.objects.select_for_update().select_related("predecessor").get(pk=succession.pk)
    changed: dict[str, Any] = {}
    if row.legal_basis != clean_text(legal_basis):
        changed["legal_basis"] = clean_text(legal_basis)
    if row.effective_on != effective_on:
        changed["effective_on"] = effective_on
    if not changed:
        return row
    for name, value in changed.items():
        setattr(row, name, value)
    row.save(update_fields=list(changed))
    if "effective_on" in changed and row.is_primary:
        org = row.predecessor
        org.ended_on = effective_on
        org.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        verb="organization.succession_corrected",
        target=row.predecessor,
        organization=row.predecessor,
        data={"successor": row.successor_id, "changed": sorted(changed)},
    )
    return row


def organization_successor_for(organization: Organization) -> Organization | None:
    """The active unit that now holds `organization`'s open work, following chains of mergers."""
    current = organization
    seen = set()
    while current.status == Organization.Status.MERGED and current.pk not in seen:
        seen.add(current.pk)
        succession = (
            OrganizationSuccession.objects.filter(predecessor=current)
            .select_related("successor")
            .order_by("-is_primary", "pk")
            .first()
        )
        if succession is None:
            return None
        current = succession.successor
    return current if current.status == Organization.Status.ACTIVE else None


@transaction.atomic
def membership_create(
    *,
    actor: User | None,
    user: User,
    organization: Organization,
    role: str,
    title: str = "",
) -> Membership:
    """Give `user` a role in `organization`; press roles also join the matching Wagtail group."""
    if actor is not None and not access.user_can_manage_memberships(actor, organization):
        raise PermissionDenied
    membership = Membership(user=user, organization=organization, role=role, title=clean_text(title))
    membership.full_clean()
    membership.save()
    _sync_groups(user)
    audit_record(
        actor=actor,
        verb="membership.created",
        target=organization,
        organization=organization,
        data={"user": user.get_username(), "role": role},
    )
    access.forget_scope(user)
    return membership


@transaction.atomic
def membership_update(
    *,
    actor: User | None,
    membership: Membership,
    role: str,
    title: str = "",
    is_active: bool = True,
) -> Membership:
    """Change a member's role, title or standing in their unit. The Wagtail groups follow the role:
    an editor made reporter leaves the editors' group (and its admin rights) at once."""
    row = Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    if actor is not None and not access.user_can_manage_memberships(actor, row.organization):
        raise PermissionDenied
    before = {"role": row.role, "title": row.title, "is_active": row.is_active}
    row.role, row.title, row.is_active = role, clean_text(title), is_active
    changed = [name for name, value in before.items() if getattr(row, name) != value]
    if not changed:
        return row
    row.full_clean()
    row.save(update_fields=[*changed, "updated_at"])
    _sync_groups(row.user)
    audit_record(
        actor=actor,
        verb="membership.updated" if row.is_active else "membership.ended",
        target=row.organization,
        organization=row.organization,
        data={
            "user": row.user.get_username(),
            "changed": changed,
            "before": {name: before[name] for name in changed},
            "after": {name: getattr(row, name) for name in changed},
        },
    )
    access.forget_scope(row.user)
    return row


@transaction.atomic
def membership_delete(*, actor: User | None, membership: Membership) -> None:
    """Remove a membership entered by mistake (ending one is `membership_update(is_active=False)`);
    the user leaves the role's Wagtail group."""
    row = Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    if actor is not None and not access.user_can_manage_memberships(actor, row.organization):
        raise PermissionDenied
    user, organization = row.user, row.organization
    audit_record(
        actor=actor,
        verb="membership.deleted",
        target=organization,
        organization=organization,
        data={"user": user.get_username(), "role": row.role},
    )
    row.delete()
    _sync_groups(user)
    access.forget_scope(user)


def _sync_groups(user: User) -> None:
    """Press roles map to Wagtail groups; partner users are never in one (no admin access)."""
    wanted = {
        PRESS_ROLE_GROUPS[m.role]
        for m in Membership.objects.active().filter(user=user, organization__kind=Organization.Kind.PRESS)
        if m.role in PRESS_ROLES
    }
    managed = Group.objects.filter(name__in=PRESS_ROLE_GROUPS.values())
    user.groups.remove(*[g for g in managed if g.name not in wanted])
    user.groups.add(*[g for g in managed if g.name in wanted])


def levels_ensure() -> None:
    """The seeded administrative levels exist (a migration seeds them; this repairs a flushed database)."""
    for code, name, order, historical in LEVELS:
        OrganizationLevel.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, "is_historical": historical}
        )


@transaction.atomic
def user_create(*, username: str, password: str, full_name: str, email: str = "") -> User:
    """Create a login with a display name split the Vietnamese way (family name first)."""
    User = get_user_model()
    full_name = clean_text(full_name)
    family, _sep, given = full_name.rpartition(" ")
    user = User(username=username, email=email, first_name=given or full_name, last_name=family)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
