"""The access chokepoint: who may see and change which organization's objects.

Every app's own `access.py` builds on `scope_for(user)`. The rules:

* The press agency runs the instance: its active members see every organization.
* A partner member sees their own unit, its sub-units (the whole subtree), and the units it
  succeeded, so a successor reads its predecessors' history. Nothing of any other partner.
* A partner member may write for a unit when their role acts for the unit (leader, spokesperson,
  focal officer) and the unit is still active; staff read and discuss only.
* Objects outside a user's scope answer 404 exactly like objects that do not exist; a read-only
  member asking to write gets 403.

The scope is computed once per user object (so once per request) with a handful of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from phoihop.accounts.models import (
    PARTNER_WRITE_ROLES,
    PRESS_LEADER_ROLES,
    Membership,
    Organization,
    OrganizationSuccession,
    Role,
)

M = TypeVar("M", bound=models.Model)
_CACHE_ATTR = "_phoihop_scope"


@dataclass(frozen=True)
class UserScope:
    """What one user may reach. Sets of organization ids; computed by `scope_for`."""

    user_id: int | None
    member_of: frozenset[int] = frozenset()
    visible: frozenset[int] = frozenset()
    writable: frozenset[int] = frozenset()
    press_roles: frozenset[str] = frozenset()
    roles_by_org: dict[int, str] = field(default_factory=dict)
    sees_everything: bool = False
    # The units above the user's own: a department takes part in its district's programmes.
    ancestors: frozenset[int] = frozenset()

    @property
    def is_press(self) -> bool:
        return bool(self.press_roles)

    @property
    def is_press_leader(self) -> bool:
        return bool(self.press_roles & PRESS_LEADER_ROLES)

    @property
    def is_partner(self) -> bool:
        return bool(self.member_of) and not self.is_press

    def can_see(self, organization_id: int | None) -> bool:
        return organization_id is not None and (self.sees_everything or organization_id in self.visible)

    def can_write(self, organization_id: int | None) -> bool:
        return organization_id is not None and organization_id in self.writable

    def filter(self, queryset: models.QuerySet[M], field_name: str = "organization") -> models.QuerySet[M]:
        """Narrow `queryset` to rows whose `field_name` (an Organization FK path) is visible."""
        if self.sees_everything:
            return queryset
        return queryset.filter(**{f"{field_name}__in": self.visible})


EMPTY_SCOPE = UserScope(user_id=None)


def _descendants(roots: Iterable[int], edges: dict[int, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        org_id = stack.pop()
        if org_id in seen:
            continue
        seen.add(org_id)
        stack.extend(edges.get(org_id, ()))
    return seen


def scope_for(user: Any) -> UserScope:
    """The user's scope, computed once and kept on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached

    memberships = list(
        Membership.objects.active().filter(user=user).values_list("organization_id", "role", "organization__kind")
    )
    roles_by_org = {org_id: role for org_id, role, _kind in memberships}
    press_roles = frozenset(role for _org, role, kind in memberships if kind == Organization.Kind.PRESS)
    member_of = frozenset(roles_by_org)

    if press_roles:
        all_orgs = dict(Organization.objects.values_list("id", "status"))
        visible = frozenset(all_orgs)
        writable = frozenset(org_id for org_id, role in roles_by_org.items() if role in press_roles) | frozenset(
            org_id for org_id, status in all_orgs.items() if status == Organization.Status.ACTIVE
        )
        scope = UserScope(
            user_id=user.pk,
            member_of=member_of,
            visible=visible,
            writable=writable,
            press_roles=press_roles,
            roles_by_org=roles_by_org,
            sees_everything=True,
        )
    elif member_of:
        tree: dict[int, list[int]] = {}
        parents: dict[int, int] = {}
        statuses: dict[int, str] = {}
        for org_id, parent_id, status in Organization.objects.partners().values_list("id", "parent_id", "status"):
            statuses[org_id] = status
            if parent_id is not None:
                tree.setdefault(parent_id, []).append(org_id)
                parents[org_id] = parent_id
        ancestor_ids: set[int] = set()
        for org_id in member_of:
            parent = parents.get(org_id)
            while parent is not None and parent not in ancestor_ids:
                ancestor_ids.add(parent)
                parent = parents.get(parent)
        predecessors: dict[int, list[int]] = {}
        for pred, succ in OrganizationSuccession.objects.values_list("predecessor_id", "successor_id"):
            predecessors.setdefault(succ, []).append(pred)
        # A unit sees its subtree; a successor also sees what it inherited (and that unit's subtree).
        combined: dict[int, list[int]] = {k: list(v) for k, v in tree.items()}
        for succ, preds in predecessors.items():
            combined.setdefault(succ, []).extend(preds)
        visible_ids = _descendants(member_of, combined)
        write_roots = [org for org, role in roles_by_org.items() if role in PARTNER_WRITE_ROLES]
        writable_ids = {
            org for org in _descendants(write_roots, tree) if statuses.get(org) == Organization.Status.ACTIVE
        }
        scope = UserScope(
            user_id=user.pk,
            member_of=member_of,
            visible=frozenset(visible_ids),
            writable=frozenset(writable_ids),
            roles_by_org=roles_by_org,
            ancestors=frozenset(ancestor_ids - visible_ids),
        )
    else:
        scope = UserScope(user_id=user.pk)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after memberships change within the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def check_object(user: Any, organization_id: int | None, *, write: bool = False) -> UserScope:
    """404 when the organization is outside the user's scope, 403 when visible but read-only."""
    scope = scope_for(user)
    if not scope.can_see(organization_id):
        raise Http404
    if write and not scope.can_write(organization_id):
        raise PermissionDenied
    return scope


def visible_organizations(user: Any) -> models.QuerySet[Organization]:
    scope = scope_for(user)
    qs = Organization.objects.select_related("level", "parent")
    if scope.sees_everything:
        return qs
    return qs.filter(pk__in=scope.visible)


def get_organization_for_user(user: Any, pk: Any, *, write: bool = False) -> Organization:
    """An organization the user may see (404 otherwise); with `write`, one they may act for (403)."""
    try:
        org_id = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    check_object(user, org_id, write=write)
    try:
        return visible_organizations(user).get(pk=org_id)
    except Organization.DoesNotExist:
        raise Http404 from None


def user_is_press(user: Any) -> bool:
    return scope_for(user).is_press


def user_can_manage_memberships(user: Any, organization: Organization) -> bool:
    """Press leaders manage everyone; a partner leader manages their own unit and its sub-units."""
    scope = scope_for(user)
    if getattr(user, "is_superuser", False) or scope.is_press_leader:
        return True
    if organization.pk not in scope.writable:
        return False
    return any(
        role == Role.LEADER and organization.pk in _descendants([org], _children_map())
        for org, role in scope.roles_by_org.items()
    )


def _children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for org_id, parent_id in Organization.objects.values_list("id", "parent_id"):
        if parent_id is not None:
            tree.setdefault(parent_id, []).append(org_id)
    return tree
