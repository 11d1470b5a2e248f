"""Background work of the e-mail intake: polling the IMAP mailbox on the scheduler's clock."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import scheduler

FETCH_KEY = "ingest.mail_fetch"


def _fetch() -> dict[str, int]:
    from phoihop.ingest.services import mail_fetch

    return mail_fetch()


@task()
def mail_fetch_tick(booked_for: str = "") -> dict[str, int] | None:
    """Read the mailbox once; the scheduler then books the next poll (also after a failure)."""
    return scheduler.run(FETCH_KEY, _fetch, booked_for=booked_for)
