"""Access to notifications: a person only ever reaches their own. Anyone else's answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from phoihop.accounts.models import User
from phoihop.notifications.models import Notification, NotificationQuerySet


def notifications_for_user(user: AnonymousUser | User | None) -> NotificationQuerySet:
    if user is None or not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.for_user(user)


def get_notification_for_user(user: AnonymousUser | User, pk: Any) -> Notification:
    """The user's own notification; 404 for another person's (the same answer as "does not exist").

    There is no read-only case: everyone may mark their own notifications read.
    """
    try:
        return notifications_for_user(user).get(pk=int(pk))
    except (Notification.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
