"""Wagtail's page_published → answer the tipsters of the claim the article rebuts; a verdict label
edited → the rebuttals showing it (their ClaimReview rating) are rendered afresh.

The publish receiver only schedules the work (after the publish commits); `services.rebuttal_published`
decides whether the article is a rebuttal at all and answers each tipster once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published


def on_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from phoihop.factcheck.models import Verdict
    from phoihop.factcheck.tasks import rebuttal_published_task

    page_id = instance.pk
    if not Verdict.objects.filter(rebuttal_id=page_id).exists():
        return
    transaction.on_commit(lambda: rebuttal_published_task.enqueue(page_id=page_id), robust=True)


def on_label_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from phoihop.factcheck.models import Verdict
    from phoihop.portal import cache

    if created:
        return
    rebuttals = Verdict.objects.filter(label=instance, rebuttal__isnull=False).values_list("rebuttal_id", flat=True)
    names = {cache.article_key(pk) for pk in rebuttals}
    if names:
        cache.invalidate(names)


def connect() -> None:
    from phoihop.factcheck.models import VerdictLabel
    from phoihop.portal.models import ArticlePage

    page_published.connect(on_published, sender=ArticlePage, dispatch_uid="factcheck-rebuttal-published")
    post_save.connect(on_label_saved, sender=VerdictLabel, dispatch_uid="factcheck-label-saved")
