import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from exam_news.models.base import GuardedPublishMixin, SectionIndexPage

NOON = datetime.time(12, 0)


class ScheduleIndexPage(GuardedPublishMixin, SectionIndexPage):
    """The exam timetable: sessions and milestones, reviewed and published as one page."""

    content_panels = [
        *SectionIndexPage.content_panels,
        InlinePanel("sessions", heading=_("Buổi thi"), label=_("buổi thi")),
        InlinePanel("milestones", heading=_("Mốc thời gian"), label=_("mốc thời gian")),
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lịch thi")
        verbose_name_plural = _("lịch thi")


class Slot(models.TextChoices):
    MORNING = "morning", _("Sáng")
    AFTERNOON = "afternoon", _("Chiều")


class ExamSession(Orderable):
    page = ParentalKey(ScheduleIndexPage, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("ngày thi"))
    slot = models.CharField(_("buổi"), max_length=10, choices=Slot.choices)
    subject = models.CharField(_("môn thi / bài thi"), max_length=150)
    arrival_time = models.TimeField(
        _("giờ thí sinh có mặt"), null=True, blank=True,
        help_text=_("Giờ thí sinh phải có mặt tại điểm thi."),
    )
    paper_handout_time = models.TimeField(_("giờ phát đề"), null=True, blank=True)
    start_time = models.TimeField(_("giờ bắt đầu làm bài"))
    end_time = models.TimeField(_("giờ kết thúc"))
    notes = models.CharField(_("ghi chú"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("slot")]),
        FieldPanel("subject"),
        FieldRowPanel([FieldPanel("arrival_time"), FieldPanel("paper_handout_time")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("buổi thi")
        verbose_name_plural = _("buổi thi")

    def __str__(self) -> str:
        return f"{self.subject} ({self.date:%d/%m/%Y})"

    @property
    def duration_minutes(self) -> int:
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return int((end - start).total_seconds() // 60)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Giờ kết thúc phải sau giờ bắt đầu làm bài.")
        if self.start_time and self.slot:
            if self.slot == Slot.MORNING and self.start_time >= NOON:
                errors["slot"] = _("Buổi sáng phải bắt đầu trước 12:00.")
            if self.slot == Slot.AFTERNOON and self.start_time < NOON:
                errors["slot"] = _("Buổi chiều phải bắt đầu từ 12:00.")
        if self.paper_handout_time and self.start_time and self.paper_handout_time > self.start_time:
            errors["paper_handout_time"] = _("Giờ phát đề không được sau giờ bắt đầu làm bài.")
        if self.arrival_time and self.start_time and self.arrival_time > self.start_time:
            errors["arrival_time"] = _("Giờ có mặt không được sau giờ bắt đầu làm bài.")
        if errors:
            raise ValidationError(errors)


class MilestoneKind(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký dự thi")
    PROCEDURES = "procedures", _("Làm thủ tục dự thi")
    EXAM = "exam", _("Ngày thi")
    RESULTS = "results", _("Công bố kết quả")
    APPEAL = "appeal", _("Phúc khảo")
    ADMISSION_ADJUSTMENT = "admission_adjustment", _("Điều chỉnh nguyện vọng")
    OTHER = "other", _("Khác")


class Milestone(Orderable):
    page = ParentalKey(ScheduleIndexPage, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("loại mốc"), max_length=30, choices=MilestoneKind.choices)
    title = models.CharField(_("tên mốc"), max_length=200)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
