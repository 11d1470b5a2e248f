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
the planner assumes, so the GIN and rank-key indexes are always the better path here.
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
        params: list[Any] = [expression]
        if self.postgres:
            source = f"FROM {self.table.table} AS d WHERE d.tsv @@ %s::tsquery"
            for name, required in titles:
                condition, condition_params = self._pg_condition(name)
                conditions.append(condition if required else f"NOT {condition}")
                params.extend(condition_params)
        else:
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

    def keys(self, expression: str, titles: Sequence[tuple[str, bool]], *, limit: int, offset: int) -> list[int]:
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
    for name in ("title", "title_phrase") if multi else ("title_phrase",):
        title_keys = runner.title_keys(name, cap=EXPLICIT_CAP + 1)
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
            found = runner.keys(expression, titles, limit=limit - len(keys), offset=skip)
        skip = 0
        keys.extend(found)
    total, capped = offset + len(keys), False
    if count and (len(keys) >= limit or offset):
        total = runner.count(expressions["base"], cap=COUNT_CAP + 1)
        if total > COUNT_CAP:
            total, capped = COUNT_CAP, True
    return Ranked(keys=keys, total=total, capped=capped)
