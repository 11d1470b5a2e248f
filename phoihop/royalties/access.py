"""Access to royalties (/toa-soan/nhuan-but/): press members only; everyone else gets 404.

* The leaders (Tổng Biên tập, Phó Tổng Biên tập: `can_administer`) see every royalty, approve and
  record payments.
* The other editors (Trưởng ban, Biên tập viên) see and prepare the royalties of the sections they
  belong to, plus any line of their own.
* A Phóng viên sees only the royalties they share in, and of each only their own line.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from phoihop.accounts.access import can_administer, require_press, scope_for
from phoihop.accounts.models import User
from phoihop.newsroom.access import user_section_ids
from phoihop.royalties.models import Royalty, RoyaltyQuerySet


def can_decide(user: AnonymousUser | User) -> bool:
    """Approving royalties and recording payments: the newspaper's leaders."""
    return can_administer(user)


def sees_all_lines(user: User) -> bool:
    """Editors see every author's line of what they may see; reporters only their own."""
    return scope_for(user).is_press_editor or can_decide(user)


def royalties_for_user(user: User) -> RoyaltyQuerySet:
    scope = require_press(user) if not user.is_superuser else scope_for(user)
    if can_decide(user):
        return Royalty.objects.all()
    if scope.is_press_editor:
        return Royalty.objects.filter(Q(section_id__in=user_section_ids(user)) | Q(shares__user=user)).distinct()
    return Royalty.objects.filter(shares__user=user).distinct()


def can_prepare(user: User, section_id: int | None) -> bool:
    """Creating and changing a draft royalty: a leader, or an editor of the article's section."""
    if can_decide(user):
        return True
    return scope_for(user).is_press_editor and section_id is not None and section_id in user_section_ids(user)


def get_royalty_for_user(user: User, pk: Any, *, write: bool = False) -> Royalty:
    """A royalty the user may see (404 otherwise); with `write`, one they may prepare (403)."""
    try:
        royalty = (
            royalties_for_user(user)
            .select_related("article", "section", "genre__instrument", "unit__instrument", "due_version__instrument")
            .get(pk=int(pk))
        )
    except (Royalty.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_prepare(user, royalty.section_id):
        raise PermissionDenied
    return royalty


def require_royalty_pages(user: AnonymousUser | User) -> None:
    """404 for anyone outside the press."""
    if not getattr(user, "is_superuser", False):
        require_press(user)
