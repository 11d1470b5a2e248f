import datetime as dt
import os
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings

from phoihop.core import scheduler
from phoihop.core.models import ScheduledRun
from phoihop.exchange.tasks import REMINDERS_KEY, reminders_tick


class PeriodicSchedulingTests(TestCase):
    @override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
    def test_one_pending_run_at_a_time(self):
        from django_tasks import default_task_backend

        default_task_backend.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.assertIsNotNone(scheduler.ensure(REMINDERS_KEY))
        with self.captureOnCommitCallbacks(execute=True):
            self.assertIsNone(scheduler.ensure(REMINDERS_KEY))  # a second start adds nothing
        self.assertEqual(len(default_task_backend.results), 1)
        result = default_task_backend.results[0]
        self.assertEqual(result.task.name, "reminders_tick")
        run = ScheduledRun.objects.get(key=REMINDERS_KEY)
        self.assertEqual(result.task.run_after, run.next_run_at)
        # The run itself (the worker running the booked task) schedules the next one.
        with self.captureOnCommitCallbacks(execute=True):
            reminders_tick.call(**result.kwargs)
        self.assertEqual(len(default_task_backend.results), 2)

    def test_immediate_backend_schedules_nothing(self):
        self.assertIsNone(scheduler.ensure(REMINDERS_KEY))
        self.assertFalse(ScheduledRun.objects.exists())

    def test_start_periodic_command_lists_the_jobs(self):
        out = StringIO()
        call_command("start_periodic", stdout=out)
        self.assertIn(REMINDERS_KEY, out.getvalue())


class OrphanCleanupTests(TestCase):
    def test_old_orphans_go_young_files_and_known_files_stay(self):
        from phoihop.exchange import services
        from phoihop.exchange.tests import files
        from phoihop.testing import build_personas

        class People:
            pass

        build_personas(People)
        submission = services.submission_create(
            actor=People.liaison_a, organization=People.unit_a, title="Có tệp", files=[files.docx_file()]
        )
        known = Path(settings.PRIVATE_MEDIA_ROOT) / str(submission.attachments.get().file.name)
        folder = Path(settings.PRIVATE_MEDIA_ROOT) / "exchange" / "orphans-test"
        folder.mkdir(parents=True, exist_ok=True)
        old, young = folder / "old.pdf", folder / "young.pdf"
        old.write_bytes(b"%PDF-1.4")
        young.write_bytes(b"%PDF-1.4")
        two_hours_ago = time.time() - 7200
        os.utime(old, (two_hours_ago, two_hours_ago))
        os.utime(known, (two_hours_ago, two_hours_ago))
        out = StringIO()
        call_command("cleanup_uploads", stdout=out)
        self.assertFalse(old.exists())
        self.assertTrue(young.exists())
        self.assertTrue(known.exists())
        self.assertIn("old.pdf", out.getvalue())
        young.unlink()
        # A dry run lists without deleting; the attachment's own file is never listed.
        listed = services.orphan_uploads_remove(older_than=dt.timedelta(0), dry_run=True)
        self.assertNotIn(str(submission.attachments.get().file.name), listed)
