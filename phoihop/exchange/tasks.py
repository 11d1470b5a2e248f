"""Background work of the exchange: reminders before due times and escalation when overdue."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import periodic

REMINDERS_KEY = "exchange.reminders"


@task()
def reminders_tick() -> dict[str, int]:
    """Remind and escalate, then schedule the next tick."""
    from phoihop.exchange.services import send_reminders_and_escalations

    try:
        return send_reminders_and_escalations()
    finally:
        periodic.finished(REMINDERS_KEY)


CLEANUP_KEY = "exchange.cleanup_uploads"


@task()
def cleanup_uploads_tick() -> int:
    """Remove orphan upload files left by crashes, then schedule the next sweep."""
    from phoihop.exchange.services import orphan_uploads_remove

    try:
        return len(orphan_uploads_remove())
    finally:
        periodic.finished(CLEANUP_KEY)
