import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


class ReleaseBundleQuerySet(models.QuerySet):
    def holding(self, page_id: int, now: datetime.datetime) -> "ReleaseBundleQuerySet":
        """Scheduled bundles that still hold this page back at ``now``."""
        return self.filter(
            status=ReleaseBundle.Status.SCHEDULED, release_at__gt=now, items__page_id=page_id,
        ).order_by("release_at")

    def due(self, now: datetime.datetime) -> "ReleaseBundleQuerySet":
        return self.filter(status=ReleaseBundle.Status.SCHEDULED, release_at__lte=now)


class ReleaseBundle(ClusterableModel):
    """Several pages that go live together at one moment (e.g. results at 08:00 on results day)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SCHEDULED = "scheduled", _("Đã hẹn giờ")
        RELEASED = "released", _("Đã phát hành")
        CANCELLED = "cancelled", _("Đã huỷ")

    name = models.CharField(_("tên gói phát hành"), max_length=200)
    section = models.ForeignKey(
        "exam_news.ExamSectionPage", verbose_name=_("chuyên mục kỳ thi"), on_delete=models.CASCADE,
        related_name="release_bundles",
    )
    release_at = models.DateTimeField(_("thời điểm công bố"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              editable=False)
    released_at = models.DateTimeField(_("đã công bố lúc"), null=True, blank=True, editable=False)
    release_error = models.TextField(_("lỗi khi phát hành"), blank=True, default="", editable=False)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người hẹn giờ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )

    objects = ReleaseBundleQuerySet.as_manager()

    panels = [
        FieldPanel("name"), FieldPanel("section"), FieldPanel("release_at"),
        InlinePanel("items", heading=_("Nội dung trong gói"), label=_("trang"), min_num=1),
    ]

    class Meta:
        verbose_name = _("gói phát hành")
        verbose_name_plural = _("gói phát hành")
        ordering = ["-release_at"]
        permissions = [("schedule_releasebundle", _("Có thể hẹn giờ hoặc huỷ hẹn giờ gói phát hành"))]

    def __str__(self) -> str:
        return self.name


class ReleaseBundleItem(Orderable):
    bundle = ParentalKey(ReleaseBundle, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE,
                             related_name="+")

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("trang trong gói")
        constraints = [models.UniqueConstraint(fields=["bundle", "page"], name="unique_bundle_page")]
