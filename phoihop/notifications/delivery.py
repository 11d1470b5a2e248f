"""Sending e-mail for notifications: immediate messages, daily digests, retries, the digest schedule.

The digest run is the scheduler's job `DIGEST_KEY` (`phoihop.core.scheduler`): each run books the
next one at the next digest hour someone chose, and choosing the digest books one too.

Called from the background tasks in `tasks.py` and from `phoihop send_digests`, never from a request.
Invariants:

* Every attempt is claimed first with a conditional UPDATE (on `attempts` for a message, on
  `last_digest_at` for a digest), so two workers, or cron and the worker, never send the same mail twice.
* A failure is caught per message and written to the delivery log (`status=failed`, `error`); the
  in-app notification is untouched. A message is tried at most `MAX_ATTEMPTS` times.
* No database lock is held while talking to the mail server.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.core import scheduler
from phoihop.core.origin import public_origin, public_url
from phoihop.notifications.models import (
    MAX_ATTEMPTS,
    Delivery,
    NotificationPreference,
    default_digest_hour,
)
from phoihop.notifications.replies import reply_address

logger = logging.getLogger(__name__)

DIGEST_KEY = "notifications.digests"
RETRY_KEY = "notifications.retry"
RETRY_EVERY = dt.timedelta(minutes=15)

# Wait before the 2nd and the 3rd attempt of a failed message (when the task backend can defer).
RETRY_DELAYS = (dt.timedelta(minutes=5), dt.timedelta(minutes=30))
# A message still queued after this long lost its task (worker down, enqueue failed): the sweep sends it.
STALE_QUEUED_AFTER = dt.timedelta(minutes=15)
HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def base_url() -> str:
    return public_origin() + "/"


def absolute_url(url: str) -> str:
    """`url` as a link that works from a mail client: paths are joined to the public origin."""
    if not url:
        return ""
    return public_url(url)


def _common_context() -> dict[str, Any]:
    return {
        "PUBLICATION_NAME": settings.PHOIHOP_PUBLICATION_NAME,
        "inbox_url": absolute_url(reverse("notifications:inbox")),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }


def _render(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject (one line), plain text and HTML of `notifications/email/<template>`."""
    subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    return " ".join(subject.split())[:255], text, html


def _message(
    subject: str, text: str, html: str, address: str, connection: Any, *, reply_to: str = ""
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        connection=connection,
        headers=HEADERS,
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    return message


def _build(delivery: Delivery) -> tuple[str, str, str]:
    if delivery.notification is not None:
        notification = delivery.notification
        context = {
            **_common_context(),
            "notification": notification,
            "recipient": delivery.recipient,
            "link": absolute_url(notification.url) or absolute_url(reverse("notifications:inbox")),
        }
        return _render("notification", context)
    context = {
        **_common_context(),
        "subject": delivery.subject,
        "body": delivery.body,
        "link": absolute_url(delivery.url),
    }
    return _render("message", context)


def _reply_to(delivery: Delivery) -> str:
    """A notification about a submission's or a request's thread can be answered by e-mail."""
    notification = delivery.notification
    if notification is None or notification.target_type_id is None or not notification.target_id.isdigit():
        return ""
    target = notification.target_type
    if target is None or target.app_label != "exchange":
        return ""
    return reply_address(target.model, int(notification.target_id))


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _schedule_retry(delivery: Delivery) -> None:
    """Enqueue the next attempt after a delay, when the task backend can run tasks later.

    Backends that cannot (the immediate one used in tests) leave the failed row to the sweep in
    `deliveries_retry`, which `phoihop send_digests` and the digest task run.
    """
    from phoihop.notifications.tasks import send_notification_emails

    if delivery.attempts >= MAX_ATTEMPTS or not send_notification_emails.get_backend().supports_defer:
        return
    run_after = timezone.now() + RETRY_DELAYS[min(delivery.attempts, len(RETRY_DELAYS)) - 1]
    try:
        send_notification_emails.using(run_after=run_after).enqueue([delivery.pk])
    except Exception:
        logger.exception("Could not schedule a retry for delivery %s", delivery.pk)


def _attempt(delivery: Delivery, connection: Any) -> bool:
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, status__in=[Delivery.Status.QUEUED, Delivery.Status.FAILED]
    ).update(attempts=F("attempts") + 1, last_attempt_at=now)
    if not claimed:
        return False  # another worker has it, or it was sent meanwhile
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        subject, text, html = _build(delivery)
        delivery.subject = subject
        _message(subject, text, html, delivery.address, connection, reply_to=_reply_to(delivery)).send()
    except Exception as exc:  # noqa: BLE001 — any mail failure is logged on the row, never raised
        delivery.status = Delivery.Status.FAILED
        delivery.error = _error_text(exc)
        delivery.save(update_fields=["status", "error", "subject"])
        logger.warning("E-mail to %s failed (attempt %s): %s", delivery.address, delivery.attempts, delivery.error)
        _schedule_retry(delivery)
        return False
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.error = ""
    delivery.save(update_fields=["status", "sent_at", "error", "subject"])
    return True


