"""Wagtail's page lifecycle → the newsroom. Receivers only translate Wagtail's events into the
newsroom's services (or a task after the commit); the rules live in the services.

* an article goes live → its source submissions become "đã đăng", its assignments completed;
* an approval step starts (the article was submitted, resubmitted, or its previous step approved)
  → its assignment is "đã nộp bài", and the people who may decide the step are told by their
  chosen channel what happened and what waits for them;
* a step is approved or changes are requested → the article's authors are told who decided which
  step, what comes next, and the comment; on changes its assignment is back to "đang thực hiện";
* a page is scheduled (a revision gets a go-live time, or a live page an expiry) → the worker's
  scheduled-publishing run is made sure to wait.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_approved,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from phoihop.newsroom import publishing, services
from phoihop.newsroom.models import ArticleSource, Assignment
from phoihop.portal.models import ArticlePage


def _article_id(state: WorkflowState) -> int | None:
    model = state.content_type.model_class()
    if model is None or not issubclass(model, ArticlePage):
        return None
    return int(state.object_id)


def on_article_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from phoihop.newsroom.tasks import article_published_task

    article_id = instance.pk
    # Most articles come from no submission and no assignment: no task for them.
    if (
        ArticleSource.objects.filter(article_id=article_id).exists()
        or Assignment.objects.open().filter(article_id=article_id).exists()
    ):
        transaction.on_commit(lambda: article_published_task.enqueue(article_id=article_id), robust=True)
    if instance.expire_at is not None:
        publishing.schedule_after_commit()


def on_revision_saved(sender: Any, instance: Revision, **kwargs: Any) -> None:
    if instance.approved_go_live_at is not None:
        publishing.schedule_after_commit()


def on_workflow_rejected(sender: Any, instance: WorkflowState, user: Any = None, **kwargs: Any) -> None:
    article_id = _article_id(instance)
    if article_id is None:
        return
    task_state = instance.current_task_state
    comment = task_state.comment if task_state is not None else ""
    services.assignments_follow_article(article_id=article_id, status=Assignment.Status.IN_PROGRESS, reason=comment)


def on_task_submitted(sender: Any, instance: TaskState, user: Any = None, **kwargs: Any) -> None:
    """An approval step starts: its assignment is "đã nộp bài", and the step's people are told."""
    article_id = _article_id(instance.workflow_state)
    if article_id is None:
        return
    services.assignments_follow_article(article_id=article_id, status=Assignment.Status.SUBMITTED)
    services.approval_step_started(task_state=instance, user=user)


def on_task_decided(sender: Any, instance: TaskState, user: Any = None, **kwargs: Any) -> None:
    """A step was approved or changes were asked for: the article's authors are told."""
    if _article_id(instance.workflow_state) is None:
        return
    services.approval_step_decided(task_state=instance, user=user)


def wagtail_mail_replaced(sender: Any, **kwargs: Any) -> None:
    """Holds the place of one of Wagtail's own workflow e-mails (see `connect`)."""


# Wagtail e-mails every member of a step's groups and the submitter itself: in English, around the
# notifications app (no choice of channel, no delivery log), and to authors the rules bar from
# deciding. Receivers connected under Wagtail's own dispatch_uids take those places first — this
# app's ready() runs before wagtail.admin's (INSTALLED_APPS order) — so Django ignores Wagtail's
# connect; the newsroom's own notices above say it instead.
WAGTAIL_MAILS = (
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
)


def connect() -> None:
    for signal, sender, uid in WAGTAIL_MAILS:
        signal.connect(wagtail_mail_replaced, sender=sender, dispatch_uid=uid)
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="newsroom-article-published")
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="newsroom-revision-saved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="newsroom-workflow-rejected")
    task_submitted.connect(on_task_submitted, dispatch_uid="newsroom-task-submitted")
    task_approved.connect(on_task_decided, dispatch_uid="newsroom-task-approved")
    task_rejected.connect(on_task_decided, dispatch_uid="newsroom-task-rejected")
