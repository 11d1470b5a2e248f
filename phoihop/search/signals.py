"""Wagtail's page signals → index tasks. Connected in `SearchConfig.ready`.

Tasks are enqueued when the transaction commits, so the worker reads the state that was committed
(an article back-dated right after publishing is indexed with its final date), and a rolled-back
publish enqueues nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from phoihop.portal.models import ArticlePage, CategoryPage
from phoihop.search import tasks


def _on_publish(sender: Any, instance: Page, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        page_id = instance.pk
        transaction.on_commit(lambda: tasks.article_reindex_task.enqueue(page_id))
    elif isinstance(instance, CategoryPage):
        _on_category_change(instance)


def _on_unpublish(sender: Any, instance: Page, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        page_id = instance.pk
        transaction.on_commit(lambda: tasks.article_remove_task.enqueue(page_id))


def _on_delete(sender: Any, instance: Page, **kwargs: Any) -> None:
    # The index row cascades with the page already; the task makes sure nothing is left behind.
    page_id = instance.pk
    transaction.on_commit(lambda: tasks.article_remove_task.enqueue(page_id))


def _on_category_change(instance: Page, **kwargs: Any) -> None:
    """A category's articles carry its name and URL: reindex them (in one task)."""
    page = instance.specific_deferred if isinstance(instance, Page) else instance
    if not isinstance(page, CategoryPage):
        return
    ids = list(ArticlePage.objects.child_of(page).live().values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: tasks.articles_reindex_task.enqueue(ids))


def _on_move(sender: Any, instance: Page, **kwargs: Any) -> None:
    if isinstance(instance.specific_deferred, ArticlePage):
        page_id = instance.pk
        transaction.on_commit(lambda: tasks.article_reindex_task.enqueue(page_id))
    else:
        _on_category_change(instance)


def _on_slug_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    _on_category_change(instance)


def connect() -> None:
    page_published.connect(_on_publish, dispatch_uid="search_page_published")
    page_unpublished.connect(_on_unpublish, dispatch_uid="search_page_unpublished")
    post_delete.connect(_on_delete, sender=ArticlePage, dispatch_uid="search_article_deleted")
    post_page_move.connect(_on_move, dispatch_uid="search_page_moved")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="search_slug_changed")
