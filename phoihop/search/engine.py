"""The query side of both indexes: parse a reader's query, rank identically on SQLite (FTS5) and
PostgreSQL (tsvector), return row keys and the total.

Matching. The query is normalized and folded by vntext, and expanded with the abbreviation table
(`vntext.query_variants`: "HĐND" also looks for "hội đồng nhân dân" and back). A row matches when it
contains every token of at least one variant, in its title or body (folded, so "dang duc quynh",
"Đặng Đức Quỳnh" and its decomposed form are one query).

Ranking. Each matching row has four yes/no features:

* accent (16): every query token written with marks ("hòa", "Đặng") is in the row with exactly
  those marks. A query typed without marks has no accent feature, so it reorders nothing;
* title phrase (8): a variant's tokens are adjacent and in order in the title;
* title (4): all of a variant's tokens are in the title;
* phrase (2): each pair of neighbouring words of a variant is adjacent, in order, within the title or
  within the body (for two words, the phrase itself; for more, almost always the whole phrase, and
  it is an exact index lookup on both databases: PostgreSQL's GIN keeps no word positions);

    score = 16·accent + 8·title_phrase + 4·title + 2·phrase
    ORDER BY score DESC, date DESC, id DESC

Powers of two make each feature outrank every combination of those below it: an exact-accent match
beats a folded one, a phrase in the title beats scattered title words, which beat a phrase in the
body, which beats scattered body words; recency breaks every tie. The features are exact tests, not
a relevance formula (FTS5's bm25 and PostgreSQL's ts_rank differ), so the order is the same on both
databases.

Evaluation. The score takes few values, so rows are read one score *bucket* (one combination of
features) at a time, best first, each in the index's key order, which is the date order
(``rank_key``), with a LIMIT: a page of results costs a few index reads that stop early instead of
scoring every match. Title features are tested on a second, titles-only index (short posting lists).
Rows that match in the title are usually few: when there are at most `EXPLICIT_CAP`, they are
read and scored one by one from their stored folded text (`row_features`, the same tests as the
index expressions), and only the buckets without a title match are read from the full-text index.
The total is an index count that stops at `COUNT_CAP` ("more than 1,000 results").

PostgreSQL's planner is told not to scan the table (``enable_seqscan`` off for the search's own
statements): a tsvector test on a row costs a de-TOAST of the whole document vector, far more than
the planner assumes, so the GIN and rank-key indexes are always the better path here. GIN, unlike
FTS5, keeps no order: an index read collects every match before the newest can be picked. So the
engine, not the planner, chooses between the two reads: the newest rows are scored first, in date
order (`_Runner.sample`); a common query fills its page from them, a bucket they leave short is
read on in date order while its share of the sample says that ends soon, else from the GIN indexes
(its matches are then few). The total is proven "more than 1,000" by the title matches when they
are that many, else counted the same way (`_Runner.total`). Every path is an exact test, so the
results do not depend on these choices (tests: `DateOrderWindowTests`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

import vntext
from phoihop.search.models import RANK_KEY_SCALE
from vntext.tokens import token_pairs

MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
MAX_VARIANTS = 8

WEIGHTS = {"accent": 16, "title_phrase": 8, "title": 4, "phrase": 2}


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query, ready for the index: folded variants and the marked tokens."""

    text: str
    variants: tuple[tuple[str, ...], ...]
    accent_terms: tuple[str, ...]
    prefix: bool = False

    @property
    def terms(self) -> frozenset[str]:
        """Every folded token of every variant."""
        return frozenset(token for variant in self.variants for token in variant)


def parse_query(text: str | None, *, prefix: bool = False) -> ParsedQuery | None:
    """Parse `text`; None when nothing searchable is left. With `prefix`, the last token also
    matches longer words (the admin's search-as-you-type)."""
    cleaned = vntext.clean_line(text or "")[:MAX_QUERY_CHARS]
    variants: list[tuple[str, ...]] = []
    for variant in vntext.query_variants(cleaned)[:MAX_VARIANTS]:
        tokens = tuple(variant.split()[:MAX_TOKENS])
        if tokens and tokens not in variants:
            variants.append(tokens)
    if not variants:
        return None
    pairs = token_pairs(cleaned)[:MAX_TOKENS]
    marked = dict.fromkeys(raw.lower() for raw, folded in pairs if raw.lower() != folded)
    return ParsedQuery(text=cleaned, variants=tuple(variants), accent_terms=tuple(marked), prefix=prefix)


