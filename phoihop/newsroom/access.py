"""Access to the newsroom (/toa-soan/): press members only. Partner users and outsiders get 404
for every page here, exactly as if it did not exist.

* Managers — the press's editors and leaders (Biên tập viên, Trưởng ban, Phó Tổng Biên tập, Tổng
  Biên tập: `UserScope.is_press_editor`) — see every assignment and create, change, complete and
  cancel them.
* A Phóng viên sees the assignments given to them or created by them and those of the sections
  (ban) they belong to; they start and hand in their own work (403 on anything else).
* Sections and approval workflows are configured by the Tổng Biên tập and Phó Tổng Biên tập, the
  only ones who may also publish an article directly, without its approval workflow.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from phoihop.accounts.access import UserScope, can_administer, require_press, scope_for
from phoihop.accounts.models import User
from phoihop.exchange.access import submissions_for_user
from phoihop.exchange.models import Submission
from phoihop.newsroom.models import Assignment, SectionMembership


def can_configure(user: AnonymousUser | User) -> bool:
    """Sections and approval workflows: the editor-in-chief and deputies (and superusers)."""
    return can_administer(user)


def can_publish_directly(user: AnonymousUser | User) -> bool:
    """Publishing without going through the approval workflow (urgent news): leaders only.
    Everyone else's articles are published by the workflow's last approval."""
    return can_configure(user)


def require_manager(user: AnonymousUser | User) -> UserScope:
    """404 outside the press, 403 for a press member who does not manage assignments."""
    scope = require_press(user)
    if not scope.is_press_editor:
        raise PermissionDenied
    return scope


def can_manage_republishers(user: AnonymousUser | User) -> bool:
    """The outlets with an agreement to use the newspaper's articles: the press's editors."""
    return bool(getattr(user, "is_active", False)) and scope_for(user).is_press_editor


def require_configure(user: AnonymousUser | User) -> None:
    require_press(user)
    if not can_configure(user):
        raise PermissionDenied


def user_section_ids(user: User) -> list[int]:
    """The category ids of the sections the user works in."""
    return list(SectionMembership.objects.filter(user=user).values_list("section__category_id", flat=True))


def assignments_for_user(user: User) -> QuerySet[Assignment]:
    scope = scope_for(user)
    if not scope.is_press:
        return Assignment.objects.none()
    if scope.is_press_editor:
        return Assignment.objects.all()
    return Assignment.objects.filter(Q(assignee=user) | Q(created_by=user) | Q(section_id__in=user_section_ids(user)))


def get_assignment_for_user(user: User, pk: Any, *, write: bool = False) -> Assignment:
    """An assignment the user may see (404 otherwise). With `write`, one they may act on (403):
    a manager, or the assignee acting on their own work."""
    try:
        assignment = (
            assignments_for_user(user)
            .select_related("assignee", "section", "program", "submission__original_organization", "article")
            .get(pk=int(pk))
        )
    except (Assignment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not (scope_for(user).is_press_editor or assignment.assignee_id == user.pk):
        raise PermissionDenied
    return assignment


def event_notices_for_user(user: AnonymousUser | User) -> QuerySet[Submission]:
    """Partner event notices (thông báo sự kiện, giấy mời) the press may plan coverage for."""
    if not scope_for(user).is_press:
        return Submission.objects.none()
    return submissions_for_user(user).filter(kind=Submission.Kind.EVENT, event_starts_at__isnull=False)
