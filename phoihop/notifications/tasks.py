"""Background tasks (django-tasks): the e-mail side of notifications runs here, never in a request."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import scheduler
from phoihop.notifications import delivery


@task()
def send_notification_emails(delivery_ids: list[int]) -> int:
    """Send the queued immediate e-mails `delivery_ids` (or retry them). Returns how many went out."""
    return delivery.deliveries_send(delivery_ids)


@task()
def send_digests_task(scheduled_for: str = "", booked_for: str = "") -> dict[str, int] | None:
    """The digest run: due digests and the retry sweep; the scheduler then books the next run.

    `booked_for` is the scheduler's booking (a run whose booking was replaced or already done does
    nothing). `scheduled_for` only labels a run in the task log (runs queued before the scheduler
    carry it); without `booked_for` the run is a manual one and always sends what is due.
    """
    return scheduler.run(delivery.DIGEST_KEY, delivery.digest_work, booked_for=booked_for)


@task()
def retry_deliveries_task(booked_for: str = "") -> int | None:
    """Every quarter of an hour: resend failed e-mails whose delay has passed and queued ones whose
    task was lost (a crash between a commit and its enqueue), so none waits for the daily digest."""
    return scheduler.run(delivery.RETRY_KEY, delivery.deliveries_retry, booked_for=booked_for)
