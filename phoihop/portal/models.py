"""The public site's pages: home → category (chuyên mục) → article. URLs follow the page tree."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from phoihop.portal.blocks import ArticleBodyBlock

ARTICLES_PER_PAGE = 20


def live_articles() -> PageQuerySet:
    return ArticlePage.objects.live().select_related("lead_image").order_by("-first_published_at", "-pk")


class HomePage(Page):
    intro = models.CharField(_("giới thiệu"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.CategoryPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        articles = list(live_articles().descendant_of(self)[:13])
        context["lead"] = articles[0] if articles else None
        context["latest"] = articles[1:]
        categories = list(CategoryPage.objects.live().child_of(self).order_by("path"))
        context["categories"] = categories
        return context


class CategoryPage(Page):
    """A chuyên mục, e.g. "Chỉ đạo - Điều hành": its articles are its children."""

    description = models.TextField(_("mô tả"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("description")]
    subpage_types = ["portal.ArticlePage"]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(live_articles().child_of(self), ARTICLES_PER_PAGE)
        context["page_obj"] = paginator.get_page(request.GET.get("trang"))
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(Page):
    sapo = models.TextField(_("sapo"), help_text=_("Đoạn dẫn in đậm dưới tiêu đề."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    source_url = models.URLField(_("địa chỉ gốc"), max_length=1000, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("sapo"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")],
            heading=_("Ảnh đại diện"),
        ),
        FieldPanel("body"),
        InlinePanel("authors", label=_("Tác giả"), min_num=0),
        FieldPanel("tags"),
        FieldPanel("editors_pick"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("sapo"),
        index.SearchField("body"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.CategoryPage"]

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


class ArticleAuthor(Orderable):
    """One name in the byline, in order: a staff member or a pen name ("Bảo Thoa")."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("tên hiển thị / bút danh"), max_length=200)
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (self.user.get_full_name() if self.user else "")