def deliveries_send(delivery_ids: Sequence[int]) -> int:
    """Send the queued or failed e-mail deliveries among `delivery_ids`; returns how many went out."""
    deliveries = (
        Delivery.objects.retryable()
        .filter(pk__in=list(delivery_ids), channel=Delivery.Channel.EMAIL)
        .select_related("notification__actor", "notification__organization", "notification__target_type", "recipient")
        .order_by("pk")
    )
    sent = 0
    connection = get_connection()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for delivery in deliveries:
                sent += _attempt(delivery, connection)
    finally:
        try:
            connection.close()
        except Exception:
            logger.debug("Closing the mail connection failed", exc_info=True)
    return sent


def deliveries_retry(*, now: dt.datetime | None = None) -> int:
    """The sweep: resend failed e-mails whose delay has passed and queued ones whose task was lost."""
    now = now or timezone.now()
    due = Q(status=Delivery.Status.QUEUED, created_at__lte=now - STALE_QUEUED_AFTER)
    for attempts, delay in enumerate(RETRY_DELAYS, start=1):
        due |= Q(status=Delivery.Status.FAILED, attempts=attempts, last_attempt_at__lte=now - delay)
    ids = list(
        Delivery.objects.retryable().filter(due, channel=Delivery.Channel.EMAIL).values_list("pk", flat=True)[:5000]
    )
    return deliveries_send(ids) if ids else 0


# Digests ---------------------------------------------------------------------------------------


def digest_slot(hour: int, now: dt.datetime) -> dt.datetime:
    """The latest `hour`:00 (local time) at or before `now`."""
    local = timezone.localtime(now)
    slot = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if slot > local:
        slot -= dt.timedelta(days=1)
    return slot


def digest_due(preference: NotificationPreference, now: dt.datetime) -> bool:
    last = preference.last_digest_at
    return last is None or last < digest_slot(preference.digest_hour, now)


def _digest_items(user: Any, now: dt.datetime) -> list[Delivery]:
    return list(
        Delivery.objects.retryable()
        .filter(recipient=user, channel=Delivery.Channel.DIGEST, notification__created_at__lte=now)
        .select_related("notification__actor", "notification__organization")
        .order_by("notification__created_at", "pk")
    )


def _claim_digest(preference: NotificationPreference, now: dt.datetime) -> bool:
    previous = preference.last_digest_at
    match = Q(last_digest_at__isnull=True) if previous is None else Q(last_digest_at=previous)
    return bool(NotificationPreference.objects.filter(match, pk=preference.pk).update(last_digest_at=now))


