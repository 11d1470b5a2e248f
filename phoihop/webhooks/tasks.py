"""The sending job of the webhooks, run by the worker through the scheduler."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import scheduler

DELIVERIES_KEY = "webhooks.deliveries"


def _deliver() -> dict[str, int]:
    from phoihop.webhooks.services import deliver_due

    return deliver_due()


@task()
def deliveries_tick(booked_for: str = "") -> dict[str, int] | None:
    """Send the due deliveries (new ones and retries); the scheduler then books the next tick."""
    return scheduler.run(DELIVERIES_KEY, _deliver, booked_for=booked_for)
