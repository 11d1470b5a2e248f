"""Access to the exchange: submissions and information requests belong to the partner unit they
come from or go to. The press sees and handles all of them; a partner member sees their units'
(and sub-units') items and acts on them only with a role that acts for the unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from phoihop.accounts.access import UserScope, scope_for
from phoihop.accounts.models import User
from phoihop.exchange.models import Attachment, InfoRequest, Submission


def submissions_for_user(user: AnonymousUser | User) -> QuerySet[Submission]:
    return scope_for(user).filter(Submission.objects.all())


def info_requests_for_user(user: AnonymousUser | User) -> QuerySet[InfoRequest]:
    return scope_for(user).filter(InfoRequest.objects.all())


def _check_write(scope: UserScope, organization_id: int) -> None:
    if scope.is_press:
        return
    if not scope.can_write(organization_id):
        raise PermissionDenied


def get_submission_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> Submission:
    """A submission the user may see (404 otherwise). With `write`, one they may act on (403):
    any press member, or a partner member whose role acts for the sending unit."""
    try:
        submission = (
            submissions_for_user(user)
            .select_related("organization", "original_organization", "sender", "program", "handled_by")
            .get(pk=int(pk))
        )
    except (Submission.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write:
        _check_write(scope_for(user), submission.organization_id)
    return submission


def get_info_request_for_user(user: AnonymousUser | User, pk: Any, *, write: bool = False) -> InfoRequest:
    """A request the user may see (404 otherwise). With `write`, one they may act on (403)."""
    try:
        request = (
            info_requests_for_user(user)
            .select_related(
                "organization",
                "original_organization",
                "requested_by",
                "policy",
                "policy_version__instrument",
                "response_form",
                "refusal_ground",
                "answered_by",
                "program",
            )
            .get(pk=int(pk))
        )
    except (InfoRequest.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write:
        _check_write(scope_for(user), request.organization_id)
    return request


def get_attachment_for_user(user: AnonymousUser | User, pk: Any) -> Attachment:
    """An attachment is visible exactly when the item it hangs on is visible."""
    try:
        attachment = Attachment.objects.select_related(
            "submission", "info_request", "message__submission", "message__info_request"
        ).get(pk=int(pk))
    except (Attachment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    parent: Submission | InfoRequest | None = attachment.submission or attachment.info_request
    if parent is None and attachment.message is not None:
        parent = attachment.message.submission or attachment.message.info_request
    owner_org = parent.organization_id if parent is not None else None
    if not scope_for(user).can_see(owner_org):
        raise Http404
    return attachment


def require_triage(user: AnonymousUser | User) -> None:
    """Only press editors and leaders acknowledge, triage and request; others get 403."""
    if not scope_for(user).is_press_editor:
        raise PermissionDenied
