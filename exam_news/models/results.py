from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from exam_news.models.base import ConsentMixin, ExamContentPage, GuardedPublishMixin, SectionIndexPage
from exam_news.models.publishing_rules import consent_problems

SCORE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))]


class ResultsIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.ResultsPage"]

    class Meta:
        verbose_name = _("mục kết quả thi")
        verbose_name_plural = _("mục kết quả thi")


class ResultsPage(ConsentMixin, ExamContentPage):
    """Results news with structured statistics for the province."""

    candidates_registered = models.PositiveIntegerField(_("số thí sinh đăng ký"), null=True, blank=True)
    candidates_sat = models.PositiveIntegerField(_("số thí sinh dự thi"), null=True, blank=True)
    graduates = models.PositiveIntegerField(_("số thí sinh đỗ tốt nghiệp"), null=True, blank=True)
    graduation_rate = models.DecimalField(
        _("tỷ lệ tốt nghiệp (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Theo công bố chính thức; để trống để tính từ số đỗ / số dự thi."),
    )

    content_panels = [
        *ExamContentPage.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("candidates_registered"), FieldPanel("candidates_sat")]),
             FieldRowPanel([FieldPanel("graduates"), FieldPanel("graduation_rate")])],
            heading=_("Số liệu chung"),
        ),
        InlinePanel("subject_averages", heading=_("Điểm trung bình theo môn"), label=_("môn")),
        InlinePanel("score_bands", heading=_("Phổ điểm"), label=_("khoảng điểm")),
        InlinePanel("top_scorers", heading=_("Thí sinh điểm cao"), label=_("thí sinh")),
        *ExamContentPage.classification_panels,
        *ConsentMixin.consent_panels,
    ]
    parent_page_types = ["exam_news.ResultsIndexPage"]

    class Meta:
        verbose_name = _("tin kết quả thi")
        verbose_name_plural = _("tin kết quả thi")

    @property
    def effective_graduation_rate(self) -> Decimal | None:
        if self.graduation_rate is not None:
            return self.graduation_rate
        if self.graduates is not None and self.candidates_sat:
            return (Decimal(self.graduates) * 100 / self.candidates_sat).quantize(Decimal("0.01"))
        return None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if None not in (self.candidates_sat, self.candidates_registered) and \
                self.candidates_sat > self.candidates_registered:
            errors["candidates_sat"] = _("Số thí sinh dự thi không thể lớn hơn số đăng ký.")
        if None not in (self.graduates, self.candidates_sat) and self.graduates > self.candidates_sat:
            errors["graduates"] = _("Số thí sinh đỗ tốt nghiệp không thể lớn hơn số dự thi.")
        if errors:
            raise ValidationError(errors)

    def consent_problems(self) -> list[str]:
        problems = super().consent_problems()
        missing = [s.name for s in self.top_scorers.all() if not (s.consent_given_by and s.consent_given_on)]
        if missing:
            problems.append(_("Chưa thể xuất bản: chưa ghi nhận sự đồng ý nêu tên của thí sinh: %(names)s.")
                            % {"names": ", ".join(missing)})
        return problems


class SubjectAverage(Orderable):
    page = ParentalKey(ResultsPage, on_delete=models.CASCADE, related_name="subject_averages")
    subject = models.CharField(_("môn"), max_length=100)
    average = models.DecimalField(_("điểm trung bình"), max_digits=4, decimal_places=2, validators=SCORE)
    candidates = models.PositiveIntegerField(_("số thí sinh"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("subject"), FieldPanel("average"), FieldPanel("candidates")])]


class ScoreBand(Orderable):
    page = ParentalKey(ResultsPage, on_delete=models.CASCADE, related_name="score_bands")
    subject = models.CharField(_("môn"), max_length=100)
    score_from = models.DecimalField(_("từ điểm"), max_digits=4, decimal_places=2, validators=SCORE)
    score_to = models.DecimalField(_("đến điểm"), max_digits=4, decimal_places=2, validators=SCORE)
    count = models.PositiveIntegerField(_("số thí sinh"))

    panels = [FieldRowPanel([FieldPanel("subject"), FieldPanel("score_from"), FieldPanel("score_to"),
                             FieldPanel("count")])]

    def clean(self) -> None:
        super().clean()
        if self.score_from is not None and self.score_to is not None and self.score_to <= self.score_from:
            raise ValidationError({"score_to": _("Khoảng điểm phải có “đến điểm” lớn hơn “từ điểm”.")})


class TopScorer(Orderable):
    """A high scorer named in results news; naming needs the family's consent."""

    page = ParentalKey(ResultsPage, on_delete=models.CASCADE, related_name="top_scorers")
    name = models.CharField(_("họ tên"), max_length=150)
    school = models.CharField(_("trường"), max_length=200, blank=True)
    combination = models.CharField(_("tổ hợp / khối"), max_length=20, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=4, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("30"))])
    consent_given_by = models.CharField(_("người đồng ý"), max_length=200, blank=True)
    consent_given_on = models.DateField(_("ngày đồng ý"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("school")]),
        FieldRowPanel([FieldPanel("combination"), FieldPanel("total")]),
        FieldRowPanel([FieldPanel("consent_given_by"), FieldPanel("consent_given_on")]),
    ]

    def consent_problems(self) -> list[str]:
        return consent_problems(True, self.consent_given_by, self.consent_given_on)
