"""Time `phoihop import-articles` on N generated Vietnamese articles (~3 KB each).

    .venv/bin/python bench/import_articles.py --count 100000            # SQLite in /tmp/phoihop-search-bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/phoihop_bench .venv/bin/python bench/import_articles.py

Uses its own var dir (never the test or demo database) and starts from an empty database: the SQLite
file is deleted, a PostgreSQL database is flushed. Prints articles/s overall and for the last 10%,
the page-tree check (treebeard's find_problems, what `phoihop fixtree` runs) and the index size.
Leaves the database in place for bench/search_latency.py.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_corpus import write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--var-dir", default="/tmp/phoihop-search-bench")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="import into the existing database")
    args = parser.parse_args()

    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PHOIHOP_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "0"  # DEBUG keeps every SQL statement in memory
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    postgres = bool(os.environ.get("DATABASE_URL"))
    if not postgres and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{var_dir}/phoihop.sqlite3{suffix}").unlink(missing_ok=True)

    data = var_dir / f"articles-{args.count}.jsonl"
    if not data.exists():
        started = time.perf_counter()
        size = write_jsonl(data, args.count)
        print(
            f"generated {args.count:,} articles, {size / args.count / 1024:.2f} KB/line, "
            f"in {time.perf_counter() - started:.0f} s → {data}"
        )

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if postgres and not args.keep:
        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)

    from wagtail.models import Page

    from phoihop.portal.services import site_ensure
    from phoihop.search.importer import ArticleImporter

    site_ensure()
    samples: list[tuple[int, float]] = []

    def progress(report, total):
        samples.append((report.created, report.seconds))
        if len(samples) % 10 == 0:
            sys.stderr.write(f"{report.lines:,}/{total:,} lines, {report.created:,} created, {report.rate:.0f}/s\n")

    total_lines = args.count
    importer = ArticleImporter(batch_size=args.batch_size, progress=progress)
    with data.open(encoding="utf-8") as handle:
        report = importer.run(handle, total_lines=total_lines)
    sys.stderr.write("\n")

    # The last 10% of the batches, and the closing step (index merge/ANALYZE, cache) on its own.
    last = samples[-1] if samples else (report.created, report.seconds)
    tail_from = max((s for s in samples if s[0] <= last[0] * 0.9), default=(0, 0.0))
    tail_rate = (last[0] - tail_from[0]) / max(last[1] - tail_from[1], 1e-9)
    closing = report.seconds - last[1]
    problems = Page.find_problems()
    print(f"machine: {machine(connection)}")
    print(
        f"imported {report.created:,} articles in {report.seconds:.1f} s: {report.rate:.0f} articles/s "
        f"(last 10%: {tail_rate:.0f}/s; closing index merge {closing:.1f} s); skipped {report.skipped}, "
        f"bad lines {len(report.errors)}, images dropped {report.images_dropped}"
    )
    print(
        f"page tree problems (bad_alpha, bad_path, orphans, bad_depth, bad_numchild): {tuple(len(p) for p in problems)}"
    )
    print_sizes(connection, report.created)


def machine(connection) -> str:
    if connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {database}"


def print_sizes(connection, articles: int) -> None:
    articles = max(articles, 1)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
            sizes = dict(cursor.fetchall())
            index_tables = [
                name for name in sizes if name.startswith("phoihop_search_article") or name.startswith("search_article")
            ]
            fts_tables = ("phoihop_search_articledocument_fts", "phoihop_search_articledocument_title_fts")
            fts = sum(v for k, v in sizes.items() if k.startswith(fts_tables))
            rows = sum(sizes[k] for k in index_tables) - fts
            total = sum(sizes.values())
        else:
            cursor.execute(
                "SELECT pg_total_relation_size('phoihop_search_articledocument'), "
                "pg_relation_size('phoihop_search_articledocument_tsv') "
                "+ pg_relation_size('phoihop_search_articledocument_tsv_title') "
                "+ pg_relation_size('phoihop_search_articledocument_tsv_pairs'), "
                "(SELECT sum(pg_column_size(tsv) + pg_column_size(tsv_title) + pg_column_size(tsv_pairs)) "
                "FROM phoihop_search_articledocument), "
                "pg_database_size(current_database())"
            )
            rows_total, gin, vectors, total = cursor.fetchone()
            # The full-text index here: the GIN indexes and the tsvector columns they are built from.
            fts = gin + vectors
            rows = rows_total - fts
    print(
        f"search index: {(rows + fts) / articles / 1024:.2f} KB/article "
        f"(rows with original + folded text {rows / articles / 1024:.2f} KB, "
        f"full-text index {fts / articles / 1024:.2f} KB); "
        f"whole database {total / 2**20:.0f} MB = {total / articles / 1024:.1f} KB/article"
    )


if __name__ == "__main__":
    main()
