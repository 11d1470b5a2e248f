"""Writing audit events. Every service that changes state calls `audit_record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from phoihop.audit.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    organization: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction so it commits or rolls back with the change.

    `organization` is an `accounts.Organization`; it is typed as a model here so that this app
    imports nothing of `accounts` (the foreign key still refuses any other model's instance).
    """
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_repr=(actor.get_full_name() or actor.get_username()) if is_user else "",
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:500],
        # django-stubs expects an Organization here; it is one, checked by the foreign key at run time.
        organization=organization,  # type: ignore[misc]
        data=data or {},
    )
