"""News and stories: the plain article-like pages of a section."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from exam_news.models.base import ConsentMixin, ExamContentPage, GuardedPublishMixin, SectionIndexPage


class NewsIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.NewsPage"]

    class Meta:
        verbose_name = _("mục tin tức")
        verbose_name_plural = _("mục tin tức")


class NewsPage(ConsentMixin, ExamContentPage):
    content_panels = [
        *ExamContentPage.content_panels, *ExamContentPage.classification_panels,
        *ConsentMixin.consent_panels,
    ]
    parent_page_types = ["exam_news.NewsIndexPage"]

    class Meta:
        verbose_name = _("tin tức")
        verbose_name_plural = _("tin tức")


class StoryIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.StoryPage"]

    class Meta:
        verbose_name = _("mục gương điển hình")
        verbose_name_plural = _("mục gương điển hình")


class StoryKind(models.TextChoices):
    STUDENT = "student", _("Học sinh")
    TEACHER = "teacher", _("Thầy cô giáo")
    VOLUNTEER = "volunteer", _("Tình nguyện viên tiếp sức mùa thi")
    COMMUNITY = "community", _("Tập thể, cộng đồng")


class StoryPage(ConsentMixin, ExamContentPage):
    """An exemplary-student, teacher or volunteer story (gương điển hình, tiếp sức mùa thi)."""

    story_kind = models.CharField(_("loại gương điển hình"), max_length=20, choices=StoryKind.choices,
                                  default=StoryKind.STUDENT)

    content_panels = [
        *ExamContentPage.content_panels, FieldPanel("story_kind"),
        *ExamContentPage.classification_panels, *ConsentMixin.consent_panels,
    ]
    parent_page_types = ["exam_news.StoryIndexPage"]

    class Meta:
        verbose_name = _("gương điển hình")
        verbose_name_plural = _("gương điển hình")


class RebuttalIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.RebuttalPage"]

    class Meta:
        verbose_name = _("mục chống tin giả")
        verbose_name_plural = _("mục chống tin giả")


class Verdict(models.TextChoices):
    FALSE = "false", _("Sai sự thật")
    MISLEADING = "misleading", _("Gây hiểu nhầm")
    UNVERIFIED = "unverified", _("Chưa được kiểm chứng")
    TRUE = "true", _("Đúng sự thật")


class RebuttalPage(ExamContentPage):
    """A rumour rebuttal: the false claim, its verdict, the evidence (body) and the official source."""

    claim = models.TextField(_("thông tin sai lệch"), help_text=_("Nội dung tin đồn như đã lan truyền."))
    circulated_on = models.CharField(_("nơi lan truyền"), max_length=200, blank=True,
                                     help_text=_("Ví dụ: Facebook, Zalo, TikTok."))
    circulated_at = models.DateField(_("ngày phát hiện"), null=True, blank=True)
    verdict = models.CharField(_("kết luận"), max_length=20, choices=Verdict.choices, default=Verdict.FALSE)
    official_source_title = models.CharField(_("nguồn chính thống"), max_length=300)
    official_source_url = models.URLField(_("đường dẫn nguồn chính thống"), blank=True)

    content_panels = [
        *ExamContentPage.content_panels[:2],
        MultiFieldPanel(
            [FieldPanel("claim"), FieldPanel("circulated_on"), FieldPanel("circulated_at"),
             FieldPanel("verdict")],
            heading=_("Tin đồn và kết luận"),
        ),
        *ExamContentPage.content_panels[2:],
        MultiFieldPanel([FieldPanel("official_source_title"), FieldPanel("official_source_url")],
                        heading=_("Nguồn chính thống")),
        *ExamContentPage.classification_panels,
    ]
    parent_page_types = ["exam_news.RebuttalIndexPage"]

    class Meta:
        verbose_name = _("bài chống tin giả")
        verbose_name_plural = _("bài chống tin giả")


class FAQIndexPage(GuardedPublishMixin, SectionIndexPage):
    subpage_types = ["exam_news.QuestionPage"]

    class Meta:
        verbose_name = _("mục hỏi - đáp")
        verbose_name_plural = _("mục hỏi - đáp")


class QuestionTopic(models.TextChoices):
    PROCEDURES = "thu_tuc", _("Thủ tục dự thi")
    BELONGINGS = "vat_dung", _("Vật dụng mang vào phòng thi")
    APPEAL = "phuc_khao", _("Phúc khảo")
    RESULTS = "ket_qua", _("Kết quả thi")
    PRIORITY = "uu_tien", _("Chế độ ưu tiên")
    OTHER = "khac", _("Khác")


class QuestionPage(ExamContentPage):
    """One question and its answer in the section's Q&A column. The title is the question."""

    question_topic = models.CharField(_("nhóm câu hỏi"), max_length=20, choices=QuestionTopic.choices,
                                      default=QuestionTopic.OTHER)

    content_panels = [
        *ExamContentPage.content_panels, FieldPanel("question_topic"),
        *ExamContentPage.classification_panels,
    ]
    parent_page_types = ["exam_news.FAQIndexPage"]

    class Meta:
        verbose_name = _("câu hỏi - trả lời")
        verbose_name_plural = _("câu hỏi - trả lời")
