"""Background work of the newsroom, run by the worker (`phoihop db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def article_published_task(article_id: int) -> dict[str, int]:
    """After an article went live: its source submissions become "đã đăng", its assignments done."""
    from phoihop.newsroom.publishing import article_published

    return article_published(article_id=article_id)


@task()
def publish_scheduled_task(booked_for: str = "") -> dict[str, int] | None:
    """The scheduled-publishing run: Wagtail's `publish_scheduled`; the scheduler then books the
    next run (even when this one failed, so one bad page does not stop the chain)."""
    from phoihop.core import scheduler
    from phoihop.newsroom.publishing import PUBLISHING_KEY, scheduled_publish_run

    return scheduler.run(PUBLISHING_KEY, scheduled_publish_run, booked_for=booked_for)
