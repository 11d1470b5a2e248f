"""Private calendar addresses (iCal), one per person: make or replace (revoking the old), find by secret.

The secret is random; only its SHA-256 digest is stored, so the full address is shown once, right
after it is made (like API tokens), and a copy of the database opens no feed. The feeds themselves
are served by the newsroom (phoihop.newsroom.ical), which knows the assignments and requests.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import CalendarFeed, User
from phoihop.audit.services import audit_record


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def calendar_feed_for(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def calendar_feed_renew(*, actor: User) -> tuple[CalendarFeed, str]:
    """Give `actor` a new private calendar secret, revoking the old address at once.

    Returns the row and the secret (shown once; never stored)."""
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    renewed = feed is not None
    if feed is None:
        feed = CalendarFeed(user=actor)
    feed.token_hash = _digest(secret)
    feed.created_at = timezone.now()
    feed.save()
    audit_record(actor=actor, verb="calendar_feed.renewed" if renewed else "calendar_feed.created", target=feed)
    return feed, secret


def feed_owner(secret: str) -> User | None:
    """The active owner of the address with this secret, or None (revoked, unknown, inactive)."""
    if not secret or len(secret) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=_digest(secret), user__is_active=True).first()
    return feed.user if feed else None
