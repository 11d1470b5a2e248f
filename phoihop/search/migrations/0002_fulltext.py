"""The full-text structures of both indexes, per database (see phoihop/search/models.py).

SQLite: an FTS5 contentless table per index, columns (title, body), rowid = rank_key, over the
pre-folded text, and a second one over the titles alone, kept in step by triggers. A contentless table stores only the inverted index;
deleting a row needs the indexed text, which the triggers read from the row being deleted. The
tokenizer keeps diacritics (`remove_diacritics 0`): the text is already folded by vntext, which also
folds "đ", and the accent terms must stay as they are.

PostgreSQL: a generated tsvector column over the same text with the 'simple' configuration
(lowercase only, no stemming, no stop words), title tokens with weight A, another over the titles
alone, a third holding the adjacent word pairs (`phoihop_search_pairs`), and a GIN index on each.
"""

from django.db import migrations

TABLES = ["phoihop_search_articledocument", "phoihop_search_workspacedocument"]


def sqlite_statements(table):
    fts, titles = f"{table}_fts", f"{table}_title_fts"
    options = "content='', columnsize=0, detail=full, tokenize='unicode61 remove_diacritics 0'"
    values = "{row}.rank_key, {row}.title_f, {row}.text_f || ' ' || {row}.accent_terms"
    title = "{row}.rank_key, {row}.title_f"
    new, old = values.format(row="new"), values.format(row="old")
    new_title, old_title = title.format(row="new"), title.format(row="old")
    insert = (
        f"INSERT INTO {fts}(rowid, title, body) VALUES ({new}); "
        f"INSERT INTO {titles}(rowid, title) VALUES ({new_title});"
    )
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, title, body) VALUES ('delete', {old}); "
        f"INSERT INTO {titles}({titles}, rowid, title) VALUES ('delete', {old_title});"
    )
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(title, body, {options})",
        # Titles alone, so title tests read short lists instead of every body that holds a word.
        f"CREATE VIRTUAL TABLE {titles} USING fts5(title, {options})",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF rank_key, title_f, text_f, accent_terms ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def sqlite_reverse(table):
    return [f"DROP TRIGGER IF EXISTS {table}_{suffix}" for suffix in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {table}_fts",
        f"DROP TABLE IF EXISTS {table}_title_fts",
    ]


# The adjacent word pairs of a folded text ("a b c" → {"a b", "b c"}): lexemes of `tsv_pairs`, so
# "these words next to each other" is an exact GIN lookup instead of a position check that reads
# every candidate's whole document vector.
PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION phoihop_search_pairs(text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(x || ' ' || y), '{}')
  FROM (SELECT string_to_array(btrim($1), ' ') AS w) AS s,
       unnest(w[1:cardinality(w) - 1], w[2:cardinality(w)]) AS t(x, y)
$$
"""


def postgres_statements(table):
    return [
        f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('simple'::regconfig, title_f), 'A') || "
        f"to_tsvector('simple'::regconfig, text_f || ' ' || accent_terms)) STORED",
        f"ALTER TABLE {table} ADD COLUMN tsv_title tsvector GENERATED ALWAYS AS ("
        f"to_tsvector('simple'::regconfig, title_f)) STORED",
        f"ALTER TABLE {table} ADD COLUMN tsv_pairs tsvector GENERATED ALWAYS AS ("
        f"array_to_tsvector(phoihop_search_pairs(title_f) || phoihop_search_pairs(text_f))) STORED",
        f"CREATE INDEX {table}_tsv ON {table} USING gin (tsv)",
        f"CREATE INDEX {table}_tsv_title ON {table} USING gin (tsv_title)",
        f"CREATE INDEX {table}_tsv_pairs ON {table} USING gin (tsv_pairs)",
    ]


def postgres_reverse(table):
    return [
        f"DROP INDEX IF EXISTS {table}_{suffix}" for suffix in ("tsv", "tsv_title", "tsv_pairs")
    ] + [f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}" for column in ("tsv", "tsv_title", "tsv_pairs")]


def run(sqlite, postgresql, *, forwards):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        builder = {"sqlite": sqlite, "postgresql": postgresql}.get(vendor)
        if builder is None:
            return  # other databases: no full-text structures (search needs SQLite or PostgreSQL)
        if vendor == "postgresql" and forwards:
            schema_editor.execute(PAIRS_FUNCTION)
        for table in TABLES:
            for statement in builder(table):
                schema_editor.execute(statement)
        if vendor == "postgresql" and not forwards:
            schema_editor.execute("DROP FUNCTION IF EXISTS phoihop_search_pairs(text)")

    return apply


class Migration(migrations.Migration):
    dependencies = [("phoihop_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run(sqlite_statements, postgres_statements, forwards=True),
            run(sqlite_reverse, postgres_reverse, forwards=False),
        )
    ]