def merge_queries(queries: Sequence[ParsedQuery | None]) -> ParsedQuery | None:
    """One query matching what any of `queries` matches (their variants, at most `MAX_VARIANTS`),
    read as the first: its text, its marked words and its prefix flag."""
    present = [query for query in queries if query is not None]
    if not present:
        return None
    variants = list(dict.fromkeys(variant for query in present for variant in query.variants))[:MAX_VARIANTS]
    first = present[0]
    return ParsedQuery(text=first.text, variants=tuple(variants), accent_terms=first.accent_terms, prefix=first.prefix)


@dataclass(frozen=True)
class Bucket:
    """The rows with exactly these features: `score` is their common score."""

    score: int
    require: tuple[str, ...]
    exclude: tuple[str, ...]


def buckets(query: ParsedQuery) -> list[Bucket]:
    """The possible feature combinations of `query`, best score first.

    A title phrase implies title and phrase, which leaves five combinations of those three; a
    one-word query has only two (in the title or not), since its phrase is the word itself.
    """
    multi = any(len(variant) > 1 for variant in query.variants)
    combos = [(1, 1, 1), (0, 1, 1), (0, 1, 0), (0, 0, 1), (0, 0, 0)] if multi else [(1, 1, 1), (0, 0, 1)]
    result = []
    for accent in (1, 0) if query.accent_terms else (0,):
        for title_phrase, title, phrase in combos:
            flags = {"accent": accent, "title_phrase": title_phrase, "title": title, "phrase": phrase}
            if not multi:
                flags.pop("title")  # the same as the title phrase
                flags.pop("phrase")  # always true
            if not query.accent_terms:
                flags.pop("accent")
            score = 16 * accent + 8 * title_phrase + 4 * title + 2 * phrase
            result.append(
                Bucket(
                    score=score,
                    require=tuple(name for name, on in flags.items() if on),
                    exclude=tuple(name for name, on in flags.items() if not on),
                )
            )
    return sorted(result, key=lambda bucket: -bucket.score)


# -- Full-text expressions per database. Tokens are runs of letters and digits (vntext); quoting them
# -- is enough, and quotes are still escaped in case a token ever carries one.
# -- "main" expressions run on the whole index (title and body), "title" ones on the titles alone.

TITLE_FEATURES = ("title_phrase", "title")


def main_features(*, postgres: bool) -> tuple[str, ...]:
    """Features tested inside the main full-text expression; the others are separate conditions
    (title features on the titles index; on PostgreSQL also the phrase, on the word-pairs index)."""
    return ("accent",) if postgres else ("accent", "phrase")


def _fts_term(token: str, *, prefix: bool = False) -> str:
    return '"' + token.replace('"', '""') + '"' + (" *" if prefix else "")


def _ts_term(token: str, *, prefix: bool = False) -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:*" if prefix else quoted


def _each(query: ParsedQuery) -> Iterator[tuple[tuple[str, ...], list[bool]]]:
    """Each variant with, for each token, whether it is matched as a prefix."""
    for variant in query.variants:
        last = len(variant) - 1
        yield variant, [query.prefix and i == last for i in range(len(variant))]


def _pairs(variant: tuple[str, ...], prefixes: list[bool]) -> list[tuple[str, str, bool]]:
    """Adjacent word pairs of a variant (a one-word variant is its own "pair"), with the prefix flag
    of the pair's last word."""
    return [(variant[i], variant[i + 1], prefixes[i + 1]) for i in range(len(variant) - 1)]


