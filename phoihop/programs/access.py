"""Access to programmes: the press sees all; a partner sees the programmes its units, their
sub-units or the units above them are party to. Nobody sees another partner's programmes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import User
from phoihop.programs.models import Program


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
