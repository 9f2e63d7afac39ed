from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition


class MediaImage(AbstractImage):
    alt_text = models.CharField(
        _("mô tả ảnh (alt)"), max_length=255, blank=True,
        help_text=_("Mô tả ngắn nội dung ảnh cho người khiếm thị và máy đọc màn hình."),
    )
    credit = models.CharField(_("nguồn ảnh / tác giả"), max_length=255, blank=True)

    admin_form_fields = (
        "title", "file", "alt_text", "credit", "collection", "tags", "focal_point_x",
        "focal_point_y", "focal_point_width", "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    @property
    def default_alt_text(self) -> str:
        return self.alt_text or self.title


class MediaRendition(AbstractRendition):
    image = models.ForeignKey(MediaImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class MediaDocument(AbstractDocument):
    description = models.TextField(_("mô tả"), blank=True)

    admin_form_fields = ("title", "file", "description", "collection", "tags")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
