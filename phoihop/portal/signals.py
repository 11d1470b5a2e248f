"""Wagtail's page lifecycle → the portal's cache invalidation and related-list refresh.

These receivers only keep derived data (cached pages, "Có thể bạn quan tâm") in step with what
Wagtail did; the newsroom's own actions (corrections, takedowns) call
`phoihop.portal.cache.invalidate_for_article` directly as well.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from phoihop.portal import cache
from phoihop.portal.models import ArticlePage, CategoryPage, HomePage


def _changed(instance: Any, *, also_categories: tuple[int, ...] = ()) -> None:
    if isinstance(instance, ArticlePage):
        cache.invalidate_for_article(instance, also_categories=also_categories)
    elif isinstance(instance, CategoryPage):
        cache.invalidate_for_category(instance.pk)
    elif isinstance(instance, HomePage):
        cache.invalidate({cache.SITE, cache.LATEST})


def on_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    _changed(instance)
    if isinstance(instance, ArticlePage):
        from phoihop.portal.tasks import related_refresh_task

        article_id = instance.pk
        transaction.on_commit(lambda: related_refresh_task.enqueue(article_id=article_id))


def on_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    _changed(instance)


def on_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.live:
        _changed(instance)


def on_moved(sender: Any, instance: Any, parent_page_before: Any = None, **kwargs: Any) -> None:
    before = (parent_page_before.pk,) if parent_page_before is not None else ()
    _changed(instance.specific, also_categories=before)


def on_structure_changed(sender: Any, **kwargs: Any) -> None:
    """A Site or a view restriction changed: every page may answer differently."""
    cache.invalidate({cache.SITE})


def connect() -> None:
    for model in (Site, PageViewRestriction):
        post_save.connect(on_structure_changed, sender=model, dispatch_uid=f"portal-saved-{model.__name__}")
        post_delete.connect(on_structure_changed, sender=model, dispatch_uid=f"portal-removed-{model.__name__}")
    for model in (ArticlePage, CategoryPage, HomePage):
        page_published.connect(on_published, sender=model, dispatch_uid=f"portal-published-{model.__name__}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"portal-unpublished-{model.__name__}")
        pre_delete.connect(on_deleted, sender=model, dispatch_uid=f"portal-deleted-{model.__name__}")
    post_page_move.connect(on_moved, dispatch_uid="portal-moved")
