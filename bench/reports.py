"""Reports benchmark: the final report (tổng kết, whole programme) of a programme with 10,000
articles, 20,000 submissions and 2,000 information requests, timed from the worker's start to the
stored DOCX and XLSX.

    PHOIHOP_VAR_DIR=/tmp/bench-reports .venv/bin/python bench/reports.py [--articles 10000]
        [--submissions 20000] [--requests 2000] [--runs 5]

It uses its own SQLite database under PHOIHOP_VAR_DIR (deleted first; never the demo's or the tests').
Data goes in fast: articles through the archive importer (phoihop.search.importer), then linked
to the programme and its themes; submissions, requests and daily read counts with bulk_create. It
prints the export time of each run (the median is the figure), the time of the figures alone, and
the dashboard page's time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PHOIHOP_VAR_DIR", "/tmp/bench-reports")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"  # DEBUG keeps every SQL statement in memory
os.environ.setdefault("LOG_LEVEL", "WARNING")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
THEMES = [
    ("Nghị quyết Đại hội Đảng các cấp", 6, "quarter"),
    ("Xây dựng huyện thành quận, xã thành phường", 24, "year"),
    ("Phát triển kinh tế - xã hội", 3, "month"),
    ("Quốc phòng, an ninh", 12, "year"),
    ("Xây dựng Đảng, hệ thống chính trị", 6, "quarter"),
    ("Chuyển đổi số, cải cách hành chính", 2, "month"),
    ("Văn hóa, xã hội", 200, "program"),
    ("Đấu tranh phản bác quan điểm sai trái", 6, "quarter"),
]


def moment(rng: random.Random) -> dt.datetime:
    days = (END - START).days
    day = START + dt.timedelta(days=rng.randrange(days + 1))
    return dt.datetime(day.year, day.month, day.day, rng.randrange(7, 18), rng.randrange(60), tzinfo=VN)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--submissions", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)

    var = Path(os.environ["PHOIHOP_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)
    for leftover in var.glob("phoihop.sqlite3*"):
        leftover.unlink()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = var / "media"
    call_command("migrate", verbosity=0)

    import types

    from phoihop.accounts import services as account_services
    from phoihop.accounts.models import Organization, OrganizationLevel
    from phoihop.deadlines.models import DeadlinePolicy
    from phoihop.exchange.models import InfoRequest, Submission
    from phoihop.portal.models import ArticleDailyViews, ArticlePage
    from phoihop.programs import services as program_services
    from phoihop.programs.models import Program, Theme
    from phoihop.reports import periods, selectors, services
    from phoihop.search.importer import ArticleImporter
    from phoihop.testing import build_personas

    setup_started = time.perf_counter()
    people = types.SimpleNamespace()
    build_personas(people)
    commune = OrganizationLevel.objects.get(code="commune")
    units = [people.unit_a] + [
        account_services.organization_create(
            actor=None, name=f"UBND xã Thử Nghiệm {i:02d}", kind=Organization.Kind.PARTNER, level=commune
        )
        for i in range(1, args.units)
    ]
    program = program_services.program_create(
        actor=None,
        title="Chương trình phối hợp thông tin, tuyên truyền giai đoạn 2023–2025",
        number="01/CTPH",
        parties=[people.press, *units],
        starts_on=START,
        ends_on=END,
        status=Program.Status.ACTIVE,
        themes=[title for title, _count, _period in THEMES],
        signatories=[(people.press, "Lê Thị Bích Ngọc", "Tổng Biên tập")],
    )
    themes = list(program.themes.order_by("sort_order"))
    for theme, (_title, count, period) in zip(themes, THEMES, strict=True):
        Theme.objects.filter(pk=theme.pk).update(target_count=count, target_period=period)

    # Articles: the archive importer, then the programme/theme links in bulk.
    lines = (
        json.dumps(
            {
                "title": f"Tin bài số {i}: hoạt động tuyên truyền của xã",
                "sapo": "Sapo ngắn của tin bài.",
                "body": "Nội dung tin bài. " * 30,
                "category": ("Chính trị", "Xã hội", "Kinh tế", "Chuyển đổi số")[i % 4],
                "authors": ["Bảo Thoa"],
                "published_at": moment(rng).isoformat(),
                "source_id": f"bench-{i}",
            },
            ensure_ascii=False,
        )
        for i in range(args.articles)
    )
    report = ArticleImporter().run(lines)
    print(f"articles: {report.created:,} imported in {report.seconds:.1f} s")
    ids = list(ArticlePage.objects.filter(source_id__startswith="bench-").values_list("pk", flat=True))
    through = ArticlePage._meta.get_field("themes").remote_field.through  # type: ignore[union-attr]
    ArticlePage.objects.filter(pk__in=ids).update(program=program)
    rows = []
    for pk in ids:
        for theme in rng.sample(themes, rng.choice((1, 1, 2))):
            rows.append(through(articlepage_id=pk, theme_id=theme.pk))
    through.objects.bulk_create(rows, batch_size=2000)
    views = []
    for pk in rng.sample(ids, min(len(ids), 3000)):
        for day in {moment(rng).date() for _ in range(10)}:
            views.append(ArticleDailyViews(article_id=pk, day=day, views=rng.randrange(1, 500)))
    ArticleDailyViews.objects.bulk_create(views, batch_size=5000)
    print(f"daily read rows: {len(views):,}")

    # Submissions and requests in bulk, with dates spread over the programme.
    created_at = Submission._meta.get_field("created_at")
    created_at.auto_now_add = False  # type: ignore[attr-defined]  # the bench sets its own dates
    statuses = list(Submission.Status.values)
    senders = [people.liaison_a]
    with transaction.atomic():
        Submission.objects.bulk_create(
            [
                Submission(
                    reference=f"TT-B-{i:06d}",
                    organization=(unit := units[i % len(units)]),
                    original_organization=unit,
                    sender=senders[0],
                    program=program,
                    title=f"Thông tin số {i}",
                    status=(status := statuses[i % len(statuses)]),
                    not_used_reason="Trùng nội dung." if status == Submission.Status.NOT_USED else "",
                    created_at=(when := moment(rng)),
                    updated_at=when,
                    status_changed_at=when,
                )
                for i in range(args.submissions)
            ],
            batch_size=2000,
        )
    print(f"submissions: {Submission.objects.count():,}")
    policy = DeadlinePolicy.objects.get(code="thuong")
    InfoRequest._meta.get_field("created_at").auto_now_add = False  # type: ignore[attr-defined]
    requests = []
    for i in range(args.requests):
        unit = units[i % len(units)]
        sent = moment(rng)
        due = sent + dt.timedelta(days=7)
        answered = sent + dt.timedelta(hours=rng.randrange(2, 400)) if i % 10 < 8 else None
        requests.append(
            InfoRequest(
                reference=f"ĐN-B-{i:05d}",
                requested_by=people.chief,
                press=people.press,
                organization=unit,
                original_organization=unit,
                program=program,
                subject=f"Đề nghị số {i}",
                questions="Đề nghị cung cấp thông tin.",
                policy=policy,
                sent_at=sent,
                due_at=due,
                status=InfoRequest.Status.ANSWERED if answered else InfoRequest.Status.SENT,
                answer="Trả lời." if answered else "",
                answered_at=answered,
                created_at=sent,
                updated_at=sent,
            )
        )
    InfoRequest.objects.bulk_create(requests, batch_size=2000)
    print(f"requests: {InfoRequest.objects.count():,}; setup {time.perf_counter() - setup_started:.0f} s")

    whole = periods.make(periods.WHOLE, START, END, None, None)
    draft = services.report_create(actor=people.chief, program=program, issuer=people.press, period=whole)
    figure_times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        figures = selectors.program_figures(program, whole)
        figure_times.append(time.perf_counter() - t0)
    export_times = []
    for _ in range(args.runs):
        services.report_request_export(actor=people.chief, report=draft)
        t0 = time.perf_counter()
        done = services.report_export(report_id=draft.pk)  # what the worker's task runs
        export_times.append(time.perf_counter() - t0)
        assert done.status == "done", done.error
    client = Client()
    client.force_login(people.chief)
    page_times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        response = client.get(f"/phoi-hop/bao-cao/chuong-trinh/{program.pk}/?ky=ca")
        page_times.append(time.perf_counter() - t0)
        assert response.status_code == 200

    totals = figures.totals
    print(
        f"programme: {figures.articles_total:,} linked articles, {totals['submissions']['total']:,} submissions, "
        f"{totals['requests']['total']:,} requests; report {done.number_text}, docx {done.docx.size:,} B, "
        f"xlsx {done.xlsx.size:,} B, pdf: {'yes' if done.pdf else 'no (LibreOffice not installed)'}"
    )
    print(f"figures (all tables)   median {statistics.median(figure_times) * 1000:7.0f} ms")
    print(f"dashboard page         median {statistics.median(page_times) * 1000:7.0f} ms")
    print(
        f"final report export    median {statistics.median(export_times):7.2f} s   "
        f"max {max(export_times):.2f} s   (target < 5 s; {args.runs} runs)"
    )
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, SQLite")  # fmt: skip


if __name__ == "__main__":
    main()
