"""The public site's pages: home → category (chuyên mục) → article. URLs follow the page tree.

Besides the page types: the portal's own tag model (ASCII slugs made by vntext, so tag pages live at
`/tu-khoa/<slug>/`), the precomputed "Có thể bạn quan tâm" list, and the read counts behind
"Đọc nhiều" (raw beacon hits, folded by the worker into one row per article and day).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from phoihop.core.validators import HttpURLField
from phoihop.portal.blocks import ArticleBodyBlock, credit_clean
from vntext import slugify

# The page methods below import portal's request-time modules (cache, structure, selectors) when
# they are called: those modules import these models, and this module loads first, while Django
# populates the app registry.

ARTICLES_PER_PAGE = 20


class CachedPageMixin:
    """Pages the full-page cache may keep for anonymous readers (see `phoihop.portal.cache`)."""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from phoihop.portal import cache

        cache.mark_cacheable(request)
        return super().serve(request, *args, **kwargs)  # type: ignore[misc]

    def get_view_restrictions(self) -> Any:
        """Wagtail's check, answered from the validated site structure instead of two queries."""
        from phoihop.portal import structure

        current = structure.current()
        if current is None or getattr(self, "alias_of_id", None):
            return super().get_view_restrictions()  # type: ignore[misc]
        return current.restrictions_for(self.path)  # type: ignore[attr-defined]


class HomePage(CachedPageMixin, Page):
    intro = models.CharField(_("giới thiệu"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.CategoryPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from phoihop.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_blocks(request, home=self))
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """`/<chuyen-muc>/` from the site structure, `/<chuyen-muc>/<slug>/` in one indexed query,
        instead of two queries per path segment; anything else the Wagtail way."""
        from phoihop.portal import selectors, structure

        if len(path_components) == 1:
            category = structure.for_request(request).categories_by_slug.get(path_components[0])
            if category is not None and category.path.startswith(self.path):
                return RouteResult(category)
        if len(path_components) == 2:
            article = selectors.article_for_path(home=self, category_slug=path_components[0], slug=path_components[1])
            if article is not None:
                return RouteResult(article)
        return super().route(request, path_components)


class CategoryPage(CachedPageMixin, Page):
    """A chuyên mục, e.g. "Chỉ đạo - Điều hành": its articles are its children."""

    description = models.TextField(_("mô tả"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("description")]
    subpage_types = ["portal.ArticlePage"]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from phoihop.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.category_listing(request, category=self, page_number=request.GET.get("trang")))
        return context


class PortalTag(TagBase):
    """A từ khóa of the portal. Its slug is vntext's ASCII slug ("Đề án 06" → "de-an-06")."""

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = slugify(tag, max_length=90) or "tu-khoa"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self) -> str:
        return f"/tu-khoa/{self.slug}/"


