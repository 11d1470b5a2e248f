"""The access chokepoint: who may see and change which organization's objects.

Every app's own `access.py` builds on `scope_for(user)`. The rules:

* The press agency runs the instance: its active members see every organization.
* A partner member sees their own unit, its sub-units (the whole subtree), and the units it
  succeeded, so a successor reads its predecessors' history. Nothing of any other partner.
* A partner member may write for a unit when their role acts for the unit (leader, spokesperson,
  focal officer) and the unit is still active; staff read and discuss only.
* Objects outside a user's scope answer 404 exactly like objects that do not exist; a read-only
  member asking to write gets 403.

The scope is computed once per user object (so once per request) with a handful of queries, and
keeps the organization tree it read (`UserScope.tree_for`) for the other tree questions of the request.
Which role may do what is `phoihop.accounts.roles`; the predicates here answer it for one user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from phoihop.accounts.models import Membership, Organization, OrganizationSuccession, User
from phoihop.accounts.roles import PARTNER_LEADER_ROLES, PARTNER_WRITE_ROLES, PRESS_EDITOR_ROLES, PRESS_LEADER_ROLES
from phoihop.accounts.tree import OrganizationTree

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
    # The organization tree as the scope's own query read it; None for a user in no unit.
    loaded_tree: OrganizationTree | None = field(default=None, compare=False, repr=False)

    def tree_for(self, *org_ids: int) -> OrganizationTree:
        """The organization tree holding `org_ids`: the one the scope read (no query), or a fresh read
        when the scope read none (a user in no unit) or one of `org_ids` is a unit created since."""
        tree = self.loaded_tree
        if tree is None or any(org_id not in tree for org_id in org_ids):
            return OrganizationTree.load()
        return tree

    @property
    def is_press(self) -> bool:
        return bool(self.press_roles)

    @property
    def is_press_leader(self) -> bool:
        """The Tổng Biên tập or a Phó Tổng Biên tập."""
        return bool(self.press_roles & PRESS_LEADER_ROLES)

    @property
    def is_press_editor(self) -> bool:
        """An editor or leader of the press (anyone there but a reporter): triages, plans, reads figures."""
        return bool(self.press_roles & PRESS_EDITOR_ROLES)

    def units_with(self, roles: frozenset[str]) -> frozenset[int]:
        """The units where the user holds one of `roles`."""
        return frozenset(org_id for org_id, role in self.roles_by_org.items() if role in roles)

    @property
    def led_units(self) -> frozenset[int]:
        """The partner units the user leads (Lãnh đạo)."""
        return self.units_with(PARTNER_LEADER_ROLES)

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


def scope_for(user: AnonymousUser | User | None) -> UserScope:
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
        tree = OrganizationTree.load()
        writable = frozenset(org_id for org_id, role in roles_by_org.items() if role in press_roles) | frozenset(
            org_id for org_id in tree.ids() if tree.is_active(org_id)
        )
        scope = UserScope(
            user_id=user.pk,
            member_of=member_of,
            visible=tree.ids(),
            writable=writable,
            press_roles=press_roles,
            roles_by_org=roles_by_org,
            sees_everything=True,
            loaded_tree=tree,
        )
    elif member_of:
        tree = OrganizationTree.load()
        predecessors: dict[int, list[int]] = {}
        for pred, succ in OrganizationSuccession.objects.values_list("predecessor_id", "successor_id"):
            predecessors.setdefault(succ, []).append(pred)
        # A unit sees its subtree; a successor also sees what it inherited (and that unit's subtree).
        visible_ids = tree.descendants(member_of, also=predecessors)
        write_roots = [org for org, role in roles_by_org.items() if role in PARTNER_WRITE_ROLES]
        writable_ids = {org for org in tree.descendants(write_roots) if tree.is_active(org)}
        scope = UserScope(
            user_id=user.pk,
            member_of=member_of,
            visible=frozenset(visible_ids),
            writable=frozenset(writable_ids),
            roles_by_org=roles_by_org,
            ancestors=frozenset(tree.ancestors(member_of) - visible_ids),
            loaded_tree=tree,
        )
    else:
        scope = UserScope(user_id=user.pk)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: AnonymousUser | User) -> None:
    """Drop the cached scope after memberships change within the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def check_object(user: AnonymousUser | User, organization_id: int | None, *, write: bool = False) -> UserScope:
    """404 when the organization is outside the user's scope, 403 when visible but read-only."""
    scope = scope_for(user)
    if not scope.can_see(organization_id):
        raise Http404
    if write and not scope.can_write(organization_id):
        raise PermissionDenied
    return scope


def visible_organizations(user: AnonymousUser | User) -> models.QuerySet[Organization]:
    scope = scope_for(user)
    qs = Organization.objects.select_related("level", "parent")
    if scope.sees_everything:
        return qs
    return qs.filter(pk__in=scope.visible)


def get_organization_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> Organization:
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


def require_press(user: AnonymousUser | User) -> UserScope:
    """The user's scope when they belong to the press; 404 for everybody else (press-only pages and
    objects do not exist for them)."""
    scope = scope_for(user)
    if not scope.is_press:
        raise Http404
    return scope


def can_administer(user: AnonymousUser | User) -> bool:
    """The press's leaders, and superusers: they configure the instance (units, sections, workflows)."""
    return bool(getattr(user, "is_superuser", False)) or scope_for(user).is_press_leader


def user_can_manage_memberships(user: AnonymousUser | User, organization: Organization) -> bool:
    """Press leaders manage everyone; a partner leader manages their own unit and its sub-units."""
    if can_administer(user):
        return True
    scope = scope_for(user)
    if organization.pk not in scope.writable:
        return False
    tree = scope.tree_for(organization.pk)
    return any(tree.is_within(organization.pk, led) for led in scope.led_units)
