"""Access to programmes: the press sees all; a partner sees the programmes its units, their
sub-units or the units above them are party to. Nobody sees another partner's programmes. The units'
spokesperson pages are public (Decree 244/2026 Art. 3(3)): anyone may read them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Organization, User
from phoihop.programs.models import Program, SpokespersonListing


def programs_for_user(user: AnonymousUser | User) -> QuerySet[Program]:
    scope = scope_for(user)
    if scope.sees_everything:
        return Program.objects.all()
    if not scope.visible:
        return Program.objects.none()
    # A sub-unit takes part in the programmes its parent units signed.
    return Program.objects.with_party(scope.visible | scope.ancestors)


def get_program_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> Program:
    """404 for a programme the user's units are not party to; 403 on write unless a press leader."""
    try:
        program = programs_for_user(user).get(pk=int(pk))
    except (Program.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not scope_for(user).is_press_leader:
        raise PermissionDenied
    return program


def get_public_listing(slug: str) -> SpokespersonListing:
    """A partner unit's public spokesperson page, for anyone (404 for an unknown slug or a press unit).

    A merged or dissolved unit's page still opens, so the links to it keep working.
    """
    try:
        return SpokespersonListing.objects.select_related("organization", "organization__parent").get(
            slug=slug, organization__kind=Organization.Kind.PARTNER
        )
    except SpokespersonListing.DoesNotExist:
        raise Http404 from None
