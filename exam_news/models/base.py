"""Building blocks shared by the exam content pages."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock
from exam_news.forms import ExamContentPageForm
from exam_news.publishing import PublishBlocked, bundle_hold_problems, consent_problems

AREAS_HELP = _("Địa bàn mà nội dung đề cập. Để trống nghĩa là toàn tỉnh.")


def today() -> datetime.date:
    return timezone.localdate()


class GuardedPublishMixin:
    """Refuse ``publish()`` when a publishing rule is broken, whatever path asked for it."""

    def publish_problems(self) -> list[str]:
        return bundle_hold_problems(self.pk, self.go_live_at)

    def publish(self, revision, *args, **kwargs):
        problems = revision.as_object().publish_problems()
        if problems:
            raise PublishBlocked(problems)
        return super().publish(revision, *args, **kwargs)


class ConsentMixin(models.Model):
    """Content that may name or show a minor: publishing needs recorded consent."""

    names_minor = models.BooleanField(
        _("nêu tên hoặc có ảnh học sinh chưa đủ 18 tuổi"), default=False,
        help_text=_("Đánh dấu nếu bài nêu tên, ảnh hoặc thông tin nhận diện học sinh dưới 18 tuổi."),
    )
    consent_given_by = models.CharField(
        _("người đồng ý"), max_length=200, blank=True,
        help_text=_("Họ tên và quan hệ với học sinh, ví dụ: Bà Trần Thị Lan (mẹ của em Minh)."),
    )
    consent_given_on = models.DateField(_("ngày đồng ý"), null=True, blank=True)
    consent_note = models.CharField(_("ghi chú về sự đồng ý"), max_length=300, blank=True)

    consent_panels = [
        MultiFieldPanel(
            [FieldPanel("names_minor"), FieldPanel("consent_given_by"),
             FieldPanel("consent_given_on"), FieldPanel("consent_note")],
            heading=_("Sự đồng ý (học sinh chưa đủ 18 tuổi)"),
        )
    ]

    class Meta:
        abstract = True

    def consent_problems(self) -> list[str]:
        return consent_problems(self.names_minor, self.consent_given_by, self.consent_given_on)

    def publish_problems(self) -> list[str]:
        return self.consent_problems() + super().publish_problems()


class ExamContentPage(GuardedPublishMixin, Page):
    """An article-like page inside an exam section: dated, area-scoped, with topics and an image.

    Concrete (multi-table) on purpose: every kind's date, summary, image, areas and topics live in one
    table, so the API's unified stream, area filters and search read one table with one M2M join.
    """

    date = models.DateField(_("ngày đăng"), default=today)
    summary = models.TextField(_("tóm tắt"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("nội dung"))
    image = models.ForeignKey(
        "cms.MediaImage", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    areas = ParentalManyToManyField(
        "cms.AdministrativeUnit", verbose_name=_("địa bàn"), blank=True, related_name="+",
        help_text=AREAS_HELP,
    )
    topics = ParentalManyToManyField(
        "exam_news.Topic", verbose_name=_("chủ đề"), blank=True, related_name="+",
    )

    base_form_class = ExamContentPageForm
    content_panels = [
        *Page.content_panels, FieldPanel("date"), FieldPanel("summary"), FieldPanel("image"),
        FieldPanel("body"),
    ]
    classification_panels = [FieldPanel("areas"), FieldPanel("topics")]
    subpage_types: list[str] = []
    is_creatable = False

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [models.Index(fields=["date"], name="examcontent_date")]


class SectionIndexPage(Page):
    """One of the standard sub-pages of an exam section (schedule, venues, stories, …)."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["exam_news.ExamSectionPage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
