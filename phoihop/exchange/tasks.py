"""Background work of the exchange: reminders before due times and escalation when overdue."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import scheduler

REMINDERS_KEY = "exchange.reminders"


@task()
def reminders_tick(booked_for: str = "") -> dict[str, int] | None:
    """Remind and escalate; the scheduler then books the next tick (also after a failure)."""
    from phoihop.exchange.services import send_reminders_and_escalations

    return scheduler.run(REMINDERS_KEY, send_reminders_and_escalations, booked_for=booked_for)


CLEANUP_KEY = "exchange.cleanup_uploads"


def _cleanup_uploads() -> int:
    from phoihop.exchange.services import orphan_uploads_remove

    return len(orphan_uploads_remove())


@task()
def cleanup_uploads_tick(booked_for: str = "") -> int | None:
    """Remove orphan upload files left by crashes; the scheduler then books the next sweep."""
    return scheduler.run(CLEANUP_KEY, _cleanup_uploads, booked_for=booked_for)


STATEMENTS_KEY = "exchange.statement_escalations"


@task()
def statements_tick(booked_for: str = "") -> dict[str, int] | None:
    """Escalate events whose initial statement is still awaited; the scheduler books the next tick."""
    from phoihop.exchange.statements import escalate_statement_events

    return scheduler.run(STATEMENTS_KEY, escalate_statement_events, booked_for=booked_for)


PETITIONS_KEY = "exchange.petition_deadlines"


@task()
def petitions_tick(booked_for: str = "") -> dict[str, int] | None:
    """Tell the newsroom of petitions past the unit's limit (it may forward or publish) and past its own
    limit to inform the petitioner; the scheduler then books the next tick."""
    from phoihop.exchange.services import petition_deadline_notices

    return scheduler.run(PETITIONS_KEY, petition_deadline_notices, booked_for=booked_for)


CONFERENCES_KEY = "exchange.periodic_duty_reminders"


@task()
def periodic_duty_tick(booked_for: str = "") -> dict[str, int] | None:
    """Remind units with the Art. 6(2) duty near the end of a month or quarter without their periodic
    information or press conference; the scheduler books the next tick."""
    from phoihop.exchange.conferences import remind_periodic_duties

    return scheduler.run(CONFERENCES_KEY, remind_periodic_duties, booked_for=booked_for)
