"""The worker's heartbeat and the recovery of tasks a killed worker left RUNNING."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from phoihop.core import scheduler, worker
from phoihop.core.models import ScheduledRun, WorkerHeartbeat

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TASK = "phoihop.core.tests.test_worker.remember"
JOB = "test.worker.job"

ran: list[str] = []


@task()
def remember(value: str) -> str:
    ran.append(value)
    return value


@task()
def booked_job(booked_for: str = "") -> int | None:
    return scheduler.run(JOB, lambda: 1, booked_for=booked_for)


def dead_pid() -> int:
    """The pid of a process that has just ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def running_task(
    owner: str, *, minutes_ago: float = 0, tries: int = 1, path: str = TASK, **kwargs: str
) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": kwargs or {"value": owner}},
        task_path=path,
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        worker_ids=[f"earlier-{n}" for n in range(tries - 1)] + [owner],
    )


def beat(worker_id: str, *, minutes_ago: float = 0, host: str = "elsewhere", pid: int = 1) -> WorkerHeartbeat:
    moment = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id, hostname=host, pid=pid, started_at=moment, beat_at=moment
    )


def status(row: DBTaskResult) -> str:
    row.refresh_from_db()
    return str(row.status)


@override_settings(PHOIHOP_WORKER_STALE_SECONDS=120)
class RecoveryTests(TestCase):
    def test_a_dead_workers_task_runs_again_and_a_live_ones_is_left_alone(self):
        beat("stale", minutes_ago=5)
        beat("alive", minutes_ago=0.5)
        beat("killed-here", host=socket.gethostname(), pid=dead_pid())
        stale = running_task("stale", minutes_ago=6)
        alive = running_task("alive", minutes_ago=30)  # a long task of a worker that still beats
        killed = running_task("killed-here")  # its process is gone: no need to wait for staleness
        unknown_old = running_task("never-beat", minutes_ago=10)
        unknown_new = running_task("never-beat-yet")
        recovery = worker.recover_interrupted(this_worker="me")
        self.assertEqual(sorted(recovery.requeued), sorted(str(r.pk) for r in (stale, killed, unknown_old)))
        for row in (stale, killed, unknown_old):
            self.assertEqual(status(row), TaskResultStatus.READY)
            self.assertIsNone(row.started_at)
        self.assertEqual(status(alive), TaskResultStatus.RUNNING)
        self.assertEqual(status(unknown_new), TaskResultStatus.RUNNING)
        # The dead workers are forgotten; the live one stays.
        self.assertEqual(set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)), {"alive"})

    def test_a_task_that_keeps_killing_its_worker_is_given_up(self):
        row = running_task("stale", minutes_ago=10, tries=worker.MAX_ATTEMPTS)
        recovery = worker.recover_interrupted()
        self.assertEqual(recovery.given_up, [str(row.pk)])
        self.assertEqual(status(row), TaskResultStatus.FAILED)
        self.assertEqual(row.exception_class_path, worker.LOST_CLASS)

    @override_settings(TASKS=DUMMY_TASKS)
    def test_an_interrupted_scheduler_task_books_its_job_again(self):
        with mock.patch.dict(scheduler._jobs):
            scheduler.register(JOB, booked_job)
            booked_for = timezone.now() - dt.timedelta(minutes=3)
            # The killed run had claimed its booking: run again, it would skip itself.
            ScheduledRun.objects.create(key=JOB, next_run_at=None, last_run_at=booked_for)
            row = running_task(
                "stale",
                minutes_ago=3,
                path="phoihop.core.tests.test_worker.booked_job",
                booked_for=booked_for.isoformat(),
            )
            with self.captureOnCommitCallbacks(execute=True):
                recovery = worker.recover_interrupted()
        self.assertEqual(recovery.rebooked, [JOB])
        self.assertEqual(status(row), TaskResultStatus.FAILED)
        self.assertIsNotNone(ScheduledRun.objects.get(key=JOB).next_run_at)

    def test_heartbeat_row_is_kept_and_removed_on_stop(self):
        heartbeat = worker.Heartbeat("w-test", every=60)
        heartbeat.beat()
        first = WorkerHeartbeat.objects.get(worker_id="w-test")
        self.assertEqual((first.hostname, first.pid), (socket.gethostname(), __import__("os").getpid()))
        heartbeat.beat()
        self.assertGreaterEqual(WorkerHeartbeat.objects.get(worker_id="w-test").beat_at, first.beat_at)
        heartbeat.stop()
        self.assertFalse(WorkerHeartbeat.objects.filter(worker_id="w-test").exists())


@override_settings(TASKS=DB_TASKS, PHOIHOP_WORKER_STALE_SECONDS=120)
class WorkerCommandTests(TransactionTestCase):
    def test_the_worker_runs_a_task_its_killed_predecessor_left_running(self):
        ran.clear()
        beat("killed", host=socket.gethostname(), pid=dead_pid())
        left = running_task("killed", value="left behind")
        remember.enqueue("new")
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        self.assertEqual(sorted(ran), ["left behind", "new"])
        self.assertEqual(status(left), TaskResultStatus.SUCCESSFUL)
        self.assertEqual(len(left.worker_ids), 2)
        # A worker that stops cleanly removes its heartbeat; the dead one's is gone too.
        self.assertEqual(WorkerHeartbeat.objects.count(), 0)
