"""Readers, partners and editors together on loopback, with bounded concurrency.

    .venv/bin/python bench/load_test.py                         # SQLite, 10 minutes
    .venv/bin/python bench/load_test.py --duration 120 --postgres postgres://postgres@127.0.0.1:5432/load_me

A temporary instance (bench/live_instance.py: migrated, the demo story, gunicorn with 2 workers ×
4 threads, `phoihop db_worker`, e-mail to a local SMTP sink). A fixed number of threads, each one
person doing one thing after another without pause (so the concurrency is the number of threads):

* readers (`--readers`, anonymous): home, a category, an article, a search, a feed;
* partners (`--partners`, the demo's `daumoixa` and `lanhdaoxa`): the inbox, the submission form,
  a submission with a small PDF and PNG, the submission page;
* editors (`--editors`, the demo's `bientapvien` and `truongban`): the inbox, a new submission's page,
  a message in its thread, "giao việc" (an assignment for the reporter and a draft article in
  Wagtail), the assignment page, the newsroom board, the draft in Wagtail's editor.

It prints the responses by status for each kind, every 5xx, the number of "database is locked"
and tracebacks in the server and worker logs, and p50/p95/p99 (ms) per kind and per step; the same
goes to WORKDIR/result.json. Exit status 1 on any 5xx, connection error, "database is locked",
traceback or worker timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import live_instance as live

PARTNERS = ["daumoixa", "lanhdaoxa"]
EDITORS = ["bientapvien", "truongban"]
REPORTER = "phongvien"
SERIAL_LOCK = threading.Lock()
SEARCHES = ["chương trình", "phối hợp", "tuyên truyền", "Thanh Trì", "xã", "hội nghị", "chuyển đổi số"]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, Counter[str]] = defaultdict(Counter)
        self.errors: list[str] = []

    def add(self, kind: str, step: str, status: str, ms: float, detail: str = "") -> None:
        with self.lock:
            self.latency[kind].append(ms)
            self.latency[f"{kind}:{step}"].append(ms)
            self.status[kind][status] += 1
            if (status.startswith("5") or not status[0].isdigit()) and len(self.errors) < 100:
                self.errors.append(f"{time.strftime('%H:%M:%S')} {kind}:{step} {status} {detail}")


class Person:
    """One thread's session: each request is timed and counted under its kind and step."""

    def __init__(self, kind: str, client: live.Client, stats: Stats) -> None:
        self.kind = kind
        self.client = client
        self.stats = stats

    def _timed(self, step: str, send: Any) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response: requests.Response = send()
        except requests.RequestException as error:
            self.stats.add(
                self.kind, step, type(error).__name__, (time.perf_counter() - started) * 1000, str(error)[:200]
            )
            return None
        self.stats.add(self.kind, step, str(response.status_code), (time.perf_counter() - started) * 1000, response.url)
        return response

    def get(self, step: str, path: str) -> requests.Response | None:
        return self._timed(step, lambda: self.client.get(path))

    def post(
        self, step: str, path: str, data: dict[str, Any], token: str | None, files: Any = None
    ) -> requests.Response | None:
        return self._timed(step, lambda: self.client.post(path, data, files=files, token=token))


def discover(base_url: str) -> dict[str, list[str]]:
    """Article, category and feed paths of the demo site, from its feed."""
    feed = requests.get(base_url + "/rss/", timeout=30).text
    links = [urlsplit(link).path for link in re.findall(r"<link>([^<]+)</link>", feed)]
    articles = sorted({path for path in links if path.count("/") >= 3})
    categories = sorted({"/" + path.strip("/").split("/")[0] + "/" for path in articles})
    feeds = ["/rss/", *(f"/rss/{c.strip('/')}/" for c in categories)]
    if not articles:
        raise SystemExit("the demo site's feed lists no articles")
    return {"articles": articles, "categories": categories, "feeds": feeds}


def reader(person: Person, site: dict[str, list[str]], stop: threading.Event) -> None:
    while not stop.is_set():
        person.get("home", "/")
        person.get("category", random.choice(site["categories"]))
        person.get("article", random.choice(site["articles"]))
        person.get("search", "/tim-kiem/?q=" + requests.utils.quote(random.choice(SEARCHES)))
        person.get("feed", random.choice(site["feeds"]))


