"""Radio bulletins (bản tin truyền thanh) and the editor-extendable abbreviation dictionary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from exam_news import kinds

DEFAULT_SYLLABLES_PER_MINUTE = 200


def default_syllables_per_minute() -> int:
    """Reading speed for new bulletins: setting ``RADIO_SYLLABLES_PER_MINUTE`` (default 200)."""
    return int(getattr(settings, "RADIO_SYLLABLES_PER_MINUTE", DEFAULT_SYLLABLES_PER_MINUTE))


class Abbreviation(models.Model):
    """A written abbreviation and how the announcer says it (merged over the built-in dictionary)."""

    written = models.CharField(
        _("dạng viết"), max_length=60, unique=True,
        help_text=_("Đúng như trong văn bản, phân biệt hoa thường, ví dụ: BCĐ, TP., Sở GD&ĐT."),
    )
    spoken = models.CharField(
        _("cách đọc"), max_length=300, help_text=_("Ví dụ: ban chỉ đạo, thành phố, sở giáo dục và đào tạo."),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    panels = [FieldPanel("written"), FieldPanel("spoken"), FieldPanel("note")]

    class Meta:
        verbose_name = _("từ viết tắt")
        verbose_name_plural = _("từ điển viết tắt")
        ordering = ["written"]

    def __str__(self) -> str:
        return f"{self.written} → {self.spoken}"

    def clean(self) -> None:
        super().clean()
        self.written = " ".join((self.written or "").split())
        self.spoken = " ".join((self.spoken or "").split())
        errors: dict[str, str] = {}
        if not self.written:
            errors["written"] = _("Dạng viết không được để trống.")
        if not self.spoken:
            errors["spoken"] = _("Cách đọc không được để trống.")
        if self.written and Abbreviation.objects.filter(written=self.written).exclude(pk=self.pk).exists():
            errors["written"] = _("Từ viết tắt “%(written)s” đã có trong từ điển; hãy sửa mục đã có.") % {
                "written": self.written}
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None) -> None:
        # The duplicate is reported by clean() with a message that names the abbreviation.
        super().validate_unique(exclude=set(exclude or ()) | {"written"})


class BroadcastSlot(models.TextChoices):
    MORNING = "morning", _("Sáng")
    NOON = "noon", _("Trưa")
    AFTERNOON = "afternoon", _("Chiều")


class ItemKind(models.TextChoices):
    # The content kinds carry the label every channel uses (exam_news.kinds).
    NOTICE = "notice", kinds.label("notice")
    SCHEDULE = "schedule", kinds.label("schedule")
    VENUES = "venues", kinds.label("venue")
    NEWS = "news", kinds.label("news")
    STORY = "story", kinds.label("story")
    DIRECTIVE = "directive", kinds.label("directive")
    RESULTS = "results", kinds.label("results")
    REBUTTAL = "rebuttal", kinds.label("rebuttal")
    FAQ = "faq", kinds.label("faq")
    FREE_TEXT = "free_text", _("Nội dung tự soạn")


class Priority(models.IntegerChoices):
    URGENT = 1, _("Khẩn")
    HIGH = 2, _("Cao")
    NORMAL = 3, _("Bình thường")


class Bulletin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A read-aloud bulletin for one station, date and slot; reviewed by the workflow before export."""

    title = models.CharField(_("tiêu đề"), max_length=255)
    station = models.ForeignKey(
        "cms.RadioStation", verbose_name=_("đài truyền thanh"), on_delete=models.PROTECT, related_name="+",
    )
    section = models.ForeignKey(
        "exam_news.ExamSectionPage", verbose_name=_("chuyên mục kỳ thi"), on_delete=models.PROTECT,
        related_name="bulletins",
    )
    broadcast_date = models.DateField(_("ngày phát"))
    slot = models.CharField(_("buổi phát"), max_length=10, choices=BroadcastSlot.choices,
                            default=BroadcastSlot.MORNING)
    syllables_per_minute = models.PositiveSmallIntegerField(
        _("tốc độ đọc (âm tiết/phút)"), default=default_syllables_per_minute,
        validators=[MinValueValidator(60), MaxValueValidator(400)],
        help_text=_("Dùng để ước tính thời lượng đọc; phát thanh viên thường đọc 180–220 âm tiết mỗi phút."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bản tin truyền thanh")
        verbose_name_plural = _("bản tin truyền thanh")
        ordering = ["-broadcast_date", "station__name", "slot"]

    def __str__(self) -> str:
        return self.title


class BulletinItem(Orderable):
    """One item of a bulletin; kept in the bulletin's revisions (ParentalKey)."""

    bulletin = ParentalKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("loại mục"), max_length=20, choices=ItemKind.choices, default=ItemKind.FREE_TEXT)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang nguồn"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    heading = models.CharField(_("tiêu đề mục"), max_length=255)
    display_text = models.TextField(_("nội dung (dạng viết)"))
    spoken_override = models.TextField(
        _("lời đọc sửa tay"), blank=True,
        help_text=_("Để trống thì lời đọc được tạo tự động từ nội dung; điền vào để thay thế."),
    )
    priority = models.PositiveSmallIntegerField(_("mức ưu tiên"), choices=Priority.choices,
                                                default=Priority.NORMAL)
    area_codes = models.CharField(
        _("mã địa bàn"), max_length=500, blank=True,
        help_text=_("Mã đơn vị hành chính mà mục đề cập, cách nhau bởi dấu phẩy; để trống là toàn tỉnh."),
    )
    valid_from = models.DateTimeField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateTimeField(_("hiệu lực đến"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("priority")]),
        FieldPanel("heading"),
        FieldPanel("display_text"),
        FieldPanel("spoken_override"),
        MultiFieldPanel(
            [FieldPanel("page"), FieldPanel("area_codes"),
             FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])],
            heading=_("Nguồn, địa bàn và hiệu lực"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mục bản tin")
        verbose_name_plural = _("mục bản tin")

    def __str__(self) -> str:
        return self.heading

    @property
    def area_code_list(self) -> list[str]:
        return [code.strip() for code in self.area_codes.split(",") if code.strip()]

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("Thời điểm hết hiệu lực phải sau thời điểm bắt đầu hiệu lực.")})

