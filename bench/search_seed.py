"""Seed N articles straight into the page tree and the search index (bench/search_latency.py --seed).

The rows are those an import writes (live Wagtail pages under their categories with valid tree
paths, the article rows, and the search index rows with the same columns and full-text structures),
but they are written with plain `executemany` and built from a pool of generated paragraphs whose
folded forms are computed once: a million articles in minutes, where the importer's per-article
HTML sanitizing and folding would take about half an hour. Page bodies are left empty (the search
never reads them); titles, bylines, tags, categories and dates are generated per article.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections import Counter
from typing import Any

from search_corpus import CATEGORIES, TAGS, Corpus

POOL = 4000
PARAGRAPHS = 8
BATCH = 5000
# The GIN indexes of the article index (migration 0002), dropped during the load and built once at the end.
GIN_INDEXES = ("tsv", "tsv_title", "tsv_pairs")


def seed(count: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page

    from phoihop.portal.models import ArticlePage, ArticleTag, CategoryPage, PortalTag
    from phoihop.portal.services import category_ensure, site_ensure
    from phoihop.search.models import MAX_TERM_CHARS, ArticleDocument, ArticleTerm, rank_key
    from vntext import slugify
    from vntext.tokens import token_pairs

    def forms(text: str) -> tuple[list[str], set[str]]:
        pairs = token_pairs(text)
        return [folded for _, folded in pairs], {raw.lower() for raw, folded in pairs if raw.lower() != folded}

    corpus = Corpus(1_000_000 + count)
    rng = corpus.rng
    pool = [corpus.paragraph() for _ in range(POOL)]
    pool_forms = [forms(paragraph) for paragraph in pool]
    pool_folded = [" ".join(tokens) for tokens, _ in pool_forms]
    pool_terms = [{t for t in tokens if len(t) <= MAX_TERM_CHARS} for tokens, _ in pool_forms]
    vocabulary: Counter[str] = Counter()

    site_ensure()
    categories: list[CategoryPage] = [category_ensure(slug=slugify(title), title=title) for title in CATEGORIES]
    next_step = {category.pk: category.numchild + 1 for category in categories}
    tag_ids = {
        name: PortalTag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk for name in TAGS
    }
    slugs: dict[int, set[str]] = {category.pk: set() for category in categories}
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    ops = connection.ops
    postgres = connection.vendor == "postgresql"

    def insert(model: Any, fields: list[Any], rows: list[tuple[Any, ...]]) -> None:
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})"  # noqa: S608 — model names
            cursor.executemany(sql, rows)

    page_fields = list(Page._meta.concrete_fields)
    article_fields = list(ArticlePage._meta.local_concrete_fields)
    document_fields = list(ArticleDocument._meta.concrete_fields)

    def prepared_defaults(fields: list[Any]) -> dict[str, Any]:
        return {f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields}

    page_defaults = prepared_defaults(page_fields)
    article_defaults = prepared_defaults(article_fields)
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM wagtailcore_page")
        next_id = int(cursor.fetchone()[0]) + 1
    if postgres:
        with connection.cursor() as cursor:  # building the GIN indexes once at the end is much faster
            for suffix in GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS phoihop_search_articledocument_{suffix}")

    started = time.perf_counter()
    moments = corpus.moments(count)
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        pages, articles, documents = [], [], []
        tagged: list[tuple[int, int]] = []
        added: dict[int, int] = {}
        for _ in range(size):
            moment = next(moments)
            category = rng.choice(categories)
            title = corpus.title(moment)
            base = slugify(title) or "bai"
            slug, n = base, 2
            while slug in slugs[category.pk]:
                slug, n = f"{base}-{n}", n + 1
            slugs[category.pk].add(slug)
            step = next_step[category.pk]
            next_step[category.pk] += 1
            added[category.pk] = added.get(category.pk, 0) + 1
            when = ops.adapt_datetimefield_value(moment)
            page = {
                **page_defaults,
                "id": next_id,
                "path": Page._get_path(category.path, category.depth + 1, step),
                "depth": category.depth + 1,
                "numchild": 0,
                "translation_key": uuid.uuid4().hex if not postgres else uuid.uuid4(),
                "locale_id": category.locale_id,
                "live": True,
                "first_published_at": when,
                "last_published_at": when,
                "latest_revision_created_at": when,
                "title": title,
                "draft_title": title,
                "slug": slug,
                "content_type_id": content_type,
                "url_path": f"{category.url_path}{slug}/",
            }
            picks = rng.sample(range(POOL), PARAGRAPHS)
            article = {**article_defaults, "page_ptr_id": next_id, "sapo": pool[picks[0]], "body": "[]"}
            authors, tags = [corpus.person()], rng.sample(TAGS, 2)
            title_tokens, marked = forms(title)
            extra_tokens, extra_marked = forms(" ".join([*tags, *authors, category.title]))
            marked |= extra_marked
            for i in picks:
                marked |= pool_forms[i][1]
            document = {
                "page_id": next_id,
                "rank_key": rank_key(moment, next_id),
                "category_id": category.pk,
                "published_at": when,
                "title": title,
                "text": "\n".join(pool[i] for i in picks),
                "title_f": f" {' '.join(title_tokens)} ",
                "text_f": " ".join([*(pool_folded[i] for i in picks), *extra_tokens]),
                "accent_terms": f" {' '.join(sorted(marked))} ",
            }
            terms = {t for t in (*title_tokens, *extra_tokens) if len(t) <= MAX_TERM_CHARS}
            for i in picks:
                terms |= pool_terms[i]
            vocabulary.update(terms)
            tagged.extend((tag_ids[tag], next_id) for tag in tags)
            pages.append(tuple(page[f.attname] for f in page_fields))
            articles.append(tuple(article[f.attname] for f in article_fields))
            documents.append(tuple(document[f.attname] for f in document_fields))
            next_id += 1
        with transaction.atomic():
            insert(Page, page_fields, pages)
            insert(ArticlePage, article_fields, articles)
            insert(ArticleDocument, document_fields, documents)
            with connection.cursor() as cursor:
                table = ArticleTag._meta.db_table
                cursor.executemany(
                    f"INSERT INTO {table} (tag_id, content_object_id) VALUES (%s, %s)",  # noqa: S608
                    tagged,
                )
            for pk, number in added.items():
                Page.objects.filter(pk=pk).update(numchild=Page.objects.get(pk=pk).numchild + number)
        done += size
        if done % 100_000 == 0 or done == count:
            rate = done / (time.perf_counter() - started)
            sys.stderr.write(f"seeded {done:,} articles, {rate:.0f}/s\n")
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), %s)", [next_id])
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for suffix in GIN_INDEXES:
                cursor.execute(
                    f"CREATE INDEX phoihop_search_articledocument_{suffix} "
                    f"ON phoihop_search_articledocument USING gin ({suffix})"
                )
    ArticleTerm.objects.all().delete()
    ArticleTerm.objects.bulk_create(
        (ArticleTerm(term=term, documents=n) for term, n in vocabulary.items()), batch_size=5000
    )
    from phoihop.search.services import index_optimize

    index_optimize()
    print(f"seeded {count:,} articles in {time.perf_counter() - started:.0f} s (index optimized)")