def partner(person: Person, stop: threading.Event, serial: list[int]) -> None:
    while not stop.is_set():
        person.get("inbox", "/phoi-hop/")
        form = person.get("form", "/phoi-hop/gui-thong-tin/")
        if form is None or form.status_code != 200:
            time.sleep(0.5)
            continue
        with SERIAL_LOCK:
            serial[0] += 1
            number = serial[0]
        pdf = live.pdf_bytes(f"Load test {number}")
        png = live.png_bytes(number, (24, 16))
        sent = person.post(
            "submit",
            "/phoi-hop/gui-thong-tin/",
            {
                "organization": live.selected_option(form.text, "organization"),
                "kind": "news",
                "priority": "normal",
                "title": f"Thông tin tải thử số {number}",
                "body": "Nội dung thông tin gửi báo.\nĐoạn thứ hai của nội dung.",
            },
            token=live.csrf_token(form.text),
            files=[
                ("attachments", ("cong-van.pdf", pdf, "application/pdf")),
                ("attachments", ("anh.png", png, "image/png")),
            ],
        )
        if sent is not None and sent.status_code == 302:
            person.get("submission", sent.headers["Location"])


SUBMISSION_LINK = re.compile(r'href="(/phoi-hop/thong-tin/(\d+)/)"')


def editor(person: Person, stop: threading.Event, taken: set[int], lock: threading.Lock) -> None:
    while not stop.is_set():
        inbox = person.get("inbox", "/phoi-hop/?status=sent")
        if inbox is None or inbox.status_code != 200:
            time.sleep(0.5)
            continue
        with lock:
            fresh = [int(pk) for _path, pk in SUBMISSION_LINK.findall(inbox.text) if int(pk) not in taken]
            pk = fresh[0] if fresh else None
            if pk is not None:
                taken.add(pk)
        person.get("board", "/toa-soan/")
        if pk is None:
            time.sleep(0.2)
            continue
        page = person.get("submission", f"/phoi-hop/thong-tin/{pk}/")
        token = live.csrf_token(page.text) if page is not None else None
        person.post(
            "message", f"/phoi-hop/thong-tin/{pk}/tin-nhan/", {"body": "Đã nhận, ban biên tập đang xem."}, token
        )
        form = person.get("assign_form", f"/toa-soan/giao-viec/thong-tin/{pk}/")
        if form is None or form.status_code != 200:
            continue
        due = re.search(r'name="due_at" value="([^"]+)"', form.text)
        assignee = re.search(rf'<option value="(\d+)"[^>]*>[^<]*{REPORTER}', form.text) or re.search(
            r'<select name="assignee"[^>]*>.*?<option value="(\d+)"', form.text, re.S
        )
        done = person.post(
            "assign",
            f"/toa-soan/giao-viec/thong-tin/{pk}/",
            {
                "assignee": assignee.group(1) if assignee else "",
                "section": live.selected_option(form.text, "section") or "",
                "due_at": due.group(1) if due else "",
                "brief": "Viết tin từ thông tin đơn vị gửi.",
            },
            token=live.csrf_token(form.text),
        )
        if done is None or done.status_code != 302:
            continue
        assignment = person.get("assignment", done.headers["Location"])
        draft = re.search(r'href="(/admin/pages/\d+/edit/)"', assignment.text) if assignment is not None else None
        if draft:
            person.get("draft_edit", draft.group(1))


def log_findings(workdir: Path) -> dict[str, int]:
    found = {"database is locked": 0, "Traceback": 0, "WORKER TIMEOUT": 0}
    for name in ("web.log", "worker.log"):
        path = workdir / name
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        for needle in found:
            found[needle] += text.count(needle)
    return found


