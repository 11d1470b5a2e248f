"""Background work of the newsroom, run by the worker (`phoihop db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def article_published_task(article_id: int) -> dict[str, int]:
    """After an article went live: its source submissions become "đã đăng", its assignments done."""
    from phoihop.newsroom.publishing import article_published

    return article_published(article_id=article_id)


@task()
def publish_scheduled_task() -> dict[str, int]:
    """The self-rescheduling scheduled-publishing run: Wagtail's `publish_scheduled`, then the next
    run is enqueued (even when this one failed, so one bad page does not stop the chain)."""
    from phoihop.newsroom.publishing import schedule_next, scheduled_publish_run

    try:
        return scheduled_publish_run()
    finally:
        schedule_next()
