"""Writes to the search indexes. Articles are indexed by the worker (see `tasks` and `signals`); other
apps put their workspace items in through `workspace_index` / `workspace_remove`.

Index rows are derived data: they carry no audit events (the change that caused them has its own),
and every function here is idempotent, so a task that runs twice does no harm.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from phoihop.accounts.models import Organization
from phoihop.portal.models import ArticleAuthor, ArticlePage, ArticleTag
from phoihop.search.documents import index_fields, stream_text
from phoihop.search.models import MAX_TERM_CHARS, ArticleDocument, ArticleTerm, WorkspaceDocument, rank_key

BATCH_SIZE = 500


def article_document(
    *,
    page_id: int,
    title: str,
    sapo: str,
    body_text: str,
    published_at: dt.datetime,
    category_id: int | None,
    category_title: str = "",
    authors: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> ArticleDocument:
    """The index row of one article (not saved). Tags, bylines and the category name are searchable
    but stay out of snippets."""
    fields = index_fields(
        title=title,
        text="\n".join(part for part in (sapo, body_text) if part),
        extra=[*tags, *authors, category_title],
    )
    return ArticleDocument(
        page_id=page_id,
        rank_key=rank_key(published_at, page_id),
        category_id=category_id,
        published_at=published_at,
        **fields.as_dict(),
    )


def _documents_for(pages: Sequence[ArticlePage]) -> list[ArticleDocument]:
    """Index rows for live article pages, with their bylines, tags and categories in three queries."""
    ids = [page.pk for page in pages]
    authors: dict[int, list[str]] = {}
    for article_id, name in (
        ArticleAuthor.objects.filter(article_id__in=ids).order_by("sort_order").values_list("article_id", "name")
    ):
        authors.setdefault(article_id, []).append(name)
    tags: dict[int, list[str]] = {}
    for article_id, name in ArticleTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags.setdefault(article_id, []).append(name)
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    categories = {
        path: (pk, title)
        for pk, path, title in Page.objects.filter(path__in=set(parent_paths.values())).values_list(
            "pk", "path", "title"
        )
    }
    documents = []
    for page in pages:
        category_id, category_title = categories.get(parent_paths[page.pk], (None, ""))
        documents.append(
            article_document(
                page_id=page.pk,
                title=page.title,
                sapo=page.sapo,
                body_text=stream_text(page.body.raw_data),
                published_at=page.first_published_at or page.last_published_at or timezone.now(),
                category_id=category_id,
                category_title=category_title,
                authors=authors.get(page.pk, []),
                tags=tags.get(page.pk, []),
            )
        )
    return documents


# -- The vocabulary (`ArticleTerm`): document counts of the folded tokens of the public index.


def document_terms(title_f: str, text_f: str) -> set[str]:
    """The distinct folded tokens of one index row that belong in the vocabulary."""
    return {term for term in f"{title_f} {text_f}".split() if len(term) <= MAX_TERM_CHARS}


def vocabulary_add(counts: Counter[str], *, sign: int = 1) -> None:
    """Add (`sign` 1) or take away (-1) these document counts; terms left at zero are dropped.

    One upsert per term (``ON CONFLICT … DO UPDATE``, the same on SQLite and PostgreSQL), so
    concurrent writers add up instead of overwriting each other.
    """
    if not counts:
        return
    table = ArticleTerm._meta.db_table
    rows = [(term, sign * count) for term, count in sorted(counts.items())]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term, documents) VALUES (%s, %s) "  # noqa: S608 — fixed table name
            f"ON CONFLICT (term) DO UPDATE SET documents = {table}.documents + excluded.documents",
            rows,
        )
        if sign < 0:
            terms = list(counts)
            for start in range(0, len(terms), BATCH_SIZE):
                chunk = terms[start : start + BATCH_SIZE]
                cursor.execute(
                    f"DELETE FROM {table} WHERE documents <= 0 AND term IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                    chunk,
                )


def vocabulary_count(documents: Iterable[ArticleDocument]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(document_terms(document.title_f, document.text_f))
    return counts


def _article_documents_delete(page_ids: Sequence[int]) -> int:
    """Delete these pages' index rows and take their words out of the vocabulary."""
    counts: Counter[str] = Counter()
    for title_f, text_f in ArticleDocument.objects.filter(page_id__in=page_ids).values_list("title_f", "text_f"):
        counts.update(document_terms(title_f, text_f))
    deleted = ArticleDocument.objects.filter(page_id__in=page_ids).delete()[0]
    vocabulary_add(counts, sign=-1)
    return deleted


@transaction.atomic
def vocabulary_rebuild() -> int:
    """Recount the vocabulary from the index rows (after a bulk load that bypassed the services, a
    restore, or a cascade that deleted rows). Returns the number of terms."""
    ArticleTerm.objects.all().delete()
    counts: Counter[str] = Counter()
    rows = ArticleDocument.objects.values_list("title_f", "text_f").order_by()
    for title_f, text_f in rows.iterator(chunk_size=2000):
        counts.update(document_terms(title_f, text_f))
    ArticleTerm.objects.bulk_create(
        (ArticleTerm(term=term, documents=count) for term, count in counts.items()), batch_size=BATCH_SIZE
    )
    return len(counts)


