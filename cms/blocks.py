"""StreamField blocks shared by every content type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Ảnh")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    source = blocks.CharBlock(label=_("Người nói / nguồn"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề mục"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), icon="pilcrow")
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    document = DocumentChooserBlock(label=_("Tài liệu đính kèm"), icon="doc-full")

    class Meta:
        block_counts = {}
