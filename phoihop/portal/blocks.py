from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=PARAGRAPH_FEATURES)
    image = CaptionedImageBlock()