@transaction.atomic
def article_documents_save(documents: Sequence[ArticleDocument]) -> None:
    """Replace the index rows of these pages by `documents` (delete, then insert in bulk), and the
    vocabulary's counts with them."""
    if not documents:
        return
    _article_documents_delete([doc.page_id for doc in documents])
    ArticleDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    vocabulary_add(vocabulary_count(documents))


def articles_index(page_ids: Iterable[int]) -> tuple[int, int]:
    """Bring the index in line with these pages: live articles are (re)indexed, anything else is
    removed. Returns (indexed, removed)."""
    wanted = list(dict.fromkeys(int(pk) for pk in page_ids))
    indexed = removed = 0
    for start in range(0, len(wanted), BATCH_SIZE):
        batch = wanted[start : start + BATCH_SIZE]
        with transaction.atomic():
            pages = list(ArticlePage.objects.live().filter(pk__in=batch))
            live_ids = {page.pk for page in pages}
            gone = [pk for pk in batch if pk not in live_ids]
            if gone:
                removed += _article_documents_delete(gone)
            article_documents_save(_documents_for(pages))
            indexed += len(pages)
    return indexed, removed


def article_reindex(page_id: int) -> bool:
    """(Re)index one article if it is a live article page, else remove it. True if it is indexed now.

    Safe to call for any page id at any time: this is what the publish/unpublish tasks and the
    newsroom's takedown call.
    """
    indexed, _removed = articles_index([page_id])
    return indexed == 1


@transaction.atomic
def article_remove(page_id: int) -> bool:
    """Take one article out of the public index (takedown, unpublish). True if it was there."""
    return _article_documents_delete([page_id]) > 0


def articles_reindex_all(*, progress: Any = None) -> int:
    """Rebuild the public index from the live article pages; stale rows are dropped. Returns the count."""
    live_ids = list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
    stale = ArticleDocument.objects.exclude(page_id__in=ArticlePage.objects.live().values("pk"))
    _article_documents_delete(list(stale.values_list("page_id", flat=True)))
    done = 0
    for start in range(0, len(live_ids), BATCH_SIZE):
        done += articles_index(live_ids[start : start + BATCH_SIZE])[0]
        if progress is not None:
            progress(done, len(live_ids))
    return done


def index_optimize() -> None:
    """Compact the full-text indexes after bulk changes (the importer calls it at the end of a run).

    SQLite: FTS5 merges its index segments into one ('optimize'); queries over a freshly imported
    archive read several times fewer pages afterwards. Seconds per 100,000 articles; other writers
    wait meanwhile. PostgreSQL: refreshes the planner's statistics (ANALYZE).
    """
    tables = [ArticleDocument._meta.db_table, WorkspaceDocument._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "sqlite":
                for fts in (f"{table}_fts", f"{table}_title_fts"):
                    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608 — fixed names
            elif connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {table}")


@transaction.atomic
def workspace_index(
    *,
    kind: str,
    object_id: Any,
    organization: Organization,
    title: str,
    body: str,
    url: str,
    updated_at: dt.datetime,
    extra: Sequence[str] = (),
) -> WorkspaceDocument:
    """Put (or refresh) one workspace item in the access-scoped index.

    Called for the owning app's service after its access checks, once its transaction has committed
    (`transaction.on_commit`: an index failure never undoes the item itself): this function checks
    nothing. `organization` decides who finds the item (the press, that unit's members and the
    members of the units above it or succeeding it: `accounts.access.scope_for`); `updated_at`
    must be aware. `extra` is searchable but never shown in a snippet (a reference number, the title
    of the item a file hangs on).
    """
    if timezone.is_naive(updated_at):
        raise ValueError("updated_at must be timezone-aware")
    fields = index_fields(title=title, text=body, extra=extra)
    WorkspaceDocument.objects.filter(kind=kind, object_id=str(object_id)).delete()
    # The tie-breaking part of the key comes from the item's name; on the (rare) clash within the
    # same second, the next free key is taken.
    key = rank_key(updated_at, zlib.crc32(f"{kind}:{object_id}".encode()))
    while WorkspaceDocument.objects.filter(rank_key=key).exists():
        key += 1
    return WorkspaceDocument.objects.create(
        rank_key=key,
        kind=kind,
        object_id=str(object_id),
        organization=organization,
        url=url,
        updated_at=updated_at,
        **fields.as_dict(),
    )


@transaction.atomic
def workspace_remove(*, kind: str, object_id: Any) -> bool:
    """Take one workspace item out of the index (deleted, withdrawn). True if it was there."""
    deleted, _ = WorkspaceDocument.objects.filter(kind=kind, object_id=str(object_id)).delete()
    return deleted > 0
