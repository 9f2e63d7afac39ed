from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

ROOT_PATH_LENGTH = 8  # province home pages sit at depth 2; Wagtail paths use 4 characters per level


class ProvinceHomePage(Page):
    """Root page of one province portal's content; exam sections live below it."""

    province = models.ForeignKey(
        "cms.AdministrativeUnit", verbose_name=_("tỉnh/thành phố"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
        limit_choices_to={"level": "province"},
    )
    intro = models.TextField(_("giới thiệu"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    content_panels = [*Page.content_panels, FieldPanel("province"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("trang chủ cổng tỉnh")
        verbose_name_plural = _("trang chủ cổng tỉnh")


class HotlineBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Đơn vị / nội dung"))
    phone = blocks.CharBlock(label=_("Số điện thoại"), max_length=30)

    class Meta:
        icon = "mail"
        label = _("Đường dây nóng")


@register_setting(icon="site")
class ProvinceSettings(BaseSiteSetting):
    province = models.ForeignKey(
        "cms.AdministrativeUnit", verbose_name=_("tỉnh/thành phố"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
        limit_choices_to={"level": "province"},
    )
    portal_base_url = models.URLField(
        _("địa chỉ cổng thông tin công khai"), blank=True,
        help_text=_("Địa chỉ trang web (giao diện) của cổng tỉnh, ví dụ https://angiang.gov.vn. "
                    "Dùng để tạo đường dẫn công khai trong API và bản tin."),
    )
    hotlines = StreamField([("hotline", HotlineBlock())], blank=True, verbose_name=_("đường dây nóng"))

    panels = [FieldPanel("province"), FieldPanel("portal_base_url"), FieldPanel("hotlines")]

    class Meta:
        verbose_name = _("thiết lập cổng tỉnh")


class RadioStation(models.Model):
    """A radio station (đài truyền thanh) that receives read-aloud bulletins."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Đài tỉnh")
        COMMUNE = "commune", _("Đài truyền thanh cấp xã")

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="radio_stations")
    name = models.CharField(_("tên đài"), max_length=200)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices, default=Level.COMMUNE)
    area = models.ForeignKey(
        "cms.AdministrativeUnit", verbose_name=_("địa bàn phủ sóng"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )

    panels = [FieldPanel("site", heading=_("Cổng (trang web)")), FieldPanel("name"), FieldPanel("level"),
              FieldPanel("area")]

    class Meta:
        verbose_name = _("đài truyền thanh")
        verbose_name_plural = _("đài truyền thanh")
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="unique_station_name")]

    def __str__(self) -> str:
        return self.name
