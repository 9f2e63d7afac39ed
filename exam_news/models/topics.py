from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Topic(models.Model):
    """A controlled topic (lịch thi, phúc khảo, an toàn giao thông…) that portals can filter by."""

    name = models.CharField(_("tên chủ đề"), max_length=100, unique=True)
    slug = models.SlugField(_("mã chủ đề"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
