"""Writing audit events. Every service that changes state calls `audit_record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from phoihop.audit.models import AuditEvent


def audit_record(
    *,
    actor: AbstractUser | AnonymousUser | None,
    verb: str,
    target: models.Model,
    organization: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction so it commits or rolls back with the change.

    `actor` is the person who acted (an `accounts.User`, typed by its Django base so that this app
    imports nothing of `accounts`), or None / anonymous for the system and the public.

    `organization` is an `accounts.Organization`; it is typed as a model here so that this app
    imports nothing of `accounts` (the foreign key still refuses any other model's instance).
    """
    person = actor if isinstance(actor, AbstractUser) and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=person,
        actor_repr=(person.get_full_name() or person.get_username()) if person is not None else "",
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:500],
        # django-stubs expects an Organization here; it is one, checked by the foreign key at run time.
        organization=organization,  # type: ignore[misc]
        data=data or {},
    )
