"""Where the webhook events come from: the audit trail, and Wagtail's publication of an article."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from wagtail.signals import page_published

from phoihop.audit.models import AuditEvent
from phoihop.portal.models import ArticlePage
from phoihop.webhooks import events, services


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
    services.event_from_audit(name=name, audit=instance, obj=obj)


def on_article_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.event_from_article(name=events.ARTICLE_PUBLISHED, article=instance, occurred_at=instance.last_published_at)


def connect() -> None:
    post_save.connect(on_audit_event, sender=AuditEvent, dispatch_uid="webhooks-audit-event")
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="webhooks-article-published")
