"""Access to fact-checking. The rules:

* Claims, their evidence, notes and verdicts are the newsroom's: press members only. Anyone else
  gets 404, exactly as for a claim that does not exist.
* A partner member sees the tips their units (and sub-units) filed, and each tip's status and
  published verdict; nothing else. Filing a tip needs a role that acts for the unit (403 for
  read-only staff).
* Among the press: every member works on a claim (checklist, evidence, notes, monitoring tips);
  editors and leaders group tips, ask partners, set deadlines and draft verdicts (403 for
  reporters); only the Tổng Biên tập or a Phó Tổng Biên tập approves a verdict.
* Members of the public have no login: they use the public form and get their answer by e-mail.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from phoihop.accounts.access import UserScope, require_press, scope_for
from phoihop.accounts.models import User
from phoihop.factcheck.models import Claim, Evidence, Tip


def require_workspace(user: AnonymousUser | User) -> UserScope:
    """The fact-checking workspace is for press and partner members; others get 404."""
    scope = scope_for(user)
    if not scope.member_of:
        raise Http404
    return scope


def require_triage(user: AnonymousUser | User) -> UserScope:
    """Press editors and leaders (404 outside the press, 403 for reporters)."""
    scope = require_press(user)
    if not scope.is_press_editor:
        raise PermissionDenied
    return scope


def require_approver(user: AnonymousUser | User) -> UserScope:
    """The Tổng Biên tập or a Phó Tổng Biên tập (404 outside the press, 403 for other press roles)."""
    scope = require_press(user)
    if not scope.is_press_leader:
        raise PermissionDenied
    return scope


def tips_for_user(user: AnonymousUser | User) -> QuerySet[Tip]:
    scope = scope_for(user)
    if scope.is_press:
        return Tip.objects.all()
    if not scope.visible:
        return Tip.objects.none()
    return Tip.objects.filter(organization__in=scope.visible)


def get_tip_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> Tip:
    """A tip the user may see (404 otherwise). With `write` (grouping, dismissing): press editors
    and leaders only (403 for reporters and partners who can see it)."""
    try:
        tip = (
            tips_for_user(user)
            .select_related("claim", "domain", "organization", "submitted_by", "grouped_by")
            .get(pk=int(pk))
        )
    except (Tip.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not scope_for(user).is_press_editor:
        raise PermissionDenied
    return tip


def get_claim_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> Claim:
    """A claim, for press members only (404 for anyone else). With `write`: editors and leaders (403)."""
    require_press(user)
    try:
        claim = Claim.objects.select_related("domain", "deadline_policy", "deadline_policy_version", "created_by").get(
            pk=int(pk)
        )
    except (Claim.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write:
        require_triage(user)
    return claim


def get_evidence_for_user(user: AnonymousUser | User, pk: Any) -> Evidence:
    require_press(user)
    try:
        return Evidence.objects.select_related("claim").get(pk=int(pk))
    except (Evidence.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
