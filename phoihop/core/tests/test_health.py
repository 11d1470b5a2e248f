"""`/healthz`: 200 with every check ok; 503 naming the check when the database, a cache, a storage
or the worker's heartbeat fails; no paths or settings in the answer; never cached."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import OperationalError
from django.test import TestCase, override_settings
from django.utils import timezone

from phoihop.core.models import WorkerHeartbeat

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


class HealthzTests(TestCase):
    def setUp(self) -> None:
        WorkerHeartbeat.objects.create(
            worker_id="w1", hostname="elsewhere", pid=1, started_at=timezone.now(), beat_at=timezone.now()
        )

    def get(self, query: str = "") -> tuple[int, dict]:  # type: ignore[type-arg]
        response = self.client.get("/healthz" + query)
        return response.status_code, json.loads(response.content)

    def test_all_checks_pass(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        body = json.loads(response.content)
        self.assertEqual(body["status"], "ok")
        self.assertEqual(set(body["checks"]), {"database", "cache", "storage", "worker"})
        for name, state in body["checks"].items():
            self.assertEqual(state["status"], "ok", name)
            self.assertIsInstance(state["ms"], float)
        self.assertEqual(body["checks"]["worker"]["workers"], 1)
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])
        text = response.content.decode()
        for secret in (str(settings.MEDIA_ROOT), str(settings.PRIVATE_MEDIA_ROOT), "elsewhere", settings.SECRET_KEY):
            self.assertNotIn(secret, text)
        # The probe files are gone again.
        self.assertEqual(list(Path(settings.PRIVATE_MEDIA_ROOT).glob(".healthz-*")), [])

    def test_database_failure_is_503(self):
        broken = mock.Mock()
        broken.cursor.side_effect = OperationalError("could not connect to server at 10.0.0.5")
        with mock.patch("phoihop.core.health.connection", broken):
            status, body = self.get()
        self.assertEqual(status, 503)
        self.assertEqual(body["status"], "fail")
        self.assertEqual(body["checks"]["database"], {"status": "fail", "error": "OperationalError", "ms": mock.ANY})
        self.assertNotIn("10.0.0.5", json.dumps(body))
        self.assertEqual(body["checks"]["cache"]["status"], "ok")

    def test_cache_that_does_not_keep_values_is_503(self):
        with override_settings(CACHES={"default": LOCMEM, "pages": DUMMY}):
            status, body = self.get()
        self.assertEqual(status, 503)
        self.assertEqual(body["checks"]["cache"]["status"], "fail")
        self.assertEqual(body["checks"]["database"]["status"], "ok")

    def test_storage_that_cannot_write_is_503(self):
        with tempfile.NamedTemporaryFile() as not_a_directory:
            broken = {
                **settings.STORAGES,
                "private": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(Path(not_a_directory.name) / "private")},
                },
            }
            with override_settings(STORAGES=broken):
                status, body = self.get()
        self.assertEqual(status, 503)
        self.assertEqual(body["checks"]["storage"]["status"], "fail")
        self.assertNotIn(not_a_directory.name, json.dumps(body))

    def test_no_worker_is_503(self):
        WorkerHeartbeat.objects.all().delete()
        status, body = self.get()
        self.assertEqual(status, 503)
        self.assertEqual(body["checks"]["worker"]["status"], "fail")
        self.assertEqual(body["checks"]["worker"]["workers"], 0)

    @override_settings(PHOIHOP_WORKER_STALE_SECONDS=120)
    def test_stale_worker_heartbeat_is_503(self):
        WorkerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=3))
        status, body = self.get()
        self.assertEqual(status, 503)
        worker = body["checks"]["worker"]
        self.assertEqual((worker["status"], worker["error"], worker["workers"]), ("fail", "worker heartbeat stale", 0))
        self.assertGreaterEqual(worker["age_seconds"], 180)
        WorkerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=1))
        self.assertEqual(self.get()[0], 200)

    def test_only_the_checks_asked_for(self):
        WorkerHeartbeat.objects.all().delete()
        status, body = self.get("?check=database,cache,storage")
        self.assertEqual(status, 200)
        self.assertEqual(set(body["checks"]), {"database", "cache", "storage"})
        self.assertEqual(self.get("?check=worker")[0], 503)
        self.assertEqual(self.get("?check=nope")[0], 400)

    def test_no_login_needed_and_read_only(self):
        self.assertEqual(self.client.head("/healthz").status_code, 200)
        self.assertEqual(self.client.post("/healthz").status_code, 405)
