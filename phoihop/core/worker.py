"""The worker's heartbeat, and the tasks a dead worker left behind.

`phoihop db_worker` (django-tasks' database worker, extended in
`phoihop/core/management/commands/db_worker.py`) keeps one `WorkerHeartbeat` row, renewed by a
thread every `PHOIHOP_WORKER_HEARTBEAT_SECONDS`. `/healthz` reads it (`phoihop.core.health`).

django-tasks marks a task RUNNING when a worker claims it and FINISHED or FAILED when the worker is
done; a worker killed in between (SIGKILL, out of memory, power loss) leaves the row RUNNING for
ever, and the task never runs again. `recover_interrupted` puts such tasks back, at every worker's
start and every minute after: a task whose worker is gone — its heartbeat is older than
`PHOIHOP_WORKER_STALE_SECONDS`, or its process no longer exists on this host — runs again:

* an ordinary task is made READY again (same id, so whoever waits for its result still finds it);
* a scheduler task (`phoihop.core.scheduler`, called with `booked_for`) had already claimed its
  booking, so running it again would do nothing: it is marked failed and its job is booked to run
  at once instead, which also books the job's next run as usual;
* a task that was interrupted `MAX_ATTEMPTS` times (it may be what kills the worker) is marked
  failed and left alone.

Tasks therefore run at least once; every task of ours is safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from phoihop.core import scheduler
from phoihop.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
LOST_CLASS = "phoihop.core.worker.WorkerLost"


def heartbeat_seconds() -> float:
    return float(getattr(settings, "PHOIHOP_WORKER_HEARTBEAT_SECONDS", 15))


def stale_seconds() -> float:
    return float(getattr(settings, "PHOIHOP_WORKER_STALE_SECONDS", 120))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def _is_dead(beat: WorkerHeartbeat | None, *, started_at: Any, now: Any, this_worker: str) -> bool:
    stale = now - dt.timedelta(seconds=stale_seconds())
    if beat is None:
        # No row: a worker from before heartbeats, or one whose row was removed as dead.
        return started_at is None or started_at < stale
    if beat.worker_id == this_worker:
        return False
    if beat.hostname == socket.gethostname() and (beat.pid == os.getpid() or not _pid_alive(beat.pid)):
        return True  # its process is gone (or this process took over its pid)
    return bool(beat.beat_at < stale)


def _jobs_by_task_path() -> dict[str, scheduler.Job]:
    return {job.task.module_path: job for job in scheduler.jobs()}


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    rebooked: list[str] = field(default_factory=list)
    given_up: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requeued or self.rebooked or self.given_up)


def recover_interrupted(*, this_worker: str = "") -> Recovery:
    """Put back the tasks that dead workers left RUNNING (see the module's rules); forget dead workers."""
    now = timezone.now()
    recovery = Recovery()
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "id", "worker_ids", "started_at", "task_path", "args_kwargs"
        )
    )
    owners = {row.worker_ids[-1] for row in running if row.worker_ids}
    beats = {beat.worker_id: beat for beat in WorkerHeartbeat.objects.filter(worker_id__in=owners)}
    jobs = _jobs_by_task_path()
    for row in running:
        owner = row.worker_ids[-1] if row.worker_ids else ""
        if not _is_dead(beats.get(owner), started_at=row.started_at, now=now, this_worker=this_worker):
            continue
        job = jobs.get(row.task_path)
        booked = job is not None and bool((row.args_kwargs.get("kwargs") or {}).get("booked_for"))
        tries = len(row.worker_ids)
        with transaction.atomic():
            # Only if nobody else recovered or finished it meanwhile.
            claimed = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
            if booked or tries >= MAX_ATTEMPTS:
                reason = (
                    f"The worker {owner} stopped while running this task (attempt {tries} of {MAX_ATTEMPTS})."
                    if not booked
                    else f"The worker {owner} stopped while running this task; its job was booked to run again."
                )
                done = claimed.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=LOST_CLASS,
                    traceback=reason,
                )
                if done and booked and job is not None:
                    scheduler.request(job.key, at=now)
                    recovery.rebooked.append(job.key)
                elif done:
                    recovery.given_up.append(str(row.pk))
            elif claimed.update(status=TaskResultStatus.READY, started_at=None):
                recovery.requeued.append(str(row.pk))
    dead = [
        beat.pk
        for beat in WorkerHeartbeat.objects.exclude(worker_id=this_worker)
        if _is_dead(beat, started_at=None, now=now, this_worker=this_worker)
    ]
    if dead:
        WorkerHeartbeat.objects.filter(pk__in=dead).delete()
    if recovery:
        logger.warning(
            "recovered tasks left by dead workers: %d run again, %d jobs rebooked (%s), %d given up",
            len(recovery.requeued),
            len(recovery.rebooked),
            ", ".join(recovery.rebooked),
            len(recovery.given_up),
        )
    return recovery


class Heartbeat:
    """The worker's heartbeat row, renewed by a daemon thread; the thread also runs the recovery."""

    RECOVER_EVERY = 60.0  # seconds between two recovery sweeps by a running worker

    def __init__(self, worker_id: str, *, every: float | None = None) -> None:
        self.worker_id = worker_id
        self.every = heartbeat_seconds() if every is None else every
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def beat(self) -> None:
        now = timezone.now()
        updated = WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(beat_at=now)
        if not updated:  # first beat, or the row was removed while this worker looked dead
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={
                    "hostname": socket.gethostname()[:255],
                    "pid": os.getpid(),
                    "started_at": self.started_at,
                    "beat_at": now,
                },
            )

    def start(self) -> None:
        self.beat()
        recover_interrupted(this_worker=self.worker_id)
        self._thread = threading.Thread(target=self._run, name="phoihop-heartbeat", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        since_recovery = 0.0
        try:
            while not self._stop.wait(self.every):
                close_old_connections()
                try:
                    self.beat()
                    since_recovery += self.every
                    if since_recovery >= self.RECOVER_EVERY:
                        since_recovery = 0.0
                        recover_interrupted(this_worker=self.worker_id)
                except Exception:  # the database may be down for a while: keep beating when it is back
                    logger.exception("worker heartbeat failed")
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.every + 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception:
            logger.exception("could not remove the worker's heartbeat")
