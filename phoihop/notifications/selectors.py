"""Reads for the inbox, the header badge and the delivery log."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from phoihop.accounts.models import User
from phoihop.notifications.access import notifications_for_user
from phoihop.notifications.models import Delivery, Notification, NotificationPreference, default_digest_hour


def inbox_for(user: AnonymousUser | User) -> QuerySet[Notification]:
    """The user's inbox: unread first, then the newest, with what the list shows fetched at once."""
    return notifications_for_user(user).inbox_order().select_related("actor", "organization")


def unread_count(user: AnonymousUser | User | None) -> int:
    return notifications_for_user(user).unread().count()


def preference_for(user: User) -> NotificationPreference:
    """The user's saved preference, or the default (immediate e-mail) unsaved."""
    try:
        return NotificationPreference.objects.get(user=user)
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user, digest_hour=default_digest_hour())


def delivery_log(
    *, user: User | None = None, address: str = "", channel: str = "", status: str = ""
) -> QuerySet[Delivery]:
    """Who was told what, when, by which channel: newest first, narrowed by the given filters."""
    qs = Delivery.objects.select_related("recipient", "notification")
    if user is not None:
        qs = qs.for_user(user)
    if address:
        qs = qs.for_address(address)
    if channel:
        qs = qs.filter(channel=channel)
    if status:
        qs = qs.filter(status=status)
    return qs
