"""Every write of the webhooks: endpoints, the deliveries an event makes, sending, retrying, replaying.

A delivery row is written in the same transaction as the change that caused it (an outbox: a change
rolled back leaves no delivery, a committed one never loses its delivery); sending happens after the
commit, in the scheduler's job `webhooks.deliveries` (asked for at once after the commit, and run
every minute for the retries). Retries back off: 1 min, 5 min, 30 min, 2 h, 12 h after the failed
attempts, then the delivery is failed. A replay is a new delivery of the same event (same payload
and event id, a new delivery id), so a receiver may de-duplicate by the payload's `id`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization, User
from phoihop.accounts.tree import OrganizationTree
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import audit_record
from phoihop.core import scheduler
from phoihop.core.text import clean_text
from phoihop.webhooks import access, events, signing, transport
from phoihop.webhooks.models import WebhookDelivery, WebhookEndpoint
from phoihop.webhooks.tasks import DELIVERIES_KEY

BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
# A claimed delivery is not picked again for this long: a worker that died mid-send is retried after it.
LEASE = dt.timedelta(minutes=5)
# Sent one after another with a 10-second timeout each: a batch ends well within its lease.
BATCH = 20
USER_AGENT = "phoihop-webhooks/1"


# ----------------------------------------------------------------------------------------------
# Endpoints


def _clean_events(chosen: Iterable[str]) -> list[str]:
    picked = [name for name in events.EVENTS if name in set(chosen)]
    if not picked:
        raise ValidationError(_("Chọn ít nhất một sự kiện."))
    return picked


def endpoint_create(
    *, actor: User, organization: Organization, url: str, events_chosen: Sequence[str], description: str = ""
) -> WebhookEndpoint:
    """A unit's manager adds an endpoint; its secret is generated here and shown to them once."""
    access.require_manage(actor, organization.pk)
    url = url.strip()
    # The same check as every send (https, no address inside our network); its DNS lookup is made
    # before the transaction, so a slow resolver holds no lock.
    transport.resolve(url)
    with transaction.atomic():
        return _endpoint_save(
            actor=actor, organization=organization, url=url, events_chosen=events_chosen, description=description
        )


def _endpoint_save(
    *, actor: User, organization: Organization, url: str, events_chosen: Sequence[str], description: str
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(
        organization=organization,
        url=url,
        description=clean_text(description),
        events=_clean_events(events_chosen),
        created_by=actor,
    )
    endpoint.full_clean()
    endpoint.save()
    audit_record(
        actor=actor,
        verb="webhook_endpoint.created",
        target=endpoint,
        organization=organization,
        data={"url": url, "events": endpoint.events},
    )
    return endpoint


@transaction.atomic
def endpoint_deactivate(*, actor: User, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Stop an endpoint: nothing more is sent to it, and what waited is marked failed."""
    access.require_manage(actor, endpoint.organization_id)
    current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if not current.active:
        return current
    current.active = False
    current.deactivated_at = timezone.now()
    current.save(update_fields=["active", "deactivated_at"])
    current.deliveries.filter(status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.FAILED, next_attempt_at=None, last_error=_("Địa chỉ nhận đã ngừng.")
    )
    audit_record(actor=actor, verb="webhook_endpoint.deactivated", target=current, organization=current.organization)
    return current


# ----------------------------------------------------------------------------------------------
# Events → deliveries


def _listening(organization_ids: Iterable[int], name: str) -> list[WebhookEndpoint]:
    """The active endpoints subscribed to `name` of the organizations concerned, of the units above
    them (a unit sees its sub-units' work) and of the press (it sees every unit's)."""
    ids = set(organization_ids)
    if not ids or not WebhookEndpoint.objects.filter(active=True).exists():
        return []
    ids |= OrganizationTree.load().ancestors(ids)
    ids |= set(Organization.objects.filter(kind=Organization.Kind.PRESS).values_list("pk", flat=True))
    candidates = WebhookEndpoint.objects.filter(active=True, organization_id__in=ids)
    # The subscribed events are a JSON list: filtered here, as SQLite has no JSON `contains`.
    return [endpoint for endpoint in candidates if name in endpoint.events]


def enqueue(event: events.Event) -> list[WebhookDelivery]:
    """One pending delivery per listening endpoint, in the caller's transaction; sent after the commit."""
    endpoints = _listening(event.organization_ids, event.name)
    if not endpoints:
        return []
    now = timezone.now()
    created = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint, event=event.name, event_id=event.id, payload=event.payload, next_attempt_at=now
        )
        for endpoint in endpoints
    )
    transaction.on_commit(kick, robust=True)
    return created


