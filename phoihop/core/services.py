"""Writing audit events. Every service that changes state calls `audit_record` inside its transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F

from phoihop.core.models import AuditEvent, Counter

if TYPE_CHECKING:
    from phoihop.accounts.models import Organization


def audit_record(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    organization: Organization | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction so it commits or rolls back with the change."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_repr=(actor.get_full_name() or actor.get_username()) if is_user else "",
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:500],
        organization=organization,
        data=data or {},
    )


@transaction.atomic
def next_number(key: str) -> int:
    """The next value of the named sequence; concurrent callers never get the same number.

    The row is locked (PostgreSQL) or the write lock is held (SQLite immediate transactions) until
    the caller's transaction ends, so a rolled-back caller leaves no gap.
    """
    Counter.objects.get_or_create(key=key)
    Counter.objects.filter(key=key).update(value=F("value") + 1)
    return Counter.objects.select_for_update().values_list("value", flat=True).get(key=key)