def fts_expressions(query: ParsedQuery) -> dict[str, str]:
    """FTS5 expressions: "base", "accent", "phrase" for the main table (columns title, body),
    "title", "title_phrase" for the titles table."""

    def terms(variant: tuple[str, ...], prefixes: list[bool]) -> list[str]:
        return [_fts_term(t, prefix=p) for t, p in zip(variant, prefixes, strict=True)]

    def adjacent(variant: tuple[str, ...], prefixes: list[bool]) -> str:
        if len(variant) == 1:
            return terms(variant, prefixes)[0]
        return " AND ".join(f"({_fts_term(a)} + {_fts_term(b, prefix=p)})" for a, b, p in _pairs(variant, prefixes))

    each = list(_each(query))
    all_words = " OR ".join("(" + " AND ".join(terms(v, p)) + ")" for v, p in each)
    expressions = {
        "base": all_words,
        # FTS5 phrases: "a" + "b" is the phrase a b within one column; a prefix may close it.
        "phrase": " OR ".join(f"({adjacent(v, p)})" for v, p in each),
        "title": all_words,
        "title_phrase": " OR ".join("(" + " + ".join(terms(v, p)) + ")" for v, p in each),
    }
    if query.accent_terms:
        # Accent terms carry marks, folded tokens never do: they can only match the accent terms.
        expressions["accent"] = " AND ".join(_fts_term(t) for t in query.accent_terms)
    return expressions


def ts_expressions(query: ParsedQuery) -> dict[str, str]:
    """PostgreSQL tsquery texts for the same tests: "base", "accent" on `tsv`, "title" and
    "title_phrase" on `tsv_title`, "phrase" on `tsv_pairs` (the word pairs, "a b" as one lexeme) for
    the variants of several words and "phrase_words" on `tsv` for the one-word variants."""

    def terms(variant: tuple[str, ...], prefixes: list[bool]) -> list[str]:
        return [_ts_term(t, prefix=p) for t, p in zip(variant, prefixes, strict=True)]

    each = list(_each(query))
    all_words = " | ".join("(" + " & ".join(terms(v, p)) + ")" for v, p in each)
    expressions = {
        "base": all_words,
        "phrase": " | ".join(
            "(" + " & ".join(_ts_term(f"{a} {b}", prefix=p) for a, b, p in _pairs(v, ps)) + ")"
            for v, ps in each
            if len(v) > 1
        ),
        "phrase_words": " | ".join(terms(v, p)[0] for v, p in each if len(v) == 1),
        "title": all_words,
        "title_phrase": " | ".join("(" + " <-> ".join(terms(v, p)) + ")" for v, p in each),
    }
    if query.accent_terms:
        expressions["accent"] = " & ".join(_ts_term(t) for t in query.accent_terms)
    return expressions


def _simplified(bucket: Bucket) -> tuple[list[str], list[str]]:
    """The bucket's required and excluded features without the implied ones (a title phrase is
    also a title match and a phrase), so no condition is tested twice."""
    require, exclude = list(bucket.require), list(bucket.exclude)
    if "title_phrase" in require:
        require = [name for name in require if name not in ("title", "phrase")]
    if "title" in exclude or "phrase" in exclude:
        exclude = [name for name in exclude if name != "title_phrase"]
    return require, exclude


def main_expression(bucket: Bucket, expressions: dict[str, str], *, postgres: bool) -> str:
    """The main-index expression of a bucket: the match, with its accent and phrase features."""
    require, exclude = _simplified(bucket)
    main = main_features(postgres=postgres)
    required = [expressions["base"], *(expressions[n] for n in require if n in main)]
    excluded = [expressions[n] for n in exclude if n in main]
    if postgres:
        if any(name in (*TITLE_FEATURES, "phrase") for name in require):
            # A title match is a match (the titles' words are in `tsv` too), and so is a row holding
            # every pair of a variant: the base test is implied, and dropping it spares reading the
            # row's whole `tsv` when nothing else needs it.
            required = required[1:]
        if not required:
            return "!(" + " | ".join(f"({expr})" for expr in excluded) + ")" if excluded else ""
        text = " & ".join(f"({expr})" for expr in required)
        return text + (" & !(" + " | ".join(f"({expr})" for expr in excluded) + ")" if excluded else "")
    text = "(" + " AND ".join(f"({expr})" for expr in required) + ")"
    return text + (" NOT (" + " OR ".join(f"({expr})" for expr in excluded) + ")" if excluded else "")


