from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from exam_news.models.base import GuardedPublishMixin, SectionIndexPage

# Mainland plus the Hoàng Sa and Trường Sa archipelagos.
VIETNAM_LATITUDE = (6.0, 23.4)
VIETNAM_LONGITUDE = (102.1, 117.9)


def outside_vietnam(latitude: float, longitude: float) -> bool:
    return not (
        VIETNAM_LATITUDE[0] <= latitude <= VIETNAM_LATITUDE[1]
        and VIETNAM_LONGITUDE[0] <= longitude <= VIETNAM_LONGITUDE[1]
    )


class VenueIndexPage(GuardedPublishMixin, SectionIndexPage):
    """Landing page for the section's exam venues (the venues themselves are ExamVenue records)."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("danh sách điểm thi")
        verbose_name_plural = _("danh sách điểm thi")


class ExamVenue(models.Model):
    """An exam venue (điểm thi) of one section, as listed by the education department."""

    section = models.ForeignKey(
        "exam_news.ExamSectionPage", verbose_name=_("chuyên mục kỳ thi"), on_delete=models.CASCADE,
        related_name="venues",
    )
    code = models.CharField(
        _("mã điểm thi"), max_length=20,
        help_text=_("Mã do Sở GD&ĐT cấp, duy nhất trong một kỳ thi, ví dụ 001."),
    )
    name = models.CharField(_("tên điểm thi"), max_length=200, help_text=_("Thường là tên trường."))
    address = models.CharField(_("địa chỉ"), max_length=300, help_text=_("Số nhà, đường, ấp/khóm."))
    commune = models.ForeignKey(
        "cms.AdministrativeUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"level": "commune"},
    )
    legacy_district = models.ForeignKey(
        "cms.AdministrativeUnit", verbose_name=_("huyện (trước 01/7/2025)"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True, limit_choices_to={"level": "legacy_district"},
    )
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    rooms = models.PositiveIntegerField(_("số phòng thi"), null=True, blank=True,
                                        validators=[MinValueValidator(1)])
    candidates = models.PositiveIntegerField(_("số thí sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại liên hệ"), max_length=40, blank=True)
    access_notes = models.TextField(_("lưu ý đường đi"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    panels = [
        FieldPanel("section"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("commune"), FieldPanel("legacy_district")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
                        heading=_("Toạ độ")),
        FieldRowPanel([FieldPanel("rooms"), FieldPanel("candidates")]),
        FieldPanel("phone"),
        FieldPanel("access_notes"),
    ]

    class Meta:
        verbose_name = _("điểm thi")
        verbose_name_plural = _("điểm thi")
        ordering = ["section", "code"]
        permissions = [("import_content", _("Có thể nhập điểm thi, lịch thi từ bảng tính"))]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="unique_venue_code_per_section"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Cần nhập đủ cả vĩ độ và kinh độ.")
        elif self.latitude is not None and outside_vietnam(self.latitude, self.longitude):
            errors["latitude"] = _("Toạ độ (%(lat)s, %(lon)s) nằm ngoài lãnh thổ Việt Nam; "
                                   "kiểm tra lại vĩ độ/kinh độ (có thể bị đảo ngược).") % {
                "lat": self.latitude, "lon": self.longitude}
        if self.rooms and self.candidates and self.candidates > self.rooms * 30:
            errors["candidates"] = _("Số thí sinh vượt quá 30 người mỗi phòng thi.")
        if self.section_id and self.code:
            clash = ExamVenue.objects.filter(section_id=self.section_id, code=self.code).exclude(pk=self.pk)
            if clash.exists():
                errors["code"] = _("Mã điểm thi %(code)s đã có trong kỳ thi này.") % {"code": self.code}
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None) -> None:
        # The clash is reported by clean() with a message that names the code.
        super().validate_unique(exclude=set(exclude or ()) | {"code"})

    def validate_constraints(self, exclude=None) -> None:
        super().validate_constraints(exclude=set(exclude or ()) | {"code"})

    @property
    def area_ids(self) -> list[int]:
        return [pk for pk in (self.commune_id, self.legacy_district_id) if pk]
