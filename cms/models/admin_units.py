from django.db import models
from django.utils.translation import gettext_lazy as _


class AdministrativeUnitQuerySet(models.QuerySet):
    def current(self) -> "AdministrativeUnitQuerySet":
        return self.filter(level__in=AdministrativeUnit.CURRENT_LEVELS)

    def legacy(self) -> "AdministrativeUnitQuerySet":
        return self.exclude(level__in=AdministrativeUnit.CURRENT_LEVELS)

    def communes(self) -> "AdministrativeUnitQuerySet":
        return self.filter(level=AdministrativeUnit.Level.COMMUNE)


class AdministrativeUnit(models.Model):
    """A province or commune of today's two-level system, or a unit that existed before 1 July 2025.

    Legacy units keep their official codes and point to the units that succeeded them, so content
    from 2020–2024 that names a district can still be found by the communes it became part of.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/thành phố")
        COMMUNE = "commune", _("Xã/phường/đặc khu")
        LEGACY_PROVINCE = "legacy_province", _("Tỉnh/thành phố (trước 01/7/2025)")
        LEGACY_DISTRICT = "legacy_district", _("Quận/huyện/thị xã (trước 01/7/2025)")

    CURRENT_LEVELS = (Level.PROVINCE, Level.COMMUNE)

    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    code = models.CharField(_("mã đơn vị"), max_length=5)
    name = models.CharField(_("tên đầy đủ"), max_length=120)
    short_name = models.CharField(_("tên rút gọn"), max_length=100)
    unit_type = models.CharField(_("loại đơn vị"), max_length=30)
    name_key = models.CharField(
        _("khoá tên không dấu"), max_length=100, db_index=True,
        help_text=_("Tên rút gọn bỏ dấu, viết liền: dùng để so khớp tên khi nhập dữ liệu."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="children",
    )
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True,
        related_name="predecessors",
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="unique_admin_unit_level_code"),
        ]

    def __str__(self) -> str:
        if self.is_legacy:
            return f"{self.name} (cũ)"
        return self.name

    @property
    def is_legacy(self) -> bool:
        return self.level not in self.CURRENT_LEVELS
