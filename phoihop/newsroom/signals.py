"""Wagtail's page lifecycle → the newsroom. Receivers only translate Wagtail's events into the
newsroom's services (or a task after the commit); the rules live in the services.

* an article goes live → its source submissions become "đã đăng", its assignments completed;
* an approval step starts (the article was submitted or resubmitted) → its assignment is "đã nộp
  bài", and the people who may approve the step are told in their inbox;
* changes are requested → its assignment is back to "đang thực hiện", with the comment;
* a page is scheduled (a revision gets a go-live time, or a live page an expiry) → the worker's
  scheduled-publishing run is made sure to wait.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Revision, TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_rejected

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
    """An approval step starts (the article was submitted, or resubmitted after changes): its
    assignment is "đã nộp bài", and the members of the step's groups are told it waits for them."""
    from phoihop.notifications.services import notify

    article_id = _article_id(instance.workflow_state)
    if article_id is None:
        return
    services.assignments_follow_article(article_id=article_id, status=Assignment.Status.SUBMITTED)
    task = instance.task.specific
    if not isinstance(task, GroupApprovalTask):
        return
    approvers = [member for group in task.groups.all() for member in group.user_set.filter(is_active=True)]
    title = instance.revision.object_str if instance.revision_id else ""
    notify(
        recipients=approvers,
        verb="newsroom.approval_waiting",
        title=_("Bài chờ duyệt (%(step)s): %(title)s") % {"step": task.name, "title": title},
        url=reverse("wagtailadmin_pages:edit", args=[article_id]),
        actor=user,
        email=False,
    )


def connect() -> None:
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="newsroom-article-published")
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="newsroom-revision-saved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="newsroom-workflow-rejected")
    task_submitted.connect(on_task_submitted, dispatch_uid="newsroom-task-submitted")
