"""Wagtail's page_published → answer the tipsters of the claim the article rebuts.

The receiver only schedules the work (after the publish commits); `services.rebuttal_published`
decides whether the article is a rebuttal at all and answers each tipster once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.signals import page_published


def on_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from phoihop.factcheck.models import Verdict
    from phoihop.factcheck.tasks import rebuttal_published_task

    page_id = instance.pk
    if not Verdict.objects.filter(rebuttal_id=page_id).exists():
        return
    transaction.on_commit(lambda: rebuttal_published_task.enqueue(page_id=page_id), robust=True)


def connect() -> None:
    from phoihop.portal.models import ArticlePage

    page_published.connect(on_published, sender=ArticlePage, dispatch_uid="factcheck-rebuttal-published")
