"""Periodic jobs without cron: each run enqueues the next one with `run_after`.

An app registers a job (a django-tasks task taking no arguments) with its interval. The chain is
started by `phoihop start_periodic` (the Makefile runs it before the worker) or by any code that
calls `ensure_scheduled`; the `PeriodicRun` row makes sure only one next run is ever pending, so a
manual run, a restart or two workers never multiply the chain. With a backend that cannot defer
(the tests' immediate backend), nothing is scheduled: tests call the job's function directly.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from phoihop.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    key: str
    task: Any
    every: dt.timedelta


_jobs: dict[str, Job] = {}


def register(key: str, task: Any, every: dt.timedelta) -> None:
    _jobs[key] = Job(key, task, every)


def jobs() -> list[Job]:
    return list(_jobs.values())


def ensure_scheduled(key: str, *, now: dt.datetime | None = None, after_run: bool = False) -> bool:
    """Enqueue the job's next run unless one is already pending. Returns True when it enqueued."""
    job = _jobs[key]
    backend = job.task.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False
    now = now or timezone.now()
    with transaction.atomic():
        run, _created = PeriodicRun.objects.select_for_update().get_or_create(key=key)
        if after_run:
            run.last_run_at = now
        # A pending run in the future (or one only slightly overdue: the worker may be busy) stands.
        if run.next_run_at is not None and run.next_run_at > now - job.every and not after_run:
            run.save(update_fields=["last_run_at"])
            return False
        run.next_run_at = now + job.every
        run.save(update_fields=["next_run_at", "last_run_at"])
        at = run.next_run_at
        transaction.on_commit(lambda: job.task.using(run_after=at).enqueue(), robust=True)
    return True


def finished(key: str) -> None:
    """Called at the end of a job's run: schedule the next one."""
    try:
        ensure_scheduled(key, after_run=True)
    except Exception:  # the run itself succeeded; a missed reschedule is retried by start_periodic
        logger.exception("could not schedule the next run of %s", key)
