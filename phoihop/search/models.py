"""The search indexes: one row per indexed item, with its text already folded by vntext.

Two indexes, never mixed: published articles (public) and workspace items (each row belongs to one
organization and is only searched through `access.scope_for`). Each row keeps

* the original text, normalized (``title``, ``text``), to build highlighted snippets;
* ``title_f`` and ``text_f``: the folded syllable tokens (vntext.fold_tokens), space-separated. The
  full-text index is built from these on both databases, so "đ", tones, case and Unicode forms can
  never make two spellings of a word differ: SQLite's own folding misses "đ";
* ``accent_terms``: the distinct tokens that carry marks ("đặng", "hòa"), to rank exact-accent
  matches above folded ones. They never equal a folded token, so they share the body's index;
* ``rank_key``: the row's date as a sortable integer (``epoch seconds × 10⁹ + id``), unique. The
  full-text index is keyed by it, so "newest first among equals" is the index's own order and a
  search stops reading once it has a page of results (see `engine`).

The full-text structures are not Django fields; the migrations create them per database:

* SQLite: an FTS5 contentless table ``<table>_fts(title, body)`` with rowid = ``rank_key``, title =
  ``title_f``, body = ``text_f || ' ' || accent_terms``, kept in step by triggers on insert, update
  and delete (a contentless table stores only the inverted index; deleting needs the indexed text,
  which the triggers read from the row);
* PostgreSQL: a generated ``tsv`` column, ``setweight(to_tsvector('simple', title_f), 'A') ||
  to_tsvector('simple', text_f || ' ' || accent_terms)``, with a GIN index and a b-tree on
  ``rank_key``. The 'simple' configuration only lowercases: no stemming, no stop words, so both
  databases see the same tokens at the same positions, and weight A stands for "in the title".
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

RANK_KEY_SCALE = 1_000_000_000
# Longer tokens (codes, run-together words) stay out of the vocabulary.
MAX_TERM_CHARS = 40


def rank_key(moment: dt.datetime, number: int) -> int:
    """The sortable key of a row dated `moment`: whole seconds, then `number` (an id below 10⁹)."""
    return int(moment.timestamp()) * RANK_KEY_SCALE + number % RANK_KEY_SCALE


class IndexedText(models.Model):
    rank_key = models.BigIntegerField(_("khóa xếp hạng"), unique=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    text = models.TextField(_("nội dung"), blank=True)
    title_f = models.TextField(_("tiêu đề (đã bỏ dấu)"), blank=True)
    text_f = models.TextField(_("nội dung (đã bỏ dấu)"), blank=True)
    accent_terms = models.TextField(_("từ có dấu"), blank=True)

    class Meta:
        abstract = True


class ArticleDocument(IndexedText):
    """A published article in the public index. Removed when the article is unpublished or deleted
    (the foreign key cascades on deletion even before the worker runs)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("trang"),
        primary_key=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
    )
    # The parent category page's id when indexed (no relation: the category filter is an id match).
    category_id = models.IntegerField(_("chuyên mục"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm đăng"))

    class Meta:
        verbose_name = _("bài trong chỉ mục tìm kiếm")
        verbose_name_plural = _("bài trong chỉ mục tìm kiếm")
        indexes = [models.Index(fields=["category_id", "rank_key"], name="search_article_category")]

    def __str__(self) -> str:
        return self.title


class WorkspaceDocument(IndexedText):
    """A workspace item (submission, information request, attachment text…) of one organization.

    Other apps put their items here through `services.workspace_index` and take them out with
    `services.workspace_remove`; `(kind, object_id)` names the item in its own app.
    """

    kind = models.CharField(_("loại"), max_length=40)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("mục làm việc trong chỉ mục tìm kiếm")
        verbose_name_plural = _("mục làm việc trong chỉ mục tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_workspace_unique_item")]
        indexes = [models.Index(fields=["organization", "rank_key"], name="search_workspace_org")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class ArticleTerm(models.Model):
    """The public index's vocabulary: each folded token and how many articles hold it.

    Kept in step by the services that write `ArticleDocument` rows (and the importer); read by the
    search's recovery paths (did-you-mean, "is this typed word a real word?"). Only the public index
    has one: a vocabulary of the workspace index would tell one unit the words of another's items.
    Counts may run high after a page is deleted by cascade; nothing relies on them being exact (a
    suggestion is only offered when searching it finds articles), and `services.vocabulary_rebuild`
    recomputes them.
    """

    term = models.CharField(_("từ (đã bỏ dấu)"), max_length=MAX_TERM_CHARS, primary_key=True)
    documents = models.IntegerField(_("số bài"), default=0)

    class Meta:
        verbose_name = _("từ của chỉ mục tìm kiếm")
        verbose_name_plural = _("từ của chỉ mục tìm kiếm")

    def __str__(self) -> str:
        return f"{self.term} ({self.documents})"
