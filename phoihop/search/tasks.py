"""Index updates, run by the worker (django-tasks): requests never wait for the index."""

from __future__ import annotations

from django_tasks import task

from phoihop.search import services


@task()
def article_reindex_task(page_id: int) -> bool:
    """(Re)index or remove one article, whichever its current state calls for."""
    return services.article_reindex(page_id)


@task()
def article_remove_task(page_id: int) -> bool:
    """Remove one article from the public index (unpublished, taken down, deleted)."""
    return services.article_remove(page_id)


@task()
def articles_reindex_task(page_ids: list[int]) -> list[int]:
    """(Re)index several pages at once: a category renamed or moved changes its articles' URLs and
    category name."""
    return list(services.articles_index(page_ids))
