"""p50/p95 latency of the public article search (`selectors.search_articles`: ranking, total, URLs,
snippets — a full results page of 20) over a set of realistic queries, plus index size per article.

    # on the database bench/import_articles.py left behind (100,000 imported articles):
    .venv/bin/python bench/search_latency.py --var-dir /tmp/phoihop-search-bench
    # a seeded index of 1,000,000 articles (pages and index rows written directly, see --seed):
    .venv/bin/python bench/search_latency.py --var-dir /tmp/phoihop-search-bench-1m --seed 1000000
    # PostgreSQL: the same with DATABASE_URL=postgres://postgres@127.0.0.1:5432/phoihop_bench

--seed N empties the database and writes N articles straight into the page tree and the search
index, in bulk, without the importer's per-article HTML work: titles are generated one by one, bodies
are drawn from a pool of generated paragraphs whose folded forms are computed once. The rows are the
same as the importer's (same columns, same full-text structures), so the queries see an index of
the same shape; it is how a million articles fit in a bench run of a few minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    # names, with and without marks, decomposed
    "Đặng Đức Quỳnh", "dang duc quynh", "Nguyễn Thị Hương", "nguyen van hung", "Bùi Minh Đạt",
    # abbreviations and their full forms
    "UBND", "HĐND huyện Thanh Trì", "hội đồng nhân dân", "MTTQ", "LĐLĐ", "KT-XH", "công nhân, viên chức, lao động",
    # phrases readers type
    "xây dựng nông thôn mới", "chuyển đổi số", "cải cách hành chính", "giải phóng mặt bằng",
    "sắp xếp đơn vị hành chính cấp xã", "chính quyền địa phương hai cấp", "bảo hiểm y tế học sinh",
    "trat tu an toan giao thong", "hoà giải ở cơ sở", "thuỷ lợi nội đồng", "sức khoẻ cộng đồng",
    # places and single words
    "Thanh Trì", "Vĩnh Quỳnh", "ngoc hoi", "Hà Đông", "du lịch", "thiên tai", "ngân sách",
    # rare words and no match
    "tiếp xúc cử tri", "lễ ra mắt", "đề án 06", "không có bài nào như vậy",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var-dir", default="/tmp/phoihop-search-bench")
    parser.add_argument("--seed", type=int, default=0, help="empty the database and seed N articles first")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    os.environ["PHOIHOP_VAR_DIR"] = args.var_dir
    Path(args.var_dir).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if args.seed and not os.environ.get("DATABASE_URL"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.var_dir}/phoihop.sqlite3{suffix}").unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.seed:
        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        from search_seed import seed

        seed(args.seed)

    from import_articles import machine, print_sizes

    from phoihop.search.models import ArticleDocument
    from phoihop.search.selectors import search_articles

    articles = ArticleDocument.objects.count()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")
        else:
            cursor.execute("VACUUM ANALYZE phoihop_search_articledocument")

    rng = random.Random(6)
    for query in QUERIES:  # warm the caches once, as a running site has them
        search_articles(query)
    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    cpu: list[float] = []  # process time per query: less sensitive than wall time to a loaded machine
    totals: dict[str, str] = {}
    for _ in range(args.rounds):
        order = QUERIES[:]
        rng.shuffle(order)
        for query in order:
            started, cpu_started = time.perf_counter(), time.process_time()
            found = search_articles(query)
            timings[query].append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            totals[query] = f"{found.total:,}" + ("+" if found.capped else "")
    every = sorted(t for values in timings.values() for t in values)

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]

    print(f"machine: {machine(connection)}")
    print(
        f"{articles:,} articles; {len(QUERIES)} queries × {args.rounds} rounds; "
        "first page of 20 with the total and snippets"
    )
    print(f"{'query':45} {'matches':>9} {'median ms':>10} {'max ms':>8}")
    for query in QUERIES:
        values = sorted(timings[query])
        print(f"{query:45} {totals[query]:>9} {statistics.median(values):>10.1f} {values[-1]:>8.1f}")
    print(f"ALL: p50 {pct(every, 50):.1f} ms, p95 {pct(every, 95):.1f} ms, max {every[-1]:.1f} ms")
    cpu.sort()
    mean = statistics.mean(cpu)
    print(f"CPU of this process: mean {mean:.1f} ms, p50 {pct(cpu, 50):.1f} ms, p95 {pct(cpu, 95):.1f} ms")
    print_sizes(connection, articles)


if __name__ == "__main__":
    main()
