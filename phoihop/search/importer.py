"""Archive import: articles from a JSON Lines file become published Wagtail pages, in bulk.

It lives in the search app because it writes both the portal's pages and the search index rows:
search sits above portal in the apps' layers, so it may use both, where portal may not import search.

One JSON object per line::

    {"title": "…", "sapo": "…", "body": "<p>…</p> or plain text", "category": "Chỉ đạo - Điều hành",
     "authors": ["Bảo Thoa"], "published_at": "2024-11-21T19:41:00+07:00", "tags": ["Đề án 06"],
     "source_id": "ldtd-123456", "source_url": "https://…"}

Why not `add_child` + `publish`: Wagtail's own path locks the parent, recomputes the tree and writes a
revision, a log entry and reference-index rows for each page — about 25 pages a second, slower as a
category grows. Here each batch of lines becomes, in one transaction per batch,

1. the ``wagtailcore_page`` rows (``bulk_create``), with tree paths computed for the new children of
   each category (the next free step after the category's last child), ``depth``, ``url_path``,
   ``live``, ``first/last_published_at``, ``content_type``, ``locale``, ``draft_title`` and a slug
   unique among the category's children;
2. the ``portal_articlepage`` rows (the child table of the multi-table model: Django cannot
   ``bulk_create`` those, so they go through the base manager's ``_insert`` with ``raw=True``);
3. the category's ``numchild`` (so ``fixtree`` finds nothing to fix), bylines and tags;
4. the search index rows (`phoihop.search.services.article_document`).

Imported pages have no revision and no log entry (Wagtail shows the page itself as its latest
version; the first edit in the admin creates the first revision). They are not in Wagtail's own
search index either: the admin finds live articles through phoihop's index
(`phoihop.search.wagtail_backend`).

Idempotent: a line whose ``source_id`` is already in the database (or earlier in the file) is
skipped. Lines without ``source_id`` are always created. A bad line is reported with its number
and the reason, and skipped; with ``strict`` the run stops at the first bad line (the lines before
it stay imported, so the fixed file can simply be run again).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from phoihop.accounts.models import User
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_html, clean_multiline, clean_text
from phoihop.portal import cache
from phoihop.portal.models import ArticleAuthor, ArticlePage, ArticleTag, CategoryPage
from phoihop.portal.services import category_ensure, home_page
from phoihop.search.documents import html_to_text
from phoihop.search.models import ArticleDocument
from phoihop.search.services import article_document, index_optimize, vocabulary_add, vocabulary_count
from vntext import slugify

BATCH_SIZE = 1000
TITLE_MAX = 255
SLUG_MAX = 80
_HTML_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[\s>/]", re.ASCII)
_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
# Layout containers of exported pages: their ends are paragraph ends, or sanitizing would run two
# paragraphs together. Headings h1/h5/h6 become the nearest heading the body allows.
_CONTAINER = re.compile(r"<(/?)(?:div|section|article|header|footer|figure|figcaption|main|aside|td|tr)\b[^>]*>", re.I)
_HEADING = re.compile(r"<(/?)h([156])\b[^>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|h[2-4]|ul|ol|blockquote)\b", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_url_validator = URLValidator(schemes=["http", "https"])


class LineError(Exception):
    """A line that cannot be imported; the message (Vietnamese) says why."""


@dataclass
class ParsedArticle:
    line: int
    title: str
    sapo: str
    body_html: str
    body_text: str
    category: str
    authors: list[str]
    tags: list[str]
    published_at: dt.datetime
    source_id: str | None
    source_url: str
    images_dropped: int


@dataclass
class ImportReport:
    lines: int = 0
    created: int = 0
    skipped: int = 0
    images_dropped: int = 0
    categories_created: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    stopped_at: int | None = None
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


# -- parsing ------------------------------------------------------------------------------------


def _string(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise LineError(_("thiếu trường “%(field)s”") % {"field": key})
        return ""
    if not isinstance(value, str):
        raise LineError(_("trường “%(field)s” phải là chuỗi") % {"field": key})
    return value


def _string_list(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineError(_("trường “%(field)s” phải là danh sách chuỗi") % {"field": key})
    cleaned = [clean_text(item) for item in value]
    return list(dict.fromkeys(item for item in cleaned if item))


def body_to_html(body: str) -> tuple[str, int]:
    """Sanitized rich text for a paragraph block, and how many images were dropped.

    HTML keeps the body's allowed tags (phoihop.core.text.clean_html: paragraphs, emphasis, links,
    lists, h2–h4, quotes); images are dropped because their files are not part of the import. Plain
    text becomes one paragraph per line.
    """
    if not _HTML_HINT.search(body):
        lines = [line for line in _LINE_BREAKS.split(clean_multiline(body)) if line]
        return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines), 0
    images = len(_IMAGE.findall(body))
    prepared = _HEADING.sub(lambda m: f"<{m.group(1)}{'h2' if m.group(2) == '1' else 'h4'}>", body)
    prepared = _CONTAINER.sub(lambda m: "</p>" if m.group(1) else "<p>", prepared)
    cleaned = clean_html(prepared).strip()
    cleaned = re.sub(r"<p>\s*</p>", "", cleaned)
    if cleaned and not _BLOCK_TAG.search(cleaned):
        cleaned = f"<p>{cleaned}</p>"
    return cleaned, images


def parse_line(raw: str, number: int) -> ParsedArticle:
    """One line of the file, validated and cleaned (NFC, one tone placement, sanitized HTML)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(_("không phải JSON hợp lệ (%(error)s)") % {"error": error.msg}) from None
    if not isinstance(data, dict):
        raise LineError(_("mỗi dòng phải là một đối tượng JSON"))
    title = clean_text(_string(data, "title", required=True))
    if not title:
        raise LineError(_("tiêu đề trống"))
    if len(title) > TITLE_MAX:
        raise LineError(_("tiêu đề dài quá %(max)d ký tự") % {"max": TITLE_MAX})
    category = clean_text(_string(data, "category", required=True))
    if not category or not slugify(category):
        raise LineError(_("chuyên mục trống"))
    published_raw = _string(data, "published_at", required=True)
    try:
        published_at = dt.datetime.fromisoformat(published_raw)
    except ValueError:
        raise LineError(_("thời điểm đăng “%(value)s” không đúng ISO 8601") % {"value": published_raw[:40]}) from None
    if published_at.tzinfo is None:
        raise LineError(_("thời điểm đăng “%(value)s” thiếu múi giờ (vd. +07:00)") % {"value": published_raw[:40]})
    source_id_value = data.get("source_id")
    if source_id_value is not None and not isinstance(source_id_value, str | int):
        raise LineError(_("trường “%(field)s” phải là chuỗi") % {"field": "source_id"})
    source_id = clean_text(str(source_id_value)) if source_id_value is not None else ""
    if len(source_id) > 200:
        raise LineError(_("mã nguồn dài quá 200 ký tự"))
    source_url = _string(data, "source_url").strip()
    if source_url:
        try:
            _url_validator(source_url)
        except ValidationError:
            raise LineError(_("địa chỉ gốc “%(value)s” không hợp lệ") % {"value": source_url[:80]}) from None
        if len(source_url) > 1000:
            raise LineError(_("địa chỉ gốc dài quá 1000 ký tự"))
    body_html, images = body_to_html(_string(data, "body"))
    return ParsedArticle(
        line=number,
        title=title,
        sapo=clean_multiline(_string(data, "sapo")),
        body_html=body_html,
        body_text=html_to_text(body_html),
        category=category,
        authors=_string_list(data, "authors"),
        tags=_string_list(data, "tags"),
        published_at=published_at,
        source_id=source_id or None,
        source_url=source_url,
        images_dropped=images,
    )