def report(stats: Stats, elapsed: float) -> dict[str, Any]:
    latencies = {}
    for key in sorted(stats.latency):
        values = stats.latency[key]
        latencies[key] = {
            "n": len(values),
            "p50": round(live.percentile(values, 50), 1),
            "p95": round(live.percentile(values, 95), 1),
            "p99": round(live.percentile(values, 99), 1),
        }
    total = sum(sum(c.values()) for c in stats.status.values())
    return {
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "status": {kind: dict(sorted(counter.items())) for kind, counter in sorted(stats.status.items())},
        "latency_ms": latencies,
        "errors": stats.errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds (default 600)")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL URL whose database is recreated (your own name)")
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--partners", type=int, default=2)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="keep the instance here (default: a temporary folder, removed)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--keep-alive", type=int, default=30, help="gunicorn --keep-alive (s)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds over the public pages first")
    args = parser.parse_args()
    if args.seed is not None:
        random.seed(args.seed)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="phoihop-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    mail = live.MailSink()
    mail.start()
    # Keep-alive as behind nginx (upstream keepalive): with gunicorn's 2 s, a client thread that the
    # busy machine delays past 2 s between two requests meets a connection closed under it.
    instance = live.Instance(workdir, postgres=args.postgres, extra_env=mail.env, keep_alive=args.keep_alive)
    stats = Stats()
    try:
        instance.prepare()
        logins = instance.logins()
        instance.start_worker()
        instance.start_web()
        instance.wait_ready()
        site = discover(instance.base_url)
        # Warm up (each gunicorn worker imports its templates and fills its caches once), untimed.
        for path in ["/", *site["categories"], *site["articles"][:5], "/tim-kiem/?q=x", "/rss/"] * args.warmup:
            requests.get(instance.base_url + path, timeout=120)
        stop = threading.Event()
        threads = []
        for _ in range(args.readers):
            person = Person("reader", live.Client(instance.base_url, "", ""), stats)
            threads.append(threading.Thread(target=reader, args=(person, site, stop), daemon=True))
        serial = [0]
        for n in range(args.partners):
            name = PARTNERS[n % len(PARTNERS)]
            client = live.Client(instance.base_url, name, logins[name])
            client.login()
            threads.append(
                threading.Thread(target=partner, args=(Person("partner", client, stats), stop, serial), daemon=True)
            )
        taken: set[int] = set()
        lock = threading.Lock()
        for n in range(args.editors):
            name = EDITORS[n % len(EDITORS)]
            client = live.Client(instance.base_url, name, logins[name])
            client.login()
            threads.append(
                threading.Thread(target=editor, args=(Person("editor", client, stats), stop, taken, lock), daemon=True)
            )
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"{args.duration:.0f} s on {database}: "
            f"{args.readers} readers, {args.partners} partners, {args.editors} editors",
            flush=True,
        )
        load_before = os.getloadavg()
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started
        instance.stop_all()
        result = {
            "database": database,
            "duration_s": round(elapsed, 1),
            "threads": {"readers": args.readers, "partners": args.partners, "editors": args.editors},
            **report(stats, elapsed),
            "server_log": log_findings(workdir),
            "mail_sent": len(mail.messages),
            # The machine's load (1, 5, 15 min) before and after: other work on it shows here.
            "loadavg_before": [round(x, 1) for x in load_before],
            "loadavg_after": [round(x, 1) for x in os.getloadavg()],
        }
        (workdir / "result.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
        print(json.dumps({k: v for k, v in result.items() if k != "latency_ms"}, indent=1, ensure_ascii=False))
        print(f"{'latency (ms)':<28}{'n':>8}{'p50':>9}{'p95':>9}{'p99':>9}")
        for key, row in result["latency_ms"].items():
            print(f"{key:<28}{row['n']:>8}{row['p50']:>9}{row['p95']:>9}{row['p99']:>9}")
        server_errors = sum(
            n for c in stats.status.values() for s, n in c.items() if s.startswith("5") or not s[0].isdigit()
        )
        bad = server_errors or any(result["server_log"].values())
        print(
            "FAILED: 5xx, connection errors or 'database is locked'" if bad else "OK: no 5xx, no 'database is locked'"
        )
        return 1 if bad else 0
    finally:
        instance.stop_all()
        mail.stop()
        if args.workdir is None and os.environ.get("KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
