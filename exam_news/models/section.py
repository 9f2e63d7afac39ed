from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from exam_news.models.page_forms import ExamSectionPageForm


class ExamKind(models.TextChoices):
    THPT = "thpt", _("Kỳ thi tốt nghiệp THPT")
    GRADE10 = "lop10", _("Tuyển sinh lớp 10")
    GRADE6 = "lop6", _("Tuyển sinh lớp 6")


def section_title(kind: str, year: int) -> str:
    if kind == ExamKind.THPT:
        return f"Kỳ thi tốt nghiệp THPT năm {year}"
    grade = 10 if kind == ExamKind.GRADE10 else 6
    return f"Tuyển sinh lớp {grade} năm học {year}–{year + 1}"


class ExamSectionPage(Page):
    """The portal section for one exam and year; all of its content lives below it."""

    kind = models.CharField(_("loại kỳ thi"), max_length=10, choices=ExamKind.choices)
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Năm tổ chức kỳ thi (với tuyển sinh: năm đầu của năm học)."),
    )
    intro = models.TextField(_("giới thiệu"), blank=True)
    exam_start = models.DateField(_("ngày thi đầu tiên"), null=True, blank=True)
    exam_end = models.DateField(_("ngày thi cuối cùng"), null=True, blank=True)
    results_at = models.DateTimeField(_("thời điểm công bố kết quả"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("exam_start"), FieldPanel("exam_end")]), FieldPanel("results_at")],
            heading=_("Mốc chính"),
        ),
    ]
    base_form_class = ExamSectionPageForm
    parent_page_types = ["cms.ProvinceHomePage"]
    subpage_types = [
        "exam_news.ScheduleIndexPage", "exam_news.VenueIndexPage", "exam_news.NewsIndexPage",
        "exam_news.StoryIndexPage", "exam_news.ResultsIndexPage", "exam_news.DirectiveIndexPage",
        "exam_news.NoticeIndexPage", "exam_news.RebuttalIndexPage", "exam_news.FAQIndexPage",
    ]

    class Meta:
        verbose_name = _("chuyên mục kỳ thi")
        verbose_name_plural = _("chuyên mục kỳ thi")

    @property
    def section_key(self) -> str:
        return f"{self.kind}:{self.year}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.exam_start and self.exam_end and self.exam_end < self.exam_start:
            errors["exam_end"] = _("Ngày thi cuối cùng không được trước ngày thi đầu tiên.")
        if self.year and self.exam_start and self.exam_start.year != self.year:
            errors["exam_start"] = _("Ngày thi phải thuộc năm %(year)s của chuyên mục.") % {"year": self.year}
        if self.results_at and self.exam_end and self.results_at.date() < self.exam_end:
            errors["results_at"] = _("Kết quả không thể công bố trước khi thi xong.")
        if self.kind and self.year and self._duplicate_exists():
            errors["year"] = _("Đã có chuyên mục “%(title)s” trong cổng này.") % {
                "title": section_title(self.kind, self.year)
            }
        if errors:
            raise ValidationError(errors)

    def _duplicate_exists(self) -> bool:
        parent = self.get_parent() if self.pk else getattr(self, "_clean_parent", None)
        siblings = ExamSectionPage.objects.filter(kind=self.kind, year=self.year)
        if parent is not None:
            siblings = siblings.child_of(parent)
        return siblings.exclude(pk=self.pk).exists()
