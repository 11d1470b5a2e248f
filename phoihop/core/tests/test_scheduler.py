"""The scheduler: one booked run per key, the earlier request wins, periodic jobs keep going, lost
bookings are replaced, and two workers never run one booking twice."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import connection, connections
from django.test import TestCase, TransactionTestCase, override_settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from phoihop.core import scheduler
from phoihop.core.models import ScheduledRun

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
HANOI = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2026, 3, 4, 9, 0, tzinfo=HANOI)
TICK = "test.tick"
ONCE = "test.once"
EVERY = dt.timedelta(minutes=10)


class Recorder:
    """What the test jobs did (the worker's threads append to it too)."""

    def __init__(self) -> None:
        self.runs: list[str] = []
        self.fail = False

    def work(self, name: str) -> dict[str, int]:
        self.runs.append(name)
        if self.fail:
            raise RuntimeError("the job failed")
        return {"runs": len(self.runs)}


recorder = Recorder()


@task()
def tick(booked_for: str = "") -> dict[str, int] | None:
    return scheduler.run(TICK, lambda: recorder.work(TICK), booked_for=booked_for)


@task()
def once(booked_for: str = "") -> dict[str, int] | None:
    return scheduler.run(ONCE, lambda: recorder.work(ONCE), booked_for=booked_for)


class SchedulerSetup:
    def setUp(self) -> None:
        super().setUp()  # type: ignore[misc]
        global recorder
        recorder = Recorder()
        self.enterContext(mock.patch.dict(scheduler._jobs))  # type: ignore[attr-defined]
        scheduler.register(TICK, tick, every=EVERY)
        scheduler.register(ONCE, once)
        if hasattr(default_task_backend, "clear"):
            default_task_backend.clear()

    def bookings(self) -> list[dt.datetime | None]:
        return [result.task.run_after for result in default_task_backend.results]  # type: ignore[attr-defined]

    def booked_task(self, index: int = -1) -> dict[str, Any]:
        """The keyword arguments the worker would run the booked task with."""
        return dict(default_task_backend.results[index].kwargs)  # type: ignore[attr-defined]


@override_settings(TASKS=DUMMY_TASKS)
class BookingTests(SchedulerSetup, TestCase):
    def test_one_booked_run_per_key_and_an_earlier_request_replaces_a_later_one(self):
        with time_machine.travel(T0, tick=False):
            with self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(scheduler.request(ONCE, at=T0 + EVERY), T0 + EVERY)
            with self.captureOnCommitCallbacks(execute=True):
                self.assertIsNone(scheduler.request(ONCE, at=T0 + 2 * EVERY))  # later: the booking stands
                self.assertIsNone(scheduler.request(ONCE, at=T0 + EVERY))
            self.assertEqual(self.bookings(), [T0 + EVERY])
            with self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(scheduler.request(ONCE, at=T0 + EVERY / 2), T0 + EVERY / 2)  # earlier: it wins
        self.assertEqual(self.bookings(), [T0 + EVERY, T0 + EVERY / 2])
        self.assertEqual(scheduler.status(ONCE).next_run_at, T0 + EVERY / 2)
        later, earlier = self.booked_task(0), self.booked_task(1)
        # The worker runs both tasks in time order: the replaced one does nothing.
        with time_machine.travel(T0 + EVERY / 2, tick=False):
            self.assertEqual(once.call(**earlier), {"runs": 1})
        with time_machine.travel(T0 + EVERY, tick=False):
            self.assertIsNone(once.call(**later))
        self.assertEqual(recorder.runs, [ONCE])
        state = scheduler.status(ONCE)
        self.assertEqual((state.next_run_at, state.last_run_at, state.last_result), (None, T0 + EVERY / 2, {"runs": 1}))
        # A one-off job rests after its run: the next request books again.
        with time_machine.travel(T0 + EVERY, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(scheduler.request(ONCE, at=T0 + 2 * EVERY), T0 + 2 * EVERY)

    def test_a_booked_task_that_comes_twice_runs_once(self):
        with time_machine.travel(T0, tick=False):
            with self.captureOnCommitCallbacks(execute=True):
                scheduler.request(ONCE, at=T0)
            booked = self.booked_task()
            self.assertEqual(once.call(**booked), {"runs": 1})
            self.assertIsNone(once.call(**booked))
        self.assertEqual(recorder.runs, [ONCE])

    def test_a_periodic_job_books_its_next_run_after_a_run_and_after_a_failure(self):
        with time_machine.travel(T0, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(scheduler.ensure(TICK), T0 + EVERY)
            self.assertIsNone(scheduler.ensure(TICK))  # a second start adds nothing
        with time_machine.travel(T0 + EVERY, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(tick.call(**self.booked_task()), {"runs": 1})
        self.assertEqual(self.bookings(), [T0 + EVERY, T0 + 2 * EVERY])
        recorder.fail = True
        with (
            time_machine.travel(T0 + 2 * EVERY, tick=False),
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaises(RuntimeError),
        ):
            tick.call(**self.booked_task())
        self.assertEqual(self.bookings()[-1], T0 + 3 * EVERY)
        state = scheduler.status(TICK)
        self.assertEqual(
            (state.next_run_at, state.last_run_at, state.last_result), (T0 + 3 * EVERY, T0 + 2 * EVERY, None)
        )

    def test_a_lost_booking_is_replaced_by_a_run_at_once_and_an_overdue_one_stands(self):
        with time_machine.travel(T0, tick=False), self.captureOnCommitCallbacks(execute=True):
            scheduler.ensure(TICK)
        lost = self.booked_task()
        # The worker is busy (or was down a little while): the booking waits for it.
        with time_machine.travel(T0 + EVERY + scheduler.LOST_AFTER, tick=False):
            self.assertIsNone(scheduler.ensure(TICK))
            self.assertIsNone(scheduler.request(TICK, at=T0 + 3 * EVERY))
        # Long overdue: its task is taken as lost, and a run is booked for now.
        later = T0 + EVERY + scheduler.LOST_AFTER + dt.timedelta(seconds=1)
        with time_machine.travel(later, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(scheduler.ensure(TICK), later)
        with time_machine.travel(later, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertIsNone(tick.call(**lost))  # should the lost task come after all, it is skipped
            self.assertEqual(tick.call(**self.booked_task()), {"runs": 1})
        self.assertEqual(self.bookings(), [T0 + EVERY, later, later + EVERY])

    def test_a_manual_run_takes_over_a_due_booking_and_leaves_a_later_one(self):
        with time_machine.travel(T0, tick=False), self.captureOnCommitCallbacks(execute=True):
            scheduler.request(ONCE, at=T0 + EVERY)
        booked = self.booked_task()
        with time_machine.travel(T0 + EVERY / 2, tick=False):
            self.assertEqual(once.call(), {"runs": 1})  # before the booked time: the booking stays
        self.assertEqual(scheduler.status(ONCE).next_run_at, T0 + EVERY)
        with time_machine.travel(T0 + EVERY + dt.timedelta(seconds=30), tick=False):
            self.assertEqual(once.call(), {"runs": 2})  # the booking was due: this run did its work
            self.assertIsNone(once.call(**booked))
        self.assertIsNone(scheduler.status(ONCE).next_run_at)
        self.assertEqual(len(recorder.runs), 2)


class WithoutDeferralTests(SchedulerSetup, TestCase):
    """The tests' immediate backend runs a task when it is enqueued and cannot run one later."""

    def test_nothing_is_booked_and_an_eager_request_runs_at_once_once_per_delay(self):
        with time_machine.travel(T0, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertIsNone(scheduler.ensure(TICK))
            self.assertIsNone(scheduler.request(ONCE, at=T0 + EVERY))
        self.assertFalse(ScheduledRun.objects.exists())
        self.assertEqual(recorder.runs, [])
        with time_machine.travel(T0, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(scheduler.request(ONCE, at=T0 + EVERY, eager=True), T0 + EVERY)
        self.assertEqual(recorder.runs, [ONCE])
        with time_machine.travel(T0 + EVERY / 2, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertIsNone(scheduler.request(ONCE, at=T0 + EVERY * 3 / 2, eager=True))
        self.assertEqual(recorder.runs, [ONCE])
        with time_machine.travel(T0 + EVERY, tick=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(scheduler.request(ONCE, at=T0 + 2 * EVERY, eager=True), T0 + 2 * EVERY)
        self.assertEqual(recorder.runs, [ONCE, ONCE])


class ClaimRace(SchedulerSetup):
    """Two workers take the same booked task at the same moment (as after a duplicate enqueue)."""

    def test_two_workers_claim_a_due_run_once(self):
        for _round in range(3):
            scheduler.request(ONCE, at=timezone.now())  # autocommit: the task is enqueued at once
            outcomes, errors = self.race(self.booked_task())
            self.assertEqual(errors, [])
            self.assertEqual(sorted(outcomes, key=lambda outcome: outcome is None)[1:], [None])
        self.assertEqual(recorder.runs, [ONCE] * 3)
        self.assertIsNone(scheduler.status(ONCE).next_run_at)

    def race(self, booked: dict[str, Any]) -> tuple[list[object], list[BaseException]]:
        """Run the booked task in two threads (two workers, each with its connection) at once."""
        start = threading.Barrier(2, timeout=10)
        outcomes: list[object] = []
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                start.wait()
                outcomes.append(once.call(**booked))
            except BaseException as exc:  # noqa: BLE001 — collected and asserted by the caller
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes, errors


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's immediate transactions; PostgreSQL below")
@override_settings(TASKS=DUMMY_TASKS)
class SQLiteClaimRaceTests(ClaimRace, TransactionTestCase):
    pass


@pytest.mark.postgres
@override_settings(TASKS=DUMMY_TASKS)
class PostgresClaimRaceTests(ClaimRace, TransactionTestCase):
    pass
