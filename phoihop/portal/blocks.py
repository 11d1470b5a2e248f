from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "blockquote"]


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


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=PARAGRAPH_FEATURES)
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    table = TableBlock(label=_("Bảng"), template="portal/blocks/table.html")
    related = RelatedArticlesBlock()