# -- writing ------------------------------------------------------------------------------------


@dataclass
class _CategoryState:
    page: CategoryPage
    slugs: set[str]


class ArticleImporter:
    """Imports parsed lines batch by batch. One instance per run; not thread-safe."""

    def __init__(
        self,
        *,
        actor: User | None = None,
        batch_size: int = BATCH_SIZE,
        strict: bool = False,
        progress: Callable[[ImportReport, int], None] | None = None,
    ) -> None:
        self.actor = actor
        self.batch_size = batch_size
        self.strict = strict
        self.progress = progress
        self.report = ImportReport()
        self.categories: dict[str, _CategoryState] = {}
        self.seen_sources: set[str] = set()
        self.tag_ids: dict[str, int] = {}
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.tag_model = ArticleTag._meta.get_field("tag").related_model
        self.author_has_slug = any(f.name == "slug" for f in ArticleAuthor._meta.get_fields())
        self.created_by_category: dict[int, int] = {}

    def run(self, lines: Iterable[str], *, total_lines: int = 0) -> ImportReport:
        started = time.perf_counter()
        for batch in self._batches(lines):
            self._write(batch)
            self.report.seconds = time.perf_counter() - started
            if self.progress:
                self.progress(self.report, total_lines)
            if self.report.stopped_at is not None:
                break
        self._finish()
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _batches(self, lines: Iterable[str]) -> Iterator[list[ParsedArticle]]:
        batch: list[ParsedArticle] = []
        for number, raw in enumerate(lines, start=1):
            self.report.lines = number
            if not raw.strip():
                continue
            try:
                batch.append(parse_line(raw, number))
            except LineError as error:
                self.report.errors.append((number, str(error)))
                if self.strict:
                    # The lines before the bad one are still imported; nothing after it.
                    self.report.stopped_at = number
                    break
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _category(self, title: str) -> _CategoryState:
        slug = slugify(title, max_length=SLUG_MAX)
        state = self.categories.get(slug)
        if state is None:
            home = home_page()
            page = CategoryPage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = category_ensure(slug=slug, title=title)
                self.report.categories_created.append(page.title)
            slugs = set(
                Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).values_list("slug", flat=True)
            )
            state = self.categories[slug] = _CategoryState(page=page, slugs=slugs)
        return state

    def _unique_slug(self, state: _CategoryState, title: str) -> str:
        base = slugify(title, max_length=SLUG_MAX) or "bai-viet"
        slug, n = base, 2
        while slug in state.slugs:
            suffix = f"-{n}"
            slug, n = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix, n + 1
        state.slugs.add(slug)
        return slug

    def _new(self, batch: list[ParsedArticle]) -> list[ParsedArticle]:
        """The articles of `batch` not imported before (by source_id)."""
        ids = [item.source_id for item in batch if item.source_id]
        existing = (
            set(ArticlePage.objects.filter(source_id__in=ids).values_list("source_id", flat=True)) if ids else set()
        )
        fresh = []
        for item in batch:
            if item.source_id and (item.source_id in existing or item.source_id in self.seen_sources):
                self.report.skipped += 1
                continue
            if item.source_id:
                self.seen_sources.add(item.source_id)
            fresh.append(item)
        return fresh

    @transaction.atomic
    def _write(self, batch: list[ParsedArticle]) -> None:
        items = self._new(batch)
        if not items:
            return
        by_category: dict[str, list[ParsedArticle]] = {}
        for item in items:
            by_category.setdefault(item.category, []).append(item)
        pages: list[ArticlePage] = []
        owners: list[ParsedArticle] = []
        categories: list[_CategoryState] = []
        for title, group in by_category.items():
            state = self._category(title)
            pages.extend(self._pages_for(state, group))
            owners.extend(group)
            categories.extend([state] * len(group))
        Page.objects.bulk_create(pages, batch_size=500)
        for page in pages:
            page.page_ptr_id = page.id
        local_fields = list(ArticlePage._meta.local_concrete_fields)
        for start in range(0, len(pages), 200):
            ArticlePage._base_manager._insert(pages[start : start + 200], fields=local_fields, raw=True)
        for state in {id(s): s for s in categories}.values():
            added = sum(1 for s in categories if s is state)
            Page.objects.filter(pk=state.page.pk).update(numchild=F("numchild") + added)
            state.page.numchild += added
            self.created_by_category[state.page.pk] = self.created_by_category.get(state.page.pk, 0) + added
        self._bylines_and_tags(pages, owners)
        documents = self._documents(pages, owners, categories)
        ArticleDocument.objects.bulk_create(documents, batch_size=500)
        vocabulary_add(vocabulary_count(documents))
        self.report.created += len(pages)
        self.report.images_dropped += sum(item.images_dropped for item in owners)

    def _documents(
        self, pages: list[ArticlePage], owners: list[ParsedArticle], categories: list[_CategoryState]
    ) -> list[ArticleDocument]:
        """The search index rows of the new pages (the same rows the search service would write)."""
        return [
            article_document(
                page_id=page.pk,
                title=item.title,
                sapo=item.sapo,
                body_text=item.body_text,
                published_at=item.published_at,
                category_id=state.page.pk,
                category_title=state.page.title,
                authors=item.authors,
                tags=item.tags,
            )
            for page, item, state in zip(pages, owners, categories, strict=True)
        ]

    def _pages_for(self, state: _CategoryState, group: list[ParsedArticle]) -> list[ArticlePage]:
        """Unsaved pages for `group`, with tree paths after the category's current last child."""
        parent = state.page
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        pages = []
        for offset, item in enumerate(group):
            slug = self._unique_slug(state, item.title)
            pages.append(
                ArticlePage(
                    path=Page._get_path(parent.path, parent.depth + 1, next_step + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    title=item.title,
                    draft_title=item.title,
                    slug=slug,
                    url_path=f"{parent.url_path}{slug}/",
                    content_type_id=self.content_type.pk,
                    locale_id=parent.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=item.published_at,
                    last_published_at=item.published_at,
                    latest_revision_created_at=item.published_at,
                    sapo=item.sapo,
                    body=[{"type": "paragraph", "value": item.body_html, "id": str(uuid.uuid4())}]
                    if item.body_html
                    else [],
                    source_id=item.source_id,
                    source_url=item.source_url,
                )
            )
        return pages

    def _bylines_and_tags(self, pages: list[ArticlePage], owners: list[ParsedArticle]) -> None:
        authors = []
        for page, item in zip(pages, owners, strict=True):
            for order, name in enumerate(item.authors):
                author = ArticleAuthor(article_id=page.pk, name=name[:200], sort_order=order)
                if self.author_has_slug:
                    # What ArticleAuthor.save() derives for the author page's address.
                    author.slug = slugify(author.display_name, max_length=90)
                authors.append(author)
        ArticleAuthor.objects.bulk_create(authors, batch_size=500)
        names = {tag[:100] for item in owners for tag in item.tags} - self.tag_ids.keys()
        if names:
            self.tag_ids.update(self.tag_model.objects.filter(name__in=names).values_list("name", "pk"))
            for name in sorted(names - self.tag_ids.keys()):
                tag = self.tag_model(name=name)
                tag.save()  # the tag model derives its unique slug in save()
                self.tag_ids[name] = tag.pk
        tagged = [
            ArticleTag(content_object_id=page.pk, tag_id=self.tag_ids[tag[:100]])
            for page, item in zip(pages, owners, strict=True)
            for tag in item.tags
        ]
        ArticleTag.objects.bulk_create(tagged, batch_size=500)

    def _finish(self) -> None:
        if not self.created_by_category:
            return
        index_optimize()
        with transaction.atomic():
            for state in self.categories.values():
                count = self.created_by_category.get(state.page.pk)
                if count:
                    audit_record(
                        actor=self.actor,
                        verb="article.imported",
                        target=state.page,
                        data={"count": count, "at": timezone.now().isoformat()},
                    )
        _invalidate_portal_cache(list(self.created_by_category))


def _invalidate_portal_cache(category_ids: list[int]) -> None:
    """The portal's cached category and home pages now miss the new articles: refresh them."""
    for pk in category_ids:
        cache.invalidate_for_category(pk)
