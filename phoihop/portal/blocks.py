import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "blockquote"]

# The label the page prints before a photo's credit ("Ảnh: Thu Trang"): typed (or imported) into the
# credit itself, it would be printed twice ("Ảnh: Ảnh: Thu Trang").
_CREDIT_LABEL = re.compile(r"^\s*ảnh\s*:\s*", re.IGNORECASE)


def credit_clean(value: str) -> str:
    """A photo's credit without the "Ảnh:" label the page prints before it (repeated, if typed twice)."""
    while True:
        stripped = _CREDIT_LABEL.sub("", value)
        if stripped == value:
            return value.strip()
        value = stripped


class CaptionedImageBlock(blocks.StructBlock):
    """A photo in the body: the caption under it and the credit (who took it) are separate fields."""

    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh cho người khiếm thị"),
        max_length=300,
        required=False,
        help_text=_("Để trống sẽ dùng chú thích ảnh."),
    )
    caption = blocks.TextBlock(label=_("Chú thích"), required=False, max_length=1000)
    credit = blocks.CharBlock(label=_("Nguồn ảnh / tác giả ảnh"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "portal/blocks/captioned_image.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        value["credit"] = credit_clean(value.get("credit") or "")
        return value


class GalleryBlock(blocks.StructBlock):
    """Several photos shown together, each with its own caption and credit."""

    title = blocks.CharBlock(label=_("Tiêu đề bộ ảnh"), required=False, max_length=200)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("Ảnh"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "portal/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Trích dẫn"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Người nói"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "portal/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video from a platform the newsroom publishes on (YouTube, Facebook…), embedded by oEmbed."""

    video = EmbedBlock(label=_("Đường dẫn video"), help_text=_("Ví dụ: địa chỉ video trên YouTube."))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "portal/blocks/video.html"


class RelatedArticlesBlock(blocks.StructBlock):
    """The "Tin liên quan" box of chosen articles."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), default=_("Tin liên quan"), max_length=100)
    articles = blocks.ListBlock(blocks.PageChooserBlock(page_type="portal.ArticlePage"), label=_("Tin, bài"))

    class Meta:
        icon = "list-ul"
        label = _("Tin liên quan")
        template = "portal/blocks/related.html"


class OfferedDocumentBlock(blocks.StructBlock):
    """One file of "Tài liệu kèm theo" and the editor's choice whether readers may download it."""

    document = DocumentChooserBlock(label=_("Tệp"))
    public = blocks.BooleanBlock(
        label=_("Công khai cùng bài"),
        required=False,
        default=False,
        help_text=_(
            "Chỉ tệp được chọn ô này mới hiện cho bạn đọc tải về, khi bài đã đăng. Tệp của đơn vị phối hợp "
            "trở lại riêng tư khi bỏ chọn ô này, ngừng đăng hoặc gỡ bài."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("Tệp")


class DocumentsBlock(blocks.StructBlock):
    """Files that go with the article ("Tài liệu kèm theo"). Readers see only those the editor
    marked "Công khai cùng bài": the others stay in the draft for the newsroom, and a partner's
    file is served to readers only while a live article offers it (phoihop.newsroom.files)."""

    documents = blocks.ListBlock(OfferedDocumentBlock(), label=_("Các tệp"))

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu kèm theo")
        template = "portal/blocks/documents.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["offered"] = [item["document"] for item in value["documents"] if item["public"] and item["document"]]
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=PARAGRAPH_FEATURES)
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    table = TableBlock(label=_("Bảng"), template="portal/blocks/table.html")
    related = RelatedArticlesBlock()
    documents = DocumentsBlock()
