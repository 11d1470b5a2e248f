"""Nothing acknowledged is lost: partner submissions with attachments while the web server and the
worker are killed with SIGKILL at random moments and started again.

    .venv/bin/python bench/kill_test.py                       # SQLite, 2 minutes
    .venv/bin/python bench/kill_test.py --duration 300 --postgres postgres://postgres@127.0.0.1:5432/kill_me

A temporary instance (bench/live_instance.py: migrated, demo story, gunicorn with 2 workers × 4
threads, `phoihop db_worker`) and a local SMTP server that takes `--mail-delay` seconds per message,
so that the worker is often killed in the middle of a mail task. `--clients` partner sessions (the
demo's `daumoixa`) post the submission form with one PDF and one PNG, each with its own content,
in a loop; a reply that redirects to the new submission is an acknowledgement, and the reference
number shown on the next page is recorded. Every 2–`--max-interval` seconds the web server
(process group), the worker, or both are killed with SIGKILL and started again.

At the end (the worker left to finish its queue) it checks, in the instance's database:

* every acknowledged submission exists, with its reference, its audit event and its attachments,
  each file present with the size and SHA-256 of what was sent;
* no half-written submission: every submission the test made (acknowledged or not) has all its
  attachments, and every attachment row has its file;
* orphan files (written by a request killed before its commit): counted, then removed by the
  project's sweep (`orphan_uploads_remove`), after which none may be left;
* interrupted tasks ran again: no task is left RUNNING or waiting, and every e-mail the
  acknowledged submissions queued was sent (the SMTP server saw it).

Exit status 0 when nothing was lost. The numbers are printed and written to WORKDIR/result.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import live_instance as live

TITLE_PREFIX = "KT-"
PARTNER = "daumoixa"
SUBMIT = "/phoi-hop/gui-thong-tin/"


@dataclass
class Attempt:
    title: str
    files: dict[str, str]  # name → sha256 sent
    pk: int | None = None
    reference: str | None = None
    outcome: str = ""


@dataclass
class Tally:
    attempts: list[Attempt] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    kills: dict[str, int] = field(default_factory=lambda: {"web": 0, "worker": 0, "both": 0})
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)
            self.outcomes[attempt.outcome] = self.outcomes.get(attempt.outcome, 0) + 1


def submit_once(client: live.Client, number: int, tally: Tally) -> None:
    title = f"{TITLE_PREFIX}{number:06d} Thông tin thử nghiệm độ bền"
    pdf = live.pdf_bytes(f"Kill test {number} {random.random()}")
    png = live.png_bytes(number)
    attempt = Attempt(title=title, files={"cong-van.pdf": live.sha256(pdf), "anh.png": live.sha256(png)})
    try:
        form = client.get(SUBMIT)
        if form.status_code == 302:  # the session is gone (it never is: sessions live in the database)
            client.login()
            form = client.get(SUBMIT)
        organization = live.selected_option(form.text, "organization")
        response = client.post(
            SUBMIT,
            {"organization": organization, "kind": "news", "priority": "normal", "title": title, "body": "Nội dung."},
            files=[
                ("attachments", ("cong-van.pdf", pdf, "application/pdf")),
                ("attachments", ("anh.png", png, "image/png")),
            ],
            token=live.csrf_token(form.text),
        )
    except requests.ConnectionError as error:
        # Refused: the server was down, nothing was sent. Cut off: the request went out and the
        # server died before answering; the submission may or may not have been committed.
        attempt.outcome = "refused" if "refused" in str(error).lower() else "cut off"
        tally.record(attempt)
        return
    except requests.RequestException:
        attempt.outcome = "timeout"
        tally.record(attempt)
        return
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/phoi-hop/thong-tin/" in location:
        attempt.pk = int(location.rstrip("/").rsplit("/", 1)[-1])
        attempt.outcome = "acknowledged"
        try:
            page = client.get(location)
            found = live.re.search(r"Số tiếp nhận: (TT-\d{4}-\d{6})", page.text)
            attempt.reference = found.group(1) if found else None
        except requests.RequestException:
            pass  # acknowledged by the redirect already; the page with the number did not come
    else:
        attempt.outcome = f"HTTP {response.status_code}"
    tally.record(attempt)


def clients_loop(instance: live.Instance, password: str, stop: threading.Event, tally: Tally, first: int) -> None:
    client = live.Client(instance.base_url, PARTNER, password, timeout=20)
    number = first
    while not stop.is_set():
        try:
            client.login()
            break
        except (requests.RequestException, live.LoginFailed):
            time.sleep(0.2)
    while not stop.is_set():
        submit_once(client, number, tally)
        number += 1
        if tally.attempts and tally.attempts[-1].outcome != "acknowledged":
            time.sleep(0.2)  # the server is down: wait a little


def killer_loop(instance: live.Instance, stop: threading.Event, tally: Tally, max_interval: float) -> None:
    while not stop.wait(random.uniform(2.0, max_interval)):
        which = random.choices(["web", "worker", "both"], weights=[2, 2, 1])[0]
        targets = ["web", "worker"] if which == "both" else [which]
        for target in targets:
            instance.kill(target)
        tally.kills[which] += 1
        time.sleep(random.uniform(0.0, 1.0))
        if "worker" in targets:
            instance.start_worker()
        if "web" in targets:
            instance.start_web()


def inspect(attempts_file: Path) -> dict[str, Any]:
    """Run inside the instance (Django set up): the checks of the module docstring."""
    sys.path.insert(0, str(live.ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    from phoihop.audit.models import AuditEvent
    from phoihop.core.backup import sha256_of
    from phoihop.exchange.models import Attachment, Submission
    from phoihop.exchange.services import orphan_uploads_remove
    from phoihop.notifications.models import Delivery

    attempts = [Attempt(**a) for a in json.loads(attempts_file.read_text(encoding="utf-8"))]
    by_title = {a.title: a for a in attempts}
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    problems: list[str] = []

    def files_of(submission: Submission) -> dict[str, tuple[str, bool, bool]]:
        found = {}
        for attachment in submission.attachments.all():
            path = private / str(attachment.file.name)
            on_disk = path.is_file() and path.stat().st_size == attachment.size and sha256_of(path) == attachment.sha256
            found[attachment.original_name] = (attachment.sha256, path.is_file(), on_disk)
        return found

    acked = [a for a in attempts if a.outcome == "acknowledged"]
    lost = 0
    for attempt in acked:
        submission = Submission.objects.filter(pk=attempt.pk or 0, title=attempt.title).first()
        if submission is None:
            lost += 1
            problems.append(f"acknowledged submission {attempt.pk} ({attempt.title}) is missing")
            continue
        if attempt.reference and submission.reference != attempt.reference:
            problems.append(f"{attempt.pk}: reference {submission.reference}, the page said {attempt.reference}")
        if not AuditEvent.objects.filter(verb="submission.created", target_id=str(submission.pk)).exists():
            problems.append(f"{attempt.pk}: no audit event")
        stored = files_of(submission)
        for name, sent in attempt.files.items():
            if name not in stored or stored[name][0] != sent or not stored[name][2]:
                lost += 1
                problems.append(f"{attempt.pk}: file {name} missing or different ({stored.get(name)})")

    ours = Submission.objects.filter(title__startswith=TITLE_PREFIX)
    half_written = 0
    unacknowledged_committed = 0
    acked_pks = {a.pk for a in acked}
    for submission in ours.prefetch_related("attachments"):
        made = by_title.get(submission.title)
        expected = len(made.files) if made else 2
        if submission.attachments.count() != expected:
            half_written += 1
            problems.append(f"{submission.pk}: {submission.attachments.count()} attachments of {expected}")
        if submission.pk not in acked_pks:
            unacknowledged_committed += 1
    rows_without_file = sum(1 for a in Attachment.objects.all() if not (private / str(a.file.name)).is_file())
    if rows_without_file:
        problems.append(f"{rows_without_file} attachment rows without their file")
    known = set(Attachment.objects.values_list("file", flat=True))
    orphans_before = sorted(
        p.relative_to(private).as_posix()
        for p in (private / "exchange").rglob("*")
        if p.is_file() and p.relative_to(private).as_posix() not in known
    )
    swept = orphan_uploads_remove(older_than=__import__("datetime").timedelta(0))
    orphans_after = [
        p for p in (private / "exchange").rglob("*") if p.is_file() and p.relative_to(private).as_posix() not in known
    ]
    if orphans_after:
        problems.append(f"{len(orphans_after)} orphan files left after the sweep")

    tasks: dict[str, int] = {}
    for status in DBTaskResult.objects.values_list("status", flat=True):
        tasks[str(status)] = tasks.get(str(status), 0) + 1
    from django.utils import timezone

    waiting = DBTaskResult.objects.ready().filter(run_after__lte=timezone.now()).count()
    running = DBTaskResult.objects.filter(status="RUNNING").count()
    rerun = [
        r for r in DBTaskResult.objects.only("worker_ids", "status", "exception_class_path") if len(r.worker_ids) > 1
    ]
    failures: dict[str, int] = {}
    for row in DBTaskResult.objects.filter(status="FAILED").only("exception_class_path"):
        failures[row.exception_class_path] = failures.get(row.exception_class_path, 0) + 1
    if running or waiting:
        problems.append(f"tasks not finished: {running} running, {waiting} waiting")
    email = Delivery.objects.filter(
        channel=Delivery.Channel.EMAIL,
        notification__target_id__in=[str(pk) for pk in acked_pks],
        notification__verb="submission.created",
    )
    deliveries = {str(s): n for s, n in _count(email.values_list("status", flat=True)).items()}
    # Submissions committed while their request was killed: their e-mail task may never have been
    # enqueued (the kill came between the commit and the on-commit hook). The rows wait, QUEUED,
    # for the notifications' retry sweep (`deliveries_retry`, run with the daily digest).
    unacked_pks = [str(s.pk) for s in ours if s.pk not in acked_pks]
    unacked_email = Delivery.objects.filter(
        channel=Delivery.Channel.EMAIL, notification__target_id__in=unacked_pks, notification__verb="submission.created"
    )
    unacked_deliveries = {str(s): n for s, n in _count(unacked_email.values_list("status", flat=True)).items()}
    unsent = email.exclude(status=Delivery.Status.SENT).count()
    if unsent:
        problems.append(f"{unsent} e-mails of acknowledged submissions not sent")
    return {
        "acknowledged": len(acked),
        "with_reference_shown": sum(1 for a in acked if a.reference),
        "lost": lost,
        "committed_not_acknowledged": unacknowledged_committed,
        "half_written": half_written,
        "attachment_rows_without_file": rows_without_file,
        "orphan_files_before_sweep": len(orphans_before),
        "orphan_files_swept": len(swept),
        "orphan_files_after_sweep": len(orphans_after),
        "tasks": tasks,
        "tasks_run_more_than_once": len(rerun),
        "tasks_run_more_than_once_succeeded": sum(1 for r in rerun if r.status == "SUCCESSFUL"),
        "task_failures": failures,
        "emails_of_acknowledged": deliveries,
        "emails_of_committed_not_acknowledged": unacked_deliveries,
        "problems": problems[:50],
    }


def _count(values: Any) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def run_inspect(instance: live.Instance, attempts_file: Path) -> dict[str, Any]:
    result = subprocess.run(
        [live.PYTHON, str(Path(__file__).resolve()), "--inspect", str(attempts_file)],
        cwd=live.ROOT,
        env=instance.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"inspection failed:\n{result.stdout}\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def drain(instance: live.Instance, timeout: float = 900) -> float:
    """Let the worker finish what is due; seconds it took."""
    script = (
        "import django; django.setup()\n"
        "from django.utils import timezone\n"
        "from django_tasks_db.models import DBTaskResult as T\n"
        "due = T.objects.ready().filter(run_after__lte=timezone.now()).count()\n"
        "print(due + T.objects.filter(status='RUNNING').count())"
    )
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        out = subprocess.run(
            [live.PYTHON, "-c", script], cwd=live.ROOT, env=instance.env, capture_output=True, text=True, check=False
        )
        if out.returncode == 0 and out.stdout.strip() == "0":
            return time.monotonic() - started
        time.sleep(1)
    return time.monotonic() - started


def worker_recoveries(log: Path) -> dict[str, int]:
    counts = {"sweeps": 0, "run_again": 0, "rebooked": 0, "given_up": 0}
    pattern = live.re.compile(
        r"recovered tasks left by dead workers: (\d+) run again, (\d+) jobs rebooked .*?, (\d+) given up"
    )
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []:
        found = pattern.search(line)
        if found:
            counts["sweeps"] += 1
            counts["run_again"] += int(found.group(1))
            counts["rebooked"] += int(found.group(2))
            counts["given_up"] += int(found.group(3))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of submissions and kills (default 120)")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL URL whose database is recreated (your own name)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--max-interval", type=float, default=12.0, help="longest pause between two kills (s; the shortest is 2)"
    )
    parser.add_argument("--mail-delay", type=float, default=0.1, help="seconds the SMTP server takes per message")
    parser.add_argument("--workdir", type=Path, help="keep the instance here (default: a temporary folder, removed)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--inspect", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inspect:
        print(json.dumps(inspect(args.inspect)))
        return 0
    if args.seed is not None:
        random.seed(args.seed)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="phoihop-kill-"))
    workdir.mkdir(parents=True, exist_ok=True)
    mail = live.MailSink(delay=args.mail_delay)
    mail.start()
    instance = live.Instance(
        workdir,
        postgres=args.postgres,
        # Seconds, not minutes: a worker killed on another host would be noticed this fast (here the
        # dead process is noticed at once, by its pid).
        extra_env={**mail.env, "PHOIHOP_WORKER_HEARTBEAT_SECONDS": "2", "PHOIHOP_WORKER_STALE_SECONDS": "10"},
    )
    tally = Tally()
    try:
        instance.prepare()
        password = instance.logins()[PARTNER]
        instance.start_worker()
        instance.start_web()
        instance.wait_ready()
        stop = threading.Event()
        threads = [
            threading.Thread(target=clients_loop, args=(instance, password, stop, tally, n * 100_000), daemon=True)
            for n in range(args.clients)
        ]
        killer = threading.Thread(target=killer_loop, args=(instance, stop, tally, args.max_interval), daemon=True)
        print(
            f"{args.duration:.0f} s of submissions and kills ({'PostgreSQL' if args.postgres else 'SQLite'})",
            flush=True,
        )
        for thread in [*threads, killer]:
            thread.start()
        time.sleep(args.duration)
        stop.set()
        killer.join()
        for thread in threads:
            thread.join(timeout=30)
        # Both running, then the worker finishes what is due.
        for which in ("web", "worker"):
            process = instance.web if which == "web" else instance.worker
            if process is None or process.poll() is not None:
                instance.start_web() if which == "web" else instance.start_worker()
        instance.wait_ready()
        drained = drain(instance)
        instance.stop_all()
        attempts_file = workdir / "attempts.json"
        attempts_file.write_text(json.dumps([asdict(a) for a in tally.attempts]), encoding="utf-8")
        checks = run_inspect(instance, attempts_file)
        result = {
            "database": "postgresql" if args.postgres else "sqlite",
            "duration_s": args.duration,
            "clients": args.clients,
            "attempts": len(tally.attempts),
            "outcomes": tally.outcomes,
            "kills": tally.kills,
            "worker_recoveries": worker_recoveries(workdir / "worker.log"),
            "drain_s": round(drained, 1),
            "mail_received": len(mail.messages),
            "mail_duplicates": len(mail.messages) - len(set(mail.messages)),
            "loadavg_after": [round(x, 1) for x in os.getloadavg()],
            **checks,
        }
        (workdir / "result.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
        print(json.dumps(result, indent=1, ensure_ascii=False))
        ok = not checks["problems"] and checks["lost"] == 0
        print("OK: nothing acknowledged was lost" if ok else "FAILED: see problems above")
        return 0 if ok else 1
    finally:
        instance.stop_all()
        mail.stop()
        if args.workdir is None and os.environ.get("KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
