"""Writes for notifications. Other apps call `notify` (and `notify_emails`) from their own services.

`notify` writes the in-app rows and the delivery log in the caller's transaction; the e-mail goes
out from a background task scheduled with `transaction.on_commit`, so a change that rolls back
tells nobody, and a mail server that is down delays the mail but never loses the notification.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.notifications.models import Delivery, Notification, NotificationPreference

if TYPE_CHECKING:
    from phoihop.accounts.models import Organization, User

logger = logging.getLogger(__name__)


def _unique_recipients(recipients: Iterable[Any], actor: User | None) -> list[Any]:
    """Active users, each once, in the order given, without the actor."""
    actor_id = getattr(actor, "pk", None)
    seen: set[int] = set()
    people = []
    for user in recipients:
        if user is None or user.pk is None or user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        people.append(user)
    return people


def _target_fields(target: models.Model | None) -> dict[str, Any]:
    if target is None:
        return {}
    return {
        "target_type": ContentType.objects.get_for_model(target, for_concrete_model=False),
        "target_id": str(target.pk),
        "target_repr": str(target)[:500],
    }


def _url_of(target: models.Model | None) -> str:
    get_absolute_url = getattr(target, "get_absolute_url", None)
    if get_absolute_url is None:
        return ""
    try:
        return str(get_absolute_url())
    except Exception:  # noqa: BLE001 — a target without a page of its own just has no link
        return ""


def _enqueue_emails(delivery_ids: Sequence[int]) -> None:
    from phoihop.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(list(delivery_ids))


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    verb: str,
    title: str,
    body: str = "",
    url: str = "",
    target: models.Model | None = None,
    actor: User | None = None,
    organization: Organization | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell `recipients` about something: in-app at once, by e-mail after the caller commits.

    Never notifies the actor, skips inactive users, counts each person once. With `email`, each
    recipient's preference decides: immediate (queued and sent by a task on commit), digest
    (listed in the next daily digest) or off (logged as skipped). Any caller may use it; checking
    that the recipients may see `target` is the caller's job. Returns the new notifications.
    """
    people = _unique_recipients(recipients, actor)
    if not people:
        return []
    now = timezone.now()
    title = clean_text(title)[:255]
    body = clean_multiline(body)
    url = (url or _url_of(target))[:500]
    actor_user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    target_fields = _target_fields(target)
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                actor=actor_user,
                verb=verb,
                title=title,
                body=body,
                url=url,
                organization=organization,
                created_at=now,
                **target_fields,
            )
            for user in people
        ]
    )
    rows = [
        Delivery(
            notification=n,
            recipient=n.recipient,
            channel=Delivery.Channel.IN_APP,
            status=Delivery.Status.SENT,
            subject=title,
            attempts=1,
            created_at=now,
            sent_at=now,
        )
        for n in notifications
    ]
    queued: list[Delivery] = []
    if email:
        modes = dict(
            NotificationPreference.objects.filter(user__in=[u.pk for u in people]).values_list("user_id", "email_mode")
        )
        for n in notifications:
            address = n.recipient.email
            row = Delivery(notification=n, recipient=n.recipient, address=address, subject=title, created_at=now)
            mode = modes.get(n.recipient.pk, NotificationPreference.EmailMode.IMMEDIATE)
            if mode == NotificationPreference.EmailMode.OFF:
                row.channel, row.status, row.error = (
                    Delivery.Channel.EMAIL,
                    Delivery.Status.SKIPPED,
                    _("Người nhận đã tắt thư điện tử."),
                )
            elif not address:
                row.channel, row.status, row.error = (
                    Delivery.Channel.EMAIL,
                    Delivery.Status.SKIPPED,
                    _("Người nhận chưa có địa chỉ thư điện tử."),
                )
            elif mode == NotificationPreference.EmailMode.DIGEST:
                row.channel = Delivery.Channel.DIGEST
            else:
                row.channel = Delivery.Channel.EMAIL
                queued.append(row)
            rows.append(row)
    Delivery.objects.bulk_create(rows)
    if queued:
        ids = [row.pk for row in queued]
        # robust: an enqueue that fails after the commit is logged; the queued rows stay for the sweep.
        transaction.on_commit(lambda: _enqueue_emails(ids), robust=True)
    return notifications


@transaction.atomic
def notify_emails(
    *,
    addresses: Iterable[str],
    subject: str,
    body: str,
    url: str = "",
) -> list[Delivery]:
    """E-mail people who have no account (a member of the public who left an address on a tip).

    Logged in the same delivery log (no recipient user) and sent by the same task after commit.
    Invalid and repeated addresses are dropped.
    """
    seen: set[str] = set()
    rows = []
    now = timezone.now()
    for raw in addresses:
        address = (raw or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            logger.info("notify_emails: dropped an invalid address")
            continue
        if address.lower() in seen:
            continue
        seen.add(address.lower())
        rows.append(
            Delivery(
                address=address,
                channel=Delivery.Channel.EMAIL,
                status=Delivery.Status.QUEUED,
                subject=clean_text(subject)[:255],
                body=clean_multiline(body),
                url=url[:500],
                created_at=now,
            )
        )
    if not rows:
        return []
    rows = Delivery.objects.bulk_create(rows)
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: _enqueue_emails(ids), robust=True)
    return rows


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (idempotent). Get it through `access` first."""
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.for_user(actor).unread().update(read_at=timezone.now())


@transaction.atomic
def preference_update(*, actor: User | None, user: User, email_mode: str, digest_hour: int) -> NotificationPreference:
    """Change how `user` gets e-mail. Only the user themself (or a superuser) may.

    Choosing the digest starts it from now: what was already mailed or skipped is not repeated,
    and the next digest comes at the next `digest_hour`. It also makes sure a digest run is
    scheduled (when the task backend can run tasks later).
    """
    if actor is None or (actor.pk != user.pk and not getattr(actor, "is_superuser", False)):
        raise PermissionDenied
    if email_mode not in NotificationPreference.EmailMode.values:
        raise ValidationError({"email_mode": _("Cách nhận thư không hợp lệ.")})
    if not 0 <= int(digest_hour) <= 23:
        raise ValidationError({"digest_hour": _("Giờ gửi phải từ 0 đến 23.")})
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    before = {"email_mode": preference.email_mode, "digest_hour": preference.digest_hour}
    starts_digest = email_mode == NotificationPreference.EmailMode.DIGEST and (
        _created or preference.email_mode != email_mode
    )
    preference.email_mode = email_mode
    preference.digest_hour = int(digest_hour)
    fields = ["email_mode", "digest_hour", "updated_at"]
    if starts_digest:
        preference.last_digest_at = timezone.now()
        fields.append("last_digest_at")
    preference.save(update_fields=fields)
    after = {"email_mode": preference.email_mode, "digest_hour": preference.digest_hour}
    if after != before or _created:
        audit_record(actor=actor, verb="notification_preference.updated", target=preference, data=after)
    if email_mode == NotificationPreference.EmailMode.DIGEST:
        from phoihop.notifications.delivery import digest_schedule_next

        transaction.on_commit(lambda: digest_schedule_next(), robust=True)
    return preference