class ArticleTag(ItemBase):
    tag = models.ForeignKey(PortalTag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePageForm(WagtailAdminPageForm):
    """Drafts may be incomplete; publishing, or sending for approval (the workflow's last approval
    publishes the content checked here), needs a sapo and, for the lead image, a description for
    readers who cannot see it. The themes always belong to the chosen programme."""

    PUBLISHING_ACTIONS = ("action-publish", "action-submit")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "lead_image_credit" in cleaned:
            cleaned["lead_image_credit"] = credit_clean(cleaned["lead_image_credit"] or "")
        # The programme's figures count an article under its programme and themes: they must agree.
        program, themes = cleaned.get("program"), list(cleaned.get("themes") or [])
        if themes and program is None:
            self.add_error("program", _("Chọn chương trình phối hợp trước khi chọn nội dung tuyên truyền."))
        elif any(theme.program_id != program.pk for theme in themes):
            self.add_error("themes", _("Nội dung tuyên truyền không thuộc chương trình đã chọn."))
        if not any(name in self.data for name in self.PUBLISHING_ACTIONS):
            return cleaned
        if not (cleaned.get("sapo") or "").strip():
            self.add_error("sapo", _("Cần sapo trước khi xuất bản."))
        image = cleaned.get("lead_image")
        if (
            image is not None
            and not (cleaned.get("lead_image_alt") or "").strip()
            and not (getattr(image, "description", "") or "").strip()
        ):
            self.add_error("lead_image_alt", _("Cần mô tả ảnh đại diện cho người khiếm thị trước khi xuất bản."))
        return cleaned


class ArticlePage(CachedPageMixin, Page):
    sapo = models.TextField(_("sapo"), help_text=_("Đoạn dẫn in đậm dưới tiêu đề."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("mô tả ảnh đại diện (cho người khiếm thị)"),
        max_length=300,
        blank=True,
        help_text=_("Bắt buộc khi xuất bản nếu ảnh chưa có mô tả trong thư viện ảnh."),
    )
    lead_image_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=500, blank=True)
    lead_image_credit = models.CharField(_("nguồn ảnh đại diện"), max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("từ khóa"))
    editors_pick = models.BooleanField(
        _("nên xem"), default=False, db_index=True, help_text=_("Biên tập viên chọn đưa vào mục “Nên xem”.")
    )
    # Archive imports: the article's identity in the system it came from (idempotent re-imports).
    source_id = models.CharField(_("mã nguồn"), max_length=200, null=True, blank=True, unique=True)
    source_url = HttpURLField(_("địa chỉ gốc"), max_length=1000, blank=True)
    # What the article does for a coordination programme: it counts toward these themes' targets.
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    themes = ParentalManyToManyField(
        "programs.Theme", verbose_name=_("nội dung tuyên truyền"), blank=True, related_name="articles"
    )

    content_panels = [
        # A headline wraps and the field grows with it (a one-line input cuts it on a phone, #15).
        TitleFieldPanel("title", widget=AdminAutoHeightTextInput),
        FieldPanel("sapo"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Ảnh đại diện"),
        ),
        FieldPanel("body"),
        InlinePanel("authors", label=_("Tác giả"), min_num=0),
        FieldPanel("tags"),
        FieldPanel("editors_pick"),
        MultiFieldPanel(
            [FieldPanel("program"), FieldPanel("themes", widget=forms.CheckboxSelectMultiple)],
            heading=_("Chương trình phối hợp"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("sapo"),
        index.SearchField("body"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.CategoryPage"]
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")

    @property
    def category(self) -> CategoryPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None else None  # type: ignore[return-value]

    @property
    def byline(self) -> str:
        return ", ".join(author.display_name for author in self.authors.all())

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from phoihop.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_blocks(request, article=self))
        return context


class ArticleAuthor(Orderable):
    """One name in the byline, in order: a staff member or a pen name ("Bảo Thoa")."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("tên hiển thị / bút danh"), max_length=200)
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    slug = models.CharField(_("đường dẫn trang tác giả"), max_length=100, blank=True, editable=False, db_index=True)

    panels = [FieldPanel("name"), FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (self.user.get_full_name() if self.user else "")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The author page's address (/tac-gia/<slug>/) is derived from the name shown in the byline.
        self.slug = slugify(self.display_name, max_length=90)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/tac-gia/{self.slug}/"


class RelatedArticle(models.Model):
    """One entry of an article's "Có thể bạn quan tâm" list, computed by `related.related_refresh`."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="related_entries")
    related = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["article", "rank"]
        constraints = [models.UniqueConstraint(fields=["article", "related"], name="portal_related_unique")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.related_id}"


class ArticleHit(models.Model):
    """One read reported by the reader's browser (the beacon). Append-only; the worker folds these
    into `ArticleDailyViews` and deletes them. No foreign key: the beacon must stay a single cheap
    insert, and hits for an id that is not a live article are dropped when folded."""

    article_id = models.PositiveBigIntegerField()
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.at:%d/%m/%Y %H:%M}"


class ArticleDailyViews(models.Model):
    """Reads of one article on one local (Asia/Ho_Chi_Minh) day."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField(db_index=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt đọc theo ngày")
        verbose_name_plural = _("lượt đọc theo ngày")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="portal_daily_views_unique")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.views}"


class PageGeneration(models.Model):
    """The current token of one thing the public pages show (see `phoihop.portal.cache`).

    Kept in the database, not the cache, so a token changes in the same transaction as the content
    it stands for, every process sees it, and a rolled-back change rolls its token back too.
    """

    name = models.CharField(max_length=100, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.name}={self.token}"
