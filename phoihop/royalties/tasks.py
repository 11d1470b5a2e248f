"""Background work of royalties: the daily reminder of royalties near or past their 60 days."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import scheduler

REMINDERS_KEY = "royalties.due_reminders"


@task()
def reminders_tick(booked_for: str = "") -> dict[str, int] | None:
    """Remind the leaders of unpaid royalties; the scheduler then books the next tick."""
    from phoihop.royalties.services import send_due_reminders

    return scheduler.run(REMINDERS_KEY, send_due_reminders, booked_for=booked_for)
