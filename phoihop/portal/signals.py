"""Wagtail's page lifecycle → the portal's cache invalidation and related-list refresh.

These receivers only keep derived data (cached pages, "Có thể bạn quan tâm") in step with what
Wagtail did; the newsroom's own actions (corrections, takedowns) call
`phoihop.portal.cache.invalidate_for_article` directly as well.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from phoihop.portal import cache
from phoihop.portal.models import ArticlePage, CategoryPage, HomePage
from phoihop.portal.tasks import related_refresh_task


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


def _articles_showing(image: Any) -> set[int]:
    """The articles that show `image`: as their lead image, or in their body as Wagtail's
    reference index knows it (kept up to date on every page save)."""
    shown = set(ArticlePage.objects.filter(lead_image=image).values_list("pk", flat=True))
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(image).filter(base_content_type=page_type)
    shown.update(int(pk) for pk in references.values_list("object_id", flat=True))
    return shown


def on_image_changed(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """An image edited (file replaced, focal point moved, title) or about to be deleted: every page
    and card showing it is rendered afresh, with the new renditions."""
    if created:
        return
    shown = _articles_showing(instance)
    if shown:
        cache.invalidate({cache.article_key(pk) for pk in shown})


def connect() -> None:
    image_model = get_image_model()
    post_save.connect(on_image_changed, sender=image_model, dispatch_uid="portal-image-saved")
    pre_delete.connect(on_image_changed, sender=image_model, dispatch_uid="portal-image-deleted")
    for model in (Site, PageViewRestriction):
        post_save.connect(on_structure_changed, sender=model, dispatch_uid=f"portal-saved-{model.__name__}")
        post_delete.connect(on_structure_changed, sender=model, dispatch_uid=f"portal-removed-{model.__name__}")
    for model in (ArticlePage, CategoryPage, HomePage):
        page_published.connect(on_published, sender=model, dispatch_uid=f"portal-published-{model.__name__}")
        page_unpublished.connect(on_unpublished, sender=model, dispatch_uid=f"portal-unpublished-{model.__name__}")
        pre_delete.connect(on_deleted, sender=model, dispatch_uid=f"portal-deleted-{model.__name__}")
    post_page_move.connect(on_moved, dispatch_uid="portal-moved")
