"""Reads for organizations: the page of a unit with its tree, people and succession."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from phoihop.accounts import access
from phoihop.accounts.models import Membership, Organization, OrganizationSuccession, User
from phoihop.accounts.roles import PRESS_EDITOR_ROLES


def organization_children(user: AnonymousUser | User, organization: Organization) -> QuerySet[Organization]:
    return access.visible_organizations(user).filter(parent=organization).order_by("status", "name")


def organization_members(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name")
    )


def organization_successions(organization: Organization) -> dict[str, QuerySet[OrganizationSuccession]]:
    base = OrganizationSuccession.objects.select_related("predecessor", "successor").order_by("effective_on")
    return {
        "successors": base.filter(predecessor=organization),
        "predecessors": base.filter(successor=organization),
    }


def press_editors() -> list[User]:
    """The active users who are editors or leaders of the press: those told of new submissions and tips."""
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organization__kind=Organization.Kind.PRESS, role__in=PRESS_EDITOR_ROLES, user__is_active=True)
        .select_related("user")
    ]


def memberships_for(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("organization", "organization__level", "organization__parent")
        .order_by("organization__name")
    )