def digest_send_for_user(user: Any, *, now: dt.datetime | None = None, force: bool = False) -> bool:
    """Send `user` one digest of everything waiting for it, if due (or `force`). True when a mail went out.

    The digest lists the notifications queued for the digest channel since the last one; their
    log rows become `sent` together. On failure they become `failed` and the digest is due again.
    """
    now = now or timezone.now()
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    if not force and not digest_due(preference, now):
        return False
    items = _digest_items(user, now)
    if not items:
        return False
    ids = [item.pk for item in items]
    if preference.email_mode == NotificationPreference.EmailMode.OFF or not user.email:
        reason = _("Người nhận đã tắt thư điện tử.") if user.email else _("Người nhận chưa có địa chỉ thư điện tử.")
        Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.SKIPPED, error=reason)
        return False
    previous = preference.last_digest_at
    if not _claim_digest(preference, now):
        return False
    Delivery.objects.filter(pk__in=ids).update(attempts=F("attempts") + 1, last_attempt_at=now)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **_common_context(),
            "recipient": user,
            "entries": [(n, absolute_url(n.url)) for n in (item.notification for item in items) if n is not None],
            "count": len(items),
            "day": timezone.localtime(now),
        }
        try:
            subject, text, html = _render("digest", context)
            _message(subject, text, html, user.email, None).send()
        except Exception as exc:  # noqa: BLE001 — logged on every item; the digest is due again
            Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.FAILED, error=_error_text(exc))
            NotificationPreference.objects.filter(pk=preference.pk, last_digest_at=now).update(last_digest_at=previous)
            logger.warning("Digest to %s failed: %s", user.email, exc)
            return False
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), error="", subject=subject, address=user.email
    )
    return True


def digests_send(*, now: dt.datetime | None = None, force: bool = False) -> int:
    """Send every due digest; returns how many went out."""
    now = now or timezone.now()
    user_ids = set(
        Delivery.objects.retryable()
        .filter(channel=Delivery.Channel.DIGEST, recipient__isnull=False)
        .values_list("recipient_id", flat=True)
    )
    users = get_user_model().objects.filter(pk__in=user_ids).order_by("pk")
    return sum(digest_send_for_user(user, now=now, force=force) for user in users)


def next_digest_run(now: dt.datetime, hours: Iterable[int] | None = None) -> dt.datetime:
    """The first digest hour strictly after `now` among the hours people chose (or the default hour)."""
    if hours is None:
        hours = (
            NotificationPreference.objects.filter(email_mode=NotificationPreference.EmailMode.DIGEST)
            .values_list("digest_hour", flat=True)
            .distinct()
        )
    chosen = set(hours) or {default_digest_hour()}
    return min(digest_slot(hour, now) + dt.timedelta(days=1) for hour in chosen)


def digest_schedule_next(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """Book the next digest run unless one is already waiting, no later. Returns its time, or None.

    Someone choosing an earlier hour than the booked run gets an earlier run (the earlier booking
    wins; the later one is skipped, and each run books the next chosen hour anyway). Needs a task
    backend that can run tasks later (`run_after`); with one that cannot, the documented daily
    cron/systemd timer running `phoihop send_digests` is the schedule.
    """
    return scheduler.request(DIGEST_KEY, at=next_digest_run(now or timezone.now()))


def digest_work(*, now: dt.datetime | None = None, force: bool = False) -> dict[str, int]:
    """Due digests, then the retry sweep. Returns how many of each went out."""
    now = now or timezone.now()
    digests = digests_send(now=now, force=force)
    retried = deliveries_retry(now=now)
    return {"digests": digests, "retried": retried}


def digest_run(*, now: dt.datetime | None = None, force: bool = False, schedule: bool = True) -> tuple[int, int]:
    """One digest run (a run of the scheduler's job): due digests, the retry sweep, then the next
    run unless `schedule` is False. Returns (digests, retried)."""
    result = scheduler.run(DIGEST_KEY, lambda: digest_work(now=now, force=force), follow=schedule)
    return (result["digests"], result["retried"]) if result is not None else (0, 0)
