"""Background tasks (django-tasks): the e-mail side of notifications runs here, never in a request."""

from __future__ import annotations

from django_tasks import task

from phoihop.notifications import delivery


@task()
def send_notification_emails(delivery_ids: list[int]) -> int:
    """Send the queued immediate e-mails `delivery_ids` (or retry them). Returns how many went out."""
    return delivery.deliveries_send(delivery_ids)


@task()
def send_digests_task(scheduled_for: str = "") -> dict[str, int]:
    """The self-scheduling digest run: due digests, the retry sweep, then enqueue the next run.

    `scheduled_for` only labels the run in the task log; the `DigestSchedule` row decides whether
    this run continues the chain (it always does unless another run already scheduled the next).
    """
    digests, retried = delivery.digest_run()
    return {"digests": digests, "retried": retried}
