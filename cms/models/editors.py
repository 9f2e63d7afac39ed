from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class EditorScope(models.Model):
    """The areas a district/commune editor may write about. Editors without a scope are provincial."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
        related_name="editor_scope",
    )
    areas = models.ManyToManyField(
        "cms.AdministrativeUnit", verbose_name=_("địa bàn được phân công"), related_name="+",
        help_text=_("Xã/phường (hoặc huyện cũ: tự động gồm mọi xã/phường kế thừa huyện đó)."),
    )

    panels = [FieldPanel("user"), FieldPanel("areas")]

    class Meta:
        verbose_name = _("phân quyền địa bàn")
        verbose_name_plural = _("phân quyền địa bàn")

    def __str__(self) -> str:
        return str(self.user)
