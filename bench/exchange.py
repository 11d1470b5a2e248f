"""Exchange benchmark: 10,000 submissions with attachments created through the services, then
the inbox page timed for the newsroom and for a partner liaison.

    PHOIHOP_VAR_DIR=/tmp/bench-exchange .venv/bin/python bench/exchange.py [--count 10000] [--requests 60]

It uses its own SQLite database under PHOIHOP_VAR_DIR (never the demo's or the tests'), and prints
the creation rate and the inbox median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PHOIHOP_VAR_DIR", "/tmp/bench-exchange")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    var = Path(os.environ["PHOIHOP_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)
    for leftover in var.glob("phoihop.sqlite3*"):
        leftover.unlink()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)

    import types

    from phoihop.exchange import services
    from phoihop.exchange.models import Priority, Submission
    from phoihop.exchange.tests import files
    from phoihop.testing import build_personas

    people = types.SimpleNamespace()
    build_personas(people)
    units = [people.unit_a, people.unit_a_child]
    senders = {people.unit_a.pk: people.liaison_a, people.unit_a_child.pk: people.liaison_child}
    jpeg = files.jpeg_with_gps().read()
    docx = files.docx_file().read()

    from django.core.files.uploadedfile import SimpleUploadedFile

    started = time.perf_counter()
    for i in range(args.count):
        unit = units[i % 2]
        uploads = [SimpleUploadedFile(f"anh-{i}.jpg", jpeg)]
        if i % 10 == 0:
            uploads.append(SimpleUploadedFile(f"bao-cao-{i}.docx", docx))
        services.submission_create(
            actor=senders[unit.pk],
            organization=unit,
            title=f"Thông tin số {i}: hoạt động tuyên truyền của đơn vị",
            body="Nội dung chi tiết của thông tin gửi báo. " * 20,
            priority=(Priority.FLASH, Priority.URGENT, Priority.NORMAL, Priority.NORMAL)[i % 4],
            files=uploads,
        )
        if i % 1000 == 999:
            rate = (i + 1) / (time.perf_counter() - started)
            print(f"  {i + 1} submissions, {rate:.0f}/s", flush=True)
    created = time.perf_counter() - started
    print(f"created {Submission.objects.count()} submissions in {created:.1f} s ({args.count / created:.0f}/s)")
    # Some triage so the inbox has mixed statuses.
    for submission in Submission.objects.order_by("pk")[: args.count // 3]:
        services.submission_acknowledge(actor=people.chief, submission=submission)

    def measure(user: Any, query: str) -> tuple[float, float]:
        client = Client()
        client.force_login(user)
        client.get("/phoi-hop/" + query)  # warm
        timings = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            response = client.get("/phoi-hop/" + query)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        timings.sort()
        return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]

    for label, user, query in [
        ("editor, inbox page 1", people.chief, ""),
        ("editor, inbox page 50", people.chief, "?trang=50"),
        ("editor, filter status=received", people.chief, "?status=received"),
        ("liaison, inbox page 1", people.liaison_a, ""),
        ("leader, requests tab", people.leader_a, "?muc=de-nghi"),
    ]:
        median, p95 = measure(user, query)
        print(f"{label:32s} median {median:6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
