"""What happens around publication: the link back to the partner's submission, and scheduled
publishing run by the worker (no cron).

* When an article made from a submission is published (now or at its scheduled time), the
  submission becomes "đã đăng" with the article's address and the partner is told (the exchange's
  own service does that), and the article's assignments are completed.
* Scheduled publishing is Wagtail's: a revision approved with a future "go live" time waits with
  `approved_go_live_at`, and Wagtail's `publish_scheduled` command publishes (and unpublishes
  expired pages). The worker runs that command as the scheduler's job `PUBLISHING_KEY`
  (`phoihop.core.scheduler`): each run books the next one at the earliest pending go-live or
  expiry time, never sooner than a minute after the run, and the chain rests when nothing is
  scheduled. Scheduling a page books a run too; the earlier booking wins.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Page, Revision

from phoihop.core import scheduler
from phoihop.core.origin import public_url
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import Submission
from phoihop.newsroom import services
from phoihop.newsroom.models import ArticleSource, Assignment
from phoihop.portal.models import ArticlePage

logger = logging.getLogger(__name__)

PUBLISHING_KEY = "newsroom.scheduled_publishing"
# The chain never runs more often than this.
RUN_SPACING = dt.timedelta(minutes=1)
# Wagtail publishes revisions whose go-live time is strictly before now: run just after it.
AFTER_DUE = dt.timedelta(seconds=1)


def article_url(article: Page) -> str:
    return public_url(article.get_url() or "/")


def article_published(*, article_id: int) -> dict[str, int]:
    """Called (by a task) after an article went live: its source submissions become "đã đăng" with
    its address, and its open assignments are completed. System action; idempotent."""
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return {"submissions": 0, "assignments": 0}
    url = article_url(article)
    marked = 0
    for source in ArticleSource.objects.filter(article_id=article.pk).select_related("submission"):
        submission = source.submission
        if submission.status == Submission.Status.PUBLISHED:
            continue
        if Submission.Status.PUBLISHED not in exchange_services.SUBMISSION_TRANSITIONS[submission.status]:
            logger.warning(
                "article %s published, but submission %s is %s", article.pk, submission.reference, submission.status
            )
            continue
        exchange_services.submission_mark_published(actor=None, submission=submission, url=url, page=article)
        marked += 1
    completed = services.assignments_follow_article(article_id=article.pk, status=Assignment.Status.COMPLETED)
    return {"submissions": marked, "assignments": completed}


# ----------------------------------------------------------------------------------------------
# Scheduled publishing


def next_due() -> dt.datetime | None:
    """The earliest moment something scheduled must happen: a revision going live or a live page
    expiring. None when nothing is scheduled."""
    go_live = Revision.objects.filter(approved_go_live_at__isnull=False).aggregate(at=Min("approved_go_live_at"))["at"]
    expiry = Page.objects.filter(live=True, expire_at__isnull=False).aggregate(at=Min("expire_at"))["at"]
    moments = [moment for moment in (go_live, expiry) if moment is not None]
    return min(moments) if moments else None


def scheduled_publish_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Publish what is due and unpublish what expired, with Wagtail's own `publish_scheduled`
    command. Returns how many of each were due (the scheduler keeps it as the last run's result)."""
    now = now or timezone.now()
    published = Revision.objects.filter(approved_go_live_at__lt=now).count()
    unpublished = Page.objects.filter(live=True, expire_at__lt=now).count()
    if published or unpublished:
        call_command("publish_scheduled", stdout=io.StringIO())
    return {"published": published, "unpublished": unpublished}


def next_run_at(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the next run should be: just after the earliest go-live or expiry, and not sooner than
    `RUN_SPACING` from now. None when nothing is scheduled (the chain rests)."""
    due = next_due()
    if due is None:
        return None
    now = now or timezone.now()
    return max(due + AFTER_DUE, now + RUN_SPACING)


def follow(_started_at: dt.datetime) -> dt.datetime | None:
    """The scheduler's rule after each run: counted from the run's end, like a page scheduled now."""
    return next_run_at()


def schedule_next(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """Book the next scheduled-publishing run unless one already waits that is early enough.
    Returns its time, or None (nothing scheduled, one already waiting, or a task backend that
    cannot run tasks later — then `phoihop publish_scheduled_articles` from cron is the schedule)."""
    at = next_run_at(now=now)
    return scheduler.request(PUBLISHING_KEY, at=at) if at is not None else None


def schedule_after_commit(**_kwargs: Any) -> None:
    """Make sure a run is waiting, once the caller's transaction is committed."""
    transaction.on_commit(schedule_next, robust=True)
