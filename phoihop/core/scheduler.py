"""One scheduler for the background work that runs later, on django-tasks and one table.

The worker (`phoihop db_worker`) has no cron. A job is a django-tasks task registered here under a
key; the scheduler books its runs with `run_after` and keeps one `ScheduledRun` row per key:

* `request(key, at=...)` books a run at `at` unless one already waits that is no later: one booked
  run per key, and an earlier request replaces a later booking (whose task, when it comes, is
  skipped). The common case, a run already waiting, costs one indexed read and no lock.
* A booked task claims its run under the row's lock before working (`run`): a task whose booking
  was replaced, or that another worker already claimed, does nothing. Several workers never run
  one booking twice.
* After a run, successful or not, a job registered with `every` (periodic) or `follow` (a rule
  giving the next time) books its next run; other jobs rest until the next request.
* A booking more than `LOST_AFTER` overdue is taken as lost (its task row pruned, or the enqueue
  failed after the commit): the next request, or `phoihop start_periodic`, books a run at once in
  its place. A booking only a little overdue stands: the worker is busy or was just down, and runs
  it as soon as it can (catch-up is one run, not one per missed time).
* A manual run (a command, an operator's `.enqueue()`, a test's `.call()`: no `booked_for`) always
  works; when it books the next run it also takes over a booking already due, whose work it did.
* With a task backend that cannot defer (the tests' immediate backend) nothing is booked and the
  commands are the schedule; an `eager` request runs the task at once instead, and its booking
  holds the key until its time, so such runs still come at most once per requested delay.

Every task registered here accepts `booked_for: str = ""` and hands it to `run`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from phoihop.core.models import ScheduledRun

logger = logging.getLogger(__name__)

T = TypeVar("T")

# A booking this far past its time has lost its task; a younger one waits for a busy worker.
LOST_AFTER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Job:
    key: str
    task: Task[..., Any]
    every: dt.timedelta | None = None
    # Given the start of a run, when the next one should be (None: rest until the next request).
    follow: Callable[[dt.datetime], dt.datetime | None] | None = None

    def next_after(self, started_at: dt.datetime) -> dt.datetime | None:
        if self.every is not None:
            # Counted from the end of the run, so a slow run never makes runs back to back.
            return timezone.now() + self.every
        if self.follow is not None:
            return self.follow(started_at)
        return None


_jobs: dict[str, Job] = {}


def register(
    key: str,
    task: Task[..., Any],
    *,
    every: dt.timedelta | None = None,
    follow: Callable[[dt.datetime], dt.datetime | None] | None = None,
) -> Job:
    """Register `task` as the job `key` (from an app's `ready`). `every`: a periodic job, started by
    `phoihop start_periodic`; `follow`: each run books the time it returns; neither: a one-off job
    run only on request."""
    if every is not None and follow is not None:
        raise ValueError("A job is either periodic (every) or follows a rule (follow), not both.")
    job = Job(key, task, every, follow)
    _jobs[key] = job
    return job


def jobs() -> list[Job]:
    return list(_jobs.values())


def status(key: str) -> ScheduledRun | None:
    """The job's row: its booked run (`next_run_at`), its last run and what that run returned."""
    return ScheduledRun.objects.filter(key=key).first()


def request(key: str, *, at: dt.datetime, eager: bool = False) -> dt.datetime | None:
    """Book a run of the job `key` at `at`, unless a run already waits that is no later.

    Returns the booked time (`at`, or now when a lost booking is replaced), or None when nothing
    was booked. May be called inside the caller's transaction: the booking commits with it and the
    task is enqueued after the commit. `eager`: with a backend that cannot defer, run at once.
    """
    return _book(_jobs[key], at, eager=eager)


def ensure(key: str) -> dt.datetime | None:
    """Keep the job's chain alive (`phoihop start_periodic`, idempotent): book a periodic job's next
    run unless one waits, and replace a lost booking of any job by a run at once."""
    job = _jobs[key]
    return _book(job, timezone.now() + job.every if job.every is not None else None)


def run(key: str, work: Callable[[], T], *, booked_for: str = "", follow: bool = True) -> T | None:
    """The body of a scheduled task: claim the run, do `work`, record its result, book the next run.

    `booked_for` is the booking the task was enqueued for; a task whose booking was replaced or
    already claimed returns None without working. The claim commits before `work` starts, so a
    second worker skips even while the first one works. The next run is booked even when `work`
    raises. `follow=False` (a command's `--no-schedule`): a manual run that leaves the schedule,
    and any booking, alone.
    """
    job = _jobs[key]
    started_at = _claim(job, booked_for, takes_over=follow)
    if started_at is None:
        logger.info("%s: the run booked for %s was replaced or already done; skipped", key, booked_for)
        return None
    try:
        result = work()
        _record(job, result)
        return result
    finally:
        if follow:
            _follow(job, started_at)


def _can_defer(job: Job) -> bool:
    return bool(job.task.get_backend().supports_defer)


def _book(job: Job, at: dt.datetime | None, *, eager: bool = False) -> dt.datetime | None:
    """Book `at` for `job` (None: only replace a lost booking). See the module's rules."""
    deferred = _can_defer(job)
    if not deferred and not eager:
        return None
    now = timezone.now()
    # A booking from this time on holds the key: up to LOST_AFTER overdue, or, without deferral
    # (where nothing ever runs it), only until its time has come.
    holds_from = now - LOST_AFTER if deferred else now + dt.timedelta(microseconds=1)
    rows = ScheduledRun.objects.filter(key=job.key)
    if at is not None and rows.filter(next_run_at__gte=holds_from, next_run_at__lte=at).exists():
        return None  # the usual case, without taking a lock: a run already waits
    if at is None and not rows.filter(next_run_at__lt=holds_from).exists():
        return None
    with transaction.atomic():
        scheduled, _created = ScheduledRun.objects.select_for_update().get_or_create(key=job.key)
        booked = scheduled.next_run_at
        if booked is not None and booked >= holds_from:
            if at is None or booked <= at:
                return None  # booked meanwhile by someone else, no later than asked
        elif booked is not None and deferred:
            at = now if at is None else min(at, now)  # the booking was lost: catch up at once
        if at is None:
            return None
        scheduled.next_run_at = at
        scheduled.save(update_fields=["next_run_at"])
        transaction.on_commit(functools.partial(_enqueue, job, at, deferred=deferred), robust=True)
    return at


def _enqueue(job: Job, at: dt.datetime, *, deferred: bool) -> None:
    try:
        if deferred:
            job.task.using(run_after=at).enqueue(booked_for=at.isoformat())
        else:
            job.task.enqueue()  # runs now, as a manual run: the booking only holds the key
    except Exception:
        logger.exception("could not enqueue %s booked for %s", job.key, at.isoformat())
        # Free the key, so that the next request books again instead of waiting for LOST_AFTER.
        ScheduledRun.objects.filter(key=job.key, next_run_at=at).update(next_run_at=None)


def _claim(job: Job, booked_for: str, *, takes_over: bool) -> dt.datetime | None:
    """Start a run under the row's lock; its start time, or None when the booked run is not ours."""
    now = timezone.now()
    with transaction.atomic():
        scheduled, _created = ScheduledRun.objects.select_for_update().get_or_create(key=job.key)
        fields = ["last_run_at", "last_result"]
        booked = scheduled.next_run_at
        if booked_for:
            if booked is None or booked != dt.datetime.fromisoformat(booked_for):
                return None
            scheduled.next_run_at = None
            fields.append("next_run_at")
        elif takes_over and booked is not None and booked <= now:
            scheduled.next_run_at = None
            fields.append("next_run_at")
        scheduled.last_run_at = now
        scheduled.last_result = None
        scheduled.save(update_fields=fields)
    return now


def _record(job: Job, result: Any) -> None:
    try:
        ScheduledRun.objects.filter(key=job.key).update(last_result=result)
    except (TypeError, ValueError):
        logger.warning("%s returned a result that is not JSON: %r", job.key, result)


def _follow(job: Job, started_at: dt.datetime) -> None:
    try:
        at = job.next_after(started_at)
        if at is not None:
            _book(job, at)
    except Exception:  # the run itself is over; a missed booking is redone by the next request
        logger.exception("could not book the next run of %s", job.key)