def column_conditions(bucket: Bucket, *, postgres: bool) -> list[tuple[str, bool]]:
    """The bucket's features tested outside the main expression: (feature, required?)."""
    require, exclude = _simplified(bucket)
    main = main_features(postgres=postgres)
    return [(n, True) for n in require if n not in main] + [(n, False) for n in exclude if n not in main]


# -- Running the queries.


@dataclass(frozen=True)
class IndexTable:
    """Where one index lives: its row table and (SQLite) its FTS5 table."""

    table: str

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def title_fts(self) -> str:
        return f"{self.table}_title_fts"


@dataclass
class Filters:
    """Conditions on the row table (alias `d`), and a date range on the rank key."""

    sql: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    key_from: int | None = None
    key_to: int | None = None

    def add(self, condition: str, *params: Any) -> None:
        self.sql.append(condition)
        self.params.extend(params)

    def date_range(self, start: dt.datetime | None, end: dt.datetime | None) -> None:
        """Rows dated from `start` (included) to `end` (excluded)."""
        if start is not None:
            self.key_from = int(start.timestamp()) * RANK_KEY_SCALE
        if end is not None:
            self.key_to = int(end.timestamp()) * RANK_KEY_SCALE


# Readers never page past a thousand results; counting further costs time on every common query.
COUNT_CAP = 1_000
# Title matches up to this many are scored one by one from their stored text (exact, cheap); above
# it they are as common as the other buckets and are read from the index like them.
EXPLICIT_CAP = 1_000


# PostgreSQL (see `_Runner.sample`): the newest rows scored first; the rows read on in date order for
# a bucket the sample leaves short (more when the bucket needs a title match, tested in the row
# itself); for the total, the share of matches in the sample above which the older rows may be
# counted in date order, and the cost of testing a row that way relative to the GIN index's cost
# per match.
SAMPLE_ROWS = 300
WALK_ROWS = 1_000
TITLE_WALK_ROWS = 5_000
COUNT_WALK_SHARE = 0.25
COUNT_WALK_COST = 60
PG_COLUMNS = "d.rank_key, d.tsv, d.tsv_title, d.tsv_pairs"


@dataclass(frozen=True)
class Ranked:
    keys: list[int]
    total: int
    # True when there are more matches than `COUNT_CAP`: `total` is then the cap ("more than …").
    capped: bool = False


def row_features(query: ParsedQuery, *, title_f: str, text_f: str, accent_terms: str) -> dict[str, bool]:
    """The features of one stored row, computed from its stored strings.

    The same tests as the index expressions: stored texts are single-space-separated tokens, so a
    token, or a phrase, occurs in the index exactly when " token " (or " a b c ") occurs in the text.
    """
    title, body = f" {title_f.strip()} ", f" {text_f} "
    end = "" if query.prefix else " "

    def words(variant: tuple[str, ...]) -> list[str]:
        return [f" {token}{end if i == len(variant) - 1 else ' '}" for i, token in enumerate(variant)]

    def phrase(variant: tuple[str, ...]) -> str:
        return f" {' '.join(variant)}{end}"

    def adjacent(variant: tuple[str, ...]) -> bool:
        # Every adjacent pair of the variant's words, adjacent in the title or in the body.
        if len(variant) == 1:
            return words(variant)[0] in title or words(variant)[0] in body
        pairs = [
            phrase(variant[i : i + 2]) if i + 2 == len(variant) else f" {variant[i]} {variant[i + 1]} "
            for i in range(len(variant) - 1)
        ]
        return all(pair in title or pair in body for pair in pairs)

    features = {
        "title_phrase": any(phrase(v) in title for v in query.variants),
        "title": any(all(w in title for w in words(v)) for v in query.variants),
        "phrase": any(adjacent(v) for v in query.variants),
    }
    if query.accent_terms:
        features["accent"] = all(f" {term} " in accent_terms for term in query.accent_terms)
    return features


