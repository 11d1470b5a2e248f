"""Where the webhook events come from: the audit trail, and Wagtail's publication of an article."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from phoihop.audit.models import AuditEvent
from phoihop.portal.models import ArticlePage
from phoihop.webhooks import events, services

logger = logging.getLogger(__name__)


def _isolated(work: Callable[[], Any]) -> None:
    """Run `work` in a savepoint: a fault of the webhooks never undoes the change that caused the event
    (the submission is still acknowledged, the article still published); it is logged instead."""
    try:
        with transaction.atomic():
            work()
    except Exception:
        logger.exception("webhooks: could not record the deliveries of an event")


def on_audit_event(sender: Any, instance: AuditEvent, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    if not created or raw:
        return
    name = events.VERBS.get(instance.verb)
    if name is None:
        return
    target = instance.target_type.model_class()
    if target is None:
        return
    obj = target._default_manager.filter(pk=instance.target_id).first()
    if obj is None:
        return
    _isolated(lambda: services.event_from_audit(name=name, audit=instance, obj=obj))


def on_article_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    _isolated(
        lambda: services.event_from_article(
            name=events.ARTICLE_PUBLISHED, article=instance, occurred_at=instance.last_published_at
        )
    )


def connect() -> None:
    post_save.connect(on_audit_event, sender=AuditEvent, dispatch_uid="webhooks-audit-event")
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="webhooks-article-published")
