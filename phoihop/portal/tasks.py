"""Background work of the portal, run by the worker (`phoihop db_worker`)."""

from __future__ import annotations

from django_tasks import task

from phoihop.core import scheduler
from phoihop.portal.models import ArticlePage
from phoihop.portal.related import related_refresh


@task()
def most_read_aggregate_task(booked_for: str = "") -> int | None:
    """The "Đọc nhiều" fold booked by the first read after the last one (the scheduler's job)."""
    from phoihop.portal.services import MOST_READ_KEY, most_read_aggregate

    return scheduler.run(MOST_READ_KEY, most_read_aggregate, booked_for=booked_for)


@task()
def related_refresh_task(article_id: int) -> int:
    """Recompute one article's "Có thể bạn quan tâm" list (after it is published)."""
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    return related_refresh(article=article) if article is not None else 0
