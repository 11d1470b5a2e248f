"""p50/p95 of each path of the public search (issue #21), on a seeded index:

* every-word: queries that find enough (`selectors.search_articles`, first page of 20, snippets);
* partial: queries no article holds whole, answered with the best partial matches;
* telex / vni: the every-word queries typed as keystrokes with the input method off;
* did-you-mean: the every-word queries with one typo in one word;
* suggest: what a reader has typed after a few letters (`selectors.suggest`).

Each query is classified by what the search actually did (the path column counts those that took
the path; a query that did not is reported, not timed under that path).

    .venv/bin/python bench/search_paths.py --var-dir /tmp/phoihop-paths --seed 100000
    .venv/bin/python bench/search_paths.py --var-dir /tmp/phoihop-paths            # reuse the seeded index
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/phoihop_bench .venv/bin/python bench/search_paths.py --seed 100000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EVERY_WORD = [
    "Đặng Đức Quỳnh", "nguyen van hung", "hội đồng nhân dân", "xây dựng nông thôn mới", "chuyển đổi số",
    "cải cách hành chính", "giải phóng mặt bằng", "bảo hiểm y tế học sinh", "trat tu an toan giao thong",
    "Thanh Trì", "Vĩnh Quỳnh", "ngoc hoi", "Hà Đông", "du lịch", "thiên tai", "ngân sách", "tiếp xúc cử tri",
    "đại hội", "công đoàn", "nghị quyết",
]  # fmt: skip
# Every-word queries with places the corpus never names: no article holds them whole.
PLACES = ["Cà Mau", "Kon Tum", "Bạc Liêu", "Sóc Trăng"]
PARTIAL = [f"{query} {PLACES[i % len(PLACES)]}" for i, query in enumerate(EVERY_WORD)]

_TELEX_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_VNI_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_TELEX_LETTERS = {"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
_VNI_LETTERS = {"â": "a6", "ă": "a8", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}


def keystrokes(text: str, *, vni: bool) -> str:
    """`text` as typed with the input method off: marks as letters (digits), the tone key last."""
    tones, letters = (_VNI_TONES, _VNI_LETTERS) if vni else (_TELEX_TONES, _TELEX_LETTERS)
    words = []
    for word in text.split():
        tone, out = "", []
        for ch in unicodedata.normalize("NFC", word):
            base = unicodedata.normalize("NFD", ch)
            for mark, key in tones.items():
                if mark in base:
                    tone, base = key, base.replace(mark, "")
            base = unicodedata.normalize("NFC", base)
            lower = base.lower()
            typed = letters.get(lower, lower)
            out.append(typed.capitalize() if base != lower else typed)
        words.append("".join(out) + tone)
    return " ".join(words)


def typo(text: str, rng: random.Random) -> str:
    """One edit in the longest word: a letter dropped or two swapped."""
    words = text.split()
    at = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[at]
    i = rng.randrange(1, len(word) - 1)
    words[at] = (
        word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    )
    return " ".join(words)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var-dir", default="/tmp/phoihop-search-paths")
    parser.add_argument("--seed", type=int, default=0, help="empty the database and seed N articles first")
    parser.add_argument("--rounds", type=int, default=3)
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

    from import_articles import machine

    from phoihop.search.models import ArticleDocument, ArticleTerm
    from phoihop.search.selectors import Results, search_articles, suggest

    articles = ArticleDocument.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize" if connection.vendor == "sqlite" else "ANALYZE")

    rng = random.Random(21)
    paths: dict[str, tuple[list[str], Callable[[str], object], Callable[[object], bool]]] = {}

    def took_every(found: object) -> bool:
        return isinstance(found, Results) and found.total >= 3 and not found.typed

    def took_partial(found: object) -> bool:
        return isinstance(found, Results) and bool(found.partial) and not found.typed

    def took_recovery(found: object) -> bool:
        return isinstance(found, Results) and bool(found.typed)

    def took_suggestion(found: object) -> bool:
        return isinstance(found, Results) and bool(found.suggestion)

    def took_suggest(found: object) -> bool:
        return isinstance(found, list) and bool(found)

    typed_prefixes = [q[: max(3, len(q.split()[0]) + 3)] for q in EVERY_WORD]
    paths["every-word"] = (EVERY_WORD, search_articles, took_every)
    paths["partial"] = (PARTIAL, search_articles, took_partial)
    marked = [q for q in EVERY_WORD if keystrokes(q, vni=True) != q]  # typed with marks: keys to recover
    paths["telex"] = ([keystrokes(q, vni=False) for q in marked], search_articles, took_recovery)
    paths["vni"] = ([keystrokes(q, vni=True) for q in marked], search_articles, took_recovery)
    paths["did-you-mean"] = ([typo(q, rng) for q in EVERY_WORD], search_articles, took_suggestion)
    paths["suggest"] = (typed_prefixes, suggest, took_suggest)

    print(f"machine: {machine(connection)}")
    print(f"{articles:,} articles, {ArticleTerm.objects.count():,} vocabulary terms; {args.rounds} rounds")
    print(f"{'path':14} {'took it':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, (queries, call, took) in paths.items():
        for query in queries:  # warm the caches once, as a running site has them
            call(query)
        timings: list[float] = []
        missed: list[str] = []
        for _ in range(args.rounds):
            order = queries[:]
            rng.shuffle(order)
            for query in order:
                started = time.perf_counter()
                found = call(query)
                elapsed = (time.perf_counter() - started) * 1000
                if took(found):
                    timings.append(elapsed)
                elif query not in missed:
                    missed.append(query)
        if timings:
            print(
                f"{name:14} {len(queries) - len(missed):>4}/{len(queries):<3} {statistics.median(timings):>8.1f} "
                f"{pct(timings, 95):>8.1f} {max(timings):>8.1f}"
            )
        else:
            print(f"{name:14} {0:>4}/{len(queries):<3} (no query took this path)")
        for query in missed:
            print(f"{'':14}   did not take it: {query!r}")


if __name__ == "__main__":
    main()
