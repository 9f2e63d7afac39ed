import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from exam_news.models.base import ExamContentPage, GuardedPublishMixin, SectionIndexPage


class NoticeIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.NoticePage"]

    class Meta:
        verbose_name = _("mục thông báo khẩn")
        verbose_name_plural = _("mục thông báo khẩn")


class NoticeKind(models.TextChoices):
    WEATHER = "weather", _("Cảnh báo thời tiết, thiên tai")
    URGENT = "urgent", _("Thông báo khẩn")
    TRAFFIC = "traffic", _("Giao thông")
    OTHER = "other", _("Khác")


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("Cần hành động ngay")
    EXPECTED = "expected", _("Trong vài giờ tới")
    FUTURE = "future", _("Trong thời gian tới")


class DisasterRiskLevel(models.IntegerChoices):
    """Cấp độ rủi ro thiên tai (Quyết định 18/2021/QĐ-TTg)."""

    LEVEL_1 = 1, _("Cấp độ 1 – rủi ro nhỏ")
    LEVEL_2 = 2, _("Cấp độ 2 – rủi ro trung bình")
    LEVEL_3 = 3, _("Cấp độ 3 – rủi ro lớn")
    LEVEL_4 = 4, _("Cấp độ 4 – rủi ro rất lớn")
    LEVEL_5 = 5, _("Cấp độ 5 – thảm họa")


class NoticeQuerySet(PageQuerySet):
    """A notice is in force from ``valid_from`` (included) to ``valid_until`` (excluded; none: until withdrawn)."""

    def in_force_at(self, moment: datetime.datetime) -> "NoticeQuerySet":
        return self.filter(valid_from__lte=moment).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=moment))

    def in_force_during(self, start: datetime.datetime, end: datetime.datetime) -> "NoticeQuerySet":
        """Notices in force at some moment of [start, end)."""
        return self.filter(valid_from__lt=end).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=start))


class NoticePage(ExamContentPage):
    """An urgent notice or weather/disaster warning with a validity window."""

    notice_kind = models.CharField(_("loại thông báo"), max_length=20, choices=NoticeKind.choices)
    disaster_risk_level = models.PositiveSmallIntegerField(
        _("cấp độ rủi ro thiên tai"), choices=DisasterRiskLevel.choices, null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Bắt buộc với cảnh báo thời tiết, thiên tai."),
    )
    urgency = models.CharField(_("mức khẩn cấp"), max_length=20, choices=Urgency.choices,
                               default=Urgency.EXPECTED)
    valid_from = models.DateTimeField(_("hiệu lực từ"))
    valid_until = models.DateTimeField(_("hiệu lực đến"), null=True, blank=True)
    venues = ParentalManyToManyField(
        "exam_news.ExamVenue", verbose_name=_("điểm thi bị ảnh hưởng"), blank=True, related_name="notices",
    )

    content_panels = [
        *ExamContentPage.content_panels[:1],
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("notice_kind"), FieldPanel("urgency")]),
             FieldPanel("disaster_risk_level"),
             FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])],
            heading=_("Mức độ và hiệu lực"),
        ),
        *ExamContentPage.content_panels[1:],
        *ExamContentPage.classification_panels,
        FieldPanel("venues"),
    ]
    parent_page_types = ["exam_news.NoticeIndexPage"]

    objects = PageManager.from_queryset(NoticeQuerySet)()

    class Meta:
        verbose_name = _("thông báo khẩn")
        verbose_name_plural = _("thông báo khẩn")

    def in_force_at(self, moment: datetime.datetime) -> bool:
        return self.valid_from <= moment and (self.valid_until is None or self.valid_until > moment)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = _("Thời điểm hết hiệu lực phải sau thời điểm bắt đầu hiệu lực.")
        if self.notice_kind == NoticeKind.WEATHER and not self.disaster_risk_level:
            errors["disaster_risk_level"] = _("Cảnh báo thời tiết, thiên tai phải có cấp độ rủi ro (1–5).")
        if self.notice_kind and self.notice_kind != NoticeKind.WEATHER and self.disaster_risk_level:
            errors["disaster_risk_level"] = _("Chỉ cảnh báo thời tiết, thiên tai mới có cấp độ rủi ro.")
        if errors:
            raise ValidationError(errors)