def _in_bucket(bucket: Bucket, features: dict[str, bool]) -> bool:
    return all(features[name] for name in bucket.require) and not any(features[name] for name in bucket.exclude)


class _Runner:
    """Builds and runs the SQL for one index, one set of filters, on the current database.

    SQL text is assembled only from this module's table names, fixed fragments and placeholders;
    every value, the full-text expressions included, is passed as a parameter (hence the S608
    exemptions below).
    """

    def __init__(self, table: IndexTable, filters: Filters, expressions: dict[str, str]) -> None:
        self.table = table
        self.filters = filters
        self.expressions = expressions
        self.postgres = connection.vendor == "postgresql"
        self.key = "d.rank_key" if self.postgres else f"{table.fts}.rowid"
        self._sample: tuple[list[tuple[int, dict[str, bool]]], int | None] | None = None

    def _range(self, key: str) -> tuple[list[str], list[Any]]:
        conditions, params = [], []
        if self.filters.key_from is not None:
            conditions.append(f"{key} >= %s")
            params.append(self.filters.key_from)
        if self.filters.key_to is not None:
            conditions.append(f"{key} < %s")
            params.append(self.filters.key_to)
        return conditions, params

    def _source(self, expression: str, titles: Sequence[tuple[str, bool]] = ()) -> tuple[str, list[Any]]:
        filters = self.filters
        conditions: list[str] = []
        params: list[Any] = []
        if self.postgres:
            full_text, params = self._pg_conditions(expression, titles)
            source = f"FROM {self.table.table} AS d WHERE " + (" AND ".join(full_text) or "true")
        else:
            params = [expression]
            fts, title_fts = self.table.fts, self.table.title_fts
            join = f" JOIN {self.table.table} AS d ON d.rank_key = {fts}.rowid" if filters.sql else ""
            source = f"FROM {fts}{join} WHERE {fts} MATCH %s"
            for name, required in titles:
                # "+rowid": a filter on the rows read in key order, never a lookup of each title match.
                membership = "IN" if required else "NOT IN"
                conditions.append(
                    f"+{fts}.rowid {membership} (SELECT rowid FROM {title_fts} WHERE {title_fts} MATCH %s)"  # noqa: S608
                )
                params.append(self.expressions[name])
        range_conditions, range_params = self._range(self.key)
        conditions.extend([*range_conditions, *filters.sql])
        params.extend([*range_params, *filters.params])
        return source + "".join(f" AND {c}" for c in conditions), params

    def _pg_conditions(self, expression: str, titles: Sequence[tuple[str, bool]]) -> tuple[list[str], list[Any]]:
        """The full-text conditions of a bucket on PostgreSQL, cheapest first: the titles' vector is
        small and stored in the row, the word pairs and the whole text are read from TOAST storage.
        (A row read in date order is tested in this order and dropped at the first failing test.)"""
        conditions: list[str] = []
        params: list[Any] = []
        for name, required in sorted(titles, key=lambda item: item[0] == "phrase"):
            condition, condition_params = self._pg_condition(name)
            conditions.append(condition if required else f"NOT {condition}")
            params.extend(condition_params)
        if expression:
            conditions.append("d.tsv @@ %s::tsquery")
            params.append(expression)
        return conditions, params

    def _pg_condition(self, name: str) -> tuple[str, list[Any]]:
        expressions = self.expressions
        if name != "phrase":
            return "d.tsv_title @@ %s::tsquery", [expressions[name]]
        parts, params = [], []
        if expressions["phrase"]:
            parts.append("d.tsv_pairs @@ %s::tsquery")
            params.append(expressions["phrase"])
        if expressions["phrase_words"]:
            parts.append("d.tsv @@ %s::tsquery")
            params.append(expressions["phrase_words"])
        return "(" + " OR ".join(parts) + ")", params

    # -- PostgreSQL. GIN keeps no order: an index read collects every matching row before the newest
    # -- can be picked, which for common words is most of the table, and a test that the index cannot
    # -- answer alone reads each candidate's whole vector. So the newest rows are read first, in date
    # -- order (the rank-key b-tree), and each is scored once (`sample`): for a common query they
    # -- fill the page. A bucket they leave short is read on, in date order while its share of the
    # -- sample says that stops soon, else from the GIN indexes (its matches are then few).

    def _window(self, columns: str, *, below: int | None, rows: int) -> tuple[str, list[Any]]:
        """The newest `rows` rows passing the filters (older than `below`), in date order."""
        conditions, params = self._range("d.rank_key")
        if below is not None:
            conditions.append("d.rank_key < %s")
            params.append(below)
        conditions.extend(self.filters.sql)
        params.extend(self.filters.params)
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        return (
            f"(SELECT {columns} FROM {self.table.table} AS d{where} ORDER BY d.rank_key DESC LIMIT %s) AS d",  # noqa: S608
            [*params, rows],
        )

    def _oldest(self, *, below: int | None, rows: int) -> int | None:
        """The oldest key of the window of `rows` rows older than `below`; None when it is not full."""
        window, params = self._window("d.rank_key", below=below, rows=rows)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*), min(d.rank_key) FROM {window}", params)  # noqa: S608
            size, oldest = cursor.fetchone()
        return int(oldest) if size >= rows else None

    def sample(self, features: Sequence[str]) -> tuple[list[tuple[int, dict[str, bool]]], int | None]:
        """The matches among the newest `SAMPLE_ROWS` rows, newest first, with their `features`, and
        the oldest key read (None when the window held every row)."""
        if self._sample is None:
            tests, params = [], []
            for name in features:
                if name in TITLE_FEATURES:
                    condition, condition_params = self._pg_condition(name)
                elif name == "phrase":
                    condition, condition_params = self._pg_condition("phrase")
                else:
                    condition, condition_params = "d.tsv @@ %s::tsquery", [self.expressions[name]]
                tests.append(condition)
                params.extend(condition_params)
            window, window_params = self._window(PG_COLUMNS, below=None, rows=SAMPLE_ROWS)
            # The features are tested on the matches only ("OFFSET 0" keeps the match test below them).
            columns = "".join(f", CASE WHEN d.m THEN {test} END" for test in tests)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT d.rank_key, d.m{columns} FROM (SELECT {PG_COLUMNS}, d.tsv @@ %s::tsquery AS m "  # noqa: S608
                    f"FROM {window} OFFSET 0) AS d ORDER BY d.rank_key DESC",
                    [*params, self.expressions["base"], *window_params],
                )
                read = cursor.fetchall()
            matches = [(int(row[0]), dict(zip(features, row[2:], strict=True))) for row in read if row[1]]
            oldest = int(read[-1][0]) if len(read) >= SAMPLE_ROWS else None
            self._sample = (matches, oldest)
        return self._sample

    def _pg_keys(self, bucket: Bucket, expression: str, titles: Sequence[tuple[str, bool]], *, limit: int) -> list[int]:
        features = ["accent", "title_phrase", "title", "phrase"]
        sampled, below = self.sample([name for name in features if name in (*bucket.require, *bucket.exclude)])
        keys = [key for key, found in sampled if _in_bucket(bucket, found)][:limit]
        if len(keys) >= limit or below is None:
            return keys
        conditions, params = self._pg_conditions(expression, titles)
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        # A title test reads only the row itself: a bucket that needs one is read further in date order.
        walk = TITLE_WALK_ROWS if any(name in TITLE_FEATURES for name in bucket.require) else WALK_ROWS
        if len(keys) * walk >= (limit - len(keys)) * SAMPLE_ROWS * 2:
            # Common enough in the sample to fill the page within the next `walk` rows.
            window, window_params = self._window(PG_COLUMNS, below=below, rows=walk)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT d.rank_key FROM {window}{where} ORDER BY d.rank_key DESC LIMIT %s",  # noqa: S608
                    [*window_params, *params, limit - len(keys)],
                )
                keys += [int(row[0]) for row in cursor.fetchall()]
            if len(keys) >= limit:
                return keys
            below = self._oldest(below=below, rows=walk)
            if below is None:
                return keys
        # Older rows through the GIN indexes. "+ 0": the rank-key b-tree must not provide the order
        # (reading the older rows in date order, each tested, is what the sample says is slow); the
        # few matches are sorted instead.
        source, source_params = self._source(expression, titles)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.rank_key {source} AND d.rank_key < %s ORDER BY d.rank_key + 0 DESC LIMIT %s",
                [*source_params, below, limit - len(keys)],
            )
            return keys + [int(row[0]) for row in cursor.fetchall()]

    def keys(
        self,
        expression: str,
        titles: Sequence[tuple[str, bool]],
        *,
        limit: int,
        offset: int,
        bucket: Bucket | None = None,
    ) -> list[int]:
        if self.postgres and bucket is not None and not offset:
            return self._pg_keys(bucket, expression, titles, limit=limit)
        source, params = self._source(expression, titles)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.key} {source} ORDER BY {self.key} DESC LIMIT %s OFFSET %s", [*params, limit, offset]
            )
            return [int(row[0]) for row in cursor.fetchall()]

    def count(self, expression: str, titles: Sequence[tuple[str, bool]] = (), *, cap: int) -> int:
        """The number of matches, counting no further than `cap`."""
        source, params = self._source(expression, titles)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {source} LIMIT %s) AS matches", [*params, cap])  # noqa: S608
            return int(cursor.fetchone()[0])

    def total(self, *, cap: int) -> int:
        """The number of rows matching the query, counting no further than `cap`.

        PostgreSQL: the sample's matches, then the older rows: a common query is counted on them in
        date order, which stops at `cap`, when that reads fewer rows than the GIN index would
        collect (it collects every match, so it costs in proportion to the table).
        """
        expression = self.expressions["base"]
        if not self.postgres:
            return self.count(expression, cap=cap)
        sampled, below = self.sample([])
        counted = len(sampled)
        if counted >= cap or below is None:
            return min(counted, cap)
        share = counted / SAMPLE_ROWS
        rows = int((cap - counted) / share * 1.2) + 1 if share else 0
        if share and share >= COUNT_WALK_SHARE and rows * COUNT_WALK_COST < self._table_rows() * share:
            window, params = self._window("d.rank_key, d.tsv", below=below, rows=rows)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT count(*) FILTER (WHERE d.tsv @@ %s::tsquery), count(*), min(d.rank_key) FROM {window}",  # noqa: S608
                    [expression, *params],
                )
                matched, size, oldest = cursor.fetchone()
            counted += int(matched)
            if counted >= cap or size < rows:
                return min(counted, cap)
            below = int(oldest)
        source, source_params = self._source(expression)
        with connection.cursor() as cursor:
            cursor.execute(
                # "+ 0": from the GIN index, not a date-order read (the planner's choice under LIMIT).
                f"SELECT count(*) FROM (SELECT 1 {source} AND d.rank_key + 0 < %s LIMIT %s) AS matches",  # noqa: S608
                [*source_params, below, cap - counted],
            )
            return counted + int(cursor.fetchone()[0])

    def _table_rows(self) -> float:
        """The planner's estimate of the table's rows."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [self.table.table])
            row = cursor.fetchone()
        return max(float(row[0]) if row else 0.0, 0.0)

    def title_keys(self, name: str, *, cap: int) -> list[int]:
        """Keys of the rows whose title has feature `name`, at most `cap` of them (date range applied)."""
        if self.postgres:
            source, key = f"{self.table.table} AS d WHERE d.tsv_title @@ %s::tsquery", "d.rank_key"
        else:
            title_fts = self.table.title_fts
            source, key = f"{title_fts} WHERE {title_fts} MATCH %s", "rowid"
        conditions, params = self._range(key)
        where = "".join(f" AND {c}" for c in conditions)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {key} FROM {source}{where} LIMIT %s", [self.expressions[name], *params, cap])  # noqa: S608
            return [int(row[0]) for row in cursor.fetchall()]

    def rows(self, keys: list[int]) -> list[tuple[int, str, str, str]]:
        """(key, title_f, text_f, accent_terms) of these rows that pass the filters."""
        found: list[tuple[int, str, str, str]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            where = "".join(f" AND {c}" for c in self.filters.sql)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT d.rank_key, d.title_f, d.text_f, d.accent_terms FROM {self.table.table} AS d "  # noqa: S608
                    f"WHERE d.rank_key IN ({marks}){where}",
                    [*chunk, *self.filters.params],
                )
                found.extend((int(key), title_f, text_f, accent) for key, title_f, text_f, accent in cursor.fetchall())
        return found


def rank(
    query: ParsedQuery,
    table: IndexTable,
    *,
    filters: Filters | None = None,
    offset: int = 0,
    limit: int = 20,
    count: bool = True,
) -> Ranked:
    """Row keys of the matching rows in rank order (`limit` of them from `offset`), and the total
    (exact up to `COUNT_CAP`).

    Buckets are taken best score first. Title matches are few for most queries: when there are at
    most `EXPLICIT_CAP` of them, their rows are read and scored here (`row_features`), which serves
    every bucket that needs a title match; the other buckets are read from the full-text index in
    key order, stopping at `limit`.
    """
    if connection.vendor != "postgresql":
        return _rank(query, table, filters=filters, offset=offset, limit=limit, count=count)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        previous = cursor.fetchone()[0]
        try:
            return _rank(query, table, filters=filters, offset=offset, limit=limit, count=count)
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def _rank(
    query: ParsedQuery,
    table: IndexTable,
    *,
    filters: Filters | None,
    offset: int,
    limit: int,
    count: bool,
) -> Ranked:
    postgres = connection.vendor == "postgresql"
    expressions = ts_expressions(query) if postgres else fts_expressions(query)
    runner = _Runner(table, filters or Filters(), expressions)
    multi = any(len(variant) > 1 for variant in query.variants)
    explicit: str | None = None
    scored: list[tuple[int, dict[str, bool]]] = []
    # Rows known to match: every title match is a match (the titles are indexed with the bodies).
    known = 0
    for name in ("title", "title_phrase") if multi else ("title_phrase",):
        title_keys = runner.title_keys(name, cap=EXPLICIT_CAP + 1)
        if not runner.filters.sql:
            known = max(known, len(title_keys))
        if len(title_keys) <= EXPLICIT_CAP:
            explicit = name
            scored = sorted(
                (
                    (key, row_features(query, title_f=title_f, text_f=text_f, accent_terms=accent))
                    for key, title_f, text_f, accent in runner.rows(title_keys)
                ),
                key=lambda item: -item[0],
            )
            break
    keys: list[int] = []
    skip = offset
    for bucket in buckets(query):
        if len(keys) >= limit:
            break
        explicit_bucket = explicit is not None and (
            explicit in bucket.require or (explicit == "title" and "title_phrase" in bucket.require)
        )
        if explicit_bucket:
            rows = [key for key, features in scored if _in_bucket(bucket, features)]
            if skip >= len(rows):
                skip -= len(rows)
                continue
            found = rows[skip : skip + limit - len(keys)]
        else:
            expression = main_expression(bucket, expressions, postgres=postgres)
            titles = column_conditions(bucket, postgres=postgres)
            if skip:
                # Later pages: buckets that end before the page are counted, not read.
                size = runner.count(expression, titles, cap=skip + 1)
                if size <= skip:
                    skip -= size
                    continue
            found = runner.keys(expression, titles, limit=limit - len(keys), offset=skip, bucket=bucket)
        skip = 0
        keys.extend(found)
    total, capped = offset + len(keys), False
    if count and known > COUNT_CAP:
        total, capped = COUNT_CAP, True
    elif count and (len(keys) >= limit or offset):
        total = runner.total(cap=COUNT_CAP + 1)
        if total > COUNT_CAP:
            total, capped = COUNT_CAP, True
    return Ranked(keys=keys, total=total, capped=capped)