def kick() -> None:
    """Ask for a run of the sending job now (after the commit that made the deliveries)."""
    scheduler.request(DELIVERIES_KEY, at=timezone.now(), eager=True)


def event_from_audit(*, name: str, audit: AuditEvent, obj: Any) -> list[WebhookDelivery]:
    if name in (events.ARTICLE_CORRECTED, events.ARTICLE_TAKEN_DOWN):
        extra = {"correction": audit.data.get("text", "")} if name == events.ARTICLE_CORRECTED else {}
        return event_from_article(name=name, article=obj, occurred_at=audit.created_at, extra=extra)
    if name == events.SUBMISSION_STATUS_CHANGED:
        target, data = events.submission_data(obj)
    else:
        target, data = events.request_data(obj)
    organization = audit.organization or getattr(obj, "organization", None)
    if organization is None:
        return []
    payload = events.payload(name=name, occurred_at=audit.created_at, organization=organization, obj=target, data=data)
    return enqueue(events.Event(name=name, payload=payload, organization_ids=frozenset({organization.pk})))


def _article_units(article: Any) -> set[int]:
    """The units an article concerns: those whose submissions it was made from, and its programme's parties."""
    from phoihop.newsroom.models import ArticleSource
    from phoihop.programs.models import ProgramParty

    ids = set(ArticleSource.objects.filter(article_id=article.pk).values_list("submission__organization_id", flat=True))
    if getattr(article, "program_id", None) is not None:
        ids |= set(ProgramParty.objects.filter(program_id=article.program_id).values_list("organization_id", flat=True))
    return ids


def event_from_article(
    *, name: str, article: Any, occurred_at: Any, extra: dict[str, Any] | None = None
) -> list[WebhookDelivery]:
    article = getattr(article, "specific", article)
    press = Organization.objects.filter(kind=Organization.Kind.PRESS).order_by("pk").first()
    target, data = events.article_data(article)
    payload = events.payload(
        name=name,
        occurred_at=occurred_at or timezone.now(),
        organization=press,
        obj=target,
        data={**data, **(extra or {})},
    )
    units = _article_units(article) | ({press.pk} if press is not None else set())
    return enqueue(events.Event(name=name, payload=payload, organization_ids=frozenset(units)))


# ----------------------------------------------------------------------------------------------
# Sending


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send one delivery once and record what happened (delivered, retry later, or failed)."""
    endpoint = delivery.endpoint
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        signing.SIGNATURE_HEADER: signing.header(endpoint.secret, body),
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.uid),
    }
    response = transport.post(endpoint.url, body, headers)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = response.status
    delivery.last_error = response.error[:500]
    if response.ok:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts > len(BACKOFF):
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return delivery


def _claim(now: dt.datetime, limit: int) -> list[WebhookDelivery]:
    """Take up to `limit` due deliveries under their row locks (skipping rows another worker holds,
    on PostgreSQL) and lease them, so two workers never send one delivery at the same time."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now, endpoint__active=True
    ).order_by("next_attempt_at", "id")
    if connection.features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True, of=("self",))
    with transaction.atomic():
        claimed = list(due.select_related("endpoint")[:limit])
        WebhookDelivery.objects.filter(pk__in=[d.pk for d in claimed]).update(next_attempt_at=now + LEASE)
    return claimed


def deliver_due(*, now: dt.datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send what is due (the scheduler's job); returns how many were delivered, retried, failed."""
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    for delivery in _claim(now or timezone.now(), limit):
        done = attempt(delivery)
        key = {"delivered": "delivered", "failed": "failed"}.get(done.status, "retry")
        counts[key] += 1
    return counts


@transaction.atomic
def delivery_replay(*, actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send an event again to its endpoint: a new delivery (new id and signature), logged."""
    access.require_manage(actor, delivery.endpoint.organization_id)
    endpoint = WebhookEndpoint.objects.get(pk=delivery.endpoint_id)
    if not endpoint.active:
        raise ValidationError(_("Địa chỉ nhận đã ngừng: không gửi lại được."))
    again = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=delivery.event,
        event_id=delivery.event_id,
        payload=delivery.payload,
        next_attempt_at=timezone.now(),
        replay_of=delivery,
    )
    audit_record(
        actor=actor,
        verb="webhook_delivery.replayed",
        target=endpoint,
        organization=endpoint.organization,
        data={"delivery": str(delivery.uid), "replay": str(again.uid), "event": delivery.event},
    )
    transaction.on_commit(kick, robust=True)
    return again
